package io.rungu.oauth.internal;

import com.github.scribejava.apis.openid.OpenIdJsonTokenExtractor;
import com.github.scribejava.core.builder.api.DefaultApi20;
import com.github.scribejava.core.extractors.TokenExtractor;
import com.github.scribejava.core.httpclient.HttpClient;
import com.github.scribejava.core.httpclient.HttpClientConfig;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.oauth.AccessTokenRequestParams;
import com.github.scribejava.core.oauth.OAuth20Service;
import com.github.scribejava.core.oauth2.clientauthentication.ClientAuthentication;
import com.github.scribejava.core.oauth2.clientauthentication.HttpBasicAuthenticationScheme;
import com.github.scribejava.core.oauth2.clientauthentication.RequestBodyAuthenticationScheme;
import java.io.OutputStream;

/**
 * A ScribeJava API description built from configured endpoints. Token responses are read as JSON (with the
 * OIDC {@code id_token} when present), and the token request asks for JSON, which GitHub needs.
 */
final class ScribeApi extends DefaultApi20 {
    private final String authorizationEndpoint;
    private final String tokenEndpoint;
    private final boolean secretInBody;

    ScribeApi(String authorizationEndpoint, String tokenEndpoint, boolean secretInBody) {
        this.authorizationEndpoint = authorizationEndpoint;
        this.tokenEndpoint = tokenEndpoint;
        this.secretInBody = secretInBody;
    }

    @Override
    public String getAccessTokenEndpoint() {
        return tokenEndpoint;
    }

    @Override
    protected String getAuthorizationBaseUrl() {
        return authorizationEndpoint;
    }

    @Override
    public TokenExtractor<OAuth2AccessToken> getAccessTokenExtractor() {
        return OpenIdJsonTokenExtractor.instance();
    }

    @Override
    public ClientAuthentication getClientAuthentication() {
        return secretInBody ? RequestBodyAuthenticationScheme.instance() : HttpBasicAuthenticationScheme.instance();
    }

    @Override
    public OAuth20Service createService(String apiKey, String apiSecret, String callback, String defaultScope,
                                        String responseType, OutputStream debugStream, String userAgent,
                                        HttpClientConfig httpClientConfig, HttpClient httpClient) {
        return new OAuth20Service(this, apiKey, apiSecret, callback, defaultScope, responseType, debugStream,
                userAgent, httpClientConfig, httpClient) {
            @Override
            protected OAuthRequest createAccessTokenRequest(AccessTokenRequestParams params) {
                OAuthRequest request = super.createAccessTokenRequest(params);
                request.addHeader("Accept", "application/json");
                return request;
            }
        };
    }
}
