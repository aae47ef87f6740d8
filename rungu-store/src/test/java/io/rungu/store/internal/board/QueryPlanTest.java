package io.rungu.store.internal.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.PostCategory;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.store.DemoData;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Migrations;
import io.rungu.store.internal.db.SqliteDatabase;
import io.rungu.store.internal.demo.DemoGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL the Board runs is served by indexes: EXPLAIN QUERY PLAN of the list key queries (each sort, with and
 * without filters), search, roadmap, changelog, trending and the page fetch, on an empty database (no planner
 * statistics) and on a loaded and analysed one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTest {
    Database empty;
    Database loaded;

    @BeforeAll
    void open(@TempDir Path dir) {
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        empty = new SqliteDatabase("jdbc:sqlite:" + dir.resolve("empty.db"), 1, Duration.ofSeconds(5));
        Migrations.apply(empty, clock);
        loaded = new SqliteDatabase("jdbc:sqlite:" + dir.resolve("loaded.db"), 1, Duration.ofSeconds(5));
        Migrations.apply(loaded, clock);
        DemoGenerator.run(loaded, clock, () -> UUID.randomUUID().toString(),
                new DemoData.Options(4, 4_000, 8_000, 2_000, 200, 1), DemoData.ProgressListener.NONE);
        loaded.maintenance(h -> h.execute("ANALYZE"));
    }

    @AfterAll
    void close() {
        empty.close();
        loaded.close();
    }

    String plan(Database db, String sql, Map<String, Object> params) {
        org.jdbi.v3.core.HandleCallback<List<String>, RuntimeException> explain = h -> {
            Query q = h.createQuery("EXPLAIN QUERY PLAN " + sql);
            params.forEach(q::bind);
            if (sql.contains("<seqs>")) {
                q.bindList("seqs", List.of(1L, 2L, 3L));
            }
            if (sql.contains("<statuses>")) {
                q.bindList("statuses", List.of("open", "planned"));
            }
            return q.map((rs, ctx) -> rs.getString("detail")).list();
        };
        return String.join("\n", db.read(explain));
    }

    static final Map<String, Object> PARAMS = Map.ofEntries(Map.entry("project", "p"), Map.entry("status", "open"),
            Map.entry("category", "bug"), Map.entry("limit", 20), Map.entry("offset", 0), Map.entry("viewer", "u"), Map.entry("author", "u"), Map.entry("voter", "u"),
            Map.entry("search", "\"dark\"*"),
            Map.entry("since", "2026-01-01T00:00:00.000000Z"));

    record Check(String name, String sql, boolean sortedByIndex) {}

    List<Check> checks() {
        var dialect = empty.dialect();
        var checks = new java.util.ArrayList<Check>();
        for (PostSort sort : PostSort.values()) {
            if (sort == PostSort.RELEVANCE || sort == PostSort.TRENDING) {
                continue;
            }
            checks.add(new Check("list " + sort, PostLists.keysSql(sort, new PostLists.Filters("p", null, null)), true));
            checks.add(new Check("list " + sort + " by status",
                    PostLists.keysSql(sort, new PostLists.Filters("p", PostStatus.OPEN, null)), true));
            checks.add(new Check("list " + sort + " by category",
                    PostLists.keysSql(sort, new PostLists.Filters("p", null, PostCategory.BUG)), true));
            checks.add(new Check("list " + sort + " by status and category",
                    PostLists.keysSql(sort, new PostLists.Filters("p", PostStatus.OPEN, PostCategory.BUG)), false));
            checks.add(new Check("search by " + sort + ", few matches", PostLists.sortedPageSql(dialect, sort,
                    new PostLists.Filters("p", null, null), 1), false));
            checks.add(new Check("search by " + sort + ", many matches: walk", PostLists.sortedPageSql(dialect, sort,
                    new PostLists.Filters("p", null, null), PostLists.WALK_INDEX_MATCHES), true));
            checks.add(new Check("search by " + sort + " by status, many matches: walk", PostLists.sortedPageSql(
                    dialect, sort, new PostLists.Filters("p", PostStatus.OPEN, null), PostLists.WALK_INDEX_MATCHES), true));
        }
        for (boolean unpinned : new boolean[] {false, true}) {
            String pins = unpinned ? ", pinned posts on the board" : "";
            checks.add(new Check("list TRENDING, recent part" + pins,
                    PostLists.trendingSql(new PostLists.Filters("p", null, null), true, unpinned), false));
            checks.add(new Check("list TRENDING, recent count" + pins,
                    PostLists.trendingCountSql(new PostLists.Filters("p", null, null), unpinned), false));
            checks.add(new Check("list TRENDING by status, recent part" + pins,
                    PostLists.trendingSql(new PostLists.Filters("p", PostStatus.OPEN, null), true, unpinned), false));
        }
        checks.add(new Check("list TRENDING, older part",
                PostLists.trendingSql(new PostLists.Filters("p", null, null), false, false), true));
        checks.add(new Check("list TRENDING by status, older part",
                PostLists.trendingSql(new PostLists.Filters("p", PostStatus.OPEN, null), false, false), true));
        checks.add(new Check("list TRENDING, older part, pinned posts on the board",
                PostLists.trendingSql(new PostLists.Filters("p", null, null), false, true), false));
        var several = new PostLists.Filters("p", List.of("open", "planned"), null, null, null, null, false, false);
        checks.add(new Check("list by several statuses", PostLists.keysSql(PostSort.MOST_VOTES, several), false));
        checks.add(new Check("list total by several statuses", PostLists.countSql(several), false));
        var mine = new PostLists.Filters("p", null, null, null, "u", null, false, false);
        checks.add(new Check("list of my posts", PostLists.keysSql(PostSort.NEWEST, mine), false));
        var voted = new PostLists.Filters("p", null, null, null, null, "u", false, false);
        checks.add(new Check("list of my votes", PostLists.keysSql(PostSort.NEWEST, voted), false));
        checks.add(new Check("search by relevance", PostLists.rankedPageSql(dialect,
                new PostLists.Filters("p", null, null), false), false));
        checks.add(new Check("search by relevance by status", PostLists.rankedPageSql(dialect,
                new PostLists.Filters("p", PostStatus.OPEN, null), false), false));
        checks.add(new Check("search by relevance of a rare word, across boards", PostLists.rankedPageSql(dialect,
                new PostLists.Filters("p", null, null), true), false));
        checks.add(new Check("search count", PostLists.searchCountSql(dialect,
                new PostLists.Filters("p", null, null)), false));
        checks.add(new Check("search count by category", PostLists.searchCountSql(dialect,
                new PostLists.Filters("p", null, PostCategory.BUG)), false));
        checks.add(new Check("list total", PostLists.countSql(new PostLists.Filters("p", PostStatus.OPEN, null)), false));
        checks.add(new Check("pinned posts", PostLists.PINNED_SQL, false));
        checks.add(new Check("page fetch", Rows.POST_VIEW_SELECT + "WHERE p.seq IN (<seqs>)", false));
        checks.add(new Check("roadmap bucket", Views.bucketSql(false), true));
        checks.add(new Check("roadmap bucket, hidden posts on the board", Views.bucketSql(true), false));
        checks.add(new Check("changelog", Views.changelogSql(false, false), true));
        checks.add(new Check("changelog since", Views.changelogSql(true, false), true));
        checks.add(new Check("changelog, hidden posts on the board", Views.changelogSql(false, true), false));
        checks.add(new Check("trending", Views.TRENDING_SQL, false));
        checks.add(new Check("vote sum", "SELECT coalesce(sum(vote_count), 0) FROM posts WHERE project_id = :project",
                false));
        checks.add(new Check("comment sum",
                "SELECT coalesce(sum(comment_count), 0) FROM posts WHERE project_id = :project", false));
        return checks;
    }

    @org.junit.jupiter.api.Test
    void pruning_old_events_and_audit_entries_seeks_by_time_instead_of_scanning() throws Exception {
        // A store prunes when it opens; a scan in sequence order read every event to find none old enough.
        String outbox = io.rungu.store.internal.events.OutboxDao.PRUNE;
        Map<String, Object> params = Map.of("cutoff", "2026-05-01T00:00:00.000000Z", "limit", 10_000);
        for (Database db : List.of(empty, loaded)) {
            assertThat(plan(db, outbox, params)).contains("USING COVERING INDEX outbox_created (created_at<?)")
                    .doesNotContainPattern("SCAN (o|outbox)\\b");
            assertThat(plan(db, io.rungu.store.internal.audit.AuditLog.PRUNE, params))
                    .contains("USING COVERING INDEX audit_log_at (at<?)").doesNotContainPattern("SCAN audit_log\\b");
        }
    }

    @TestFactory
    Stream<DynamicTest> every_list_query_is_served_by_an_index() {
        return Stream.of("empty", "loaded").flatMap(which -> checks().stream().map(c ->
                DynamicTest.dynamicTest(c.name() + " on the " + which + " database", () -> {
                    String plan = plan(which.equals("empty") ? empty : loaded, c.sql(), PARAMS);
                    assertThat(plan).as(plan).doesNotContain("AUTOMATIC");
                    if (c.name().endsWith(": walk")) {
                        // The board's index in the sort's order, each entry tested against the set of matches.
                        assertThat(plan).as(plan).contains("LIST SUBQUERY", "VIRTUAL TABLE")
                                .containsPattern("SEARCH p USING COVERING INDEX posts_\\w+ \\(project_id=\\?");
                    } else if (c.name().startsWith("search")) {
                        // The board's matches from the full-text index, each post (if needed) by key.
                        assertThat(plan).as(plan).contains("SCAN posts_fts VIRTUAL TABLE")
                                .doesNotContain("INDEX posts_").doesNotContainPattern("SCAN (p|posts)\\b");
                    } else {
                        assertThat(plan).as(plan).doesNotContainPattern("SCAN (p|posts|u|users|v|votes)\\b");
                    }
                    if (c.sortedByIndex()) {
                        assertThat(plan).as(plan).doesNotContain("TEMP B-TREE");
                    }
                    if (c.sortedByIndex()) {
                        assertThat(plan).as(plan).contains("COVERING INDEX");
                    }
                })));
    }
}
