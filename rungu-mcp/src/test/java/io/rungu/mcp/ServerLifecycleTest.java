package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.store.TestStores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration checks and failures that are not the caller's fault. */
class ServerLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void an_invalid_configuration_is_refused_with_every_problem_listed() {
        try (TestStores t = TestStores.open(dir)) {
            assertThatThrownBy(() -> RunguMcpServer.create(t.board(), cfg -> {
                cfg.maxMessageBytes = 10;
                cfg.serverVersion = " ";
                cfg.allowedOrigins = null;
            })).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("maxMessageBytes").hasMessageContaining("serverVersion")
                    .hasMessageContaining("allowedOrigins");
        }
    }

    @Test
    void an_unexpected_failure_is_an_internal_error_that_leaks_no_details() throws Exception {
        TestStores t = TestStores.open(dir);
        RunguMcpServer server = RunguMcpServer.create(t.board());
        t.close(); // the database is gone: the Board fails with a non-domain exception
        String input = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"list_projects\",\"arguments\":{}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server.runStdio(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, io.rungu.model.Actor.anonymous());
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode failure = StdioConversation.JSON.readTree(lines[0]);
        assertThat(failure.path("error").path("code").asInt()).isEqualTo(-32603);
        assertThat(failure.path("error").path("message").asText()).startsWith("Internal error (reference ")
                .doesNotContainIgnoringCase("sql").doesNotContain(dir.toString());
        assertThat(StdioConversation.JSON.readTree(lines[1]).path("id").asInt()).isEqualTo(2);
    }
}
