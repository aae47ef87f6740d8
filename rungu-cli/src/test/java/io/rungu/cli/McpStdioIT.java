package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code rungu mcp} writes nothing but JSON-RPC to stdout, start-up logs included. */
class McpStdioIT {
    @TempDir
    Path dir;

    @Test
    void every_stdout_line_of_the_packaged_mcp_server_is_a_json_rpc_message() throws Exception {
        Path input = Files.writeString(dir.resolve("in.jsonl"), String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}") + "\n");

        CliRun.Result result = FatJar.runWithInput(input,
                Map.of("RUNGU_DATA_DIR", dir.toString(), "RUNGU_LOG_LEVEL", "debug"), "mcp");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as("logs go to stderr").contains("Applying migration");
        ObjectMapper json = new ObjectMapper();
        var lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            JsonNode message = json.readTree(line);
            assertThat(message.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
        }
        assertThat(json.readTree(lines.get(1)).path("result").path("tools").size()).isPositive();
    }
}
