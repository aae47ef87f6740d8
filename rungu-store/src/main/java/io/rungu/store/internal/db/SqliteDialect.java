package io.rungu.store.internal.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQLite specifics. */
final class SqliteDialect implements Dialect {
    private final SearchPostings postings = new SearchPostings();

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public boolean isUniqueViolation(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s
                    && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
                return true;
            }
        }
        return false;
    }

    /**
     * FTS5 syntax matching the post's board token (see the V003 migration) and the words, in title and description
     * only. The board id and each word become FTS5 strings ({@code "word"}, quotes doubled), so operators, column
     * filters and punctuation in user input are never parsed as query syntax.
     */
    private static final String MATCH = "posts_fts MATCH ('board : \"b' || replace(replace(:project, '-', ''), "
            + "'\"', '\"\"') || '\" AND {title description} : (' || :search || ')')";

    /** Words joined by AND or OR; the {@code prefix='1 2 3'} indexes make short prefixes cheap. */
    @Override
    public String searchExpression(List<String> terms, boolean anyWord) {
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            if (match.length() > 0) {
                match.append(anyWord ? " OR " : " AND ");
            }
            match.append('"').append(term.replace("\"", "\"\"")).append('"');
            if (i == terms.size() - 1 || term.codePointCount(0, term.length()) >= 2) {
                match.append('*');
            }
        }
        return match.toString();
    }

    /**
     * As {@link #searchExpression}, with each prefix longer than the prefix indexes ({@link #PREFIX_INDEXED}) written
     * as the words it stands for, {@code ("chout" OR "choutai" ...)}, read from the index's term list
     * ({@code temp.posts_fts_terms}, see {@link SqliteDatabase}): FTS5 streams and seeks in the postings of words, but
     * merges a long prefix's postings in full, across all boards, before its first row (about 75 ms for a word in
     * half of 1M posts, against 20 ms to read its words from the term list and 5 ms for its first 10,000 matches).
     * The term list counts each word's posts by reading its postings, so the words {@link SearchPostings} counted at
     * its last build are skipped there and counted from that count (a word in a third of 1M posts: 10-17 ms, against
     * about 1). A prefix standing for more than {@link #PREFIX_WORDS_MAX} words, or one with other letters than a-z
     * and digits (which the tokenizer may fold differently from Java), is left to FTS5 and the search does not seek.
     */
    @Override
    public Search search(Handle h, List<String> terms, boolean anyWord) {
        StringBuilder match = new StringBuilder();
        List<List<String>> phrases = new ArrayList<>();
        Map<String, Long> holding = new HashMap<>();
        boolean seeks = true;
        long fewest = Long.MAX_VALUE; // posts holding the rarest word that must match (all boards)
        long any = 0;                 // posts holding any word (OR), Long.MAX_VALUE once one is unknown
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            int length = term.codePointCount(0, term.length());
            String part;
            long posts = Long.MAX_VALUE;
            if (i < terms.size() - 1 && length < 2) {
                part = quoted(term);
                phrases.add(List.of(part));
            } else if (length <= PREFIX_INDEXED) {
                part = quoted(term) + "*";
                phrases.add(List.of(part));
                Long counted = postings.counts(h, List.of(part)).get(part);
                if (counted != null) {
                    holding.put(part, counted);
                    posts = counted;
                }
            } else {
                Map<String, Long> words = PLAIN_WORD.matcher(term).matches() ? wordsStartingWith(h, term) : null;
                if (words == null) {
                    part = quoted(term) + "*";
                    phrases.add(List.of(part));
                    seeks = false;
                } else if (words.isEmpty()) {
                    if (anyWord) {
                        continue;
                    }
                    return Search.NOTHING;
                } else {
                    List<String> quoted = words.keySet().stream().map(SqliteDialect::quoted).toList();
                    words.forEach((word, count) -> holding.put(quoted(word), count));
                    phrases.add(quoted);
                    part = quoted.size() == 1 ? quoted.get(0) : "(" + String.join(" OR ", quoted) + ")";
                    posts = words.values().stream().mapToLong(Long::longValue).sum();
                }
            }
            fewest = Math.min(fewest, posts);
            any = any == Long.MAX_VALUE || posts == Long.MAX_VALUE ? Long.MAX_VALUE : any + posts;
            if (match.length() > 0) {
                match.append(anyWord ? " OR " : " AND ");
            }
            match.append(part);
        }
        if (match.length() == 0) {
            return Search.NOTHING;
        }
        return anyWord ? new Search(match.toString(), seeks, any)
                : new Search(match.toString(), seeks, fewest, List.copyOf(phrases), Map.copyOf(holding));
    }

    @Override
    public RankedKeys rankedFromPostings(Handle h, String projectId, Search search, long offset, int limit) {
        return search.terms().isEmpty() ? null
                : postings.page(h, projectId, search, searchMatches(), offset, limit);
    }

    /**
     * For two words or more: FTS5 then reads every posting of each word on every board. The posts of one word
     * are found as fast by testing each post of the walk against FTS5 ({@link #searchContains}).
     */
    @Override
    public long[] matchesFromPostings(Handle h, String projectId, Search search) {
        return search.terms().size() < 2 ? null : postings.matching(h, projectId, search, searchMatches());
    }

    /**
     * FTS5's structure record (row 10 of the index's data table, the list of its segments with a counter): every
     * transaction that changes the index writes it anew, since new entries go to a new segment and a merge
     * replaces segments, so its bytes name the index's contents. It is a few hundred bytes, read by key.
     */
    @Override
    public String searchIndexVersion(Handle h) {
        return h.createQuery("SELECT block FROM posts_fts_data WHERE id = 10").mapTo(byte[].class).findOne()
                .map(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)).orElse("");
    }

    /** Words the tokenizer keeps as they are (lower-case ASCII letters and digits). */
    static final java.util.regex.Pattern PLAIN_WORD = java.util.regex.Pattern.compile("[a-z0-9]+");

    /**
     * The index's words starting with {@code prefix} (plain ASCII) with the number of posts of all boards holding
     * each, or null past {@link #PREFIX_WORDS_MAX}. The words {@link SearchPostings} counted are not read from the
     * term list (the ranges between them are).
     */
    private Map<String, Long> wordsStartingWith(Handle h, String prefix) {
        Map<String, Long> words = new TreeMap<>();
        postings.counts(h, postings.countedWordsBetween(h, prefix, lastWithPrefix(prefix)))
                .forEach((phrase, count) -> words.put(phrase.substring(1, phrase.length() - 1), count));
        List<String> from = new ArrayList<>(List.of(prefix));
        List<String> upTo = new ArrayList<>();
        for (String counted : words.keySet()) {
            upTo.add(lastBefore(counted));
            from.add(counted + '\u0001'); // just past the word: every longer word continues with a letter or digit
        }
        upTo.add(lastWithPrefix(prefix));
        Map<String, Long> all = new TreeMap<>(words);
        for (int i = 0; i < from.size() && all.size() <= PREFIX_WORDS_MAX; i++) {
            if (from.get(i).compareTo(upTo.get(i)) > 0) {
                continue;
            }
            h.createQuery("SELECT term, doc FROM temp.posts_fts_terms WHERE term >= :from AND term <= :upTo "
                            + "LIMIT :limit")
                    .bind("from", from.get(i)).bind("upTo", upTo.get(i)).bind("limit", PREFIX_WORDS_MAX + 1)
                    .map((rs, ctx) -> all.put(rs.getString(1), rs.getLong(2))).forEach(row -> { });
        }
        return all.size() > PREFIX_WORDS_MAX ? null : new LinkedHashMap<>(all);
    }

    /** The largest code point: every word starting with a string sorts before that string followed by it. */
    private static final String LAST_CHARACTER = new String(Character.toChars(Character.MAX_CODE_POINT));

    /**
     * An inclusive upper bound of the words starting with {@code prefix} (plain ASCII, not empty). Bounds of the
     * index's term lists are inclusive (fts5vocab reads {@code term < x} as {@code term <= x} and lets SQLite drop
     * {@code x}), and a term at the bound has its postings read: past a common word, 8-16 ms at 1M posts.
     */
    static String lastWithPrefix(String prefix) {
        return prefix + LAST_CHARACTER;
    }

    /** An inclusive upper bound of the words before {@code word} (plain ASCII, not empty). */
    static String lastBefore(String word) {
        return word.substring(0, word.length() - 1) + (char) (word.charAt(word.length() - 1) - 1) + LAST_CHARACTER;
    }

    /** A word as an FTS5 string, {@code "word"}, quotes doubled. */
    static String quoted(String word) {
        return '"' + word.replace("\"", "\"\"") + '"';
    }

    @Override
    public String searchMatches() {
        return "SELECT rowid AS seq FROM posts_fts WHERE " + MATCH;
    }

    /** bm25 with the weights set in the index's {@code rank} option: title 5, description 1, board 0. */
    @Override
    public String searchRanked() {
        return "SELECT rowid AS seq, rank FROM posts_fts WHERE " + MATCH;
    }

    /**
     * Without the board's token: bm25 counts the posts holding each phrase of a query once per query (for its
     * IDF), the board's token too although it weighs nothing, which costs 3-5 ms at 100k posts on a board. The
     * scores are the same (that phrase adds 0, the statistics are the whole table's either way).
     */
    @Override
    public String searchRankedAcrossBoards() {
        return "SELECT rowid AS seq, rank FROM posts_fts WHERE posts_fts MATCH ('{title description} : (' || :search "
                + "|| ')')";
    }

    /**
     * The post's own row of the index, found by rowid within the words' postings; the board needs no test (the
     * walk is over the board's posts).
     */
    @Override
    public String searchContains() {
        return "EXISTS (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ('{title description} : (' || :search || ')') "
                + "AND posts_fts.rowid = p.seq)";
    }

    /**
     * FTS5 streams the postings of a word, and of a prefix of up to 3 characters (its prefix indexes), so it can
     * seek in them; a longer prefix is first merged in full from every word it expands to, across all boards
     * (about 40 ms for a prefix of a word in most of 1M posts), and each seek would merge it again.
     */
    @Override
    public boolean searchSeeks(List<String> terms) {
        return terms.stream().allMatch(t -> t.codePointCount(0, t.length()) <= PREFIX_INDEXED);
    }

    /** The longest prefix the index keeps (see the V003 migration). */
    static final int PREFIX_INDEXED = 3;

    /** FTS5 takes the rowid bounds with the match and seeks its postings to {@code :from}. */
    @Override
    public String searchMatchesBetween() {
        return "SELECT rowid AS seq FROM posts_fts WHERE " + MATCH
                + " AND rowid >= :from AND rowid <= :to ORDER BY rowid";
    }

    @Override
    public boolean writesOneAtATime() {
        return true;
    }

    @Override
    public String insertVoteIfAbsent() {
        return "INSERT INTO votes (user_id, post_id, created_at) VALUES (:user, :post, :now) "
                + "ON CONFLICT (user_id, post_id) DO NOTHING";
    }

    /** Migrations run in IMMEDIATE transactions on the writer, which serialise them already. */
    @Override
    public java.util.Optional<String> migrationLock() {
        return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<String> migrationUnlock() {
        return java.util.Optional.empty();
    }

    @Override
    public String tableExists() {
        return "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name";
    }

    @Override
    public java.util.Optional<String> createSchema() {
        return java.util.Optional.empty();
    }

    @Override
    public List<String> renameLegacyMigrationTable() {
        return List.of("ALTER TABLE schema_migrations RENAME TO rungu_schema_migrations");
    }

    @Override
    public String lockRows() {
        return "";
    }

    @Override
    public String skipLockedRows() {
        return "";
    }

    @Override
    public java.util.Optional<String> outboxLock() {
        return java.util.Optional.empty();
    }

    /** INTEGER PRIMARY KEY continues after the largest key by itself. */
    @Override
    public List<String> afterBulkInsert() {
        return List.of();
    }

    @Override
    public Object timestampParameter(java.time.Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }

    /**
     * Also raises the page cache for the load (a transaction this large spills out of the default 2 MiB on every
     * batch) and drops the secondary indexes of posts and votes and creates them again at the end, which sorts once
     * instead of updating ten b-trees per row; the search index is rebuilt at the end and merged into one segment.
     * DDL is transactional in SQLite: other connections never see the triggers or indexes missing.
     */
    @Override
    public BulkLoad startBulkLoad(Handle h) {
        List<String> restore = h.createQuery("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
                        + "(type = 'trigger' AND name IN ('votes_count_insert', 'comments_count_insert', 'posts_fts_insert'))"
                        + " OR (type = 'index' AND tbl_name IN ('posts', 'votes')))")
                .mapTo(String.class).list();
        List<String> drops = h.createQuery("SELECT 'DROP ' || upper(type) || ' ' || name FROM sqlite_master "
                        + "WHERE sql IS NOT NULL AND ("
                        + "(type = 'trigger' AND name IN ('votes_count_insert', 'comments_count_insert', 'posts_fts_insert'))"
                        + " OR (type = 'index' AND tbl_name IN ('posts', 'votes')))")
                .mapTo(String.class).list();
        drops.forEach(h::execute);
        long cacheSize = h.createQuery("PRAGMA cache_size").mapTo(Long.class).one();
        h.execute("PRAGMA cache_size = -524288");
        return finishing -> {
            restore.forEach(finishing::execute);
            finishing.execute("INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')");
            // A rebuild leaves the index in many segments (15 at 1M posts), and every search looks each word up in
            // every segment: merged into one, a test of one post by key went from 120 to 16 us (12 s at 1M).
            finishing.execute("INSERT INTO posts_fts (posts_fts) VALUES ('optimize')");
            postings.build(finishing, java.time.Instant.now());
            finishing.execute("PRAGMA cache_size = " + cacheSize);
        };
    }
}
