package io.rungu.store.internal.demo;

import io.rungu.model.Slugs;
import io.rungu.store.DemoData;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Dialect;
import io.rungu.store.internal.db.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Generates the dataset of {@link DemoData} in memory first (so timestamps and counts are consistent), then
 * writes it with JDBC batches in one transaction. Posts are inserted with their final vote and comment counts
 * while the per-row count and search triggers are suspended ({@link Dialect#startBulkLoad}); the search index is
 * rebuilt once at the end, which is about twice as fast as indexing row by row (and, on SQLite, merged into one
 * segment).
 */
public final class DemoGenerator {
    private static final int BATCH = 5_000;
    private static final long YEAR_SECONDS = 365L * 24 * 3600;
    private static final String[] STATUSES = {"open", "planned", "in_progress", "done", "declined"};
    private static final String[] CATEGORIES = {"feedback", "bug", "feature", "question"};

    private final Supplier<String> ids;
    private final DemoData.Options options;
    private final DemoData.ProgressListener listener;
    private final SplittableRandom random;
    private final Words words;
    private final Instant now;

    private DemoGenerator(Clock clock, Supplier<String> ids, DemoData.Options options,
                          DemoData.ProgressListener listener) {
        this.ids = ids;
        this.options = options;
        this.listener = listener;
        this.random = new SplittableRandom(options.seed());
        this.words = new Words(random, 50_000);
        this.now = Timestamps.truncate(clock.instant());
    }

    /** Generates and writes the dataset. */
    public static DemoData.Result run(Database db, Clock clock, Supplier<String> ids, DemoData.Options options,
                                      DemoData.ProgressListener listener) {
        long start = System.nanoTime();
        DemoGenerator g = new DemoGenerator(clock, ids, options, listener);
        Data data = g.generate();
        try {
            db.write(h -> {
                Dialect.BulkLoad load = db.dialect().startBulkLoad(h);
                g.write(h.getConnection(), data, db.dialect());
                listener.progress("index", 0, options.posts());
                load.finish(h);
                listener.progress("index", options.posts(), options.posts());
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the demo data failed; nothing was written: " + e.getMessage(), e);
        }
        return new DemoData.Result(options.projects(), options.users(), options.posts(), options.votes(),
                options.comments(), Duration.ofNanos(System.nanoTime() - start));
    }

    /** Everything to write, rows as column arrays. */
    private record Data(String[] userIds, String[] projectIds, PostRows posts, long[] votes, long[] voteTimes,
                        CommentRows comments) {}

    private static final class PostRows {
        final String[] id;
        final int[] project;
        final int[] author;
        final byte[] status;
        final byte[] category;
        final long[] created;
        final long[] updated;
        final long[] done;
        final int[] votes;
        final int[] comments;

        PostRows(int n) {
            votes = new int[n];
            comments = new int[n];
            id = new String[n];
            project = new int[n];
            author = new int[n];
            status = new byte[n];
            category = new byte[n];
            created = new long[n];
            updated = new long[n];
            done = new long[n];
        }
    }

    private static final class CommentRows {
        final String[] id;
        final int[] post;
        final int[] parent;
        final int[] author;
        final long[] created;

        CommentRows(int n) {
            id = new String[n];
            post = new int[n];
            parent = new int[n];
            author = new int[n];
            created = new long[n];
        }
    }

    private Data generate() {
        int u = options.users();
        int n = options.posts();
        String[] userIds = sortedIds(u);
        String[] projectIds = new String[options.projects()];
        for (int i = 0; i < projectIds.length; i++) {
            projectIds[i] = ids.get();
        }
        long nowSec = now.getEpochSecond();
        PostRows posts = new PostRows(n);
        String[] postIds = sortedIds(n);
        // Ids and creation times both ascend with the row order, so inserts append to the id and time indexes,
        // and votes sorted by (user, post) arrive in primary-key order.
        long[] created = new long[n];
        for (int i = 0; i < n; i++) {
            created[i] = nowSec - YEAR_SECONDS + (long) (random.nextDouble() * (YEAR_SECONDS - 60));
        }
        Arrays.sort(created);
        for (int i = 0; i < n; i++) {
            posts.id[i] = postIds[i];
            posts.project[i] = random.nextInt(projectIds.length);
            posts.author[i] = random.nextInt(u);
            posts.status[i] = status();
            posts.category[i] = (byte) random.nextInt(CATEGORIES.length);
            posts.created[i] = created[i];
            posts.done[i] = posts.status[i] == 3 ? between(created[i], nowSec) : -1;
            posts.updated[i] = Math.max(created[i], posts.done[i]);
        }
        long[] votes = votes(u, n);
        long[] voteTimes = new long[votes.length];
        for (int i = 0; i < votes.length; i++) {
            int post = (int) (votes[i] % n);
            voteTimes[i] = between(posts.created[post], nowSec);
            posts.votes[post]++;
        }
        CommentRows comments = comments(posts, u, nowSec);
        return new Data(userIds, projectIds, posts, votes, voteTimes, comments);
    }

    private String[] sortedIds(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = ids.get();
        }
        Arrays.sort(out);
        return out;
    }

    /** 55 % open, 15 % planned, 8 % in progress, 15 % done, 7 % declined. */
    private byte status() {
        int r = random.nextInt(100);
        return (byte) (r < 55 ? 0 : r < 70 ? 1 : r < 78 ? 2 : r < 93 ? 3 : 4);
    }

    private long between(long from, long to) {
        return to <= from ? from : from + (long) (random.nextDouble() * (to - from));
    }

    /** A post index where a few posts are popular: P(index &lt; m) = sqrt(m / n). */
    private int popularPost(int n) {
        double x = random.nextDouble();
        return Math.min(n - 1, (int) (x * x * n));
    }

    /** Distinct (user, post) pairs encoded as user * posts + post, sorted, i.e. in primary-key order. */
    private long[] votes(int users, int posts) {
        int want = options.votes();
        Set<Long> pairs = new HashSet<>(Math.max(16, want * 2));
        long[] out = new long[want];
        int k = 0;
        while (k < want) {
            long pair = (long) random.nextInt(users) * posts + popularPost(posts);
            if (pairs.add(pair)) {
                out[k++] = pair;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private CommentRows comments(PostRows posts, int users, long nowSec) {
        int want = options.comments();
        int n = posts.id.length;
        CommentRows c = new CommentRows(want);
        int[] lastOnPost = new int[n];
        Arrays.fill(lastOnPost, -1);
        for (int i = 0; i < want; i++) {
            int post = popularPost(n);
            c.id[i] = ids.get();
            c.post[i] = post;
            c.author[i] = random.nextInt(users);
            int previous = lastOnPost[post];
            boolean reply = previous >= 0 && random.nextInt(3) == 0;
            c.parent[i] = reply ? previous : -1;
            long after = reply ? c.created[previous] : Math.max(posts.created[post], previous >= 0 ? c.created[previous] : 0);
            c.created[i] = Math.min(nowSec, after + 1 + random.nextInt(3 * 24 * 3600));
            lastOnPost[post] = i;
            posts.comments[post]++;
            posts.updated[post] = Math.max(posts.updated[post], c.created[i]);
        }
        return c;
    }

    private void write(Connection c, Data d, Dialect dialect) throws SQLException {
        java.util.function.LongFunction<Object> time = epochSecond ->
                dialect.timestampParameter(Instant.ofEpochSecond(epochSecond));
        Object nowText = dialect.timestampParameter(now);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (id, email, name, avatar_url, role, "
                + "created_at, last_login) VALUES (?, ?, ?, '', 'member', ?, ?)")) {
            Batch batch = new Batch(ps, "users", d.userIds().length);
            for (String id : d.userIds()) {
                ps.setString(1, id);
                ps.setString(2, "demo-" + id + "@demo.rungu.invalid");
                ps.setString(3, Words.capitalised(words.word(random)) + " " + Words.capitalised(words.word(random)));
                ps.setObject(4, nowText);
                ps.setObject(5, nowText);
                batch.add();
            }
            batch.finish();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO projects (id, slug, name, description, created_at) VALUES (?, ?, ?, ?, ?)")) {
            Batch batch = new Batch(ps, "projects", d.projectIds().length);
            for (String id : d.projectIds()) {
                String name = words.phrase(random, 1, 3);
                ps.setString(1, id);
                ps.setString(2, Slugs.slugify("demo " + name + " " + id.substring(0, 8)));
                ps.setString(3, name);
                ps.setString(4, words.text(random, 8, 20));
                ps.setObject(5, time.apply(now.getEpochSecond() - YEAR_SECONDS - 3600));
                batch.add();
            }
            batch.finish();
        }
        // Every board has its statuses and categories: the defaults, as a board created through the Board gets.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO statuses (id, project_id, slug, name, color, kind, "
                + "position) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            var defaults = io.rungu.store.internal.board.BoardDefinitions.DEFAULT_STATUSES;
            Batch batch = new Batch(ps, "statuses", d.projectIds().length * defaults.size());
            for (String id : d.projectIds()) {
                for (int i = 0; i < defaults.size(); i++) {
                    String[] s = defaults.get(i);
                    ps.setString(1, id + "/status/" + s[0]);
                    ps.setString(2, id);
                    ps.setString(3, s[0]);
                    ps.setString(4, s[1]);
                    ps.setString(5, s[2]);
                    ps.setString(6, s[3]);
                    ps.setInt(7, i + 1);
                    batch.add();
                }
            }
            batch.finish();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO categories (id, project_id, slug, name, position) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            var defaults = io.rungu.store.internal.board.BoardDefinitions.DEFAULT_CATEGORIES;
            Batch batch = new Batch(ps, "categories", d.projectIds().length * defaults.size());
            for (String id : d.projectIds()) {
                for (int i = 0; i < defaults.size(); i++) {
                    String[] k = defaults.get(i);
                    ps.setString(1, id + "/category/" + k[0]);
                    ps.setString(2, id);
                    ps.setString(3, k[0]);
                    ps.setString(4, k[1]);
                    ps.setInt(5, i + 1);
                    batch.add();
                }
            }
            batch.finish();
        }
        PostRows p = d.posts();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO posts (id, project_id, title, description, "
                + "status, category, created_by, created_at, updated_at, done_at, vote_count, comment_count) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Batch batch = new Batch(ps, "posts", p.id.length);
            for (int i = 0; i < p.id.length; i++) {
                ps.setString(1, p.id[i]);
                ps.setString(2, d.projectIds()[p.project[i]]);
                ps.setString(3, words.phrase(random, 3, 10));
                ps.setString(4, words.text(random, 20, 60));
                ps.setString(5, STATUSES[p.status[i]]);
                ps.setString(6, CATEGORIES[p.category[i]]);
                ps.setString(7, d.userIds()[p.author[i]]);
                ps.setObject(8, time.apply(p.created[i]));
                ps.setObject(9, time.apply(p.updated[i]));
                ps.setObject(10, p.done[i] < 0 ? null : time.apply(p.done[i]));
                ps.setInt(11, p.votes[i]);
                ps.setInt(12, p.comments[i]);
                batch.add();
            }
            batch.finish();
        }
        int posts = p.id.length;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO votes (user_id, post_id, created_at) VALUES (?, ?, ?)")) {
            Batch batch = new Batch(ps, "votes", d.votes().length);
            for (int i = 0; i < d.votes().length; i++) {
                long pair = d.votes()[i];
                ps.setString(1, d.userIds()[(int) (pair / posts)]);
                ps.setString(2, p.id[(int) (pair % posts)]);
                ps.setObject(3, time.apply(d.voteTimes()[i]));
                batch.add();
            }
            batch.finish();
        }
        CommentRows cm = d.comments();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comments (id, post_id, parent_id, content, "
                + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            Batch batch = new Batch(ps, "comments", cm.id.length);
            for (int i = 0; i < cm.id.length; i++) {
                ps.setString(1, cm.id[i]);
                ps.setString(2, p.id[cm.post[i]]);
                ps.setString(3, cm.parent[i] < 0 ? null : cm.id[cm.parent[i]]);
                ps.setString(4, words.text(random, 5, 40));
                ps.setString(5, d.userIds()[cm.author[i]]);
                ps.setObject(6, time.apply(cm.created[i]));
                batch.add();
            }
            batch.finish();
        }
    }

    /** Executes a prepared statement in batches and reports progress. */
    private final class Batch {
        private final PreparedStatement ps;
        private final String step;
        private final long total;
        private long done;

        Batch(PreparedStatement ps, String step, long total) {
            this.ps = ps;
            this.step = step;
            this.total = total;
            listener.progress(step, 0, total);
        }

        void add() throws SQLException {
            ps.addBatch();
            if (++done % BATCH == 0) {
                ps.executeBatch();
                listener.progress(step, done, total);
            }
        }

        void finish() throws SQLException {
            if (done % BATCH != 0) {
                ps.executeBatch();
            }
            listener.progress(step, done, total);
        }
    }
}
