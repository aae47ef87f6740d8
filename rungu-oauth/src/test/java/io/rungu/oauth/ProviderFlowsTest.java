package io.rungu.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Google and GitHub sign-in against local servers that answer like those providers' documented endpoints. */
class ProviderFlowsTest {
    @TempDir
    Path dir;
    final FakeProvider fake = new FakeProvider();
    AuthHarness h;

    /** Per authorization code: the login's PKCE challenge and nonce, as the provider would remember them. */
    final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        fake.close();
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Starts a login and plays the provider's consent page: returns our callback URL with a fresh code. */
    private String consent(String provider) {
        HttpResponse<String> login = h.get("/auth/" + provider + "/login");
        assertThat(login.statusCode()).isEqualTo(302);
        Map<String, String> q = FakeProvider.query(AuthHarness.location(login));
        String code = "code-" + codes.size();
        codes.put(code, q);
        return q.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8);
    }

    /** True when the token request proves the PKCE verifier for this code. */
    private boolean pkceMatches(FakeProvider.Seen request) throws Exception {
        Map<String, String> login = codes.get(request.form().get("code"));
        return login != null && "S256".equals(login.get("code_challenge_method"))
                && s256(request.form().get("code_verifier")).equals(login.get("code_challenge"));
    }

    // --- GitHub ---

    private volatile String githubEmails;

    private void startGitHub() {
        fake.route("/login/oauth/access_token", r -> {
            try {
                if (!"POST".equals(r.method()) || !"gh-id".equals(r.form().get("client_id"))
                        || !"gh-secret".equals(r.form().get("client_secret")) || !pkceMatches(r)) {
                    return FakeProvider.Reply.json("{\"error\":\"bad_verification_code\"}");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            // Like GitHub: form-encoded unless JSON is asked for.
            if (!"application/json".equals(r.header("Accept"))) {
                return new FakeProvider.Reply(200, "application/x-www-form-urlencoded",
                        "access_token=gho_token&scope=read%3Auser&token_type=bearer");
            }
            return FakeProvider.Reply.json("{\"access_token\":\"gho_token\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}");
        });
        fake.route("/api/user/emails", r -> authorizedGitHub(r) ? FakeProvider.Reply.json(githubEmails)
                : new FakeProvider.Reply(401, "application/json", "{\"message\":\"Requires authentication\"}"));
        fake.route("/api/user", r -> authorizedGitHub(r)
                ? FakeProvider.Reply.json("{\"login\":\"ada\",\"id\":4242,\"name\":null,\"email\":\"ada@public.example\","
                        + "\"avatar_url\":\"https://avatars.example/u/4242\"}")
                : new FakeProvider.Reply(401, "application/json", "{\"message\":\"Requires authentication\"}"));
        h = AuthHarness.start(dir, "", a -> {
            ProviderConfig gh = a.github("gh-id", "gh-secret");
            gh.authorizationEndpoint = fake.url("/login/oauth/authorize");
            gh.tokenEndpoint = fake.url("/login/oauth/access_token");
            gh.userinfoEndpoint = fake.url("/api/user");
            gh.emailsEndpoint = fake.url("/api/user/emails");
        });
    }

    private static boolean authorizedGitHub(FakeProvider.Seen r) {
        // GitHub's REST API refuses requests without a User-Agent.
        return "Bearer gho_token".equals(r.header("Authorization")) && r.header("User-Agent") != null;
    }

    @Test
    void github_sign_in_uses_the_primary_verified_email() {
        githubEmails = "[{\"email\":\"ada@old.example\",\"primary\":false,\"verified\":true},"
                + "{\"email\":\"Ada@Example.com\",\"primary\":true,\"verified\":true,\"visibility\":\"private\"}]";
        startGitHub();
        String authorize = AuthHarness.location(h.get("/auth/github/login"));
        assertThat(authorize).startsWith(fake.url("/login/oauth/authorize?"));
        assertThat(FakeProvider.query(authorize).get("scope")).isEqualTo("read:user user:email");
        assertThat(FakeProvider.query(authorize)).doesNotContainKey("nonce");

        HttpResponse<String> done = h.get(consent("github"));
        assertThat(AuthHarness.location(done)).isEqualTo("/");
        JsonNode me = AuthHarness.json(h.get("/auth/me")).get("data");
        assertThat(me.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(me.get("name").asText()).isEqualTo("ada");
        assertThat(me.get("avatar_url").asText()).isEqualTo("https://avatars.example/u/4242");
        assertThat(fake.seen).filteredOn(s -> s.path().endsWith("/access_token"))
                .allSatisfy(s -> assertThat(s.header("Accept")).isEqualTo("application/json"));
    }

    @Test
    void github_without_a_primary_verified_email_is_refused() {
        githubEmails = "[{\"email\":\"ada@example.com\",\"primary\":true,\"verified\":false},"
                + "{\"email\":\"ada@other.example\",\"primary\":false,\"verified\":true}]";
        startGitHub();
        HttpResponse<String> done = h.get(consent("github"));
        assertThat(AuthHarness.location(done)).isEqualTo("/login?error=email_unverified");
        assertThat(h.cookies).doesNotContainKey("session");
    }

    @Test
    void github_with_a_wrong_code_is_a_provider_error() {
        githubEmails = "[]";
        startGitHub();
        String callback = consent("github").replace("code=code-0", "code=stolen");
        assertThat(AuthHarness.location(h.get(callback))).isEqualTo("/login?error=provider_error");
    }

    // --- OpenID Connect providers (Google, Keycloak) ---

    private RSAKey providerKey;
    private volatile boolean emailVerified = true;

    /**
     * Token, JWKS and userinfo endpoints like an OIDC provider's: the token endpoint checks client credentials
     * (HTTP Basic) and PKCE, and returns an ID token with the login's nonce, signed by {@code signingKey}
     * (null: the key published in the JWKS).
     */
    private void oidcRoutes(String prefix, String issuer, String clientId, String clientSecret, String userinfo,
                            RSAKey signingKey) throws Exception {
        providerKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        fake.route(prefix + "/token", r -> {
            try {
                String basic = "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
                Map<String, String> login = codes.get(r.form().get("code"));
                if (!basic.equals(r.header("Authorization")) || !pkceMatches(r)
                        || !"authorization_code".equals(r.form().get("grant_type"))) {
                    return new FakeProvider.Reply(400, "application/json", "{\"error\":\"invalid_grant\"}");
                }
                JWTClaimsSet claims = new JWTClaimsSet.Builder()
                        .issuer(issuer).subject("1090001").audience(clientId)
                        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
                        .claim("nonce", login.get("nonce")).claim("email", "grace@example.com")
                        .claim("email_verified", emailVerified).build();
                SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").build(), claims);
                idToken.sign(new RSASSASigner(signingKey == null ? providerKey : signingKey));
                return FakeProvider.Reply.json("{\"access_token\":\"at-123\",\"expires_in\":3599,\"token_type\":\"Bearer\","
                        + "\"scope\":\"openid email profile\",\"id_token\":\"" + idToken.serialize() + "\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        fake.route(prefix + "/certs", r -> FakeProvider.Reply.json(new JWKSet(providerKey.toPublicJWK()).toString()));
        fake.route(prefix + "/userinfo", r -> "Bearer at-123".equals(r.header("Authorization"))
                ? FakeProvider.Reply.json(userinfo.replace("VERIFIED", String.valueOf(emailVerified)))
                : new FakeProvider.Reply(401, "application/json", "{\"error\":\"invalid_token\"}"));
    }

    private void startGoogle(RSAKey signingKey) throws Exception {
        oidcRoutes("/google", "https://accounts.google.com", "g-id.apps", "g-secret",
                "{\"sub\":\"1090001\",\"name\":\"Grace Hopper\",\"picture\":\"https://lh3.example/g\","
                        + "\"email\":\"Grace@Example.com\",\"email_verified\":VERIFIED}", signingKey);
        h = AuthHarness.start(dir, "", a -> {
            ProviderConfig g = a.google("g-id.apps", "g-secret");
            g.authorizationEndpoint = fake.url("/google/auth");
            g.tokenEndpoint = fake.url("/google/token");
            g.userinfoEndpoint = fake.url("/google/userinfo");
            g.jwksUri = fake.url("/google/certs");
        });
    }

    @Test
    void google_sign_in_verifies_the_id_token_and_reads_the_oidc_userinfo() throws Exception {
        startGoogle(null);
        String authorize = AuthHarness.location(h.get("/auth/google/login"));
        assertThat(FakeProvider.query(authorize)).containsKeys("nonce", "state", "code_challenge");

        HttpResponse<String> done = h.get(consent("google"));
        assertThat(AuthHarness.location(done)).isEqualTo("/");
        JsonNode me = AuthHarness.json(h.get("/auth/me")).get("data");
        assertThat(me.get("email").asText()).isEqualTo("grace@example.com");
        assertThat(me.get("name").asText()).isEqualTo("Grace Hopper");
        assertThat(me.get("avatar_url").asText()).isEqualTo("https://lh3.example/g");
    }

    @Test
    void a_google_id_token_signed_by_another_key_is_refused() throws Exception {
        startGoogle(new RSAKeyGenerator(2048).keyID("key-1").generate());
        assertThat(AuthHarness.location(h.get(consent("google")))).isEqualTo("/login?error=provider_error");
        assertThat(h.cookies).doesNotContainKey("session");
    }

    @Test
    void a_google_account_with_an_unverified_email_is_refused() throws Exception {
        emailVerified = false;
        startGoogle(null);
        assertThat(AuthHarness.location(h.get(consent("google")))).isEqualTo("/login?error=email_unverified");
    }

    @Test
    void keycloak_sign_in_uses_the_realm_endpoints_and_falls_back_to_the_username() throws Exception {
        String realm = "/kc/realms/staff/protocol/openid-connect";
        oidcRoutes(realm, fake.url("/kc/realms/staff"), "rungu", "kc-secret",
                "{\"sub\":\"1090001\",\"preferred_username\":\"grace\",\"email\":\"grace@example.com\","
                        + "\"email_verified\":VERIFIED}", null);
        h = AuthHarness.start(dir, "", a -> a.keycloak(fake.url("/kc/"), "staff", "rungu", "kc-secret"));

        String authorize = AuthHarness.location(h.get("/auth/keycloak/login"));
        assertThat(authorize).startsWith(fake.url(realm + "/auth?"));
        HttpResponse<String> done = h.get(consent("keycloak"));
        assertThat(AuthHarness.location(done)).isEqualTo("/");
        JsonNode me = AuthHarness.json(h.get("/auth/me")).get("data");
        assertThat(me.get("email").asText()).isEqualTo("grace@example.com");
        assertThat(me.get("name").asText()).isEqualTo("grace");
    }
}
