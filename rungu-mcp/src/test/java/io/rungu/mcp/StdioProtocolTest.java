package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON-RPC and MCP lifecycle over stdio: every method, every error code, framing and limits. */
class StdioProtocolTest {
    @TempDir
    Path dir;
    Fixture f;

    @BeforeEach
    void open() {
        f = new Fixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Runs the server over a fixed input until EOF and returns every line it wrote. */
    private List<String> run(RunguMcpServer server, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server.runStdio(new ByteArrayInputStream(input), out, f.agent);
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }

    private List<String> run(String... lines) {
        return run(f.server(), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String line) throws Exception {
        return StdioConversation.JSON.readTree(line);
    }

    @Test
    void initialize_reports_server_info_capabilities_and_instructions() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            JsonNode result = c.initialize("2025-11-25");
            assertThat(result.path("protocolVersion").asText()).isEqualTo("2025-11-25");
            assertThat(result.path("serverInfo").path("name").asText()).isEqualTo("rungu");
            assertThat(result.path("serverInfo").path("version").asText()).isEqualTo("9.9.9-test");
            assertThat(result.path("capabilities").has("tools")).isTrue();
            assertThat(result.path("capabilities").has("resources")).isTrue();
            assertThat(result.path("capabilities").has("prompts")).isTrue();
            assertThat(result.path("instructions").asText()).contains("list_projects");
        }
    }

