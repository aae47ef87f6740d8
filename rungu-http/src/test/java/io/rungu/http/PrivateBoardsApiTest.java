package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewAttachment;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.store.TestImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private boards, hiding and the approval queue over the real server: every read path of a {@code members} board
 * answers an outsider exactly as for a board that does not exist. One server for the class; each test uses boards
 * of its own.
 */
class PrivateBoardsApiTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static Actor.Account admin;
    static Actor.Account member;
    static Actor.Account outsider;

    @BeforeAll
    static void start() {
        s = TestServer.start(dir);
        admin = s.admin();
        member = s.member("Mia Member");
        outsider = s.member("Otto Outsider");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** A members board with a shipped post that has a comment and an image; returns {post id, attachment id}. */
    static String[] membersBoard(String slug) {
        s.board().createProject(admin, new NewProject("Secret " + slug, slug, ""));
        String post = s.board().createPost(admin, slug, new NewPost("Quantum dashboard", "Zebra", null)).post().id();
        s.board().editPost(admin, post, PostEdit.status(PostStatus.DONE));
        s.board().addComment(admin, post, new NewComment("First", null));
        String image = s.board().addAttachment(admin, post, new NewAttachment("a.png", null, TestImages.png())).id();
        // Read while public, so whatever is kept must not outlive the change.
        assertThat(s.get("/api/projects/" + slug + "/posts").status()).isEqualTo(200);
        assertThat(s.get("/api/posts/" + post).status()).isEqualTo(200);
        var patch = s.json("PATCH", "/api/projects/" + slug, admin, "{\"visibility\":\"members\"}");
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.data().get("visibility").asText()).isEqualTo("members");
        var add = s.json("PUT", "/api/projects/" + slug + "/members/" + member.userId(), admin, "");
        assertThat(add.status()).as(add.toString()).isEqualTo(200);
        assertThat(add.data().get("id").asText()).isEqualTo(member.userId());
        return new String[] {post, image};
    }

    static List<String> readPaths(String slug, String post, String image) {
        return List.of("/api/projects/" + slug, "/api/projects/" + slug + "/posts",
                "/api/projects/" + slug + "/posts?q=quantum", "/api/projects/" + slug + "/posts/similar?q=quantum",
                "/api/projects/" + slug + "/roadmap", "/api/projects/" + slug + "/changelog",
                "/api/projects/" + slug + "/stats", "/api/projects/" + slug + "/trending",
                "/api/posts/" + post, "/api/posts/" + post + "/timeline", "/api/posts/" + post + "/comments",
                "/api/posts/" + post + "/attachments", "/api/posts/" + post + "/vote", "/api/attachments/" + image);
    }

    @Test
    void a_members_board_is_404_for_anonymous_and_signed_in_outsiders_on_every_read() {
        String[] ids = membersBoard("secret");
        for (Actor who : new Actor[] {Actor.anonymous(), outsider}) {
            for (String path : readPaths("secret", ids[0], ids[1])) {
                var r = s.get(path, who);
                assertThat(r.status()).as(path + " for " + who).isEqualTo(404);
                assertThat(r.json().get("code").asText()).isEqualTo("not_found");
            }
            List<String> slugs = new ArrayList<>();
            s.get("/api/projects?per_page=100", who).data().forEach(p -> slugs.add(p.get("slug").asText()));
            assertThat(slugs).doesNotContain("secret");
        }
        for (String feed : List.of("/feeds/secret/posts.atom", "/feeds/secret/changelog.atom")) {
            assertThat(s.get(feed).status()).as(feed).isEqualTo(404);
        }
        assertThat(s.json("POST", "/api/posts/" + ids[0] + "/vote", outsider, "").status()).isEqualTo(404);
        assertThat(s.json("POST", "/api/posts/" + ids[0] + "/comments", outsider, "{\"content\":\"hi\"}").status())
                .isEqualTo(404);
        assertThat(s.json("POST", "/api/projects/secret/posts", outsider, "{\"title\":\"Mine\"}").status())
                .isEqualTo(404);
    }

    @Test
    void a_member_and_an_admin_see_the_members_board_and_its_image_is_never_publicly_cached() {
        String[] ids = membersBoard("inner");
        for (Actor who : new Actor[] {member, admin}) {
            for (String path : readPaths("inner", ids[0], ids[1])) {
                assertThat(s.get(path, who).status()).as(path + " for " + who).isEqualTo(200);
            }
            assertThat(s.get("/api/projects/inner/posts?q=quantum", who).json().get("pagination").get("total").asLong())
                    .isEqualTo(1);
            assertThat(s.get("/api/projects/inner/changelog", who).data().get(0).get("id").asText()).isEqualTo(ids[0]);
        }
        assertThat(s.get("/api/attachments/" + ids[1], member).header("Cache-Control")).isEqualTo("private, no-store");
        JsonNode members = s.get("/api/projects/inner/members", admin).data();
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("email").asText()).endsWith("@example.test");
        assertThat(s.get("/api/projects/inner/members", member).status()).isEqualTo(403);
        assertThat(s.req("DELETE", "/api/projects/inner/members/" + member.userId()).as(admin).send().status())
                .isEqualTo(204);
        assertThat(s.get("/api/posts/" + ids[0], member).status()).isEqualTo(404);
    }

    @Test
    void a_hidden_post_and_comment_are_invisible_to_a_member_with_exact_counts() {
        s.board().createProject(admin, new NewProject("Hiding", "hiding", ""));
        String kept = s.board().createPost(member, "hiding", new NewPost("Kept post", "", null)).post().id();
        String gone = s.board().createPost(member, "hiding", new NewPost("Gone post", "", null)).post().id();
        String comment = s.board().addComment(member, kept, new NewComment("Rude", null)).comment().id();
        s.board().addComment(member, kept, new NewComment("Fine", null));

        var hidden = s.json("POST", "/api/posts/" + gone + "/hide", admin, "");
        assertThat(hidden.status()).isEqualTo(200);
        assertThat(hidden.data().get("hidden").asBoolean()).isTrue();
        assertThat(s.json("POST", "/api/comments/" + comment + "/hide", admin, "").data().get("hidden").asBoolean())
                .isTrue();
        assertThat(s.json("POST", "/api/posts/" + kept + "/hide", member, "").status()).isEqualTo(403);

        var list = s.get("/api/projects/hiding/posts", member).json();
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.get("pagination").get("total").asLong()).isEqualTo(1);
        assertThat(list.get("data").get(0).get("comment_count").asLong()).isEqualTo(1);
        assertThat(s.get("/api/projects/hiding", member).data().get("post_count").asLong()).isEqualTo(1);
        assertThat(s.get("/api/projects/hiding/stats", member).data().get("total_posts").asLong()).isEqualTo(1);
        assertThat(s.get("/api/projects/hiding/posts?q=post", member).json().get("pagination").get("total").asLong())
                .isEqualTo(1);
        assertThat(s.get("/api/posts/" + gone, member).status()).isEqualTo(404);
        var comments = s.get("/api/posts/" + kept + "/comments", member).json();
        assertThat(comments.get("data")).hasSize(1);
        assertThat(comments.get("pagination").get("total").asLong()).isEqualTo(1);

        var forAdmin = s.get("/api/projects/hiding/posts", admin).json();
        assertThat(forAdmin.get("pagination").get("total").asLong()).isEqualTo(2);
        assertThat(s.get("/api/posts/" + gone, admin).data().get("hidden").asBoolean()).isTrue();
        assertThat(s.get("/api/posts/" + kept + "/comments", admin).data()).hasSize(2);

        assertThat(s.json("POST", "/api/posts/" + gone + "/restore", admin, "").data().get("hidden").asBoolean())
                .isFalse();
        assertThat(s.get("/api/projects/hiding/posts", member).json().get("pagination").get("total").asLong())
                .isEqualTo(2);
    }

    @Test
    void the_approval_queue_holds_a_members_post_until_an_admin_approves_it() {
        s.board().createProject(admin, new NewProject("Queue", "queue", ""));
        assertThat(s.json("PATCH", "/api/projects/queue", admin, "{\"moderation\":\"new_posts\"}").data()
                .get("moderation").asText()).isEqualTo("new_posts");
        var created = s.json("POST", "/api/projects/queue/posts", member, "{\"title\":\"Please add dark mode\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("approval").asText()).isEqualTo("pending");
        String id = created.data().get("id").asText();

        assertThat(s.get("/api/posts/" + id, member).data().get("approval").asText()).isEqualTo("pending");
        assertThat(s.get("/api/posts/" + id, outsider).status()).isEqualTo(404);
        assertThat(s.get("/api/posts/" + id).status()).isEqualTo(404);
        assertThat(s.get("/api/projects/queue/posts", outsider).data()).isEmpty();
        assertThat(s.get("/api/projects/queue/posts/pending", member).status()).isEqualTo(403);
        JsonNode queue = s.get("/api/projects/queue/posts/pending", admin).data();
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).get("id").asText()).isEqualTo(id);

        var approved = s.json("POST", "/api/posts/" + id + "/approve", admin, "");
        assertThat(approved.data().get("approval").asText()).isEqualTo("approved");
        assertThat(s.get("/api/posts/" + id, outsider).status()).isEqualTo(200);
        assertThat(s.get("/api/projects/queue/posts", outsider).data()).hasSize(1);
        assertThat(s.json("POST", "/api/posts/" + id + "/approve", admin, "").status()).isEqualTo(409);

        String spam = s.json("POST", "/api/projects/queue/posts", member, "{\"title\":\"Spam\"}").data().get("id")
                .asText();
        assertThat(s.json("POST", "/api/posts/" + spam + "/reject", admin, "").status()).isEqualTo(204);
        assertThat(s.get("/api/posts/" + spam, admin).status()).isEqualTo(404);
        assertThat(s.json("POST", "/api/projects/queue/posts", admin, "{\"title\":\"News\"}").data().get("approval")
                .asText()).isEqualTo("approved");
    }
}
