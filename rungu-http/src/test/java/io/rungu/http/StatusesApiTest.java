package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A board's own statuses, categories and tags over REST (issue 13), on one real server; each test has its board. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusesApiTest {
    @TempDir
    static Path dir;
    TestServer s;
    Actor.Account admin;
    Actor.Account member;

    @BeforeAll
    void start() {
        s = TestServer.start(dir);
        admin = s.admin();
        member = s.member("Mia Member");
    }

    @AfterAll
    void stop() {
        s.close();
    }

    String board(String slug) {
        s.board().createProject(admin, new NewProject(slug, slug, ""));
        return slug;
    }

    String post(String board, String title) {
        return s.board().createPost(member, board, new NewPost(title, "", null)).post().id();
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void a_custom_active_status_is_a_roadmap_column_and_deleting_it_with_move_to_moves_its_posts() {
        String b = board("beta-board");
        String a = post(b, "A");
        var created = s.json("POST", "/api/projects/" + b + "/statuses", admin,
                "{\"slug\":\"shipped-beta\",\"name\":\"Shipped (beta)\",\"color\":\"#8b5cf6\",\"kind\":\"active\","
                        + "\"position\":4}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("kind").asText()).isEqualTo("active");
        assertThat(created.data().get("position").asInt()).isEqualTo(4);

        var set = s.json("PATCH", "/api/posts/" + a, admin, "{\"status\":\"shipped-beta\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.data().get("status").asText()).isEqualTo("shipped-beta");

        JsonNode roadmap = s.get("/api/projects/" + b + "/roadmap").data();
        assertThat(texts(roadmap.get("columns"), "total")).containsExactly("0", "0", "1");
        JsonNode column = roadmap.get("columns").get(2);
        assertThat(column.get("status").get("slug").asText()).isEqualTo("shipped-beta");
        assertThat(texts(column.get("posts"), "id")).containsExactly(a);
        assertThat(roadmap.get("planned")).isEmpty();
        assertThat(texts(s.get("/api/projects/" + b + "/posts?status=shipped-beta").data(), "id")).containsExactly(a);

        var refused = s.req("DELETE", "/api/projects/" + b + "/statuses/shipped-beta").as(admin).send();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("fields").get("move_to").asText()).contains("1 post(s)");

        var deleted = s.json("DELETE", "/api/projects/" + b + "/statuses/shipped-beta", admin,
                "{\"move_to\":\"in_progress\"}");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(s.get("/api/posts/" + a).data().get("status").asText()).isEqualTo("in_progress");
        assertThat(texts(s.get("/api/projects/" + b + "/statuses").data(), "slug"))
                .containsExactly("open", "planned", "in_progress", "done", "declined");
        assertThat(texts(s.get("/api/projects/" + b + "/roadmap").data().get("in_progress"), "id")).containsExactly(a);
    }

    @Test
    void a_post_set_to_a_done_kind_status_is_in_the_changelog_and_an_unknown_status_lists_the_valid_ones() {
        String b = board("done-board");
        String a = post(b, "A");
        assertThat(s.json("POST", "/api/projects/" + b + "/statuses", admin,
                "{\"name\":\"Released\",\"kind\":\"done\"}").data().get("slug").asText()).isEqualTo("released");
        assertThat(s.json("PATCH", "/api/posts/" + a, admin, "{\"status\":\"released\"}").status()).isEqualTo(200);

        assertThat(texts(s.get("/api/projects/" + b + "/changelog").data(), "id")).containsExactly(a);

        var unknown = s.json("PATCH", "/api/posts/" + a, admin, "{\"status\":\"shipped\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).isEqualTo("Unknown status 'shipped'; this board's statuses "
                + "are: open, planned, in_progress, done, declined, released");
    }

    @Test
    void the_board_json_carries_its_statuses_categories_and_tags_for_the_web_app() {
        String b = board("detail-board");
        s.json("POST", "/api/projects/" + b + "/tags", admin, "{\"name\":\"Mobile\",\"color\":\"#123456\"}");
        JsonNode project = s.get("/api/projects/" + b).data();
        assertThat(texts(project.get("statuses"), "kind")).containsExactly("open", "active", "active", "done", "closed");
        assertThat(texts(project.get("statuses"), "color")).allMatch(c -> c.matches("#[0-9a-f]{6}"));
        assertThat(texts(project.get("categories"), "slug")).containsExactly("feedback", "bug", "feature", "question");
        assertThat(texts(project.get("tags"), "slug")).containsExactly("mobile");
        assertThat(s.get("/api/projects").data().get(0).has("statuses")).isFalse();
    }

    @Test
    void categories_can_be_managed_and_deleted_with_move_to() {
        String b = board("cat-board");
        var idea = s.json("POST", "/api/projects/" + b + "/categories", admin, "{\"name\":\"Idea\",\"position\":1}");
        assertThat(idea.status()).isEqualTo(201);
        var p = s.json("POST", "/api/projects/" + b + "/posts", member, "{\"title\":\"X\"}");
        assertThat(p.data().get("category").asText()).isEqualTo("idea");
        assertThat(s.json("PATCH", "/api/projects/" + b + "/categories/idea", admin, "{\"name\":\"Ideas\"}")
                .data().get("name").asText()).isEqualTo("Ideas");
        assertThat(s.json("DELETE", "/api/projects/" + b + "/categories/idea", admin, "{\"move_to\":\"bug\"}")
                .status()).isEqualTo(204);
        assertThat(s.get("/api/posts/" + p.data().get("id").asText()).data().get("category").asText())
                .isEqualTo("bug");
        assertThat(s.get("/api/projects/" + b + "/stats").data().get("by_category").get("bug").asLong()).isEqualTo(1);
    }

    @Test
    void tags_are_set_with_put_shown_on_posts_and_filter_the_list() {
        String b = board("tag-board");
        String a = post(b, "A");
        String c = post(b, "C");
        s.json("POST", "/api/projects/" + b + "/tags", admin, "{\"name\":\"Mobile\"}");
        s.json("POST", "/api/projects/" + b + "/tags", admin, "{\"slug\":\"ux\",\"name\":\"UX\",\"color\":\"#ff0000\"}");

        var set = s.json("PUT", "/api/posts/" + a + "/tags", admin, "{\"tags\":[\"ux\",\"mobile\"]}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.data().get("tags").toString()).isEqualTo("[\"mobile\",\"ux\"]");
        s.json("PUT", "/api/posts/" + c + "/tags", admin, "{\"tags\":[\"ux\"]}");

        assertThat(texts(s.get("/api/projects/" + b + "/posts?tag=mobile").data(), "id")).containsExactly(a);
        assertThat(s.get("/api/projects/" + b + "/posts?tag=ux").json().get("pagination").get("total").asLong())
                .isEqualTo(2);
        assertThat(s.get("/api/projects/" + b + "/posts").data().get(0).get("tags")).isNotNull();
        var unknown = s.get("/api/projects/" + b + "/posts?tag=nope");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).isEqualTo("Unknown tag 'nope'; this board's tags are: mobile, ux");

        var eleven = s.json("PUT", "/api/posts/" + a + "/tags", admin,
                "{\"tags\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}");
        assertThat(eleven.status()).isEqualTo(400);
        assertThat(eleven.json().get("error").asText()).isEqualTo("A post can have at most 10 tags");
        assertThat(s.json("PUT", "/api/posts/" + a + "/tags", admin, "{\"tags\":[]}").data().get("tags")).isEmpty();
    }

    @Test
    void limits_and_permissions_answer_clearly() {
        String b = board("limits-board");
        var badColor = s.json("POST", "/api/projects/" + b + "/statuses", admin, "{\"name\":\"X\",\"color\":\"blue\"}");
        assertThat(badColor.status()).isEqualTo(400);
        assertThat(badColor.json().get("fields").get("color").asText()).isEqualTo("Colour must be #rrggbb, e.g. #3b82f6");
        var longName = s.json("POST", "/api/projects/" + b + "/statuses", admin,
                "{\"name\":\"" + "x".repeat(51) + "\"}");
        assertThat(longName.status()).isEqualTo(400);
        var lastOpen = s.req("DELETE", "/api/projects/" + b + "/statuses/open").as(admin).send();
        assertThat(lastOpen.status()).isEqualTo(409);

        for (String[] call : new String[][] {
                {"POST", "/api/projects/" + b + "/statuses", "{\"name\":\"Mine\"}"},
                {"PATCH", "/api/projects/" + b + "/statuses/open", "{\"name\":\"Mine\"}"},
                {"DELETE", "/api/projects/" + b + "/statuses/declined", "{}"},
                {"POST", "/api/projects/" + b + "/categories", "{\"name\":\"Mine\"}"},
                {"POST", "/api/projects/" + b + "/tags", "{\"name\":\"Mine\"}"}}) {
            var r = s.json(call[0], call[1], member, call[2]);
            assertThat(r.status()).as(call[0] + " " + call[1]).isEqualTo(403);
            assertThat(r.json().get("error").asText()).isEqualTo("Admin access required");
        }
        assertThat(s.json("PUT", "/api/posts/" + post(b, "A") + "/tags", member, "{\"tags\":[]}").status())
                .isEqualTo(403);
    }
}
