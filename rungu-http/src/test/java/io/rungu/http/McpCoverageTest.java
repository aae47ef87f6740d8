package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every REST operation has a row in docs/mcp.md's table "REST operations and their tools": the tool an agent uses
 * for it, or a dash and the reason there is none. The operations are read from the served OpenAPI document (with
 * Rungu's own sign-in and with a host's login, whose routes differ), so a new route without a row fails here; and
 * every tool a row names must exist in {@code tools/list}.
 */
class McpCoverageTest {
    private static final Pattern ROW = Pattern.compile(
            "^\\| `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)` \\| (.+?) \\|$", Pattern.MULTILINE);
    private static final Pattern TOOL = Pattern.compile("`([a-z_]+)`");

    @TempDir
    Path dir;

    @Test
    void every_rest_operation_has_a_row_naming_its_tool_or_why_there_is_none() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "mcp.md"));
        int start = doc.indexOf("## REST operations and their tools");
        assertThat(start).as("docs/mcp.md has the table").isPositive();
        int end = doc.indexOf("\n## ", start + 5);
        String table = doc.substring(start, end < 0 ? doc.length() : end);
        Map<String, String> rows = new TreeMap<>();
        Matcher m = ROW.matcher(table);
        while (m.find()) {
            assertThat(rows.put(m.group(1) + " " + m.group(2), m.group(3).trim())).as("one row per operation: "
                    + m.group(1) + " " + m.group(2)).isNull();
        }

        Set<String> operations = new TreeSet<>();
        Set<String> tools = new TreeSet<>();
        try (TestServer host = TestServer.start(dir.resolve("host"));
             TestServer own = TestServer.startWithAuth(dir.resolve("own"), http -> { })) {
            operations.addAll(operations(host));
            operations.addAll(operations(own));
            tools.addAll(toolNames(host));
        }

        assertThat(new TreeSet<>(rows.keySet())).as("rows for operations that no longer exist")
                .isSubsetOf(operations);
        var missing = new ArrayList<>(operations);
        missing.removeAll(rows.keySet());
        assertThat(missing).as("REST operations without a row in docs/mcp.md").isEmpty();
        for (var row : rows.entrySet()) {
            String cell = row.getValue();
            if (cell.startsWith("—")) {
                assertThat(cell.length()).as(row.getKey() + ": a dash says why there is no tool").isGreaterThan(10);
                continue;
            }
            // Outside parentheses every name in backticks is a tool; inside they may be arguments or fields.
            Matcher named = TOOL.matcher(cell.replaceAll("\\([^)]*\\)", ""));
            int count = 0;
            while (named.find()) {
                assertThat(tools).as(row.getKey() + " names a tool").contains(named.group(1));
                count++;
            }
            assertThat(count).as(row.getKey() + " names a tool or starts with a dash").isPositive();
        }
    }

    private static Set<String> operations(TestServer s) {
        JsonNode paths = s.get("/api/openapi.json").json().get("paths");
        Set<String> out = new TreeSet<>();
        paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
            String upper = method.toUpperCase(Locale.ROOT);
            if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(upper)) {
                out.add(upper + " " + p.getKey());
            }
        }));
        return out;
    }

    /** The tools an admin with write access sees, from a 2026-07-28 tools/list (no session needed). */
    private static Set<String> toolNames(TestServer s) {
        Actor.Account admin = s.admin();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        var r = s.req("POST", "/mcp").as(new Actor.Account(admin.userId(), admin.role(), Actor.Channel.API_TOKEN,
                        io.rungu.model.TokenScope.WRITE)).header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/list").json(body).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        r.json().path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).hasSizeGreaterThan(40);
        return names;
    }
}
