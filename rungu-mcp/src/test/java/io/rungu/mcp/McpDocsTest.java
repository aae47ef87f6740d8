package io.rungu.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/mcp.md documents every tool with every argument, every prompt and both resource templates. */
class McpDocsTest {
    @TempDir
    Path dir;

    @Test
    void the_mcp_guide_documents_every_tool_argument_prompt_and_resource() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "mcp.md"));
        try (Fixture f = new Fixture(dir); var c = new StdioConversation(f.server(), f.adminAgent)) {
            c.initialize("2025-11-25");
            for (JsonNode tool : c.request("tools/list", null).path("result").path("tools")) {
                String heading = "#### `" + tool.path("name").asText() + "`";
                assertThat(doc).contains(heading);
                int start = doc.indexOf(heading);
                int end = doc.indexOf("\n#", start + heading.length());
                String section = doc.substring(start, end < 0 ? doc.length() : end);
                tool.path("inputSchema").path("properties").fieldNames()
                        .forEachRemaining(arg -> assertThat(section).as(heading).contains("`" + arg + "`"));
                tool.path("outputSchema").path("properties").fieldNames()
                        .forEachRemaining(field -> assertThat(section).as(heading).contains(field));
            }
            for (JsonNode prompt : c.request("prompts/list", null).path("result").path("prompts")) {
                assertThat(doc).contains("`" + prompt.path("name").asText() + "`");
            }
            for (JsonNode template : c.request("resources/templates/list", null).path("result").path("resourceTemplates")) {
                assertThat(doc).contains(template.path("uriTemplate").asText());
            }
        }
    }
}
