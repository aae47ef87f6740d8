package io.rungu.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.Role;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
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

    private JsonNode createToken(String name, String scope) {
        HttpResponse<String> r = h.post("/api/tokens", "{\"name\":\"" + name + "\",\"scope\":\"" + scope + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return AuthHarness.json(r).get("data");
    }

    @Test
    void a_token_is_shown_once_with_its_prefix_and_then_authenticates_requests() {
        String userId = h.signInWithLink("ada@example.com", Role.MEMBER);
        JsonNode created = createToken("laptop", "write");
        String secret = created.get("secret").asText();
        assertThat(secret).startsWith("rgu_").hasSizeGreaterThanOrEqualTo(4 + 32);
        assertThat(created.get("token").get("prefix").asText()).isEqualTo(secret.substring(0, 8));
        assertThat(created.get("token").get("scope").asText()).isEqualTo("write");
        assertThat(created.get("token").get("last_used_at").isNull()).isTrue();

        JsonNode list = AuthHarness.json(h.get("/api/tokens"));
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.get("data").get(0).has("secret")).isFalse();
        assertThat(list.get("pagination").get("total").asInt()).isEqualTo(1);

        h.cookies.clear();
        JsonNode who = AuthHarness.json(h.get("/whoami", "Authorization", "Bearer " + secret));
        assertThat(who.get("user_id").asText()).isEqualTo(userId);
        assertThat(who.get("channel").asText()).isEqualTo("API_TOKEN");
        assertThat(who.get("scope").asText()).isEqualTo("write");
        assertThat(AuthHarness.json(h.get("/auth/me", "Authorization", "Bearer " + secret)).get("data")
                .get("email").asText()).isEqualTo("ada@example.com");
        assertThat(AuthHarness.json(h.get("/api/tokens", "Authorization", "Bearer " + secret)).get("data").get(0)
                .get("last_used_at").isNull()).isFalse();
    }

    @Test
    void a_read_token_resolves_to_a_read_only_actor_that_cannot_make_tokens() {
        h.signInWithLink("ada@example.com", Role.ADMIN);
        String secret = createToken("reader", "read").get("secret").asText();
        h.cookies.clear();

        JsonNode who = AuthHarness.json(h.get("/whoami", "Authorization", "Bearer " + secret));
        assertThat(who.get("scope").asText()).isEqualTo("read");
        assertThat(who.get("role").asText()).isEqualTo("admin");
        HttpResponse<String> write = h.post("/projects?n=1", null, "Authorization", "Bearer " + secret);
        assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        assertThat(h.store.board().listProjects(Actor.anonymous(), io.rungu.model.PageRequest.FIRST).items()).isEmpty();
        HttpResponse<String> more = h.post("/api/tokens", "{\"name\":\"x\",\"scope\":\"write\"}",
                "Authorization", "Bearer " + secret);
        assertThat(more.statusCode()).isEqualTo(403);
        assertThat(AuthHarness.json(more).get("code").asText()).isEqualTo("forbidden");
        assertThat(AuthHarness.json(more).get("error").asText()).isEqualTo(RunguException.READ_ONLY_MESSAGE);
        assertThat(AuthHarness.json(write).get("error").asText()).isEqualTo(RunguException.READ_ONLY_MESSAGE);
    }

    @Test
    void a_read_token_cannot_sign_its_owner_out_everywhere_but_a_write_token_can() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        String session = h.cookies.get("session");
        String reader = createToken("reader", "read").get("secret").asText();
        String writer = createToken("writer", "write").get("secret").asText();
        h.cookies.clear();

        HttpResponse<String> refused = h.post("/auth/logout-everywhere", null, "Authorization", "Bearer " + reader);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(AuthHarness.json(refused).get("error").asText()).isEqualTo(RunguException.READ_ONLY_MESSAGE);
        assertThat(AuthHarness.json(h.get("/whoami", "Cookie", "session=" + session)).has("user_id")).isTrue();

        assertThat(h.post("/auth/logout-everywhere", null, "Authorization", "Bearer " + writer).statusCode())
                .isEqualTo(200);
        assertThat(AuthHarness.json(h.get("/whoami", "Cookie", "session=" + session)).has("anonymous")).isTrue();
    }

    @Test
    void logout_with_a_bearer_token_says_the_token_stays_valid_instead_of_pretending() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        String secret = createToken("ci", "write").get("secret").asText();
        h.cookies.clear();

        HttpResponse<String> out = h.post("/auth/logout", null, "Authorization", "Bearer " + secret);
        assertThat(out.statusCode()).as(out.body()).isEqualTo(400);
        JsonNode body = AuthHarness.json(out);
        assertThat(body.get("code").asText()).isEqualTo("invalid");
        assertThat(body.get("error").asText()).isEqualTo("Signing out ends a browser session; an API token stays "
                + "valid until you revoke it (DELETE /api/tokens/{id})");
        assertThat(body.has("ok")).isFalse();
        assertThat(AuthHarness.json(h.get("/whoami", "Authorization", "Bearer " + secret)).has("user_id")).isTrue();
    }

    @Test
    void a_bug_in_a_sign_in_route_answers_the_same_500_body_as_the_board_with_a_request_id() {
        h.store.close();
        HttpResponse<String> broken = h.get("/auth/me", "Authorization", "Bearer rgu_whatever");
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(500);
        JsonNode body = AuthHarness.json(broken);
        assertThat(body.get("error").asText()).isEqualTo("Internal server error");
        assertThat(body.get("code").asText()).isEqualTo("internal");
        assertThat(body.get("request_id").asText()).isNotBlank();
    }

    @Test
    void a_write_token_of_an_admin_can_write_to_the_board() {
        h.signInWithLink("root@example.com", Role.ADMIN);
        String secret = createToken("deploy", "write").get("secret").asText();
        h.cookies.clear();
        HttpResponse<String> write = h.post("/projects?n=2", null, "Authorization", "Bearer " + secret,
                "Origin", "https://elsewhere.example");
        assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
    }

    @Test
    void a_revoked_or_unknown_bearer_token_is_refused_with_401_json() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        JsonNode created = createToken("ci", "write");
        String secret = created.get("secret").asText();

        assertThat(h.delete("/api/tokens/" + created.get("token").get("id").asText()).statusCode()).isEqualTo(204);
        h.cookies.clear();

        HttpResponse<String> revoked = h.get("/whoami", "Authorization", "Bearer " + secret);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(AuthHarness.json(revoked).get("code").asText()).isEqualTo("unauthenticated");
        assertThat(h.get("/auth/me", "Authorization", "Bearer rgu_nonsense").statusCode()).isEqualTo(401);
        assertThat(h.get("/api/tokens", "Authorization", "Bearer not-a-rungu-token").statusCode()).isEqualTo(401);
    }

    @Test
    void only_the_owner_or_an_admin_can_list_or_revoke_a_token() {
        h.signInWithLink("ada@example.com", Role.MEMBER);
        String tokenId = createToken("ci", "write").get("token").get("id").asText();
        String adaId = AuthHarness.json(h.get("/whoami")).get("user_id").asText();

        h.cookies.clear();
        h.signInWithLink("bob@example.com", Role.MEMBER);
        assertThat(h.delete("/api/tokens/" + tokenId).statusCode()).isEqualTo(403);
        assertThat(h.get("/api/tokens?user_id=" + adaId).statusCode()).isEqualTo(403);

        h.cookies.clear();
        h.signInWithLink("root@example.com", Role.ADMIN);
        assertThat(AuthHarness.json(h.get("/api/tokens?user_id=" + adaId)).get("data")).hasSize(1);
        assertThat(h.delete("/api/tokens/" + tokenId).statusCode()).isEqualTo(204);
        assertThat(h.delete("/api/tokens/" + tokenId).statusCode()).isEqualTo(404);
    }

    @Test
    void token_requests_need_an_account_and_valid_json() {
        assertThat(h.get("/api/tokens").statusCode()).isEqualTo(401);
        assertThat(h.post("/api/tokens", "{\"name\":\"x\",\"scope\":\"read\"}").statusCode()).isEqualTo(401);

        h.signInWithLink("ada@example.com", Role.MEMBER);
        HttpResponse<String> badScope = h.post("/api/tokens", "{\"name\":\"x\",\"scope\":\"admin\"}");
        assertThat(badScope.statusCode()).isEqualTo(400);
        assertThat(AuthHarness.json(badScope).get("fields").has("scope")).isTrue();
        HttpResponse<String> noName = h.post("/api/tokens", "{\"scope\":\"read\"}");
        assertThat(AuthHarness.json(noName).get("fields").has("name")).isTrue();
        assertThat(h.post("/api/tokens", "{not json").statusCode()).isEqualTo(400);
        assertThat(h.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(h.url("/api/tokens")))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=x"))).statusCode()).isEqualTo(415);
        HttpResponse<String> badPage = h.get("/api/tokens?page=abc");
        assertThat(badPage.statusCode()).isEqualTo(400);
        assertThat(AuthHarness.json(badPage).get("error").asText()).isEqualTo("page must be between 1 and 10000");
        assertThat(AuthHarness.json(h.get("/api/tokens?per_page=500")).get("error").asText())
                .isEqualTo("per_page must be between 1 and 100");
        HttpResponse<String> noScope = h.post("/api/tokens", "{\"name\":\"x\"}");
        assertThat(noScope.statusCode()).isEqualTo(400);
        assertThat(AuthHarness.json(noScope).get("error").asText()).isEqualTo("Choose the token scope: read or write");
        assertThat(h.post("/api/tokens", "{\"name\":\"x\",\"scope\":\"read\"}", "Origin", "https://evil.example")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void the_cli_can_issue_a_token_for_an_email_and_the_api_checks_the_actor() {
        IssuedToken issued = h.auth.createTokenFor("Agent@Example.com", "agent", TokenScope.READ);
        assertThat(issued.secret()).startsWith("rgu_");
        assertThat(issued.toString()).doesNotContain(issued.secret());
        JsonNode who = AuthHarness.json(h.get("/whoami", "Authorization", "Bearer " + issued.secret()));
        assertThat(who.get("scope").asText()).isEqualTo("read");

        assertThatThrownBy(() -> h.auth.createToken(Actor.anonymous(), "x", TokenScope.WRITE))
                .isInstanceOfSatisfying(RunguException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    }
}
