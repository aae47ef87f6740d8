package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";
    private static final String INITIALIZED = """
            {"jsonrpc":"2.0","method":"notifications/initialized"}""";
    private static final String TOOLS_LIST = """
            {"jsonrpc":"2.0","id":2,"method":"tools/list"}""";
    private static final String LIST_PROJECTS = """
            {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_projects","arguments":{}}}""";

    @TempDir
    Path home;

    private CliRun cli() {
        return CliRun.in(home).env("RUNGU_DB", home.resolve("board.db").toString());
    }

    private static List<JsonNode> messages(String out) throws Exception {
        List<JsonNode> messages = new ArrayList<>();
        for (String line : out.split("\n")) {
            JsonNode message = JSON.readTree(line);
            assertThat(message.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
            messages.add(message);
        }
        return messages;
    }

    private static List<String> toolNames(JsonNode toolsList) {
        List<String> names = new ArrayList<>();
        toolsList.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    @Test
    void stdout_carries_only_json_rpc_and_the_agent_sees_the_boards() throws Exception {
        cli().run("project", "add", "Web", "--slug", "web");

        CliRun.Result result = cli().stdin(String.join("\n", INITIALIZE, INITIALIZED, TOOLS_LIST, LIST_PROJECTS) + "\n")
                .run("mcp");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<JsonNode> messages = messages(result.out());
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("result").path("serverInfo").path("version").asText()).isEqualTo(Version.current());
        assertThat(toolNames(messages.get(1))).contains("list_projects", "create_post");
        assertThat(messages.get(2).toString()).contains("web");
    }

    @Test
    void read_only_offers_no_writing_tools() throws Exception {
        CliRun.Result result = cli().stdin(String.join("\n", INITIALIZE, INITIALIZED, TOOLS_LIST) + "\n")
                .run("mcp", "--read-only");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> tools = toolNames(messages(result.out()).get(1));
        assertThat(tools).contains("list_projects").doesNotContain("create_post");
    }

    @Test
    void acting_as_an_unknown_user_is_not_found_before_any_output() {
        CliRun.Result result = cli().stdin(INITIALIZE + "\n").run("mcp", "--as", "nobody@example.com");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("rungu: No user with email nobody@example.com" + System.lineSeparator());
    }

    @Test
    void acting_as_an_existing_user_uses_that_account() throws Exception {
        cli().env("RUNGU_DATA_DIR", home.toString()).run("login-link", "ada@example.com");

        CliRun.Result result = cli().stdin(String.join("\n", INITIALIZE, INITIALIZED, TOOLS_LIST) + "\n")
                .run("mcp", "--as", "ada@example.com");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(toolNames(messages(result.out()).get(1))).contains("create_post");
    }
}