    @ParameterizedTest
    @CsvSource({"2025-11-25,2025-11-25", "2025-06-18,2025-06-18", "2025-03-26,2025-03-26",
            "2024-11-05,2025-11-25", "1999-01-01,2025-11-25"})
    void the_protocol_version_is_the_clients_when_supported_else_the_latest(String asked, String answered)
            throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            assertThat(c.initialize(asked).path("protocolVersion").asText()).isEqualTo(answered);
        }
    }

    @Test
    void initialize_without_a_protocol_version_is_invalid_params() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            JsonNode answer = c.request("initialize", Map.of("capabilities", Map.of()));
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
        }
    }

    @Test
    void ping_answers_an_empty_result_with_the_same_id() throws Exception {
        List<String> out = run("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"ping\"}");
        assertThat(out).hasSize(1);
        JsonNode answer = json(out.get(0));
        assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(answer.path("id").isTextual()).isTrue();
        assertThat(answer.path("id").asText()).isEqualTo("abc");
        assertThat(answer.path("result").isObject()).isTrue();
        assertThat(answer.path("result").size()).isZero();
    }

    @Test
    void notifications_get_no_answer() throws Exception {
        List<String> out = run(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"no/such/notification\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"delete_post\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}");
        assertThat(out).hasSize(1);
        assertThat(json(out.get(0)).path("id").asInt()).isEqualTo(8);
        // the notification-shaped tools/call did nothing
        assertThat(f.stores.board().getPost(f.agent, f.agentPost.post().id())).isNotNull();
    }

    @Test
    void malformed_json_is_a_parse_error_with_a_null_id() throws Exception {
        JsonNode answer = json(run("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":").get(0));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32700);
        assertThat(answer.has("id")).isTrue();
        assertThat(answer.get("id").isNull()).isTrue();
        assertThat(answer.path("error").path("message").asText()).startsWith("Parse error");
    }

    @Test
    void deep_nesting_and_long_numbers_are_parse_errors_and_the_server_goes_on() throws Exception {
        List<String> out = run(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":" + "[".repeat(40)
                        + "]".repeat(40) + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(51) + ",\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
        assertThat(out).hasSize(3);
        for (String line : out.subList(0, 2)) {
            JsonNode answer = json(line);
            assertThat(answer.path("error").path("code").asInt()).as(line).isEqualTo(-32700);
            assertThat(answer.get("id").isNull()).isTrue();
        }
        assertThat(json(out.get(2)).path("id").asInt()).isEqualTo(3);
    }

    @Test
    void trailing_garbage_after_a_message_is_a_parse_error() throws Exception {
        JsonNode answer = json(run("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {\"x\":1}").get(0));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32700);
    }

    @Test
    void messages_that_are_not_requests_are_invalid_requests() throws Exception {
        List<String> out = run(
                "{\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"1.0\",\"id\":2,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":42}",
                "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
                "42",
                "\"ping\"");
        assertThat(out).hasSize(7);
        for (String line : out) {
            assertThat(json(line).path("error").path("code").asInt()).as(line).isEqualTo(-32600);
        }
        assertThat(json(out.get(0)).path("id").asInt()).isEqualTo(1);
        assertThat(json(out.get(3)).get("id").isNull()).isTrue();
    }

    @Test
    void batches_are_rejected_as_invalid_requests() throws Exception {
        List<String> out = run("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]");
        assertThat(out).hasSize(1);
        JsonNode answer = json(out.get(0));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(answer.path("error").path("message").asText()).contains("Batch");
    }

    @Test
    void an_unknown_method_is_method_not_found() throws Exception {
        JsonNode answer = json(run("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"posts/explode\"}").get(0));
        assertThat(answer.path("id").asInt()).isEqualTo(5);
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(answer.path("error").path("message").asText()).contains("posts/explode");
    }

    @Test
    void params_that_are_not_an_object_are_invalid_params() throws Exception {
        JsonNode answer = json(run("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\",\"params\":[1,2]}").get(0));
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void an_oversized_line_is_refused_and_the_server_keeps_serving() throws Exception {
        RunguMcpServer small = RunguMcpServer.create(f.stores.board(), cfg -> cfg.maxMessageBytes = 2048);
        StringBuilder big = new StringBuilder("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\"");
        big.append("a".repeat(5000)).append("\"}}");
        List<String> out = run(small, (big + "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(2);
        JsonNode refused = json(out.get(0));
        assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(refused.path("error").path("message").asText()).contains("too large").contains("2048");
        assertThat(json(out.get(1)).path("id").asInt()).isEqualTo(2);
    }

    @Test
    void a_huge_line_without_newline_is_streamed_through_without_holding_it() throws Exception {
        RunguMcpServer small = RunguMcpServer.create(f.stores.board(), cfg -> cfg.maxMessageBytes = 4096);
        long size = 1536L * 1024 * 1024; // more than the 1 GiB test heap could buffer
        InputStream endless = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        small.runStdio(endless, out, f.agent);
        JsonNode answer = json(out.toString(StandardCharsets.UTF_8).trim());
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32600);
    }

    @Test
    void blank_lines_are_skipped_and_crlf_line_ends_are_accepted() throws Exception {
        List<String> out = run(f.server(), "\n   \n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(1);
        assertThat(json(out.get(0)).path("id").asInt()).isEqualTo(1);
    }

    @Test
    void a_last_message_without_newline_is_still_answered_and_eof_ends_the_server() throws Exception {
        List<String> out = run(f.server(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(out).hasSize(1);
    }

    @Test
    void stdout_carries_only_json_rpc_frames() throws Exception {
        List<String> out = run(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_post\",\"arguments\":{\"id\":\"missing\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/read\",\"params\":{\"uri\":\"rungu://projects/demo\"}}",
                "not json at all",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"prompts/get\",\"params\":{\"name\":\"triage_board\",\"arguments\":{\"slug\":\"demo\"}}}");
        assertThat(out).hasSize(6);
        for (String line : out) {
            JsonNode message = json(line);
            assertThat(message.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(message.has("result") ^ message.has("error")).as(line).isTrue();
        }
    }

    @Test
    void a_conversation_can_interleave_requests_and_notifications() throws Exception {
        try (var c = new StdioConversation(f.server(), f.agent)) {
            c.initialize("2025-06-18");
            c.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}");
            assertThat(c.request("ping", null).has("result")).isTrue();
            assertThat(c.poll(200)).isNull();
        }
    }
}
