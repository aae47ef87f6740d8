package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.BoardStats;
import io.rungu.model.NewComment;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class DemoDataTest {
    @Parameter
    TestDatabase database;

    @TempDir
    Path dir;

    @Test
    void generated_data_has_the_requested_size_and_exact_counters() {
        try (TestStores t = TestStores.open(database, dir)) {
            String schemaBefore = schema(t);
            List<String> steps = new ArrayList<>();
            DemoData.Result result = DemoData.generate(t.store(), new DemoData.Options(3, 2_000, 8_000, 3_000, 100, 7),
                    (step, done, total) -> steps.add(step));
            assertThat(result.posts()).isEqualTo(2_000);
            assertThat(steps).contains("users", "projects", "statuses", "categories", "posts", "votes", "comments");
            // Every demo board has the default statuses and categories, as a board made through the Board does.
            assertThat(t.number("SELECT count(*) FROM statuses")).isEqualTo(3 * 5);
            assertThat(t.number("SELECT count(*) FROM categories")).isEqualTo(3 * 4);
            assertThat(t.number("SELECT count(*) FROM posts")).isEqualTo(2_000);
            assertThat(t.number("SELECT count(*) FROM votes")).isEqualTo(8_000);
            assertThat(t.number("SELECT count(*) FROM comments")).isEqualTo(3_000);
            assertThat(t.number("SELECT count(*) FROM posts p WHERE vote_count <> "
                    + "(SELECT count(*) FROM votes v WHERE v.post_id = p.id)")).isZero();
            assertThat(t.number("SELECT count(*) FROM posts p WHERE comment_count <> "
                    + "(SELECT count(*) FROM comments c WHERE c.post_id = p.id)")).isZero();
            assertThat(t.number("SELECT count(*) FROM (SELECT project_id, status, category, count(*) AS n FROM posts "
                    + "GROUP BY 1, 2, 3) g LEFT JOIN project_post_counts c USING (project_id, status, category) "
                    + "WHERE c.posts IS DISTINCT FROM g.n")).isZero();
            assertThat(t.number("SELECT count(*) FROM comments c JOIN comments parent ON parent.id = c.parent_id "
                    + "WHERE parent.post_id <> c.post_id OR parent.created_at > c.created_at")).isZero();
            assertThat(t.number("SELECT count(*) FROM posts WHERE (status = 'done') <> (done_at IS NOT NULL)"))
                    .isZero();

            List<Project> projects = t.board().listProjects(Actor.anonymous(), PageRequest.FIRST).items();
            assertThat(projects).hasSize(3);
            long total = 0;
            for (Project p : projects) {
                BoardStats stats = t.board().stats(Actor.anonymous(), p.slug());
                assertThat(stats.totalPosts()).isEqualTo(p.postCount());
                total += stats.totalVotes();
            }
            assertThat(total).isEqualTo(8_000);
            assertThat(schema(t)).as("triggers and indexes are back").isEqualTo(schemaBefore);
        }
    }

    @Test
    void generated_posts_are_searchable_and_the_counters_keep_working() {
        try (TestStores t = TestStores.open(database, dir)) {
            DemoData.generate(t.store(), new DemoData.Options(1, 200, 300, 100, 20, 3), null);
            Project project = t.board().listProjects(Actor.anonymous(), PageRequest.FIRST).items().get(0);
            var post = t.board().listPosts(Actor.anonymous(), project.slug(), PostQuery.newest()).items().get(0);
            String word = post.post().title().split(" ")[0];
            var found = t.board().listPosts(Actor.anonymous(), project.slug(),
                    new PostQuery(PostSort.NEWEST, null, null, word, new PageRequest(1, 100)));
            assertThat(found.items()).extracting(v -> v.post().id()).contains(post.post().id());

            Actor.Account voter = t.member("Voter");
            long before = post.post().voteCount();
            assertThat(t.board().toggleVote(voter, post.post().id()).voteCount()).isEqualTo(before + 1);
            t.board().addComment(voter, post.post().id(), new NewComment("Hi", null));
            assertThat(t.board().getPost(voter, post.post().id()).post().commentCount())
                    .isEqualTo(post.post().commentCount() + 1);
        }
    }

    @Test
    void a_second_load_adds_to_the_first_and_every_board_count_stays_exact() {
        try (TestStores t = TestStores.open(database, dir)) {
            DemoData.generate(t.store(), new DemoData.Options(2, 300, 600, 100, 20, 1), (step, done, total) -> { });
            DemoData.generate(t.store(), new DemoData.Options(2, 500, 900, 100, 20, 2), (step, done, total) -> { });
            assertThat(t.number("SELECT count(*) FROM posts")).isEqualTo(800);
            assertThat(t.number("SELECT count(*) FROM (SELECT project_id, status, category, count(*) AS n FROM posts "
                    + "GROUP BY 1, 2, 3) g LEFT JOIN project_post_counts c USING (project_id, status, category) "
                    + "WHERE c.posts IS DISTINCT FROM g.n")).isZero();
            assertThat(t.number("SELECT count(*) FROM posts p WHERE vote_count <> "
                    + "(SELECT count(*) FROM votes v WHERE v.post_id = p.id)")).isZero();
            assertThat(t.number(database == TestDatabase.POSTGRES ? "SELECT count(*) FROM post_search"
                    : "SELECT count(*) FROM posts_fts")).as("every post of both loads indexed once").isEqualTo(800);
        }
    }

    private String schema(TestStores t) {
        if (database == TestDatabase.POSTGRES) {
            return String.join("\n", t.strings("SELECT c.relname || ' ' || t.tgname || ' ' || t.tgenabled::text "
                    + "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal ORDER BY 1"))
                    + "\n" + String.join("\n", t.strings("SELECT indexdef FROM pg_indexes "
                    + "WHERE schemaname = current_schema() ORDER BY indexname"));
        }
        return String.join("\n", t.strings("SELECT type || ' ' || name || ' ' || coalesce(sql, '') "
                + "FROM sqlite_master ORDER BY type, name"));
    }
}
