package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.Limits;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's API tests (original-rungu.md §9.3), against the real plugin on a real server. */
class ApiTest {
    @TempDir
    Path dir;
    TestServer s;
    Actor.Account admin;
    Actor.Account member;

    @BeforeEach
    void start() {
        s = TestServer.start(dir);
        admin = s.admin();
        member = s.member("Mia Member");
        s.board().createProject(admin, new NewProject("Test App", "test-app", "A board"));
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private String post(String title) {
        return s.board().createPost(member, "test-app", new NewPost(title, "", null)).post().id();
    }

    private String postWithStatus(String title, PostStatus status) {
        String id = post(title);
        s.board().editPost(admin, id, PostEdit.status(status));
        return id;
    }

    @Test
    void listing_projects_returns_the_board() {
        var r = s.get("/api/projects");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).get("slug").asText()).isEqualTo("test-app");
        assertThat(r.data().get(0).get("post_count").asLong()).isZero();
        assertThat(r.json().get("pagination").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void a_project_is_found_by_slug_and_a_missing_one_is_404() {
        assertThat(s.get("/api/projects/test-app").data().get("name").asText()).isEqualTo("Test App");
        var missing = s.get("/api/projects/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asText()).isEqualTo("not_found");
        assertThat(missing.json().get("error").asText()).isEqualTo("Project not found");
    }

    @Test
    void creating_a_project_requires_an_admin() {
        String body = "{\"name\":\"Other\"}";
        assertThat(s.json("POST", "/api/projects", member, body).status()).isEqualTo(403);
        var anon = s.json("POST", "/api/projects", Actor.anonymous(), body);
        assertThat(anon.status()).isEqualTo(401);
        assertThat(anon.json().get("code").asText()).isEqualTo("unauthenticated");
        var ok = s.json("POST", "/api/projects", admin, body);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.data().get("slug").asText()).isEqualTo("other");
    }

    @Test
    void an_empty_board_lists_no_posts() {
        var r = s.get("/api/projects/test-app/posts");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data()).isEmpty();
        assertThat(r.json().get("pagination").get("total").asLong()).isZero();
    }

    @Test
    void creating_a_post_requires_sign_in() {
        assertThat(s.json("POST", "/api/projects/test-app/posts", Actor.anonymous(), "{\"title\":\"Hi\"}").status())
                .isEqualTo(401);
    }

