package io.rungu.store.internal.db;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What differs between SQLite and PostgreSQL, in one place per dialect: the migration folder and the
 * statements whose syntax differs. Queries that are the same in both live beside the code that runs them.
 */
public interface Dialect {

    /** Name of the migration folder under {@code io/rungu/store/migrations/}. */
    String name();

    /** True when a SQL error means a unique constraint was violated. */
    boolean isUniqueViolation(Exception e);

    /**
     * The search expression bound as {@code :search} for {@link #searchMatches()} and {@link #searchRanked()}, from
     * already tokenised words (letters and digits only, at least one): every word must match, or with
     * {@code anyWord} any one of them; the last word, and every word of two or more characters, matches by prefix.
     * Words match titles and descriptions only, never the board a post belongs to.
     */
    String searchExpression(List<String> terms, boolean anyWord);

    /**
     * A query yielding the {@code seq} of every post of the board {@code :project} that matches {@code :search}.
     * The board is part of the full-text match, so its cost follows the board's matches, not the installation's.
     */
    String searchMatches();

    /**
     * As {@link #searchMatches()}, yielding {@code (seq, rank)}: the relevance of each match, lower is better, with
     * a title match weighing more than a description match.
     */
    String searchRanked();

    /**
     * As {@link #searchRanked()} over every board's matches (the caller keeps the board's by joining {@code posts}),
     * in the same order: cheaper for words few posts hold, since ranking then needs no statistics of the board
     * itself. By default {@link #searchRanked()}.
     */
    default String searchRankedAcrossBoards() {
        return searchRanked();
    }

    /**
     * A condition on a post {@code p} of the board: true when it matches {@code :search}, tested on that post's
     * own entry of the full-text index (by key), so a walk of one of the board's indexes can stop after a page
     * without first gathering every match.
     */
    String searchContains();

    /**
     * As {@link #searchMatches()}, only the matches with {@code :from <= seq <= :to}, in ascending {@code seq},
     * found by seeking to {@code :from}: a part of the board's matches, to sample them.
     */
    String searchMatchesBetween();

    /**
     * True when a search for {@code terms} can seek: a test of one post ({@link #searchContains}) or a start at a
     * key ({@link #searchMatchesBetween}) reads a few postings, not every posting of the words. When false, a
     * search reads its matches once, in full, and counts them exactly.
     */
    boolean searchSeeks(List<String> terms);

    /**
     * The expression bound as {@code :search} for {@code terms} ({@link #searchExpression}) and whether the search
     * can seek ({@link #searchSeeks}). A dialect may rewrite a prefix its index cannot seek in into the words of the
     * index that start with it, read through {@code h}, so the search seeks after all; {@link Search#NOTHING} when
     * a word that must match starts no word of any post. By default the plain expression.
     */
    default Search search(Handle h, List<String> terms, boolean anyWord) {
        return new Search(searchExpression(terms, anyWord), searchSeeks(terms));
    }

    /**
     * A value that changes whenever the full-text index changes, by any connection or process, read through
     * {@code h}; null when the dialect cannot tell (then nothing read from the index alone is kept). Equal values
     * mean the same index, so what was read from the index alone under one value (a prefix's words, a board's
     * number of matches, a page ranked by relevance) is still right while it is read again.
     */
    default String searchIndexVersion(Handle h) {
        return null;
    }

    /** A dialect writes a prefix as the words it stands for ({@link #search}) up to this many words. */
    int PREFIX_WORDS_MAX = 64;

    /**
     * A search expression, whether it can seek, a bound on its matches across all boards ({@link Long#MAX_VALUE}
     * when unknown), and for a search of every word (AND) the phrases of the expression per word, in the
     * expression's order (a word matches when any of its phrases does), with the number of posts of all boards
     * holding each phrase (-1 or absent when not known; both empty for other searches); the expression is null when
     * nothing can match.
     */
    record Search(String expression, boolean seeks, long matchesAtMost, List<List<String>> terms,
            Map<String, Long> holding) {
        /** A search nothing matches. */
        public static final Search NOTHING = new Search(null, true, 0);

        /** A search of unknown size. */
        public Search(String expression, boolean seeks) {
            this(expression, seeks, Long.MAX_VALUE);
        }

        /** A search whose phrases are not told. */
        public Search(String expression, boolean seeks, long matchesAtMost) {
            this(expression, seeks, matchesAtMost, List.of(), Map.of());
        }

        public boolean matchesNothing() {
            return expression == null;
        }
    }

