package io.rungu.oauth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.exceptions.OAuthException;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClientConfig;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.AccessTokenRequestParams;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.pkce.PKCECodeChallengeMethod;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The authorization-code flow of one provider through ScribeJava: the authorize URL, the code exchange, API calls. */
final class OAuthClient {
    static final String USER_AGENT = "Rungu";

    private final String providerName;
    private final OAuth20Service service;
    private final boolean pkce;

    OAuthClient(String providerName, String clientId, String clientSecret, String redirectUri, String scopes,
                String authorizationEndpoint, String tokenEndpoint, boolean secretInBody, boolean pkce,
                Duration timeout) {
        this.providerName = providerName;
        this.pkce = pkce;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.service = new ServiceBuilder(clientId)
                .apiSecret(clientSecret)
                .callback(redirectUri)
                .defaultScope(scopes)
                .userAgent(USER_AGENT)
                .httpClientConfig(JDKHttpClientConfig.defaultConfig().withConnectTimeout(millis).withReadTimeout(millis))
                .build(new ScribeApi(authorizationEndpoint, tokenEndpoint, secretInBody));
    }

    /** The provider URL with state, the PKCE S256 challenge and (for OIDC) the nonce. */
    String authorizationUrl(String state, String codeVerifier, String nonce) {
        Map<String, String> extra = new LinkedHashMap<>();
        if (nonce != null) {
            extra.put("nonce", nonce);
        }
        var builder = service.createAuthorizationUrlBuilder().state(state).additionalParams(extra);
        if (pkce) {
            PKCE challenge = new PKCE();
            challenge.setCodeVerifier(codeVerifier);
            challenge.setCodeChallenge(Secrets.sha256Base64Url(codeVerifier));
            challenge.setCodeChallengeMethod(PKCECodeChallengeMethod.S256);
            builder.pkce(challenge);
        }
        return builder.build();
    }

    /** Exchanges the authorization code (with the PKCE verifier) for tokens. */
    OAuth2AccessToken exchange(String code, String codeVerifier) {
        AccessTokenRequestParams params = AccessTokenRequestParams.create(code);
        if (pkce) {
            params.pkceCodeVerifier(codeVerifier);
        }
        try {
            return service.getAccessToken(params);
        } catch (OAuthException | IOException | ExecutionException e) {
            throw new LoginFailure("provider_error", providerName + ": token exchange failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure("provider_error", providerName + ": token exchange interrupted", e);
        }
    }

    /** GETs a JSON document with the access token as bearer. */
    JsonNode getJson(OAuth2AccessToken token, String url, String accept) {
        OAuthRequest request = new OAuthRequest(Verb.GET, url);
        request.addHeader("Accept", accept);
        request.addHeader("User-Agent", USER_AGENT);
        service.signRequest(token, request);
        try (Response response = service.execute(request)) {
            String body = response.getBody();
            if (!response.isSuccessful()) {
                throw new LoginFailure("provider_error", providerName + ": GET " + url + " answered "
                        + response.getCode());
            }
            JsonNode json = Json.parseOrNull(body);
            if (json == null) {
                throw new LoginFailure("provider_error", providerName + ": GET " + url + " did not answer JSON");
            }
            return json;
        } catch (IOException | ExecutionException | OAuthException e) {
            throw new LoginFailure("provider_error", providerName + ": GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure("provider_error", providerName + ": GET " + url + " interrupted", e);
        }
    }
}
