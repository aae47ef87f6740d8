package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.TokenScope;
import io.rungu.store.BoardArchive;
import io.rungu.store.TestImages;
import io.rungu.store.TestStores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET <base>/api/export}, {@code /api/projects/{slug}/export} and {@code /api/me/export} on a real server. */
class ExportDownloadTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static Actor.Account admin;
    static Actor.Account member;
    static String post;

    @BeforeAll
    static void start() {
        s = TestServer.start(dir.resolve("server"), http -> {
            http.basePath = "/feedback";
            http.rateLimits.enabled = false;
        }, host -> {});
        admin = s.admin();
        member = s.member("Mia Member");
        s.board().createProject(admin, new NewProject("App", "app", ""));
        s.board().createProject(admin, new NewProject("Other", "other", ""));
        post = s.board().createPost(member, "app", new NewPost("Dark mode", "please", null)).post().id();
        s.board().createPost(admin, "other", new NewPost("Elsewhere", "", null));
        s.board().toggleVote(admin, post);
        s.board().addComment(admin, post, new NewComment("Noted", null));
        s.board().addAttachment(member, post, new NewAttachment("shot.png", "image/png", TestImages.png()));
        s.stores.store().accounts().createToken(member, "script", TokenScope.READ, "rgu_mia", "e".repeat(64));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void an_admin_downloads_the_whole_archive_which_imports_into_an_empty_database() throws IOException {
        TestServer.Res r = s.get("/api/export", admin);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/gzip");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"rungu-export-")
                .contains(".json.gz");
        String json = gunzip(r.bytes());
        assertThat(json).startsWith("{\"format\":\"rungu-archive\",\"version\":2").contains("Dark mode", "Elsewhere");

        try (TestStores empty = TestStores.open(dir.resolve("empty"))) {
            BoardArchive.importFrom(empty.store(), new ByteArrayInputStream(r.bytes()), new BoardArchive.ImportOptions());
            assertThat(empty.board().getPost(Actor.anonymous(), post)).isEqualTo(s.board().getPost(Actor.anonymous(), post));
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            BoardArchive.export(empty.store(), again, BoardArchive.ExportOptions.allBoards());
            assertThat(io.rungu.store.ComparableArchive.text(new ByteArrayInputStream(again.toByteArray())))
                    .isEqualTo(io.rungu.store.ComparableArchive.text(new ByteArrayInputStream(r.bytes())));
        }
    }

    @Test
    void one_board_downloads_alone_by_path_or_by_query() throws IOException {
        TestServer.Res byPath = s.get("/api/projects/app/export", admin);
        assertThat(byPath.status()).as(byPath.toString()).isEqualTo(200);
        assertThat(byPath.header("Content-Disposition")).startsWith("attachment; filename=\"rungu-app-");
        assertThat(gunzip(byPath.bytes())).contains("Dark mode").doesNotContain("Elsewhere");

        TestServer.Res byQuery = s.get("/api/export?project=other", admin);
        assertThat(gunzip(byQuery.bytes())).contains("Elsewhere").doesNotContain("Dark mode");
    }

    @Test
    void only_admins_download_archives_and_unknown_boards_are_a_json_404() {
        TestServer.Res asMember = s.get("/api/export", member);
        assertThat(asMember.status()).isEqualTo(403);
        assertThat(asMember.json().get("error").asText()).isEqualTo("Admin access required");
        assertThat(asMember.header("Content-Disposition")).isNull();
        assertThat(s.get("/api/projects/app/export").status()).isEqualTo(401);
        TestServer.Res missing = s.get("/api/projects/nope/export", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("Project not found");
    }

    @Test
    void a_member_downloads_their_own_data_without_secrets() {
        TestServer.Res r = s.get("/api/me/export", member);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"rungu-my-data-");
        JsonNode data = r.json();
        assertThat(data.get("format").asText()).isEqualTo("rungu-personal-data");
        assertThat(data.at("/profile/id").asText()).isEqualTo(member.userId());
        assertThat(data.at("/posts/0/title").asText()).isEqualTo("Dark mode");
        assertThat(data.at("/posts/0/project").asText()).isEqualTo("app");
        assertThat(data.get("votes")).isEmpty();
        assertThat(data.get("comments")).isEmpty();
        assertThat(data.at("/attachments/0/filename").asText()).isEqualTo("shot.png");
        assertThat(data.at("/api_tokens/0/prefix").asText()).isEqualTo("rgu_mia");
        assertThat(data.at("/post_subscriptions/0/post_id").asText()).isEqualTo(post);
        assertThat(r.text()).doesNotContain("e".repeat(64), "secret", "hash", "Noted");

        JsonNode adminData = s.get("/api/me/export", admin).json();
        assertThat(adminData.at("/votes/0/post_id").asText()).isEqualTo(post);
        assertThat(adminData.at("/comments/0/content").asText()).isEqualTo("Noted");
        assertThat(s.get("/api/me/export").status()).isEqualTo(401);
    }

    @Test
    void the_downloads_are_in_the_openapi_document() {
        JsonNode paths = s.get("/api/openapi.json").json().get("paths");
        assertThat(paths.at("/~1api~1export/get/responses/200/content").has("application/gzip")).isTrue();
        assertThat(paths.has("/api/projects/{slug}/export")).isTrue();
        assertThat(paths.has("/api/me/export")).isTrue();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
