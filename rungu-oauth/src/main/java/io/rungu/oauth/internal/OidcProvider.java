package io.rungu.oauth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.apis.openid.OpenIdOAuth2AccessToken;
import com.github.scribejava.core.model.OAuth2AccessToken;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.rungu.model.ProviderIdentity;
import io.rungu.oauth.ProviderConfig;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

/**
 * An OpenID Connect provider (Google, Keycloak, any issuer with a discovery document). The ID token's signature
 * is checked against the provider's JWKS, and its issuer, audience, expiry and nonce against this login; the
 * email and its verified flag come from the userinfo endpoint when there is one (its subject must match).
 */
final class OidcProvider implements Provider {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private final ProviderConfig config;
    private final String redirectUri;
    private final Duration timeout;
    private final Clock clock;
    private volatile Resolved resolved;

    /** The parts that exist once the endpoints are known. */
    private record Resolved(OAuthClient client, DefaultJWTProcessor<SecurityContext> jwks, String userinfo) {}

    OidcProvider(ProviderConfig config, String redirectUri, Duration timeout, Clock clock) {
        this.config = config;
        this.redirectUri = redirectUri;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public String name() {
        return config.name;
    }

    @Override
    public String label() {
        return config.label;
    }

    @Override
    public boolean usesNonce() {
        return true;
    }

    @Override
    public String authorizationUrl(String state, String codeVerifier, String nonce) {
        return resolve().client().authorizationUrl(state, codeVerifier, nonce);
    }

    @Override
    public ProviderIdentity identity(String code, String codeVerifier, String nonce) {
        Resolved r = resolve();
        OAuth2AccessToken token = r.client().exchange(code, codeVerifier);
        String idToken = token instanceof OpenIdOAuth2AccessToken oidc ? oidc.getOpenIdToken() : null;
        if (idToken == null || idToken.isBlank()) {
            throw new LoginFailure("provider_error", config.name + ": the token response has no id_token");
        }
        JWTClaimsSet claims = verifyIdToken(r, idToken, nonce);
        String subject = claims.getSubject();
        String email = stringClaim(claims, "email");
        boolean verified = Boolean.TRUE.equals(claims.getClaim("email_verified"))
                || "true".equals(String.valueOf(claims.getClaim("email_verified")));
        String name = stringClaim(claims, "name");
        String username = stringClaim(claims, "preferred_username");
        String given = fullName(stringClaim(claims, "given_name"), stringClaim(claims, "family_name"));
        String picture = stringClaim(claims, "picture");
        if (r.userinfo() != null) {
            JsonNode info = r.client().getJson(token, r.userinfo(), "application/json");
            if (!subject.equals(Json.text(info, "sub"))) {
                throw new LoginFailure("provider_error", config.name + ": userinfo subject differs from the ID token's");
            }
            if (Json.text(info, "email") != null) {
                email = Json.text(info, "email");
                verified = Json.bool(info, "email_verified");
            }
            name = firstNonBlank(Json.text(info, "name"), name);
            username = firstNonBlank(Json.text(info, "preferred_username"), username);
            given = firstNonBlank(fullName(Json.text(info, "given_name"), Json.text(info, "family_name")), given);
            picture = firstNonBlank(Json.text(info, "picture"), picture);
        }
        return new ProviderIdentity(config.name, subject, email, verified,
                firstNonBlank(withoutAt(name), firstNonBlank(withoutAt(given), withoutAt(username))), picture);
    }

    private JWTClaimsSet verifyIdToken(Resolved r, String idToken, String nonce) {
        JWTClaimsSet claims;
        try {
            claims = r.jwks().process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new LoginFailure("provider_error", config.name + ": ID token rejected: " + e.getMessage(), e);
        }
        // The nonce is compared here, not by the claims verifier, so the log can say which check failed.
        if (nonce == null || !Secrets.constantTimeEquals(nonce, stringClaim(claims, "nonce"))) {
            throw new LoginFailure("provider_error", config.name + ": ID token nonce does not match this login");
        }
        Set<String> issuers = new HashSet<>(config.alternateIssuers);
        issuers.add(config.issuer);
        if (!issuers.contains(claims.getIssuer())) {
            throw new LoginFailure("provider_error", config.name + ": ID token issuer '" + claims.getIssuer()
                    + "' is not '" + config.issuer + "'");
        }
        return claims;
    }

    private Resolved resolve() {
        Resolved r = resolved;
        if (r == null) {
            synchronized (this) {
                r = resolved;
                if (r == null) {
                    r = build();
                    resolved = r;
                }
            }
        }
        return r;
    }

    private Resolved build() {
        String authorization = config.authorizationEndpoint;
        String token = config.tokenEndpoint;
        String userinfo = config.userinfoEndpoint;
        String jwksUri = config.jwksUri;
        boolean secretInBody = config.clientSecretInBody;
        if (config.discover) {
            JsonNode doc = discover();
            authorization = firstNonBlank(authorization, Json.text(doc, "authorization_endpoint"));
            token = firstNonBlank(token, Json.text(doc, "token_endpoint"));
            userinfo = firstNonBlank(userinfo, Json.text(doc, "userinfo_endpoint"));
            jwksUri = firstNonBlank(jwksUri, Json.text(doc, "jwks_uri"));
            JsonNode methods = doc.get("token_endpoint_auth_methods_supported");
            if (methods != null && methods.isArray()) {
                boolean basic = false;
                boolean post = false;
                for (JsonNode m : methods) {
                    basic |= "client_secret_basic".equals(m.asText());
                    post |= "client_secret_post".equals(m.asText());
                }
                secretInBody = secretInBody || (post && !basic);
            }
            if (authorization == null || token == null || jwksUri == null) {
                throw new LoginFailure("provider_error", config.name
                        + ": the discovery document lacks authorization_endpoint, token_endpoint or jwks_uri");
            }
        }
        OAuthClient client = new OAuthClient(config.name, config.clientId, config.clientSecret, redirectUri,
                config.scopes, authorization, token, secretInBody, config.pkce, timeout);
        return new Resolved(client, idTokenProcessor(jwksUri), userinfo);
    }

    private DefaultJWTProcessor<SecurityContext> idTokenProcessor(String jwksUri) {
        URL url;
        try {
            url = URI.create(jwksUri).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new LoginFailure("provider_error", config.name + ": bad jwks_uri " + jwksUri, e);
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .<SecurityContext>create(url, new DefaultResourceRetriever(millis, millis, 512 * 1024))
                .build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.clientId, null,
                Set.of("iss", "sub", "aud", "exp", "iat")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        });
        return processor;
    }

