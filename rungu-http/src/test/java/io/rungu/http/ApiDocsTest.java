package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HttpConfig.apiDocs: Swagger UI can be turned off; the OpenAPI document stays. */
class ApiDocsTest {
    @TempDir
    Path dir;

    @Test
    void swagger_ui_is_served_by_default() {
        try (TestServer on = TestServer.start(dir, http -> http.basePath = "/fb", host -> {})) {
            var page = on.get("/api/docs");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("swagger-ui");
            assertThat(on.get("/api/docs/swagger-ui.css").status()).isEqualTo(200);
            assertThat(on.get("/api/openapi.json").json().get("paths").has("/api/docs")).isTrue();
        }
    }

    @Test
    void api_docs_off_removes_swagger_ui_but_keeps_the_document() {
        try (TestServer off = TestServer.start(dir, http -> {
            http.basePath = "/fb";
            http.apiDocs = false;
        }, host -> {})) {
            var page = off.get("/api/docs");
            assertThat(page.status()).isEqualTo(404);
            assertThat(page.text()).contains("No such route");
            assertThat(off.get("/api/docs/swagger-initializer.js").status()).isEqualTo(404);
            assertThat(off.get("/api/docs/swagger-ui.css").status()).isEqualTo(404);
            var document = off.get("/api/openapi.json");
            assertThat(document.status()).isEqualTo(200);
            assertThat(document.json().get("paths").has("/api/docs")).isFalse();
            assertThat(document.json().get("paths").has("/api/projects")).isTrue();
        }
    }
}
