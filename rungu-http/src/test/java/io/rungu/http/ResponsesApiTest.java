package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Official responses on PATCH /api/posts/{id}, the response on every post shape, and GET /api/posts/{id}/timeline. */
class ResponsesApiTest {
    @TempDir
    Path dir;
    TestServer s;
    Actor.Account admin;
    Actor.Account member;
    String id;

    @BeforeEach
    void start() {
        s = TestServer.start(dir);
        admin = s.admin();
        member = s.member("Mia Member");
        s.board().createProject(admin, new NewProject("Test App", "test-app", "A board"));
        id = s.board().createPost(member, "test-app", new NewPost("Dark mode", "Please", null)).post().id();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void a_status_change_carries_an_official_response_shown_on_every_post_shape() {
        assertThat(s.get("/api/posts/" + id).data().get("response").isNull()).isTrue();

        var r = s.json("PATCH", "/api/posts/" + id, admin, "{\"status\":\"done\",\"response\":\"Shipped in 2.3\"}");

        assertThat(r.status()).isEqualTo(200);
        JsonNode response = r.data().get("response");
        assertThat(response.get("text").asText()).isEqualTo("Shipped in 2.3");
        assertThat(response.get("author").get("name").asText()).isEqualTo("Ada Admin");
        assertThat(response.get("author").has("email")).isFalse();
        assertThat(response.get("created_at").asText()).endsWith("Z");
        assertThat(s.get("/api/posts/" + id).data().get("response")).isEqualTo(response);
        assertThat(s.get("/api/projects/test-app/posts").data().get(0).get("response")).isEqualTo(response);
        assertThat(s.get("/api/projects/test-app/roadmap").data().get("done").get(0).get("response"))
                .isEqualTo(response);
        assertThat(s.get("/api/projects/test-app/changelog").data().get(0).get("response")).isEqualTo(response);
    }

    @Test
    void only_admins_respond_and_the_response_follows_the_comment_limits() {
        var byAuthor = s.json("PATCH", "/api/posts/" + id, member, "{\"response\":\"Done\"}");
        assertThat(byAuthor.status()).isEqualTo(403);
        assertThat(byAuthor.json().get("error").asText()).isEqualTo("Only admins can give an official response");

        var tooLong = s.json("PATCH", "/api/posts/" + id, admin, "{\"response\":\"" + "x".repeat(4001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("fields").get("response").asText())
                .isEqualTo("Response must be 4000 characters or less");

        var notText = s.json("PATCH", "/api/posts/" + id, admin, "{\"response\":5}");
        assertThat(notText.status()).isEqualTo(400);

        var alone = s.json("PATCH", "/api/posts/" + id, admin, "{\"response\":\"We are looking at it\"}");
        assertThat(alone.status()).isEqualTo(200);
        assertThat(alone.data().get("status").asText()).isEqualTo("open");
        assertThat(alone.data().get("response").get("text").asText()).isEqualTo("We are looking at it");
    }

    @Test
    void the_timeline_interleaves_comments_and_status_changes_and_pages_by_the_range_rule() {
        s.board().addComment(member, id, new NewComment("First!", null));
        s.json("PATCH", "/api/posts/" + id, admin, "{\"status\":\"planned\",\"response\":\"Next month\"}");

        var r = s.get("/api/posts/" + id + "/timeline");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("pagination").get("total").asLong()).isEqualTo(2);
        JsonNode comment = r.data().get(0);
        assertThat(comment.get("type").asText()).isEqualTo("comment");
        assertThat(comment.get("comment").get("content").asText()).isEqualTo("First!");
        JsonNode change = r.data().get(1);
        assertThat(change.get("type").asText()).isEqualTo("status_change");
        assertThat(change.get("status_change").get("from").asText()).isEqualTo("open");
        assertThat(change.get("status_change").get("to").asText()).isEqualTo("planned");
        assertThat(change.get("status_change").get("response").asText()).isEqualTo("Next month");
        assertThat(change.get("status_change").get("creator").get("name").asText()).isEqualTo("Ada Admin");

        var second = s.get("/api/posts/" + id + "/timeline?page=2&per_page=1");
        assertThat(second.data()).hasSize(1);
        assertThat(second.data().get(0).get("type").asText()).isEqualTo("status_change");

        var refused = s.get("/api/posts/" + id + "/timeline?per_page=0");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("per_page must be between 1 and 100");
        assertThat(s.get("/api/posts/nope/timeline").status()).isEqualTo(404);
    }

    @Test
    void a_response_given_with_the_same_status_updates_the_post_the_timeline_and_the_events_like_a_status_change() {
        var r = s.json("PATCH", "/api/posts/" + id, admin, "{\"status\":\"open\",\"response\":\"Collecting votes first\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.data().get("status").asText()).isEqualTo("open");
        assertThat(r.data().get("response").get("text").asText()).isEqualTo("Collecting votes first");
        assertThat(r.data().get("response").get("author").get("name").asText()).isEqualTo("Ada Admin");
        assertThat(s.get("/api/posts/" + id).data().get("response").get("text").asText())
                .isEqualTo("Collecting votes first");

        JsonNode change = s.get("/api/posts/" + id + "/timeline").data().get(0);
        assertThat(change.get("type").asText()).isEqualTo("status_change");
        assertThat(change.get("status_change").get("from").asText()).isEqualTo("open");
        assertThat(change.get("status_change").get("to").asText()).isEqualTo("open");
        assertThat(change.get("status_change").get("response").asText()).isEqualTo("Collecting votes first");

        // The event that notifies followers, as a status change does (docs/notifications.md).
        assertThat(s.stores.strings("SELECT type || ' ' || from_status || ' ' || to_status || ' ' || response "
                + "FROM outbox WHERE post_id = '" + id + "' AND type = 'POST_RESPONDED'"))
                .containsExactly("POST_RESPONDED open open Collecting votes first");
    }
}