    /** Keys of a page by relevance with the board's exact number of matches. */
    record RankedKeys(List<Long> seqs, long total) {}

    /**
     * The keys of positions {@code [offset, offset + limit)} of a board's matches of {@code search} by relevance,
     * with the number of matches, without FTS5 scoring every match, or null when this dialect cannot (the caller
     * then ranks every match): SQLite ranks searches of the words common on a board from {@link SearchPostings}.
     */
    default RankedKeys rankedFromPostings(Handle h, String projectId, Search search, long offset, int limit) {
        return null;
    }

    /**
     * The keys of every match of a board's AND {@code search}, ascending, without FTS5 reading each word's matches on
     * every board, or null when this dialect cannot (the caller then asks FTS5): SQLite reads them from
     * {@link SearchPostings} for two words or more, each holding a phrase common on the board.
     */
    default long[] matchesFromPostings(Handle h, String projectId, Search search) {
        return null;
    }

    /** Inserts the vote {@code (:user, :post, :now)} unless it exists; updates 1 row or 0. */
    String insertVoteIfAbsent();

    /**
     * True where a write transaction keeps every other writer out from its start (SQLite: one writer, BEGIN
     * IMMEDIATE), so what it read is still current when it writes; false where other transactions commit meanwhile
     * (PostgreSQL), and a value another write may have changed must be read again after the write.
     */
    boolean writesOneAtATime();

    /** A statement that waits for the database-wide migration lock, held by the connection; empty if none. */
    java.util.Optional<String> migrationLock();

    /** Releases {@link #migrationLock()}. */
    java.util.Optional<String> migrationUnlock();

    /** A query with a row when the table {@code :name} exists where Rungu's tables live (its schema). */
    String tableExists();

    /** Creates the configured schema when missing (PostgreSQL with {@code StoreConfig.schema}); empty otherwise. */
    java.util.Optional<String> createSchema();

    /** Renames the pre-0.2 migration table {@code schema_migrations} (and anything named after it). */
    List<String> renameLegacyMigrationTable();

    /**
     * Suffix for a SELECT inside a write that locks the selected rows until the transaction ends, so a rule
     * checked on them (the last admin, a per-post or per-user limit) still holds at commit when several servers
     * write at once; empty where writes are serialized anyway (SQLite's single writer).
     */
    String lockRows();

    /**
     * Suffix for a SELECT inside a write that locks the selected rows and skips rows another transaction holds, so
     * several servers share queued work (event consumers, due notifications) without taking the same item;
     * empty where one writer serializes everything (SQLite).
     */
    String skipLockedRows();

    /**
     * A statement run before an event is appended to the outbox, holding a lock to the end of the transaction,
     * so events commit in the order of their sequence numbers and a consumer never passes over one that commits
     * late; empty where writes are serialized anyway (SQLite).
     */
    java.util.Optional<String> outboxLock();

    /**
     * A statement run after an event is appended, telling other servers on the same database at commit that events
     * were written (they wake up for them at once instead of at their next poll); empty where one process writes.
     * The notice names the writing store ({@link #origin}), so a store ignores its own.
     */
    default java.util.Optional<String> outboxNotify() {
        return java.util.Optional.empty();
    }

    /** This store's id in its {@link #outboxNotify} notices. */
    default String origin() {
        return "";
    }

    /** Statements to run after rows were inserted with their keys given, e.g. to move key sequences past them. */
    List<String> afterBulkInsert();

    /**
     * An instant as a plain JDBC parameter for {@code PreparedStatement.setObject}, for code that writes through
     * the raw connection (bulk loads); Jdbi statements bind {@link java.time.Instant} directly.
     */
    Object timestampParameter(java.time.Instant instant);

    /**
     * Prepares a bulk load inside the current write transaction: turns off the per-row triggers that keep
     * {@code posts.vote_count}, {@code posts.comment_count} and the search index, so the loader must insert posts
     * with their final counts. Per-board post counts are right once it finishes. It may also suspend indexes. Call
     * {@link BulkLoad#finish} in the same transaction; a rollback restores everything anyway.
     */
    BulkLoad startBulkLoad(Handle h);

    /** A bulk load in progress. */
    interface BulkLoad {
        /** Turns the triggers back on and brings the search index up to date with every post. */
        void finish(Handle h);
    }
}