    private JsonNode discover() {
        String url = config.issuer + "/.well-known/openid-configuration";
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/json").header("User-Agent", OAuthClient.USER_AGENT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode doc = response.statusCode() == 200 ? Json.parseOrNull(response.body()) : null;
            if (doc == null || !doc.isObject()) {
                throw new LoginFailure("provider_error", config.name + ": discovery at " + url + " answered "
                        + response.statusCode() + " without a JSON document");
            }
            String issuer = Json.text(doc, "issuer");
            if (issuer == null || !trimSlash(issuer).equals(trimSlash(config.issuer))) {
                throw new LoginFailure("provider_error", config.name + ": discovery issuer '" + issuer
                        + "' differs from the configured '" + config.issuer + "'");
            }
            return doc;
        } catch (IOException | IllegalArgumentException e) {
            throw new LoginFailure("provider_error", config.name + ": discovery at " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginFailure("provider_error", config.name + ": discovery interrupted", e);
        }
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        return v instanceof String s ? s : null;
    }

    /** Null for a value holding an {@code @}: Keycloak ("email as username") and Entra ID put the email there. */
    private static String withoutAt(String value) {
        return value == null || value.indexOf('@') >= 0 ? null : value;
    }

    private static String fullName(String given, String family) {
        String name = ((given == null ? "" : given.strip()) + " " + (family == null ? "" : family.strip())).strip();
        return name.isEmpty() ? null : name;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
