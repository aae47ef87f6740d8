package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.store.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13's merge example over the real server, on SQLite and on PostgreSQL: A (3 votes, 2 comments) merged into
 * B (2 votes, one voter shared) gives B 4 votes and A's 2 comments; unmerging gives back A 3/2 and B 2, and every
 * count equals the rows behind it.
 */
class MergeCountsApiTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void merge_and_unmerge_keep_counts_equal_to_rows(TestDatabase database) {
        try (TestServer s = TestServer.startOn(database, dir)) {
            Actor.Account admin = s.admin();
            Actor.Account ann = s.member("Ann");
            Actor.Account bob = s.member("Bob");
            Actor.Account shared = s.member("Sam");
            Actor.Account lou = s.member("Lou");
            s.board().createProject(admin, new NewProject("App", "app", ""));
            String a = s.board().createPost(ann, "app", new NewPost("Dark mode", "", null)).post().id();
            String b = s.board().createPost(lou, "app", new NewPost("Night theme", "", null)).post().id();
            for (Actor.Account voter : new Actor.Account[] {ann, bob, shared}) {
                assertThat(s.req("POST", "/api/posts/" + a + "/vote").as(voter).send().status()).isEqualTo(200);
            }
            for (Actor.Account voter : new Actor.Account[] {shared, lou}) {
                assertThat(s.req("POST", "/api/posts/" + b + "/vote").as(voter).send().status()).isEqualTo(200);
            }
            s.board().addComment(bob, a, new NewComment("One", null));
            s.board().addComment(shared, a, new NewComment("Two", null));

            var merged = s.json("POST", "/api/posts/" + a + "/merge", admin, "{\"into\":\"" + b + "\"}");
            assertThat(merged.status()).as(merged.text()).isEqualTo(200);
            assertThat(merged.data().get("vote_count").asLong()).isEqualTo(4);
            assertThat(merged.data().get("comment_count").asLong()).isEqualTo(2);
            assertCountsAreRows(s, a, 0, 0);
            assertCountsAreRows(s, b, 4, 2);

            var unmerged = s.json("POST", "/api/posts/" + a + "/unmerge", admin, "{}");
            assertThat(unmerged.status()).as(unmerged.text()).isEqualTo(200);
            assertCountsAreRows(s, a, 3, 2);
            assertCountsAreRows(s, b, 2, 0);
        }
    }

    private static void assertCountsAreRows(TestServer s, String id, long votes, long comments) {
        JsonNode post = s.get("/api/posts/" + id).data();
        assertThat(post.get("vote_count").asLong()).isEqualTo(votes)
                .isEqualTo(s.stores.number("SELECT count(*) FROM votes WHERE post_id = '" + id + "'"));
        assertThat(post.get("comment_count").asLong()).isEqualTo(comments)
                .isEqualTo(s.stores.number("SELECT count(*) FROM comments WHERE post_id = '" + id + "'"));
    }
}
