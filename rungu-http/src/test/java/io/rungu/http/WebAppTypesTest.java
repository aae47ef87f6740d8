package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's {@code src/lib/types.ts} is generated from the OpenAPI document and committed (the web app builds
 * before rungu-http, so the build cannot generate it). This fails when the committed file is not what the
 * generator writes now; {@code -Drungu.regenerate=true} rewrites it.
 */
class WebAppTypesTest {
    static final Path TYPES = Path.of("..", "webapp", "src", "lib", "types.ts");

    @TempDir
    Path dir;

    private JsonNode document() {
        try (TestServer s = TestServer.start(dir)) {
            var r = s.get("/api/openapi.json");
            assertThat(r.status()).isEqualTo(200);
            return r.json();
        }
    }

    @Test
    void the_committed_types_are_what_the_openapi_document_generates() throws IOException {
        String generated = WebAppTypes.generate(document());
        if (Boolean.getBoolean("rungu.regenerate")) {
            Files.writeString(TYPES, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(TYPES) ? Files.readString(TYPES, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .as("webapp/src/lib/types.ts is out of date with the OpenAPI document; regenerate it with\n  "
                        + WebAppTypes.COMMAND + "\nand commit the result")
                .isEqualTo(generated);
    }

    @Test
    void the_generated_types_carry_the_records_enums_and_limits() {
        String ts = WebAppTypes.generate(document());
        assertThat(ts).contains("export interface PostDetail {\n  id: string;\n", "  done_at: string | null;\n",
                "  creator: Creator;\n", "export type StatusKind = 'open' | 'active' | 'done' | 'closed';",
                "  by_status: Record<string, number>;\n", "  title: " + io.rungu.model.Limits.TITLE_MAX + ",\n",
                "  attachmentBytes: " + io.rungu.model.Limits.ATTACHMENT_MAX_BYTES + ",\n", "  parent_id?: string;\n");
    }

    @Test
    void limit_names_drop_max_and_become_camel_case() {
        assertThat(WebAppTypes.limitName("project_name_max")).isEqualTo("projectName");
        assertThat(WebAppTypes.limitName("attachment_max_bytes")).isEqualTo("attachmentBytes");
        assertThat(WebAppTypes.limitName("per_page_default")).isEqualTo("perPageDefault");
    }
}
