package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walking every page of a list sees each item exactly once, in every sort order, even with tied sort keys. */
class PaginationTest {
    @TempDir
    Path dir;
    TestServer s;
    Actor.Account member;

    @BeforeEach
    void start() {
        s = TestServer.start(dir, http -> http.rateLimits.enabled = false, host -> {});
        Actor.Account admin = s.admin();
        member = s.member("Voter");
        s.board().createProject(admin, new NewProject("App", "app", ""));
        for (int i = 0; i < 23; i++) {
            // most posts tie on votes (0), so only the id tie-break keeps vote-ordered pages stable
            String id = s.board().createPost(admin, "app", new NewPost("Post " + i, "", null)).post().id();
            if (i % 3 == 0) {
                s.board().toggleVote(member, id);
            }
        }
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void pages_cover_every_post_once_in_every_order() {
        for (String sort : List.of("newest", "oldest", "most_votes", "least_votes", "recently_updated", "trending")) {
            List<String> seen = new ArrayList<>();
            int totalPages = 1;
            for (int page = 1; page <= totalPages; page++) {
                var r = s.get("/api/projects/app/posts?sort=" + sort + "&per_page=5&page=" + page, member);
                JsonNode pagination = r.json().get("pagination");
                assertThat(pagination.get("per_page").asInt()).isEqualTo(5);
                assertThat(pagination.get("total").asLong()).isEqualTo(23);
                totalPages = pagination.get("total_pages").asInt();
                r.data().forEach(p -> seen.add(p.get("id").asText()));
            }
            assertThat(totalPages).isEqualTo(5);
            Set<String> unique = new HashSet<>(seen);
            assertThat(seen).as(sort).hasSize(23);
            assertThat(unique).as(sort).hasSize(23);
            var again = s.get("/api/projects/app/posts?sort=" + sort + "&per_page=5&page=2", member).data();
            assertThat(again.get(0).get("id").asText()).isEqualTo(seen.get(5));
        }
    }

    @Test
    void status_lists_closed_kind_exclusion_and_the_viewers_own_posts_and_votes_filter_the_list() {
        String declined = s.get("/api/projects/app/posts?sort=oldest&per_page=1", member).data().get(0).get("id").asText();
        s.board().editPost(s.admin(), declined, io.rungu.model.PostEdit.status(io.rungu.model.PostStatus.DECLINED));
        assertThat(s.get("/api/projects/app/posts?exclude_closed=true", member).json().get("pagination")
                .get("total").asLong()).isEqualTo(22);
        var both = s.get("/api/projects/app/posts?status=open,declined&per_page=100", member);
        assertThat(both.json().get("pagination").get("total").asLong()).isEqualTo(23);
        assertThat(s.get("/api/projects/app/posts?status=declined&exclude_closed=true").data()).isEmpty();
        var voted = s.get("/api/projects/app/posts?voted_by=me&exclude_closed=true&per_page=100", member);
        assertThat(voted.json().get("pagination").get("total").asLong()).isEqualTo(7);
        voted.data().forEach(p -> assertThat(p.get("user_voted").asBoolean()).isTrue());
        assertThat(s.get("/api/projects/app/posts?author=me", member).data()).isEmpty();
        assertThat(s.get("/api/projects/app/posts?author=me").status()).isEqualTo(401);
        for (String bad : new String[] {"author=someone", "voted_by=you", "exclude_closed=yes", "status=open,nope",
                "status=open,,planned"}) {
            var refused = s.get("/api/projects/app/posts?" + bad, member);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).as(bad).isEqualTo("invalid");
        }
    }

    @Test
    void a_page_past_the_end_is_empty_and_sizes_out_of_range_are_refused_not_clamped() {
        var r = s.get("/api/projects/app/posts?page=9");
        assertThat(r.data()).isEmpty();
        assertThat(r.json().get("pagination").get("page").asInt()).isEqualTo(9);
        assertThat(s.get("/api/projects/app/posts?per_page=100").json().get("pagination").get("per_page").asInt())
                .isEqualTo(100);
        for (String bad : new String[] {"per_page=1000", "per_page=0", "per_page=abc", "per_page=2.5"}) {
            var refused = s.get("/api/projects/app/posts?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("invalid");
            assertThat(refused.json().get("error").asText()).isEqualTo("per_page must be between 1 and 100");
        }
        for (String bad : new String[] {"page=0", "page=10001", "page=x"}) {
            assertThat(s.get("/api/projects/app/posts?" + bad).json().get("error").asText()).as(bad)
                    .isEqualTo("page must be between 1 and 10000");
        }
    }

    @Test
    void the_voted_state_is_per_viewer_in_lists() {
        var mine = s.get("/api/projects/app/posts?sort=most_votes&per_page=100", member).data();
        long voted = 0;
        for (JsonNode p : mine) {
            voted += p.get("user_voted").asBoolean() ? 1 : 0;
        }
        assertThat(voted).isEqualTo(8);
        var anonymous = s.get("/api/projects/app/posts?sort=most_votes&per_page=100").data();
        anonymous.forEach(p -> assertThat(p.get("user_voted").asBoolean()).isFalse());
    }
}
