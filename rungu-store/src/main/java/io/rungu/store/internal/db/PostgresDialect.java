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

    private final String schema;
    /** Names this store in its event notices; random, so never a quote or anything else but hex and dashes. */
    private final String origin = java.util.UUID.randomUUID().toString();

    /** @param schema the schema Rungu's tables live in (created when missing), or null for the search path's */
    PostgresDialect(String schema) {
        this.schema = schema;
    }

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
     * punctuation in user input are never parsed as query syntax, joined by {@code &} (or {@code |} for any word),
     * matching by prefix ({@code :*}) like the SQLite dialect. No weights are named (that would make the index
     * recheck every matching document), and no word can match the board's lexeme, which begins with {@code ~}
     * (see the V003 migration). The words come from the same tokenizer, and the indexed
     * document is split at the same characters and has its accents folded like the query (see the postgres
     * migrations), so both databases find the same posts.
     */
    @Override
    public String searchExpression(List<String> terms, boolean anyWord) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            if (query.length() > 0) {
                query.append(anyWord ? " | " : " & ");
            }
            query.append('\'').append(term.replace("'", "''").replace("\\", "\\\\")).append('\'');
            if (i == terms.size() - 1 || term.codePointCount(0, term.length()) >= 2) {
                query.append(":*");
            }
        }
        return query.toString();
    }

    /**
     * The words ANDed with the board's lexeme: the GIN index intersects their posting lists. Words the parser
     * keeps nothing of make an empty tsquery, and an empty query ANDed with the board's would match the whole
     * board: then nothing matches (a one-time filter, evaluated once per query).
     */
    private static final String MATCH = "s.document @@ (to_tsquery('simple', rungu_fold(:search)) "
            + "&& rungu_board_query(:project)) AND numnode(to_tsquery('simple', rungu_fold(:search))) > 0";

    @Override
    public String searchMatches() {
        return "SELECT s.seq FROM post_search s WHERE " + MATCH;
    }

    /**
     * ts_rank over the words alone (the board lexeme would only add noise), normalised by document length as bm25
     * is, negated so that lower is better as on SQLite; weights {D, C, B, A}: a title match (A) counts five times a
     * description match (D, the default weight).
     */
    @Override
    public String searchRanked() {
        return "SELECT s.seq, -ts_rank('{0.2, 0, 0, 1}', s.document, to_tsquery('simple', rungu_fold(:search)), 1) "
                + "AS rank FROM post_search s WHERE " + MATCH;
    }

    /**
     * A scalar subquery (not an EXISTS, which the planner may turn into a join over every match): the post's
     * document, read by key, tested against the words alone.
     */
    @Override
    public String searchContains() {
        return "(SELECT s.document FROM post_search s WHERE s.seq = p.seq) @@ to_tsquery('simple', rungu_fold(:search))";
    }

    /** Each post's document is tested by key, whatever the words. */
    @Override
    public boolean searchSeeks(List<String> terms) {
        return true;
    }

    @Override
    public String searchMatchesBetween() {
        return "SELECT s.seq FROM post_search s WHERE " + MATCH + " AND s.seq >= :from AND s.seq <= :to ORDER BY s.seq";
    }

    @Override
    public boolean writesOneAtATime() {
        return false;
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

    /** The channel the stores of one database notify each other on when they append events. */
    public static final String EVENTS_CHANNEL = "rungu_events";

    /** PostgreSQL drops identical notices of one transaction, so a write appending many events sends one. */
    @Override
    public java.util.Optional<String> outboxNotify() {
        return java.util.Optional.of("SELECT pg_notify('" + EVENTS_CHANNEL + "', '" + origin + "')");
    }

    @Override
    public String origin() {
        return origin;
    }

    /** In the first schema of the search path (the configured schema); none while that schema does not exist. */
    @Override
    public String tableExists() {
        return "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = :name";
    }

    @Override
    public java.util.Optional<String> createSchema() {
        return schema == null ? java.util.Optional.empty()
                : java.util.Optional.of("CREATE SCHEMA IF NOT EXISTS " + quoted(schema));
    }

    @Override
    public List<String> renameLegacyMigrationTable() {
        return List.of("ALTER TABLE schema_migrations RENAME TO rungu_schema_migrations",
                "ALTER INDEX IF EXISTS schema_migrations_pkey RENAME TO rungu_schema_migrations_pkey");
    }

    /** A double-quoted identifier (the configured schema is validated as a plain identifier anyway). */
    static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** NO KEY UPDATE: it does not block inserts that only refer to the locked rows (votes, comments). */
    @Override
    public String lockRows() {
        return " FOR NO KEY UPDATE";
    }

    /**
     * Disables the count and search triggers (ALTER TABLE is transactional here too, and its lock keeps other
     * servers from writing votes or comments that would miss their counts meanwhile) and drops the secondary indexes
     * of posts and votes; at the end creates them again, counts each board's posts again in one statement, fills the
     * search table for the posts the load added, in one statement, rebuilds its GIN index and refreshes the
     * planner's statistics. Other connections wait on posts and votes until the load commits.
     */
    @Override
    public BulkLoad startBulkLoad(Handle h) {
        h.execute("ALTER TABLE votes DISABLE TRIGGER votes_count");
        h.execute("ALTER TABLE comments DISABLE TRIGGER comments_count");
        h.execute("ALTER TABLE posts DISABLE TRIGGER posts_search");
        // Per row, the board count trigger updates one of a few counter rows: within one transaction each update
        // leaves a row version the next must step over, and the load slowed down as it went. Counted once at the
        // end instead.
        h.execute("ALTER TABLE posts DISABLE TRIGGER posts_count_insert_delete");
        // Sorting each index once at the end is several times faster than growing ten b-trees row by row. The
        // indexes that back a key or a unique constraint stay.
        List<SecondaryIndex> indexes = h.createQuery("SELECT i.indexrelid::regclass::text, "
                        + "pg_get_indexdef(i.indexrelid) FROM pg_index i "
                        + "WHERE i.indrelid IN ('posts'::regclass, 'votes'::regclass) "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                        + "ORDER BY i.indexrelid")
                .map((rs, ctx) -> new SecondaryIndex(rs.getString(1), rs.getString(2))).list();
        indexes.forEach(index -> h.execute("DROP INDEX " + index.name()));
        // The posts this load adds come after every post there was (their keys are the identity's next values).
        long lastBefore = h.createQuery("SELECT coalesce(max(seq), 0) FROM posts").mapTo(Long.class).one();
        return finishing -> {
            finishing.execute("SET LOCAL maintenance_work_mem = '256MB'");
            indexes.forEach(index -> finishing.execute(index.definition()));
            finishing.execute("DELETE FROM project_post_counts");
            finishing.execute("INSERT INTO project_post_counts (project_id, status, category, posts, hidden) "
                    + "SELECT project_id, status, category, count(*) FILTER (WHERE state = 'listed'), "
                    + "count(*) FILTER (WHERE state = 'hidden') FROM posts GROUP BY project_id, status, category");
            // Building the GIN index once after the rows is several times faster than growing it row by row.
            finishing.execute("DROP INDEX post_search_document");
            // Not "every post without a document": without statistics for the rows just loaded, the planner tested
            // each post against the search table by scanning it, which took over 20 minutes at 1M posts.
            finishing.createUpdate("INSERT INTO post_search (seq, document) "
                    + "SELECT p.seq, rungu_search_document(p.title, p.description, p.project_id) FROM posts p "
                    + "WHERE p.seq > :last").bind("last", lastBefore).execute();
            finishing.execute("CREATE INDEX post_search_document ON post_search USING GIN (document)");
            finishing.execute("ALTER TABLE votes ENABLE TRIGGER votes_count");
            finishing.execute("ALTER TABLE comments ENABLE TRIGGER comments_count");
            finishing.execute("ALTER TABLE posts ENABLE TRIGGER posts_search");
            finishing.execute("ALTER TABLE posts ENABLE TRIGGER posts_count_insert_delete");
            // Statistics for the rows just loaded, so the first queries after the load are planned for them.
            finishing.execute("ANALYZE posts, votes, comments, post_search");
        };
    }

    /** An index dropped for a bulk load, with the statement that makes it again. */
    private record SecondaryIndex(String name, String definition) {}

    @Override
    public Object timestampParameter(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** An identity column does not notice keys inserted explicitly: move it past them, then refresh statistics. */
    @Override
    public List<String> afterBulkInsert() {
        return List.of("SELECT setval(pg_get_serial_sequence('posts', 'seq'), "
                + "coalesce((SELECT max(seq) FROM posts), 0) + 1, false)",
                "SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), "
                + "coalesce((SELECT max(seq) FROM audit_log), 0) + 1, false)",
                "SELECT setval(pg_get_serial_sequence('webhook_deliveries', 'id'), "
                + "coalesce((SELECT max(id) FROM webhook_deliveries), 0) + 1, false)",
                "SELECT setval(pg_get_serial_sequence('webhook_attempts', 'id'), "
                + "coalesce((SELECT max(id) FROM webhook_attempts), 0) + 1, false)", "ANALYZE");
    }
}
