package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostCategory;
import io.rungu.model.TokenScope;
import io.rungu.store.TestClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tool calls that write over {@code POST /mcp} are charged to the same per-user write limit as REST writes. */
class McpWriteLimitTest {
    @TempDir
    Path dir;

    @Test
    void a_burst_of_add_comment_calls_stops_at_the_write_limit_and_reads_go_on() {
        TestClock clock = new TestClock();
        try (TestServer s = TestServer.start(dir, http -> http.clock = clock, host -> {})) {
            Actor.Account member = s.member("Agent owner");
            Actor.Account agent = new Actor.Account(member.userId(), member.role(), Actor.Channel.API_TOKEN, TokenScope.WRITE);
            var admin = s.admin();
            s.board().createProject(admin, new NewProject("Ideas", "ideas", ""));
            String postId = s.board().createPost(admin, "ideas", new NewPost("Dark mode", "", PostCategory.FEATURE)).post().id();
            String session = initialize(s, agent);

            int written = 0;
            JsonNode refused = null;
            for (int i = 0; i < 100; i++) {
                JsonNode result = call(s, agent, session, i, "add_comment",
                        "{\"post_id\":\"" + postId + "\",\"content\":\"comment " + i + "\"}");
                if (result.get("isError").asBoolean()) {
                    refused = refused == null ? result : refused;
                } else {
                    written++;
                }
            }

            assertThat(written).isEqualTo(new HttpConfig.RateLimits().writesPerUser);
            assertThat(refused).isNotNull();
            assertThat(refused.get("content").get(0).get("text").asText())
                    .startsWith("Too many requests; retry in ").endsWith("(rate_limited)");
            assertThat(s.stores.number("SELECT count(*) FROM comments")).isEqualTo(written);
            assertThat(call(s, agent, session, 1000, "list_projects", "{}").get("isError").asBoolean()).isFalse();
            assertThat(s.json("POST", "/api/posts/" + postId + "/comments", agent, "{\"content\":\"rest\"}").status())
                    .as("REST writes share the same bucket").isEqualTo(429);
        }
    }

    private static String initialize(TestServer s, Actor agent) {
        var r = s.req("POST", "/mcp").as(agent).header("Accept", "application/json, text/event-stream")
                .json("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.header("Mcp-Session-Id");
    }

    private static JsonNode call(TestServer s, Actor agent, String session, int id, String tool, String arguments) {
        var r = s.req("POST", "/mcp").as(agent).header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session)
                .json("{\"jsonrpc\":\"2.0\",\"id\":" + (id + 1) + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                        + tool + "\",\"arguments\":" + arguments + "}}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("result");
    }
}
