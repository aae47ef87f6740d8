package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.TokenScope;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deeply nested JSON and very long numbers are refused as 400 (REST) or a JSON-RPC parse error (MCP), never a 500. */
class JsonLimitsTest {
    @TempDir
    Path dir;
    TestServer s;
    Actor.Account member;

    @BeforeEach
    void start() {
        s = TestServer.start(dir, http -> http.rateLimits.enabled = false, host -> {});
        s.board().createProject(s.admin(), new NewProject("App", "app", ""));
        member = s.member("Mia");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    static String nested(int depth) {
        return "{\"title\":\"x\",\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    static String longNumber(int digits) {
        return "{\"title\":\"x\",\"n\":" + "7".repeat(digits) + "}";
    }

    private void assertRefused(TestServer.Res r, String message) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("invalid");
        assertThat(r.json().get("error").asText()).isEqualTo(message);
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void json_nested_past_the_limit_is_400_invalid() {
        for (int depth : new int[] {40, 100_000}) {
            assertRefused(s.json("POST", "/api/projects/app/posts", member, nested(depth)),
                    "JSON is nested more than 32 levels deep");
        }
    }

    @Test
    void json_nested_within_the_limit_is_parsed() {
        var r = s.json("POST", "/api/projects/app/posts", member, nested(10));
        assertThat(r.status()).as(r.toString()).isLessThan(500);
        assertThat(r.text()).doesNotContain("nested");
    }

    @Test
    void a_number_longer_than_fifty_characters_is_400_invalid() {
        for (int digits : new int[] {51, 100_000}) {
            assertRefused(s.json("POST", "/api/projects/app/posts", member, longNumber(digits)),
                    "JSON holds a number longer than 50 characters");
        }
    }

    @Test
    void mcp_answers_such_messages_with_a_json_rpc_parse_error() {
        Actor.Account agent = new Actor.Account(member.userId(), member.role(), Actor.Channel.API_TOKEN, TokenScope.WRITE);
        for (String message : new String[] {deepPing(40), deepPing(100_000), numberedPing(51), numberedPing(5000)}) {
            var r = s.req("POST", "/mcp").as(agent).json(message).header("Accept", "application/json, text/event-stream").send();
            assertThat(r.status()).as(r.toString()).isLessThan(500);
            assertThat(r.json().path("error").path("code").asInt()).as(r.toString()).isEqualTo(-32700);
            assertThat(r.json().path("error").path("message").asText()).startsWith("Parse error");
        }
    }

    static String deepPing(int depth) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":" + "[".repeat(depth)
                + "]".repeat(depth) + "}}";
    }

    static String numberedPing(int digits) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(digits) + ",\"method\":\"ping\"}";
    }
}
