package io.rungu.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Role;
import io.rungu.model.User;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in defects found by the security review, each replayed against a real OpenID Connect server. */
class OidcHardeningTest {
    static final String KELVIN_KIM = "victim.\u212Aim@example.com";

    @TempDir
    Path dir;
    final MockOAuth2Server idp = new MockOAuth2Server();
    AuthHarness h;
    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private void start(String basePath) {
        idp.start();
        h = AuthHarness.start(dir, basePath, a -> {
            a.oidc("mock", "Mock SSO", idp.issuerUrl("default").toString(), "rungu-client", "rungu-secret");
            a.adminEmails.add("boss.kim@example.com");
        });
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
        idp.shutdown();
    }

    private void nextLogin(String subject, Map<String, Object> claims) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of("ignored"), claims, 3600));
    }

    private static Map<String, Object> verified(String email) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("email_verified", true);
        return claims;
    }

    /** Login, provider and callback: returns the final redirect of the callback. */
    private HttpResponse<String> signIn(String redirect) throws Exception {
        HttpResponse<String> login = h.get("/auth/mock/login" + (redirect == null ? "" : "?redirect=" + redirect));
        assertThat(login.statusCode()).isEqualTo(302);
        HttpResponse<String> atIdp = browser.send(HttpRequest.newBuilder(URI.create(AuthHarness.location(login)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atIdp.statusCode()).as(atIdp.body()).isEqualTo(302);
        return h.get(AuthHarness.location(atIdp));
    }

    @Test
    void a_kelvin_sign_address_does_not_sign_in_as_the_ascii_account() throws Exception {
        start("");
        User victim = h.store.accounts().ensureUser("victim.kim@example.com", "Victim Kim", Role.MEMBER);
        Map<String, Object> claims = verified(KELVIN_KIM);
        claims.put("name", "Mallory");
        nextLogin("attacker-subject", claims);

        HttpResponse<String> done = signIn(null);

        assertThat(AuthHarness.location(done)).isEqualTo("/login?error=sign_in_failed");
        assertThat(h.cookies).doesNotContainKey("session");
        assertThat(h.store.accounts().findUser(victim.id()).orElseThrow().name()).isEqualTo("Victim Kim");
    }

    @Test
    void a_kelvin_sign_address_is_not_promoted_by_the_admin_list() throws Exception {
        start("");
        nextLogin("attacker-subject", verified("boss.\u212Aim@example.com"));

        HttpResponse<String> done = signIn(null);

        assertThat(AuthHarness.location(done)).isEqualTo("/login?error=sign_in_failed");
        assertThat(h.store.accounts().hasAdmin()).isFalse();
    }

    @Test
    void upper_case_ascii_still_links_to_the_same_account() throws Exception {
        start("");
        User kim = h.store.accounts().ensureUser("victim.kim@example.com", "Victim Kim", Role.MEMBER);
        nextLogin("kim-subject", verified("Victim.KIM@Example.com"));

        signIn(null);

        assertThat(AuthHarness.json(h.get("/auth/me")).get("data").get("id").asText()).isEqualTo(kim.id());
    }

    @Test
    void an_email_as_preferred_username_is_never_the_display_name() throws Exception {
        start("");
        Map<String, Object> claims = verified("ada@example.com");
        claims.put("preferred_username", "ada@example.com");
        nextLogin("sub-ada", claims);

        signIn(null);

        String name = AuthHarness.json(h.get("/auth/me")).get("data").get("name").asText();
        assertThat(name).doesNotContain("@").doesNotContain("ada").startsWith("User ");
    }

    @Test
    void given_and_family_names_come_before_an_email_shaped_username() throws Exception {
        start("");
        Map<String, Object> claims = verified("ada@example.com");
        claims.put("preferred_username", "ada@example.com");
        claims.put("given_name", "Ada");
        claims.put("family_name", "Lovelace");
        nextLogin("sub-ada", claims);

        signIn(null);

        assertThat(AuthHarness.json(h.get("/auth/me")).get("data").get("name").asText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void a_plain_preferred_username_is_still_used() throws Exception {
        start("");
        Map<String, Object> claims = verified("ada@example.com");
        claims.put("preferred_username", "ada.l");
        nextLogin("sub-ada", claims);

        signIn(null);

        assertThat(AuthHarness.json(h.get("/auth/me")).get("data").get("name").asText()).isEqualTo("ada.l");
    }

    @Test
    void the_redirect_after_sign_in_stays_under_the_base_path() throws Exception {
        start("/fb");
        nextLogin("sub-ada", verified("ada@example.com"));

        HttpResponse<String> done = signIn("%2Fboard%2Fmain%3Fsort%3Dnew");

        assertThat(AuthHarness.location(done)).isEqualTo("/fb/board/main?sort=new");
        assertThat(h.cookies).containsKey("session");
    }

    @Test
    void a_sign_in_link_redirect_stays_under_the_base_path() {
        start("/fb");
        String link = h.auth.createSignInLink("ada@example.com", Role.MEMBER, java.time.Duration.ofMinutes(5));

        HttpResponse<String> done = h.get(link + "?redirect=%2Faccount");

        assertThat(AuthHarness.location(done)).isEqualTo("/fb/account");
    }
}
