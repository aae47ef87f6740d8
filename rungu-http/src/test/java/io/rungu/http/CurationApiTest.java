package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.store.TestImages;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merging, pinning, locking, internal notes and blocking over the real server with session cookies (issue 13).
 */
class CurationApiTest {
    @TempDir
    Path dir;
    TestServer s;
    String adminCookie;
    String memberCookie;
    Actor.Account admin;
    Actor.Account member;
    String a;
    String b;

    @BeforeEach
    void start() {
        s = TestServer.startWithAuth(dir, http -> http.rateLimits.enabled = false);
        adminCookie = s.signIn("ada@example.test", Role.ADMIN);
        memberCookie = s.signIn("mia@example.test", Role.MEMBER);
        admin = Actor.of(s.stores.store().accounts().findUserByEmail("ada@example.test").orElseThrow().id(), Role.ADMIN);
        member = Actor.of(s.stores.store().accounts().findUserByEmail("mia@example.test").orElseThrow().id(),
                Role.MEMBER);
        s.board().createProject(admin, new NewProject("App", "app", ""));
        s.board().createProject(admin, new NewProject("Web", "web", ""));
        a = s.board().createPost(member, "app", new NewPost("Dark mode", "", null)).post().id();
        b = s.board().createPost(admin, "web", new NewPost("Night theme", "", null)).post().id();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    TestServer.Res send(String method, String path, String cookie, String json) {
        var req = s.req(method, path);
        if (cookie != null) {
            req.header("Cookie", cookie);
        }
        return json == null ? req.send() : req.json(json).send();
    }

    long rows(String sql) {
        return s.stores.number(sql);
    }

    @Test
    void merge_a_into_b_counts_each_voter_once_and_unmerge_restores_both() {
        Actor.Account shared = s.stores.member("Sam");
        s.board().toggleVote(member, a);
        s.board().toggleVote(s.stores.member("Kim"), a);
        s.board().toggleVote(shared, a);
        s.board().toggleVote(shared, b);
        s.board().toggleVote(s.stores.member("Lou"), b);
        s.board().addComment(member, a, new NewComment("First", null));
        s.board().addComment(shared, a, new NewComment("Second", null));

        var merged = send("POST", "/api/posts/" + a + "/merge", adminCookie, "{\"into\":\"" + b + "\"}");

        assertThat(merged.status()).as(merged.text()).isEqualTo(200);
        assertThat(merged.data().get("id").asText()).isEqualTo(b);
        assertThat(merged.data().get("vote_count").asLong()).isEqualTo(4);
        assertThat(merged.data().get("comment_count").asLong()).isEqualTo(2);
        assertThat(rows("SELECT count(*) FROM votes WHERE post_id = '" + b + "'")).isEqualTo(4);
        assertThat(rows("SELECT count(*) FROM comments WHERE post_id = '" + b + "'")).isEqualTo(2);
        JsonNode pointer = s.get("/api/posts/" + a).data();
        assertThat(pointer.get("merged_into").asText()).isEqualTo(b);
        assertThat(s.get("/api/posts/" + b + "/comments").data().get(0).get("merged_from").asText()).isEqualTo(a);
        assertThat(s.get("/api/posts/" + b + "/timeline").text()).contains("\"type\":\"merge\"");
        var vote = send("POST", "/api/posts/" + a + "/vote", memberCookie, null);
        assertThat(vote.status()).isEqualTo(409);
        assertThat(vote.json().get("error").asText()).contains("merged into another post");
        var again = send("POST", "/api/posts/" + a + "/merge", adminCookie, "{\"into\":\"" + b + "\"}");
        assertThat(again.status()).isEqualTo(409);
        var itself = send("POST", "/api/posts/" + b + "/merge", adminCookie, "{\"into\":\"" + b + "\"}");
        assertThat(itself.status()).isEqualTo(400);
        assertThat(send("POST", "/api/posts/" + a + "/unmerge", memberCookie, null).status()).isEqualTo(403);

        var unmerged = send("POST", "/api/posts/" + a + "/unmerge", adminCookie, null);

        assertThat(unmerged.status()).as(unmerged.text()).isEqualTo(200);
        assertThat(unmerged.data().get("merged_into").isNull()).isTrue();
        assertThat(unmerged.data().get("vote_count").asLong()).isEqualTo(3);
        assertThat(unmerged.data().get("comment_count").asLong()).isEqualTo(2);
        JsonNode target = s.get("/api/posts/" + b).data();
        assertThat(target.get("vote_count").asLong()).isEqualTo(2);
        assertThat(target.get("comment_count").asLong()).isZero();
        for (String id : new String[] {a, b}) {
            JsonNode p = s.get("/api/posts/" + id).data();
            assertThat(p.get("vote_count").asLong()).isEqualTo(rows("SELECT count(*) FROM votes WHERE post_id = '" + id + "'"));
            assertThat(p.get("comment_count").asLong())
                    .isEqualTo(rows("SELECT count(*) FROM comments WHERE post_id = '" + id + "'"));
        }
    }

    @Test
    void a_blocked_member_gets_403_on_every_content_write_but_keeps_settings_and_sign_out() {
        var blocked = send("PATCH", "/api/users/" + member.userId(), adminCookie, "{\"blocked\":true}");
        assertThat(blocked.status()).as(blocked.text()).isEqualTo(200);
        assertThat(blocked.data().get("blocked").asBoolean()).isTrue();
        assertThat(send("PATCH", "/api/users/" + admin.userId(), adminCookie, "{\"blocked\":true}").status())
                .isEqualTo(409);
        String message = "Your account is blocked from posting on this board";

        var post = send("POST", "/api/projects/app/posts", memberCookie, "{\"title\":\"Spam\"}");
        var comment = send("POST", "/api/posts/" + a + "/comments", memberCookie, "{\"content\":\"Spam\"}");
        var vote = send("POST", "/api/posts/" + a + "/vote", memberCookie, null);
        var upload = UploadTest.upload(s, a, "a.png", "image/png", TestImages.pngOfSize(200))
                .header("Cookie", memberCookie).send();
        for (TestServer.Res r : new TestServer.Res[] {post, comment, vote, upload}) {
            assertThat(r.status()).as(r.text()).isEqualTo(403);
            assertThat(r.json().get("error").asText()).isEqualTo(message);
        }
        assertThat(s.get("/api/posts/" + a).status()).isEqualTo(200);
        var settings = send("PATCH", "/api/me/notifications", memberCookie, "{\"comments\":false}");
        assertThat(settings.status()).as(settings.text()).isEqualTo(200);
        assertThat(send("POST", "/auth/logout", memberCookie, null).status()).isEqualTo(200);
        assertThat(send("GET", "/auth/me", memberCookie, null).status()).isEqualTo(401);
    }

    @Test
    void a_locked_post_refuses_comments_and_a_pinned_post_comes_first() {
        var locked = send("PATCH", "/api/posts/" + a, adminCookie, "{\"pinned\":true,\"locked\":true}");
        assertThat(locked.status()).as(locked.text()).isEqualTo(200);
        assertThat(locked.data().get("pinned").asBoolean()).isTrue();
        assertThat(locked.data().get("locked").asBoolean()).isTrue();
        s.board().createPost(member, "app", new NewPost("Newer", "", null));

        var comment = send("POST", "/api/posts/" + a + "/comments", memberCookie, "{\"content\":\"Hi\"}");
        assertThat(comment.status()).isEqualTo(409);
        assertThat(comment.json().get("error").asText()).isEqualTo("This post is locked: it takes no new comments");
        assertThat(send("POST", "/api/posts/" + a + "/vote", memberCookie, null).data().get("vote_count").asInt())
                .isEqualTo(1);
        assertThat(s.get("/api/projects/app/posts").data().get(0).get("id").asText()).isEqualTo(a);
        assertThat(send("PATCH", "/api/posts/" + a, memberCookie, "{\"pinned\":false}").status()).isEqualTo(403);
    }

    @Test
    void internal_notes_are_invisible_to_members_and_visitors() {
        s.board().addComment(member, a, new NewComment("Public", null));
        var note = send("POST", "/api/posts/" + a + "/comments", adminCookie,
                "{\"content\":\"Duplicate of the web one\",\"internal\":true}");
        assertThat(note.status()).as(note.text()).isEqualTo(201);
        assertThat(note.data().get("internal").asBoolean()).isTrue();
        assertThat(send("POST", "/api/posts/" + a + "/comments", memberCookie,
                "{\"content\":\"x\",\"internal\":true}").status()).isEqualTo(403);

        for (String cookie : new String[] {memberCookie, null}) {
            var comments = send("GET", "/api/posts/" + a + "/comments", cookie, null);
            assertThat(comments.text()).doesNotContain("Duplicate of the web one");
            assertThat(comments.json().get("pagination").get("total").asInt()).isEqualTo(1);
            assertThat(send("GET", "/api/posts/" + a + "/timeline", cookie, null).text())
                    .doesNotContain("Duplicate of the web one");
            assertThat(send("GET", "/api/posts/" + a, cookie, null).data().get("comment_count").asInt()).isEqualTo(1);
        }
        assertThat(send("GET", "/api/posts/" + a + "/comments", adminCookie, null).text())
                .contains("Duplicate of the web one");
    }
}
