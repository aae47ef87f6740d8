package io.rungu.store.internal.db;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** PostgreSQL specifics. Uses only JDBC types, so the driver stays optional for SQLite-only users. */
final class PostgresDialect implements Dialect {
    /** SQLState of unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final long MIGRATION_LOCK_KEY = 0x72756e6775L;
    private static final long OUTBOX_LOCK_KEY = 0x72756e67756fL;

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public boolean isUniqueViolation(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A tsquery in {@code to_tsquery} syntax: each word single-quoted (quotes doubled), so operators and
     * punctuation in user input are never parsed as query syntax, joined by {@code &}; words of two or more
     * characters match by prefix ({@code :*}), like the SQLite dialect. The words come from the same tokenizer,
     * and the indexed document is split at the same characters and has its accents folded like the
     * query (see the postgres migration), so both databases find the same posts.
     */
    @Override
    public String searchExpression(List<String> terms) {
        StringBuilder query = new StringBuilder();
        for (String term : terms) {
            if (query.length() > 0) {
                query.append(" & ");
            }
            query.append('\'').append(term.replace("'", "''").replace("\\", "\\\\")).append('\'');
            if (term.codePointCount(0, term.length()) >= 2) {
                query.append(":*");
            }
        }
        return query.toString();
    }

    /**
     * The GIN index finds the matches, the newest {@code :candidates} of them are kept, and only those are
     * ranked: ts_rank (normalised by document length, as bm25 is), negated so that lower is better as on SQLite.
     * The newest are chosen by key alone and their documents read afterwards by key, so a word in most posts
     * does not sort every matching document (about half the time for a prefix in 70 % of 30k posts).
     */
    @Override
    public String searchCandidates() {
        return "SELECT m.seq AS seq, -ts_rank(d.document, q.query, 1) AS rank "
                + "FROM to_tsquery('simple', rungu_fold(:search)) AS q(query) "
                + "CROSS JOIN LATERAL (SELECT s.seq FROM post_search s WHERE s.document @@ q.query "
                + "ORDER BY s.seq DESC LIMIT :candidates) m "
                + "CROSS JOIN LATERAL (SELECT x.document FROM post_search x WHERE x.seq = m.seq) d";
    }

    @Override
    public String insertVoteIfAbsent() {
        return "INSERT INTO votes (user_id, post_id, created_at) VALUES (:user, :post, :now) "
                + "ON CONFLICT (user_id, post_id) DO NOTHING";
    }

    /** A session-level advisory lock; its key is "rungu" in ASCII. */
    @Override
    public java.util.Optional<String> migrationLock() {
        return java.util.Optional.of("SELECT pg_advisory_lock(" + MIGRATION_LOCK_KEY + ")");
    }

    @Override
    public java.util.Optional<String> migrationUnlock() {
        return java.util.Optional.of("SELECT pg_advisory_unlock(" + MIGRATION_LOCK_KEY + ")");
    }

    @Override
    public String skipLockedRows() {
        return " FOR UPDATE SKIP LOCKED";
    }

    /** Held from the append to commit: the tail of every event-writing transaction is serialized, nothing more. */
    @Override
    public java.util.Optional<String> outboxLock() {
        return java.util.Optional.of("SELECT pg_advisory_xact_lock(" + OUTBOX_LOCK_KEY + ")");
    }

    /** NO KEY UPDATE: it does not block inserts that only refer to the locked rows (votes, comments). */
    @Override
    public String lockRows() {
        return " FOR NO KEY UPDATE";
    }

    /**
     * Disables the count and search triggers (ALTER TABLE is transactional here too, and its lock keeps other
     * servers from writing votes or comments that would miss their counts meanwhile); at the end fills the search
     * table for every post that has no row there yet, in one statement, and rebuilds its GIN index.
     */
    @Override
    public BulkLoad startBulkLoad(Handle h) {
        h.execute("ALTER TABLE votes DISABLE TRIGGER votes_count");
        h.execute("ALTER TABLE comments DISABLE TRIGGER comments_count");
        h.execute("ALTER TABLE posts DISABLE TRIGGER posts_search");
        return finishing -> {
            // Building the GIN index once after the rows is several times faster than growing it row by row.
            finishing.execute("DROP INDEX post_search_document");
            finishing.execute("INSERT INTO post_search (seq, document) "
                    + "SELECT p.seq, rungu_search_document(p.title, p.description) FROM posts p "
                    + "WHERE NOT EXISTS (SELECT 1 FROM post_search s WHERE s.seq = p.seq)");
            finishing.execute("SET LOCAL maintenance_work_mem = '256MB'");
            finishing.execute("CREATE INDEX post_search_document ON post_search USING GIN (document)");
            finishing.execute("ALTER TABLE votes ENABLE TRIGGER votes_count");
            finishing.execute("ALTER TABLE comments ENABLE TRIGGER comments_count");
            finishing.execute("ALTER TABLE posts ENABLE TRIGGER posts_search");
        };
    }

    @Override
    public Object timestampParameter(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** An identity column does not notice keys inserted explicitly: move it past them, then refresh statistics. */
    @Override
    public List<String> afterBulkInsert() {
        return List.of("SELECT setval(pg_get_serial_sequence('posts', 'seq'), "
                + "coalesce((SELECT max(seq) FROM posts), 0) + 1, false)", "ANALYZE");
    }
}
