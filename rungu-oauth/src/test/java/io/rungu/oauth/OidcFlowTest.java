package io.rungu.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole authorization-code flow over real HTTP against a real OpenID Connect server. */
class OidcFlowTest {
    @TempDir
    Path dir;
    MockOAuth2Server idp;
    AuthHarness h;
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() {
        idp = new MockOAuth2Server();
        idp.start();
        h = AuthHarness.start(dir, "", a -> {
            a.oidc("mock", "Mock SSO", idp.issuerUrl("default").toString(), "rungu-client", "rungu-secret");
            a.oidc("other", "Other SSO", idp.issuerUrl("other").toString(), "rungu-client-2", "secret-2");
            a.adminEmails.add("root@example.com");
        });
    }

    @AfterEach
    void stop() {
        h.close();
        idp.shutdown();
    }

    private void nextLogin(String issuerId, String subject, String email, boolean verified) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("email_verified", verified);
        claims.put("name", "Ada Lovelace");
        claims.put("picture", "https://pics.example/ada.png");
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of("ignored"), claims, 3600));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String q = URI.create(url).getRawQuery();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** What a browser does at the identity provider: it follows the authorize URL and gets sent back. */
    private String atProvider(String authorizeUrl) throws IOException, InterruptedException {
        HttpResponse<String> r = browser.send(HttpRequest.newBuilder(URI.create(authorizeUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return AuthHarness.location(r);
    }

    /** Starts a login, passes the provider, and returns the callback URL (not yet visited). */
    private String loginUpToCallback(String provider, String redirect) throws Exception {
        HttpResponse<String> login = h.get("/auth/" + provider + "/login" + (redirect == null ? "" : "?redirect=" + redirect));
        assertThat(login.statusCode()).isEqualTo(302);
        return atProvider(AuthHarness.location(login));
    }

    @Test
    void the_login_redirect_carries_state_pkce_and_nonce() {
        HttpResponse<String> login = h.get("/auth/mock/login");
        assertThat(login.statusCode()).isEqualTo(302);
        String location = AuthHarness.location(login);
        assertThat(location).startsWith(idp.authorizationEndpointUrl("default").toString());
        Map<String, String> q = query(location);
        assertThat(q.get("response_type")).isEqualTo("code");
        assertThat(q.get("client_id")).isEqualTo("rungu-client");
        assertThat(q.get("redirect_uri")).isEqualTo(h.origin + "/auth/mock/callback");
        assertThat(q.get("scope")).contains("openid").contains("email");
        assertThat(q.get("state")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(q.get("nonce")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(q.get("code_challenge_method")).isEqualTo("S256");
        assertThat(q.get("code_challenge")).hasSize(43);
        assertThat(h.cookies.get("rungu_oauth_state")).isEqualTo(q.get("state"));
        assertThat(h.setCookieLines.get("rungu_oauth_state")).contains("Path=/auth", "HttpOnly", "SameSite=Lax");

        JsonNode providers = AuthHarness.json(h.get("/auth/providers")).get("providers");
        assertThat(providers).hasSize(2);
        assertThat(providers.get(0).get("name").asText()).isEqualTo("mock");
        assertThat(providers.get(0).get("label").asText()).isEqualTo("Mock SSO");
        assertThat(providers.get(0).get("login_url").asText()).isEqualTo(h.origin + "/auth/mock/login");
    }

    @Test
    void the_callback_creates_the_user_and_signs_them_in() throws Exception {
        nextLogin("default", "sub-ada", "Ada@Example.com", true);
        String callback = loginUpToCallback("mock", "/p/ideas");
        assertThat(callback).startsWith(h.origin + "/auth/mock/callback?");

        HttpResponse<String> done = h.get(callback);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(AuthHarness.location(done)).isEqualTo("/p/ideas");
        assertThat(h.cookies).containsKey("session").doesNotContainKey("rungu_oauth_state");

        JsonNode me = AuthHarness.json(h.get("/auth/me")).get("data");
        assertThat(me.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(me.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(me.get("avatar_url").asText()).isEqualTo("https://pics.example/ada.png");
        assertThat(me.get("role").asText()).isEqualTo("member");
    }

    @Test
    void a_second_provider_with_the_same_verified_email_links_to_the_same_user() throws Exception {
        nextLogin("default", "sub-ada", "ada@example.com", true);
        h.get(loginUpToCallback("mock", null));
        String first = AuthHarness.json(h.get("/auth/me")).get("data").get("id").asText();
        h.cookies.clear();

        nextLogin("other", "another-subject", "ADA@example.com", true);
        HttpResponse<String> done = h.get(loginUpToCallback("other", null));
        assertThat(AuthHarness.location(done)).isEqualTo("/");
        assertThat(AuthHarness.json(h.get("/auth/me")).get("data").get("id").asText()).isEqualTo(first);
    }

    @Test
    void an_unverified_email_is_refused() throws Exception {
        nextLogin("default", "sub-x", "mallory@example.com", false);
        HttpResponse<String> done = h.get(loginUpToCallback("mock", null));
        assertThat(AuthHarness.location(done)).isEqualTo("/login?error=email_unverified");
        assertThat(h.cookies).doesNotContainKey("session");
        assertThat(h.store.accounts().findUserByEmail("mallory@example.com")).isEmpty();
    }

    @Test
    void an_admin_email_is_promoted_at_login() throws Exception {
        nextLogin("default", "sub-root", "root@example.com", true);
        h.get(loginUpToCallback("mock", null));
        assertThat(AuthHarness.json(h.get("/auth/me")).get("data").get("role").asText()).isEqualTo("admin");
    }

    @Test
    void a_callback_with_another_state_is_refused() throws Exception {
        nextLogin("default", "sub-ada", "ada@example.com", true);
        String callback = loginUpToCallback("mock", null);
        String state = query(callback).get("state");
        HttpResponse<String> r = h.get(callback.replace("state=" + state, "state=forged" + state.substring(6)));
        assertThat(AuthHarness.location(r)).isEqualTo("/login?error=state_mismatch");
        assertThat(h.cookies).doesNotContainKey("session");
    }

    @Test
    void a_callback_without_the_state_cookie_is_refused() throws Exception {
        nextLogin("default", "sub-ada", "ada@example.com", true);
        String callback = loginUpToCallback("mock", null);
        h.cookies.clear();
        HttpResponse<String> r = h.get(callback);
        assertThat(AuthHarness.location(r)).isEqualTo("/login?error=state_mismatch");
        assertThat(h.cookies).doesNotContainKey("session");
    }

    @Test
    void a_replayed_callback_is_refused() throws Exception {
        nextLogin("default", "sub-ada", "ada@example.com", true);
        String callback = loginUpToCallback("mock", null);
        String stateCookie = h.cookies.get("rungu_oauth_state");
        assertThat(AuthHarness.location(h.get(callback))).isEqualTo("/");

        h.cookies.clear();
        h.cookies.put("rungu_oauth_state", stateCookie);
        HttpResponse<String> replay = h.get(callback);
        assertThat(AuthHarness.location(replay)).isEqualTo("/login?error=state_mismatch");
        assertThat(h.cookies).doesNotContainKey("session");
    }

    @Test
    void an_id_token_with_another_nonce_is_refused() throws Exception {
        nextLogin("default", "sub-ada", "ada@example.com", true);
        HttpResponse<String> login = h.get("/auth/mock/login");
        String authorize = AuthHarness.location(login);
        String nonce = query(authorize).get("nonce");
        String callback = atProvider(authorize.replace("nonce=" + nonce, "nonce=attacker-chosen-nonce"));

        HttpResponse<String> r = h.get(callback);
        assertThat(AuthHarness.location(r)).isEqualTo("/login?error=provider_error");
        assertThat(h.cookies).doesNotContainKey("session");
    }

    @Test
    void a_code_for_another_pkce_verifier_is_refused() throws Exception {
        nextLogin("default", "sub-ada", "ada@example.com", true);
        HttpResponse<String> login = h.get("/auth/mock/login");
        String authorize = AuthHarness.location(login);
        String challenge = query(authorize).get("code_challenge");
        String callback = atProvider(authorize.replace("code_challenge=" + challenge,
                "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));

        HttpResponse<String> r = h.get(callback);
        assertThat(AuthHarness.location(r)).isEqualTo("/login?error=provider_error");
    }

    @Test
    void a_provider_error_is_shown_as_a_code_without_the_providers_text() {
        h.get("/auth/mock/login");
        String state = h.cookies.get("rungu_oauth_state");
        HttpResponse<String> r = h.get("/auth/mock/callback?error=access_denied&error_description=%3Cscript%3E&state=" + state);
        assertThat(AuthHarness.location(r)).isEqualTo("/login?error=access_denied");
        HttpResponse<String> other = h.get("/auth/mock/callback?error=server_error&error_description=boom");
        assertThat(AuthHarness.location(other)).isEqualTo("/login?error=provider_error");
    }

    @Test
    void a_login_asking_for_an_open_redirect_is_refused_before_the_provider() {
        for (String evil : new String[] {"%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example",
                "%2Fok%0D%0ASet-Cookie%3A%20x%3D1"}) {
            HttpResponse<String> r = h.get("/auth/mock/login?redirect=" + evil);
            assertThat(AuthHarness.location(r)).as(evil).isEqualTo("/login?error=invalid_redirect");
            assertThat(h.cookies).doesNotContainKey("rungu_oauth_state");
        }
    }
}
