package io.rungu.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.rungu.model.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
    @TempDir
    Path dir;
    AuthHarness h;

    @BeforeEach
    void start() {
        h = AuthHarness.start(dir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** The claims of the cookie the server set, to forge variants of it. */
    private JWTClaimsSet currentClaims() throws Exception {
        return SignedJWT.parse(h.cookies.get("session")).getJWTClaimsSet();
    }

    private static String sign(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private boolean anonymousWith(String cookie) {
        return AuthHarness.json(h.get("/whoami", "Cookie", "session=" + cookie)).has("anonymous");
    }

    @Test
    void a_sign_in_link_sets_a_strict_session_cookie_and_works_once() {
        String link = h.auth.createSignInLink("Ada@Example.com", Role.MEMBER, Duration.ofMinutes(15));
        assertThat(link).startsWith(h.origin + "/auth/link/");
        assertThat(link.substring(link.lastIndexOf('/') + 1)).hasSizeGreaterThanOrEqualTo(43);

        HttpResponse<String> first = h.get(link);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(AuthHarness.location(first)).isEqualTo("/");
        assertThat(h.setCookieLines.get("session"))
                .contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=" + Duration.ofDays(7).toSeconds())
                .doesNotContain("Secure");
        var me = AuthHarness.json(h.get("/auth/me")).get("data");
        assertThat(me.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(me.get("role").asText()).isEqualTo("member");

        h.cookies.clear();
        HttpResponse<String> again = h.get(link);
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(AuthHarness.location(again)).isEqualTo("/login?error=link_invalid");
        assertThat(h.cookies).doesNotContainKey("session");
    }

    @Test
    void a_sign_in_link_expires() {
        String link = h.auth.createSignInLink("ada@example.com", Role.ADMIN, Duration.ofMinutes(5));
        h.clock.advance(Duration.ofMinutes(5));
        assertThat(AuthHarness.location(h.get(link))).isEqualTo("/login?error=link_invalid");
        assertThat(AuthHarness.location(h.get("/auth/link/made-up-secret"))).isEqualTo("/login?error=link_invalid");
    }

    @Test
    void a_sign_in_link_honours_a_same_site_redirect_and_refuses_others() {
        String link = h.auth.createSignInLink("ada@example.com", Role.MEMBER, Duration.ofMinutes(5));
        for (String evil : new String[] {"//evil.example", "https://evil.example/", "/\\evil.example",
                "/\r\nSet-Cookie:x=1", "evil.example", "/\t/evil.example"}) {
            HttpResponse<String> r = h.get(link + "?redirect=" + java.net.URLEncoder.encode(evil, StandardCharsets.UTF_8));
            assertThat(AuthHarness.location(r)).as(evil).isEqualTo("/login?error=invalid_redirect");
        }
        // The refused attempts did not use the link up.
        HttpResponse<String> ok = h.get(link + "?redirect=/p/roadmap%3Ftab%3D1");
        assertThat(AuthHarness.location(ok)).isEqualTo("/p/roadmap?tab=1");
    }

    @Test
    void no_cookie_means_anonymous_and_me_answers_401_json() {
        assertThat(AuthHarness.json(h.get("/whoami")).has("anonymous")).isTrue();
        HttpResponse<String> me = h.get("/auth/me");
        assertThat(me.statusCode()).isEqualTo(401);
        assertThat(AuthHarness.json(me).get("code").asText()).isEqualTo("unauthenticated");
        assertThat(AuthHarness.json(me).has("fields")).isTrue();
    }

    @Test
    void session_answers_200_with_a_null_user_when_anonymous_and_sets_no_cookie() {
        HttpResponse<String> anonymous = h.get("/auth/session");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("{\"user\":null}");
        assertThat(anonymous.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-store");
        // An unusable cookie is anonymous too, and is left alone rather than cleared on every page load.
        HttpResponse<String> stale = h.get("/auth/session", "Cookie", "session=not-a-token");
        assertThat(AuthHarness.json(stale).get("user").isNull()).isTrue();
        assertThat(stale.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void session_names_the_signed_in_user_like_me_and_sets_no_cookie() {
        h.signInWithLink("ada@example.com", Role.ADMIN);
        HttpResponse<String> session = h.get("/auth/session");
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(AuthHarness.json(session).get("user")).isEqualTo(AuthHarness.json(h.get("/auth/me")).get("data"));
        assertThat(AuthHarness.json(session).get("user").get("role").asText()).isEqualTo("admin");
        h.post("/auth/logout", null);
        assertThat(AuthHarness.json(h.get("/auth/session")).get("user").isNull()).isTrue();
    }

    @Test
    void tampered_expired_unsigned_and_foreign_tokens_are_anonymous() throws Exception {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        String good = h.cookies.get("session");
        JWTClaimsSet claims = currentClaims();
        assertThat(anonymousWith(good)).isFalse();

        String[] parts = good.split("\\.");
        String otherUser = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(claims.getSubject(), "someone-else");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(otherUser.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(anonymousWith(tampered)).isTrue();

        String unsigned = new PlainJWT(claims).serialize();
        assertThat(anonymousWith(unsigned)).isTrue();
        assertThat(anonymousWith(parts[0].replace(parts[0], "eyJhbGciOiJub25lIn0") + "." + parts[1] + ".")).isTrue();

        assertThat(anonymousWith(sign(claims, "another-secret-that-is-32-bytes-long!!"))).isTrue();

        JWTClaimsSet expired = new JWTClaimsSet.Builder(claims)
                .expirationTime(Date.from(h.clock.instant().minusSeconds(1))).build();
        assertThat(anonymousWith(sign(expired, AuthHarness.SECRET))).isTrue();

        assertThat(anonymousWith("garbage")).isTrue();
        // Re-signing with the real secret still works, so the checks above failed for the right reason.
        assertThat(anonymousWith(sign(claims, AuthHarness.SECRET))).isFalse();
    }

    @Test
    void a_session_ends_when_its_time_is_up() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        h.clock.advance(Duration.ofDays(7));
        assertThat(AuthHarness.json(h.get("/whoami")).has("anonymous")).isTrue();
    }

    @Test
    void logout_revokes_the_session_at_once_even_for_a_copied_cookie() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        String copy = h.cookies.get("session");

        HttpResponse<String> out = h.post("/auth/logout", null);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(AuthHarness.json(out).get("ok").asBoolean()).isTrue();
        assertThat(h.setCookieLines.get("session")).contains("Max-Age=0");
        assertThat(anonymousWith(copy)).isTrue();
    }

    @Test
    void signing_out_everywhere_ends_every_session_of_the_user() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        String otherDevice = h.cookies.get("session");
        h.cookies.clear();
        h.signInWithLink("ada@example.com", Role.MEMBER);

        assertThat(h.post("/auth/logout-everywhere", null).statusCode()).isEqualTo(200);
        assertThat(anonymousWith(otherDevice)).isTrue();
        assertThat(h.cookies).doesNotContainKey("session");
        assertThat(h.post("/auth/logout-everywhere", null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_demoted_user_loses_admin_on_the_next_request() {
        String id = h.signInWithLink("root@example.com", Role.ADMIN);
        assertThat(AuthHarness.json(h.get("/whoami")).get("role").asText()).isEqualTo("admin");

        h.setRole(id, Role.MEMBER);

        assertThat(AuthHarness.json(h.get("/whoami")).get("role").asText()).isEqualTo("member");
    }

    @Test
    void a_cross_site_write_with_a_valid_cookie_is_refused() {
        h.signInWithLink("ada@example.com", Role.MEMBER);

        HttpResponse<String> foreign = h.post("/write", "{}", "Origin", "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(AuthHarness.json(foreign).get("code").asText()).isEqualTo("forbidden");
        assertThat(h.post("/write", "{}", "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(h.post("/write", "{}", "Origin", "null").statusCode()).isEqualTo(403);
        assertThat(h.post("/auth/logout", null, "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        // the one rule of io.rungu.model.CrossSite, as the board's host-login mode applies it
        assertThat(h.post("/write", "{}", "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
        assertThat(AuthHarness.json(h.post("/write", "{}", "Origin", "https://evil.example")).get("error").asText())
                .isEqualTo(io.rungu.model.CrossSite.MESSAGE);

        assertThat(h.post("/write", "{}", "Origin", h.origin, "Sec-Fetch-Site", "same-origin").statusCode())
                .isEqualTo(200);
        assertThat(h.post("/write", "{}").statusCode()).isEqualTo(200);
        assertThat(AuthHarness.json(h.get("/whoami", "Sec-Fetch-Site", "cross-site")).has("user_id")).isTrue();
    }

    @Test
    void a_login_with_an_open_redirect_or_an_unknown_provider_is_refused() {
        assertThat(AuthHarness.location(h.get("/auth/nope/login"))).isEqualTo("/login?error=provider_unknown");
        assertThat(AuthHarness.json(h.get("/auth/providers")).get("providers")).isEmpty();
    }

    @Test
    void routes_and_cookies_live_under_the_base_path() {
        h.close();
        h = AuthHarness.start(dir.resolve("based"), "/feedback", a -> { });
        String link = h.auth.createSignInLink("ada@example.com", Role.MEMBER, Duration.ofMinutes(5));
        assertThat(link).startsWith(h.origin + "/feedback/auth/link/");

        HttpResponse<String> r = h.get(link);
        assertThat(AuthHarness.location(r)).isEqualTo("/feedback/");
        assertThat(h.setCookieLines.get("session")).contains("Path=/feedback;");
        assertThat(AuthHarness.location(h.get(link))).isEqualTo("/feedback/login?error=link_invalid");
    }

    @Test
    void an_admin_email_is_promoted_when_signing_in_with_a_link() {
        h.close();
        h = AuthHarness.start(dir.resolve("admins"), "", a -> a.adminEmails.add("Root@Example.com"));
        h.signInWithLink("root@example.com", Role.MEMBER);
        assertThat(AuthHarness.json(h.get("/whoami")).get("role").asText()).isEqualTo("admin");
    }
}
