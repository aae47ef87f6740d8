package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write route against every kind of caller, through RunguAuth: anonymous, a member who is not the author,
 * the author, an admin (session cookies from sign-in links), an admin's read-only token, and the author's write
 * token. Each cell runs on fresh data.
 */
class PermissionMatrixTest {
    static final String[] CALLERS = {"anonymous", "member", "author", "admin", "read token", "write token"};

    @TempDir
    Path dir;
    TestServer s;
    String memberCookie;
    String authorCookie;
    String adminCookie;
    String readToken;
    String writeToken;
    Actor.Account author;
    Actor.Account admin;
    final AtomicInteger n = new AtomicInteger();

    @BeforeEach
    void start() {
        s = TestServer.startWithAuth(dir, http -> http.rateLimits.enabled = false);
        memberCookie = s.signIn("member@example.test", Role.MEMBER);
        authorCookie = s.signIn("author@example.test", Role.MEMBER);
        adminCookie = s.signIn("admin@example.test", Role.ADMIN);
        author = Actor.of(s.stores.store().accounts().findUserByEmail("author@example.test").orElseThrow().id(), Role.MEMBER);
        admin = Actor.of(s.stores.store().accounts().findUserByEmail("admin@example.test").orElseThrow().id(), Role.ADMIN);
        readToken = s.auth.createToken(admin, "read", TokenScope.READ).secret();
        writeToken = s.auth.createToken(author, "write", TokenScope.WRITE).secret();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** Fresh data for one cell: a board, the author's post with a comment and an image, another user. */
    record Fixture(String slug, String postId, String commentId, String attachmentId, String userId) {}

    Fixture fixture() {
        int i = n.incrementAndGet();
        String slug = "board-" + i;
        var board = s.board();
        board.createProject(admin, new NewProject("Board " + i, slug, ""));
        String post = board.createPost(author, slug, new NewPost("Post " + i, "", null)).post().id();
        String comment = board.addComment(author, post, new NewComment("Comment " + i, null)).comment().id();
        String attachment = board.addAttachment(author, post, new NewAttachment("a.png", "image/png", UploadTest.png(100))).id();
        String user = s.stores.store().accounts().ensureUser("user" + i + "@example.test", "User " + i, Role.MEMBER).id();
        return new Fixture(slug, post, comment, attachment, user);
    }

    interface Call {
        TestServer.Req build(TestServer s, Fixture f);
    }

    record Row(String name, Call call, String expected) {}

    List<Row> rows() {
        byte[] png = UploadTest.png(200);
        return List.of(
                new Row("POST /api/projects", (s, f) -> s.req("POST", "/api/projects").json("{\"name\":\"New " + f.slug() + "\"}"),
                        "401 403 403 201 403 403"),
                new Row("PATCH /api/projects/{slug}", (s, f) -> s.req("PATCH", "/api/projects/" + f.slug()).json("{\"name\":\"Renamed\"}"),
                        "401 403 403 200 403 403"),
                new Row("DELETE /api/projects/{slug}", (s, f) -> s.req("DELETE", "/api/projects/" + f.slug()),
                        "401 403 403 204 403 403"),
                new Row("POST /api/projects/{slug}/posts", (s, f) -> s.req("POST", "/api/projects/" + f.slug() + "/posts")
                        .json("{\"title\":\"Hello\"}"), "401 201 201 201 403 201"),
                new Row("PATCH /api/posts/{id} title", (s, f) -> s.req("PATCH", "/api/posts/" + f.postId()).json("{\"title\":\"Edited\"}"),
                        "401 403 200 200 403 200"),
                new Row("PATCH /api/posts/{id} status", (s, f) -> s.req("PATCH", "/api/posts/" + f.postId()).json("{\"status\":\"done\"}"),
                        "401 403 403 200 403 403"),
                new Row("DELETE /api/posts/{id}", (s, f) -> s.req("DELETE", "/api/posts/" + f.postId()),
                        "401 403 204 204 403 204"),
                new Row("POST /api/posts/{id}/vote", (s, f) -> s.req("POST", "/api/posts/" + f.postId() + "/vote"),
                        "401 200 200 200 403 200"),
                new Row("PUT /api/posts/{id}/vote", (s, f) -> s.req("PUT", "/api/posts/" + f.postId() + "/vote").json("{\"voted\":true}"),
                        "401 200 200 200 403 200"),
                new Row("POST /api/posts/{id}/comments", (s, f) -> s.req("POST", "/api/posts/" + f.postId() + "/comments")
                        .json("{\"content\":\"Hi\"}"), "401 201 201 201 403 201"),
                new Row("PATCH /api/comments/{id}", (s, f) -> s.req("PATCH", "/api/comments/" + f.commentId()).json("{\"content\":\"Edited\"}"),
                        "401 403 200 403 403 200"),
                new Row("DELETE /api/comments/{id}", (s, f) -> s.req("DELETE", "/api/comments/" + f.commentId()),
                        "401 403 204 204 403 204"),
                new Row("POST /api/posts/{id}/attachments", (s, f) -> UploadTest.upload(s, f.postId(), "b.png", "image/png", png),
                        "401 403 201 201 403 201"),
                new Row("DELETE /api/attachments/{id}", (s, f) -> s.req("DELETE", "/api/attachments/" + f.attachmentId()),
                        "401 403 204 204 403 204"),
                new Row("GET /api/users", (s, f) -> s.req("GET", "/api/users"), "401 403 403 200 200 403"),
                new Row("PATCH /api/users/{id}", (s, f) -> s.req("PATCH", "/api/users/" + f.userId()).json("{\"role\":\"admin\"}"),
                        "401 403 403 200 403 403"),
                new Row("PATCH /api/me", (s, f) -> s.req("PATCH", "/api/me").json("{\"name\":\"Renamed\"}"),
                        "401 200 200 200 403 200"),
                // DELETE /api/me ends the caller's own account, so it has its own test (AccountErasureTest).
                new Row("DELETE /api/users/{id}", (s, f) -> s.req("DELETE", "/api/users/" + f.userId()),
                        "401 403 403 204 403 403"),
                new Row("POST /api/tokens", (s, f) -> s.req("POST", "/api/tokens").json("{\"name\":\"t\",\"scope\":\"read\"}"),
                        "401 201 201 201 403 201"),
                new Row("DELETE /api/tokens/{id}", (s, f) -> s.req("DELETE", "/api/tokens/"
                        + s.auth.createToken(author, "spare", TokenScope.READ).token().id()),
                        "401 403 204 204 403 204"));
    }

    private TestServer.Req as(TestServer.Req r, int caller) {
        return switch (caller) {
            case 0 -> r;
            case 1 -> r.header("Cookie", memberCookie);
            case 2 -> r.header("Cookie", authorCookie);
            case 3 -> r.header("Cookie", adminCookie);
            case 4 -> r.header("Authorization", "Bearer " + readToken);
            case 5 -> r.header("Authorization", "Bearer " + writeToken);
            default -> throw new IllegalArgumentException();
        };
    }

    @Test
    void every_write_route_answers_each_caller_as_the_rules_say() {
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows()) {
            String[] expected = row.expected().split(" ");
            for (int caller = 0; caller < CALLERS.length; caller++) {
                Fixture f = fixture();
                var r = as(row.call().build(s, f), caller).send();
                if (r.status() != Integer.parseInt(expected[caller])) {
                    mismatches.add(row.name() + " as " + CALLERS[caller] + ": expected " + expected[caller] + ", got " + r);
                }
                if (r.status() >= 400) {
                    assertThat(r.json().get("code").asText()).as(row.name()).isNotBlank();
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void an_unknown_bearer_token_is_401_even_on_reads() {
        var r = s.req("GET", "/api/projects").header("Authorization", "Bearer rgu_not-a-real-token").send();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("unauthenticated");
    }

    @Test
    void a_cookie_write_from_a_foreign_site_is_refused() {
        Fixture f = fixture();
        var r = s.req("POST", "/api/posts/" + f.postId() + "/vote").header("Cookie", memberCookie)
                .header("Origin", "https://evil.example").send();
        assertThat(r.status()).isEqualTo(403);
        var token = s.req("POST", "/api/posts/" + f.postId() + "/vote").header("Authorization", "Bearer " + writeToken)
                .header("Origin", "https://evil.example").send();
        assertThat(token.status()).isEqualTo(200);
    }

    @Test
    void the_auth_routes_are_mounted_and_answer_json() {
        var providers = s.get("/auth/providers");
        assertThat(providers.status()).isEqualTo(200);
        assertThat(providers.json().get("providers")).isEmpty();
        var me = s.req("GET", "/auth/me").header("Cookie", authorCookie).send();
        assertThat(me.data().get("email").asText()).isEqualTo("author@example.test");
        var anonymous = s.get("/auth/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("unauthenticated");
        var session = s.req("GET", "/auth/session").header("Cookie", authorCookie).send();
        assertThat(session.json().get("user")).isEqualTo(me.data());
        assertThat(session.header("Set-Cookie")).isNull();
        var nobody = s.get("/auth/session");
        assertThat(nobody.status()).isEqualTo(200);
        assertThat(nobody.json().get("user").isNull()).isTrue();
        assertThat(nobody.header("Set-Cookie")).isNull();
    }

    @Test
    void the_mcp_endpoint_needs_an_api_token() {
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
        var anonymous = s.req("POST", "/mcp").json(init).header("Accept", "application/json, text/event-stream").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer resource_metadata=\"" + s.base
                + "/.well-known/oauth-protected-resource\", scope=\"read write\"");
        var cookie = s.req("POST", "/mcp").json(init).header("Cookie", authorCookie)
                .header("Accept", "application/json, text/event-stream").send();
        assertThat(cookie.status()).isEqualTo(401);
        var token = s.req("POST", "/mcp").json(init).header("Authorization", "Bearer " + writeToken)
                .header("Accept", "application/json, text/event-stream").send();
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("result").get("protocolVersion").asText()).isNotBlank();
        assertThat(token.header("Mcp-Session-Id")).isNotBlank();
    }
}
