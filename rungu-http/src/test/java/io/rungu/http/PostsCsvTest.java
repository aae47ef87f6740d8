package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostCategory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET <base>/api/projects/{slug}/posts.csv}: a board's posts for spreadsheets, for admins. */
class PostsCsvTest {
    @TempDir
    Path dir;
    TestServer s;
    Actor.Account admin;
    Actor.Account member;

    private void start(java.util.function.Consumer<HttpConfig> http) {
        s = TestServer.start(dir, cfg -> {
            cfg.basePath = "/feedback";
            cfg.rateLimits.enabled = false;
            http.accept(cfg);
        }, host -> {});
        admin = s.admin();
        member = s.member("Mia, \"the\" member");
        s.board().createProject(admin, new NewProject("App", "app", ""));
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void an_admin_downloads_every_post_oldest_first_as_rfc_4180() {
        start(http -> {});
        String first = s.board().createPost(member, "app", new NewPost("Dark mode", "Line one\nLine two",
                PostCategory.FEATURE)).post().id();
        s.board().toggleVote(admin, first);
        s.board().addComment(admin, first, new NewComment("Noted", null));
        String second = s.board().createPost(admin, "app", new NewPost("=HYPERLINK(\"http://evil\")", "", null))
                .post().id();

        TestServer.Res r = s.get("/api/projects/app/posts.csv", admin);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv").contains("charset=utf-8");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"app-posts.csv\"");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        List<String> lines = List.of(r.text().split("\r\n", -1));
        assertThat(lines.get(0)).isEqualTo("id,title,description,category,status,votes,comments,author,created,updated,url");
        assertThat(lines.get(1)).startsWith(first + ",Dark mode,\"Line one\nLine two\",feature,open,1,1,"
                + "\"Mia, \"\"the\"\" member\",");
        assertThat(lines.get(1)).endsWith("," + s.base + "/board/app/post/" + first);
        assertThat(lines.get(2)).startsWith(second + ",\"'=HYPERLINK(\"\"http://evil\"\")\",,feedback,open,0,0,Ada Admin,");
        assertThat(lines.get(3)).as("ends with CRLF").isEmpty();
        assertThat(lines).hasSize(4);
    }

    @Test
    void the_configured_public_url_makes_the_links() {
        start(http -> http.baseUrl = "https://feedback.example.com/feedback");
        String id = s.board().createPost(member, "app", new NewPost("Hi", "", null)).post().id();

        assertThat(s.get("/api/projects/app/posts.csv", admin).text())
                .contains(",https://feedback.example.com/feedback/board/app/post/" + id + "\r\n");
    }

    @Test
    void an_empty_board_is_the_header_alone() {
        start(http -> {});

        assertThat(s.get("/api/projects/app/posts.csv", admin).text())
                .isEqualTo("id,title,description,category,status,votes,comments,author,created,updated,url\r\n");
    }

    @Test
    void others_get_the_usual_json_errors() {
        start(http -> {});
        s.board().createPost(member, "app", new NewPost("Secret-ish", "", null));

        TestServer.Res asMember = s.get("/api/projects/app/posts.csv", member);
        assertThat(asMember.status()).isEqualTo(403);
        assertThat(asMember.json().get("code").asText()).isEqualTo("forbidden");
        TestServer.Res anonymous = s.get("/api/projects/app/posts.csv");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/json");
        TestServer.Res missing = s.get("/api/projects/nope/posts.csv", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("Project not found");
    }

    @Test
    void the_api_document_describes_the_route() {
        start(http -> {});

        JsonNode get = s.get("/api/openapi.json").json().at("/paths/~1api~1projects~1{slug}~1posts.csv/get");
        assertThat(get.isMissingNode()).isFalse();
        assertThat(get.at("/responses/200/content").has("text/csv")).isTrue();
    }
}