    @Test
    void a_created_post_can_be_read_back() {
        var created = s.json("POST", "/api/projects/test-app/posts", member, "{\"title\":\"Dark mode\",\"category\":\"feature\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("title").asText()).isEqualTo("Dark mode");
        assertThat(created.data().get("status").asText()).isEqualTo("open");
        assertThat(created.data().get("creator").get("name").asText()).isEqualTo("Mia Member");
        assertThat(created.data().get("creator").has("email")).isFalse();
        String id = created.data().get("id").asText();
        var read = s.get("/api/posts/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().get("title").asText()).isEqualTo("Dark mode");
        assertThat(read.data().get("category").asText()).isEqualTo("feature");
        assertThat(read.data().get("created_at").asText()).endsWith("Z");
        assertThat(read.data().has("done_at")).isTrue();
        assertThat(read.data().get("user_voted").asBoolean()).isFalse();
    }

    @Test
    void post_titles_are_validated() {
        var empty = s.json("POST", "/api/projects/test-app/posts", member, "{\"title\":\"\"}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("code").asText()).isEqualTo("invalid");
        assertThat(empty.json().get("fields").has("title")).isTrue();
        var tooLong = s.json("POST", "/api/projects/test-app/posts", member, "{\"title\":\"" + "x".repeat(201) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void a_missing_post_is_404() {
        assertThat(s.get("/api/posts/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }

    @Test
    void voting_requires_sign_in() {
        String id = post("Vote me");
        assertThat(s.req("POST", "/api/posts/" + id + "/vote").send().status()).isEqualTo(401);
    }

    @Test
    void a_member_follows_and_unfollows_a_post_and_an_unsubscribe_link_works_without_signing_in() {
        String id = post("Follow me");
        Actor.Account other = s.member("Olu Other");
        assertThat(s.get("/api/posts/" + id + "/subscription", member).data().get("subscribed").asBoolean())
                .as("the author follows their post").isTrue();
        assertThat(s.get("/api/posts/" + id + "/subscription", other).data().get("subscribed").asBoolean()).isFalse();
        assertThat(s.req("PUT", "/api/posts/" + id + "/subscription").send().status()).isEqualTo(401);
        var put = s.req("PUT", "/api/posts/" + id + "/subscription").as(other).send();
        assertThat(put.data().get("subscribed").asBoolean()).as(put.toString()).isTrue();
        assertThat(s.board().isSubscribed(other, id)).isTrue();
        var delete = s.req("DELETE", "/api/posts/" + id + "/subscription").as(other).send();
        assertThat(delete.data().get("subscribed").asBoolean()).isFalse();
        assertThat(s.board().isSubscribed(other, id)).isFalse();
        assertThat(s.req("PUT", "/api/posts/nope/subscription").as(other).send().status()).isEqualTo(404);

        String token = s.stores.sql(h -> h.createQuery("SELECT token FROM post_subscriptions WHERE user_id = :u")
                .bind("u", member.userId()).mapTo(String.class).one());
        var page = s.get("/unsubscribe/" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("<form method=\"post\">", "&ldquo;Follow me&rdquo;", "href=\"../account\"");
        assertThat(s.board().isSubscribed(member, id)).as("a GET changes nothing").isTrue();
        var oneClick = s.req("POST", "/unsubscribe/" + token)
                .body("application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes()).send();
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(oneClick.text()).contains("Unsubscribed", "no more emails about &ldquo;Follow me&rdquo;",
                "href=\"../board/test-app/post/" + id + "\"", "Follow", "href=\"../account\"");
        assertThat(s.board().isSubscribed(member, id)).isFalse();
        assertThat(s.req("POST", "/unsubscribe/" + token).send().text()).contains("used already");
    }

    @Test
    void a_person_without_a_name_shows_null_not_an_empty_string() {
        var user = s.stores.store().accounts().ensureUser("no.name@example.test", "", io.rungu.model.Role.MEMBER);
        Actor.Account nameless = Actor.of(user.id(), io.rungu.model.Role.MEMBER);
        var created = s.json("POST", "/api/projects/test-app/posts", nameless, "{\"title\":\"Nameless\"}");
        assertThat(created.data().get("creator").get("name").isNull()).as(created.toString()).isTrue();
        assertThat(created.data().get("creator").has("email")).isFalse();
        var users = s.get("/api/users", admin);
        assertThat(users.data()).filteredOn(u -> u.get("id").asText().equals(user.id())).singleElement()
                .satisfies(u -> assertThat(u.get("name").isNull()).as(u.toString()).isTrue());
    }

    @Test
    void an_admin_follows_a_board_and_a_member_may_not() {
        assertThat(s.req("PUT", "/api/projects/test-app/subscription").as(member).send().status()).isEqualTo(403);
        var put = s.req("PUT", "/api/projects/test-app/subscription").as(admin).send();
        assertThat(put.data().get("subscribed").asBoolean()).as(put.toString()).isTrue();
        assertThat(s.get("/api/projects/test-app/subscription", admin).data().get("subscribed").asBoolean()).isTrue();
        assertThat(s.req("DELETE", "/api/projects/test-app/subscription").as(admin).send().data().get("subscribed")
                .asBoolean()).isFalse();
        assertThat(s.board().isSubscribedToProject(admin, "test-app")).isFalse();
        assertThat(s.req("PUT", "/api/projects/nope/subscription").as(admin).send().status()).isEqualTo(404);
    }

    @Test
    void notification_settings_start_all_on_and_a_patch_changes_only_what_it_names() {
        var start = s.get("/api/me/notifications", member);
        assertThat(start.data().get("status_changes").asBoolean()).as(start.toString()).isTrue();
        assertThat(start.data().get("comments").asBoolean()).isTrue();
        assertThat(start.data().get("replies").asBoolean()).isTrue();
        assertThat(start.data().get("new_posts").asBoolean()).isTrue();
        var off = s.json("PATCH", "/api/me/notifications", member, "{\"comments\": false}");
        assertThat(off.data().get("comments").asBoolean()).as(off.toString()).isFalse();
        assertThat(off.data().get("status_changes").asBoolean()).isTrue();
        assertThat(s.get("/api/me/notifications", member).data().get("comments").asBoolean()).isFalse();
        var more = s.json("PATCH", "/api/me/notifications", member, "{\"replies\": false, \"new_posts\": false}");
        assertThat(more.data().get("replies").asBoolean()).as(more.toString()).isFalse();
        assertThat(more.data().get("new_posts").asBoolean()).isFalse();
        assertThat(more.data().get("comments").asBoolean()).as("kept").isFalse();
        assertThat(more.data().get("status_changes").asBoolean()).isTrue();
        assertThat(s.board().notificationSettings(member))
                .isEqualTo(new io.rungu.model.NotificationSettings(true, false, false, false));
        assertThat(s.json("PATCH", "/api/me/notifications", member, "{\"comments\": \"no\"}").status()).isEqualTo(400);
        assertThat(s.json("PATCH", "/api/me/notifications", member, "{\"email\": true}").status()).isEqualTo(400);
        assertThat(s.get("/api/me/notifications").status()).isEqualTo(401);
    }

    @Test
    void voting_twice_removes_the_vote() {
        String id = post("Vote me");
        var first = s.req("POST", "/api/posts/" + id + "/vote").as(member).send();
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().get("voted").asBoolean()).isTrue();
        assertThat(first.data().get("vote_count").asLong()).isEqualTo(1);
        var state = s.get("/api/posts/" + id + "/vote", member);
        assertThat(state.data().get("voted").asBoolean()).isTrue();
        assertThat(s.get("/api/posts/" + id, member).data().get("user_voted").asBoolean()).isTrue();
        assertThat(s.get("/api/projects/test-app/posts", member).data().get(0).get("user_voted").asBoolean()).isTrue();
        var second = s.req("POST", "/api/posts/" + id + "/vote").as(member).send();
        assertThat(second.data().get("voted").asBoolean()).isFalse();
        assertThat(second.data().get("vote_count").asLong()).isZero();
    }

    @Test
    void put_vote_sets_the_vote_idempotently() {
        String id = post("Vote me");
        for (int i = 0; i < 2; i++) {
            var r = s.json("PUT", "/api/posts/" + id + "/vote", member, "{\"voted\":true}");
            assertThat(r.data().get("voted").asBoolean()).isTrue();
            assertThat(r.data().get("vote_count").asLong()).isEqualTo(1);
        }
        assertThat(s.json("PUT", "/api/posts/" + id + "/vote", member, "{\"voted\":false}").data().get("vote_count").asLong())
                .isZero();
    }

    @Test
    void a_comment_is_created_and_listed() {
        String id = post("Discuss");
        var created = s.json("POST", "/api/posts/" + id + "/comments", member, "{\"content\":\"Nice idea\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("parent_id").isNull()).isTrue();
        String parent = created.data().get("id").asText();
        var reply = s.json("POST", "/api/posts/" + id + "/comments", admin,
                "{\"content\":\"Agreed\",\"parent_id\":\"" + parent + "\"}");
        assertThat(reply.data().get("parent_id").asText()).isEqualTo(parent);
        var list = s.get("/api/posts/" + id + "/comments");
        assertThat(list.data()).hasSize(2);
        assertThat(list.data().get(0).get("content").asText()).isEqualTo("Nice idea");
        assertThat(list.json().get("pagination").get("total").asLong()).isEqualTo(2);
    }

    @Test
    void an_invalid_status_filter_is_400() {
        var r = s.get("/api/projects/test-app/posts?status=opennnn");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("fields").has("status")).isTrue();
    }

    @Test
    void an_invalid_category_filter_is_400() {
        assertThat(s.get("/api/projects/test-app/posts?category=notarealcategory").status()).isEqualTo(400);
    }

    @Test
    void an_empty_result_still_has_one_page() {
        var r = s.get("/api/projects/test-app/posts?status=done");
        assertThat(r.json().get("pagination").get("total_pages").asInt()).isEqualTo(1);
    }

    @Test
    void comments_of_a_missing_post_are_404() {
        assertThat(s.get("/api/posts/nope/comments").status()).isEqualTo(404);
    }

    @Test
    void the_roadmap_of_a_missing_board_is_404() {
        assertThat(s.get("/api/projects/nope/roadmap").status()).isEqualTo(404);
    }

    @Test
    void the_roadmap_is_public() {
        assertThat(s.get("/api/projects/test-app/roadmap").status()).isEqualTo(200);
    }

    @Test
    void the_roadmap_groups_by_status_and_sorts_by_votes() {
        String lessVoted = postWithStatus("Planned A", PostStatus.PLANNED);
        String moreVoted = postWithStatus("Planned B", PostStatus.PLANNED);
        postWithStatus("Doing", PostStatus.IN_PROGRESS);
        postWithStatus("Shipped", PostStatus.DONE);
        post("Still open");
        s.board().toggleVote(member, moreVoted);
        s.board().toggleVote(admin, moreVoted);
        s.board().toggleVote(member, lessVoted);
        var r = s.get("/api/projects/test-app/roadmap").data();
        assertThat(r.get("planned")).hasSize(2);
        assertThat(r.get("planned").get(0).get("id").asText()).isEqualTo(moreVoted);
        assertThat(r.get("planned_total").asLong()).isEqualTo(2);
        assertThat(r.get("in_progress")).hasSize(1);
        assertThat(r.get("in_progress_total").asLong()).isEqualTo(1);
        assertThat(r.get("done")).hasSize(1);
        assertThat(r.get("done_total").asLong()).isEqualTo(1);
        assertThat(r.get("limit").asInt()).isEqualTo(10);
    }

    @Test
    void the_roadmap_respects_its_limit() {
        for (int i = 0; i < 5; i++) {
            postWithStatus("Planned " + i, PostStatus.PLANNED);
        }
        var r = s.get("/api/projects/test-app/roadmap?limit=2").data();
        assertThat(r.get("planned")).hasSize(2);
        assertThat(r.get("planned_total").asLong()).isEqualTo(5);
        assertThat(r.get("limit").asInt()).isEqualTo(2);
    }

    @Test
    void a_roadmap_limit_out_of_range_is_refused_not_clamped() {
        assertThat(s.get("/api/projects/test-app/roadmap?limit=50").data().get("limit").asInt()).isEqualTo(50);
        for (String bad : new String[] {"9999", "0", "abc"}) {
            var r = s.get("/api/projects/test-app/roadmap?limit=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("limit must be between 1 and 50");
        }
    }

    @Test
    void the_changelog_of_a_missing_board_is_404() {
        assertThat(s.get("/api/projects/nope/changelog").status()).isEqualTo(404);
    }

    @Test
    void the_changelog_is_public() {
        assertThat(s.get("/api/projects/test-app/changelog").status()).isEqualTo(200);
    }

    @Test
    void the_changelog_lists_only_done_posts() {
        postWithStatus("Shipped", PostStatus.DONE);
        postWithStatus("Planned", PostStatus.PLANNED);
        postWithStatus("Declined", PostStatus.DECLINED);
        post("Open");
        var r = s.get("/api/projects/test-app/changelog");
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).get("title").asText()).isEqualTo("Shipped");
        assertThat(r.data().get(0).get("done_at").asText()).endsWith("Z");
    }

    @Test
    void an_invalid_changelog_since_is_400() {
        var r = s.get("/api/projects/test-app/changelog?since=not-a-date");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("fields").has("since")).isTrue();
    }

    @Test
    void changelog_since_filters_out_older_ships() {
        postWithStatus("Shipped", PostStatus.DONE);
        String future = Instant.now().plus(365, ChronoUnit.DAYS).atOffset(java.time.ZoneOffset.ofHours(2)).toString();
        var r = s.get("/api/projects/test-app/changelog?since=" + future.replace("+", "%2B"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("pagination").get("total").asLong()).isZero();
    }

    @Test
    void stats_and_trending_answer_with_the_contract_shapes() {
        String id = post("Hot");
        s.board().toggleVote(member, id);
        var stats = s.get("/api/projects/test-app/stats").data();
        assertThat(stats.get("total_posts").asLong()).isEqualTo(1);
        assertThat(stats.get("by_status").get("open").asLong()).isEqualTo(1);
        assertThat(stats.get("by_category").get("feedback").asLong()).isEqualTo(1);
        assertThat(stats.get("total_votes").asLong()).isEqualTo(1);
        var trending = s.get("/api/projects/test-app/trending?days=7&limit=5");
        assertThat(trending.data()).hasSize(1);
        assertThat(trending.json().has("pagination")).isFalse();
        assertThat(s.get("/api/projects/test-app/trending?days=0").status()).isEqualTo(400);
    }

    @Test
    void trending_windows_and_limits_out_of_range_or_not_whole_numbers_get_one_message() {
        for (String days : new String[] {"0", "1000", "abc", "1.5"}) {
            var r = s.get("/api/projects/test-app/trending?days=" + days);
            assertThat(r.status()).as(days).isEqualTo(400);
            assertThat(r.json().get("code").asText()).isEqualTo("invalid");
            assertThat(r.json().get("error").asText()).isEqualTo("days must be between 1 and 365");
            assertThat(r.json().get("fields").get("days").asText()).isEqualTo("days must be between 1 and 365");
        }
        for (String limit : new String[] {"0", "101", "many"}) {
            assertThat(s.get("/api/projects/test-app/trending?limit=" + limit).json().get("error").asText())
                    .isEqualTo("limit must be between 1 and 100");
        }
        assertThat(s.get("/api/projects/test-app/trending?days=365&limit=100").status()).isEqualTo(200);
    }

    @Test
    void a_bug_answers_the_one_500_body_with_a_request_id_and_nothing_else() {
        // the test resolver fails with a plain IllegalArgumentException on an unknown channel: a bug, not a refusal
        var r = s.req("GET", "/api/projects").header("X-Test-Actor", "u1 member NO_SUCH_CHANNEL write").send();
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.json().get("error").asText()).isEqualTo("Internal server error");
        assertThat(r.json().get("code").asText()).isEqualTo("internal");
        assertThat(r.json().get("fields").size()).isZero();
        assertThat(r.json().get("request_id").asText()).isNotBlank();
        assertThat(r.text()).doesNotContain("NO_SUCH_CHANNEL").doesNotContain("Exception");
    }

    @Test
    void an_unknown_body_field_is_refused_by_name_not_dropped() {
        var create = s.req("POST", "/api/projects/test-app/posts").as(member)
                .json("{\"title\":\"Mine\",\"status\":\"done\"}").send();
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.json().get("code").asText()).isEqualTo("invalid");
        assertThat(create.json().get("error").asText())
                .isEqualTo("Unknown field 'status'; allowed: category, description, title");
        assertThat(create.json().get("fields").has("status")).isTrue();
        assertThat(s.get("/api/projects/test-app/posts").json().get("pagination").get("total").asLong()).isZero();

        var rename = s.req("PATCH", "/api/projects/test-app").as(admin).json("{\"slug\":\"other\"}").send();
        assertThat(rename.status()).isEqualTo(400);
        assertThat(rename.json().get("error").asText()).isEqualTo("Unknown field 'slug'; allowed: description, moderation, name, visibility");
    }

    @Test
    void similar_posts_find_a_reworded_duplicate() {
        s.board().createPost(member, "test-app", new io.rungu.model.NewPost("Dark mode please", "", null));
        s.board().createPost(member, "test-app", new io.rungu.model.NewPost("CSV export", "", null));
        var similar = s.get("/api/projects/test-app/posts/similar?q=" + enc("Please add dark mode") + "&limit=3");
        assertThat(similar.status()).isEqualTo(200);
        assertThat(similar.data()).hasSize(1);
        assertThat(similar.data().get(0).get("title").asText()).isEqualTo("Dark mode please");
        assertThat(similar.json().has("pagination")).isFalse();
        assertThat(s.get("/api/projects/test-app/posts/similar?q=" + enc("🚀 please")).data()).isEmpty();
        assertThat(s.get("/api/projects/nope/posts/similar?q=dark").status()).isEqualTo(404);
        assertThat(s.get("/api/projects/test-app/posts/similar?q=" + "x".repeat(201)).status()).isEqualTo(400);
        assertThat(s.get("/api/projects/test-app/posts/similar?q=dark&limit=21").json().get("error").asText())
                .isEqualTo("limit must be between 1 and 20");
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void admins_list_users_and_change_roles() {
        var users = s.get("/api/users", admin);
        assertThat(users.status()).isEqualTo(200);
        assertThat(users.data().get(0).has("email")).isTrue();
        assertThat(s.get("/api/users", member).status()).isEqualTo(403);
        var found = s.get("/api/users?q=" + enc("MIA mem"), admin);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.data()).hasSize(1);
        assertThat(found.data().get(0).get("id").asText()).isEqualTo(member.userId());
        var tooLong = s.get("/api/users?q=" + "x".repeat(Limits.USER_QUERY_MAX + 1), admin);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("error").asText()).contains("at most " + Limits.USER_QUERY_MAX);
        var promoted = s.json("PATCH", "/api/users/" + member.userId(), admin, "{\"role\":\"admin\"}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.data().get("role").asText()).isEqualTo("admin");
    }

    @Test
    void a_user_renames_themself_through_api_me() {
        var renamed = s.json("PATCH", "/api/me", member, "{\"name\":\"  Mia Renamed  \"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.data().get("id").asText()).isEqualTo(member.userId());
        assertThat(renamed.data().get("name").asText()).isEqualTo("Mia Renamed");
        assertThat(renamed.data().has("avatar_url")).isTrue();
        assertThat(s.board().me(member).name()).isEqualTo("Mia Renamed");

        var blank = s.json("PATCH", "/api/me", member, "{\"name\":\" \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("code").asText()).isEqualTo("invalid");
    }

    @Test
    void renaming_requires_sign_in() {
        var r = s.json("PATCH", "/api/me", Actor.anonymous(), "{\"name\":\"Someone\"}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("unauthenticated");
    }

    @Test
    void unknown_api_paths_are_json_404_and_wrong_methods_are_405() {
        var unknown = s.get("/api/nothing/here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("not_found");
        var wrong = s.req("PUT", "/api/projects").as(admin).json("{}").send();
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Allow")).contains("GET").contains("POST");
        assertThat(wrong.json().get("error").asText()).contains("PUT");
    }
}
