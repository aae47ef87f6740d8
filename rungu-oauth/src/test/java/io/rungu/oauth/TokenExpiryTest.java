package io.rungu.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens with an expiry, and "sign out everywhere" that can take the tokens along. */
class TokenExpiryTest {
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

    private JsonNode create(String body) {
        HttpResponse<String> r = h.post("/api/tokens", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return AuthHarness.json(r).get("data");
    }

    @Test
    void a_token_with_expires_in_works_until_then_and_is_refused_and_listed_as_expired_after() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        Instant now = h.clock.peek();
        JsonNode created = create("{\"name\":\"ci\",\"scope\":\"read\",\"expires_in\":3600}");
        String secret = created.get("secret").asText();
        assertThat(Instant.parse(created.get("token").get("expires_at").asText()))
                .isBetween(now.plusSeconds(3599), now.plusSeconds(3601));
        assertThat(created.get("token").get("expired").asBoolean()).isFalse();

        assertThat(h.get("/auth/me", "Authorization", "Bearer " + secret).statusCode()).isEqualTo(200);
        h.clock.advance(Duration.ofSeconds(3601));

        HttpResponse<String> refused = h.get("/whoami", "Cookie", "", "Authorization", "Bearer " + secret);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(AuthHarness.json(refused).get("error").asText()).contains("expired");
        JsonNode listed = AuthHarness.json(h.get("/api/tokens")).get("data").get(0);
        assertThat(listed.get("expired").asBoolean()).isTrue();
        assertThat(listed.get("expires_at").isNull()).isFalse();
    }

    @Test
    void a_token_without_expires_in_never_expires() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        JsonNode created = create("{\"name\":\"laptop\",\"scope\":\"read\"}");
        assertThat(created.get("token").get("expires_at").isNull()).isTrue();
        h.clock.advance(Duration.ofDays(4000));
        assertThat(h.get("/whoami", "Cookie", "", "Authorization", "Bearer " + created.get("secret").asText())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void expires_in_must_be_a_positive_whole_number_of_seconds_within_ten_years() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        for (String bad : new String[] {"0", "-5", "1.5", "\"90d\"", "true", "315360001", "99999999999999999999"}) {
            HttpResponse<String> r = h.post("/api/tokens", "{\"name\":\"x\",\"scope\":\"read\",\"expires_in\":" + bad + "}");
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isEqualTo(400);
            assertThat(AuthHarness.json(r).get("fields").has("expires_in")).as(bad).isTrue();
        }
        assertThat(AuthHarness.json(h.get("/api/tokens")).get("data")).isEmpty();
    }

    @Test
    void the_embedding_api_and_cli_path_take_a_lifetime_too() {
        var issued = h.auth.createTokenFor("bot@example.com", "bot", TokenScope.READ, Duration.ofSeconds(1));
        assertThat(h.get("/whoami", "Authorization", "Bearer " + issued.secret()).statusCode()).isEqualTo(200);
        h.clock.advance(Duration.ofSeconds(1));
        assertThat(h.get("/whoami", "Authorization", "Bearer " + issued.secret()).statusCode()).isEqualTo(401);
    }

    @Test
    void sign_out_everywhere_keeps_tokens_unless_asked_to_revoke_them() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        String kept = create("{\"name\":\"a\",\"scope\":\"read\"}").get("secret").asText();
        HttpResponse<String> plain = h.post("/auth/logout-everywhere", null);
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(AuthHarness.json(plain).get("tokens_revoked").asInt()).isZero();
        assertThat(h.get("/whoami", "Authorization", "Bearer " + kept).statusCode()).isEqualTo(200);

        h.signInWithLink("ada@example.com", Role.MEMBER);
        String second = create("{\"name\":\"b\",\"scope\":\"write\"}").get("secret").asText();
        HttpResponse<String> all = h.post("/auth/logout-everywhere", "{\"revoke_tokens\":true}");
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(AuthHarness.json(all).get("tokens_revoked").asInt()).isEqualTo(2);
        assertThat(h.get("/whoami", "Authorization", "Bearer " + kept).statusCode()).isEqualTo(401);
        assertThat(h.get("/whoami", "Authorization", "Bearer " + second).statusCode()).isEqualTo(401);
        assertThat(h.cookies).doesNotContainKey("session");
    }
}
