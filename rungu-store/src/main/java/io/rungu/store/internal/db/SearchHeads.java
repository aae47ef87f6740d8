package io.rungu.store.internal.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The first pages of the relevance order of the words common on a board, kept so that the first search of such a
 * word need not score every match (SQLite only; the tables of the V015 migration).
 *
 * <p>FTS5's bm25 scores a post for a one-word search as {@code idf * g(w, d)}: {@code w} the word's weighted count
 * in the post (title 5, description 1), {@code d} the post's length in tokens, {@code g} rising with {@code w} and
 * falling with {@code d} (k1 1.2, b 0.75, over the index's average length). FTS5 has no order by score, so it
 * scores every match: 100-250 ms for a word in most of a board of 100k posts. A build keeps, per board and common
 * phrase, the posts of each weight up to some length, and for each weight the length of the shortest post it did
 * not keep. Inside a weight the order is by length whatever the averages are, so the best posts not kept score at
 * most {@code idf * g(w, next length)}: a page whose last post scores more than every such bound is exact.
 *
 * <p>Posts added since the build (keys past {@code through_seq}) and posts whose words changed or that were deleted
 * (the {@code search_heads_changed} triggers) are scored from their text; posts holding another word the search's
 * prefix stands for get FTS5's score for those words in one pass and their text read while they may reach the page.
 * FTS5 is never asked to rank by key: each such lookup counts every phrase's rows again for its IDF (about 20 ms for
 * a word in a third of 1M posts). When anything cannot be proven the answer is null and the caller ranks every
 * match as before.
 */
public final class SearchHeads {
    /** A phrase held by this many posts of a board gets heads there; FTS5 ranks fewer in about 15 ms or less. */
    public static final int MIN_MATCHES = 5_000;

    /** Pages up to this position (five pages of 20) are answered from the heads; deeper ones rank every match. */
    public static final int DEPTH = 100;

    /** Posts kept per phrase and board by a build, at least: twice the depth, so later changes leave enough. */
    public static final int KEPT = 2 * DEPTH;

    /** Past this many posts added since the build, or this many changed, a search ranks every match. */
    static final int FRESH_MAX = 5_000;
    static final int CHANGED_MAX = 500;

    /** A build is due past this many posts added, or this many changed, since the last one. */
    static final int FRESH_REBUILD = 2_000;
    static final int CHANGED_REBUILD = 200;

    /** bm25's constants in FTS5, and the column weights of the index's rank option (V003). */
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final int TITLE_WEIGHT = 5;
    private static final int DESCRIPTION_WEIGHT = 1;

    /** Scores computed here and by FTS5 may differ in the last bits: a bound must clear a page by this much. */
    private static final double MARGIN = 1e-9;

    /** The token each post carries for its board in the index's board column (V003). */
    private static final Pattern BOARD_TOKEN = Pattern.compile("b[0-9a-f]{32}");

    private final int minMatches;
    private final int depth;
    private final int kept;

    /** With {@link #MIN_MATCHES}, {@link #DEPTH} and {@link #KEPT}. */
    public SearchHeads() {
        this(MIN_MATCHES, DEPTH, KEPT);
    }

    /** Small values let tests reach truncated groups and the depth with a few hundred posts. */
    SearchHeads(int minMatches, int depth, int kept) {
        this.minMatches = minMatches;
        this.depth = depth;
        this.kept = kept;
    }

    // ---------------------------------------------------------------------------------------------------- search

    /** A post with its bm25 score for the search (higher is better). */
    private record Scored(long seq, double score) {}

    /** FTS5's order: best score first, the larger key first on ties. */
    private static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparing(Comparator.comparingLong(Scored::seq).reversed());

    /** Posts whose text is read at a time, best first, when only the best of them can reach the page. */
    private static final int TEXT_BATCH = 32;

    /** The score of the {@code wanted}-th best post so far, or minus infinity when fewer are known. */
    private static double kth(List<Scored> all, long wanted) {
        if (all.size() < wanted) {
            return Double.NEGATIVE_INFINITY;
        }
        return all.stream().map(Scored::score).sorted(Comparator.reverseOrder()).skip(wanted - 1).findFirst()
                .orElseThrow();
    }

    /**
     * The keys of positions {@code [offset, offset + limit)} of the board's matches of a one-word search by bm25,
     * best first and key descending on ties (FTS5's order), or null when the heads cannot prove that page.
     *
     * @param phrases    the FTS5 phrases the word stands for, with the posts of all boards holding each
     *                   ({@link Dialect.Search#phrases})
     * @param matchesSql the dialect's matches of the board ({@code :project}, {@code :search})
     * @param rankedSql  the same with their FTS5 rank
     */
    List<Long> page(Handle h, String projectId, Map<String, Long> phrases, String matchesSql, String rankedSql,
            long offset, int limit) {
        long wanted = offset + limit;
        if (phrases.isEmpty() || wanted > depth) {
            return null;
        }
        Map<String, Long> headed = new HashMap<>();
        h.createQuery("SELECT phrase, through_seq FROM search_head_phrases WHERE project_id = :project")
                .bind("project", projectId)
                .map((rs, ctx) -> headed.put(rs.getString(1), rs.getLong(2))).forEach(row -> { });
        List<String> withHeads = phrases.keySet().stream().filter(headed::containsKey).toList();
        if (withHeads.size() != 1) {
            return null;
        }
        String phrase = withHeads.get(0);
        long through = headed.get(phrase);
        String expression = String.join(" OR ", phrases.keySet());
        List<Long> changed = h.createQuery("SELECT DISTINCT seq FROM search_heads_changed LIMIT :cap")
                .bind("cap", CHANGED_MAX + 1).mapTo(Long.class).list();
        if (changed.size() > CHANGED_MAX) {
            return null;
        }
        // The posts the heads may not describe, scored here from their text: added since the build, changed since
        // (if they still match), and holding another phrase of the word (they score for it too).
        Set<Long> apart = new HashSet<>(h.createQuery(matchesSql + " AND rowid > :through LIMIT :cap")
                .bind("project", projectId).bind("search", expression).bind("through", through)
                .bind("cap", FRESH_MAX + 1).mapTo(Long.class).list());
        if (apart.size() > FRESH_MAX) {
            return null;
        }
        if (!changed.isEmpty()) {
            apart.addAll(h.createQuery(matchesSql + " AND rowid IN (SELECT value FROM json_each(:seqs))")
                    .bind("project", projectId).bind("search", expression).bind("seqs", changed.toString())
                    .mapTo(Long.class).list());
        }
        List<String> others = phrases.keySet().stream().filter(p -> !p.equals(phrase)).toList();
        List<Scored> holdingOthers = List.of();
        if (!others.isEmpty()) {
            // Their score for the other phrases alone, from FTS5 in one pass (those phrases are rare).
            holdingOthers = h.createQuery(rankedSql + " LIMIT :cap").bind("project", projectId)
                    .bind("search", String.join(" OR ", others)).bind("cap", minMatches + 1)
                    .map((rs, ctx) -> new Scored(rs.getLong(1), -rs.getDouble(2))).list();
            if (holdingOthers.size() > minMatches) {
                return null;
            }
        }
        Set<Long> notFromHeads = new HashSet<>(apart);
        notFromHeads.addAll(changed);
        holdingOthers.forEach(p -> notFromHeads.add(p.seq()));

        double averageLength = averageLength(h);
        Map<String, Double> idf = idf(h, phrases);
        if (idf == null) {
            return null;
        }
        List<Scored> all = scoreFromText(h, apart, idf, averageLength);
        if (all == null) {
            return null;
        }
        double headIdf = idf.get(phrase);
        h.createQuery("SELECT seq, weight, length FROM search_heads WHERE project_id = :project AND phrase = :phrase")
                .bind("project", projectId).bind("phrase", phrase)
                .map((rs, ctx) -> new Scored(rs.getLong(1), bm25(headIdf, rs.getInt(2), rs.getInt(3), averageLength)))
                .forEach(head -> {
                    if (!notFromHeads.contains(head.seq())) {
                        all.add(head);
                    }
                });
        // A post holding another phrase scores at most its score for those plus the most the headed phrase can add
        // (bm25 saturates below idf * (k1 + 1)): its text is read, best first, until the rest cannot reach the page.
        List<Scored> unread = holdingOthers.stream().filter(p -> !apart.contains(p.seq())).sorted(BEST_FIRST)
                .toList();
        double headroom = headIdf * (K1 + 1.0);
        int read = 0;
        while (read < unread.size() && unread.get(read).score() + headroom >= kth(all, wanted) * (1 - MARGIN)) {
            List<Long> batch = unread.subList(read, Math.min(unread.size(), read + TEXT_BATCH)).stream()
                    .map(Scored::seq).toList();
            List<Scored> texts = scoreFromText(h, batch, idf, averageLength);
            if (texts == null) {
                return null;
            }
            all.addAll(texts);
            read += batch.size();
        }
        all.sort(BEST_FIRST);
        // Every post not scored here is a kept weight's post past its next length: it scores at most the bound.
        List<Double> bounds = h.createQuery("SELECT weight, next_length FROM search_head_groups "
                        + "WHERE project_id = :project AND phrase = :phrase AND next_length IS NOT NULL")
                .bind("project", projectId).bind("phrase", phrase)
                .map((rs, ctx) -> bm25(headIdf, rs.getInt(1), rs.getInt(2), averageLength)).list();
        if (!bounds.isEmpty()) {
            if (all.size() < wanted) {
                return null;
            }
            double last = all.get((int) wanted - 1).score();
            for (double bound : bounds) {
                if (bound * (1 + MARGIN) >= last) {
                    return null;
                }
            }
        }
        return all.subList((int) Math.min(offset, all.size()), (int) Math.min(wanted, all.size())).stream()
                .map(Scored::seq).toList();
    }

    /**
     * Each phrase's inverse document frequency as FTS5's bm25 computes it, over every row of the index; a lone
     * phrase needs none (it scales every score alike) and gets 1. Null when a count is unknown.
     */
    private static Map<String, Double> idf(Handle h, Map<String, Long> phrases) {
        Map<String, Double> idf = new LinkedHashMap<>(); // in the expression's order: bm25 sums in that order
        if (phrases.size() == 1) {
            idf.put(phrases.keySet().iterator().next(), 1.0);
            return idf;
        }
        long rows = indexRows(h);
        for (var phrase : phrases.entrySet()) {
            long holding = phrase.getValue();
            if (holding < 0) {
                return null;
            }
            double value = Math.log((rows - holding + 0.5) / (holding + 0.5));
            idf.put(phrase.getKey(), value <= 0.0 ? 1e-6 : value);
        }
        return idf;
    }

    /** bm25 of one phrase in one post, as FTS5 computes it (the same operations in the same order). */
    static double bm25(double idf, int weight, int length, double averageLength) {
        double w = weight;
        double d = length;
        return (idf * (w * (K1 + 1.0))) / (w + K1 * (1 - B + B * d / averageLength));
    }

    /**
     * Scores posts from their text: each phrase's weighted count, by the tokenizer's rules for ASCII (letters and
     * digits make words, case folded, everything else separates), and the length FTS5 recorded. Null when a post
     * holds other characters (the tokenizer's folding of those is its own) or its words do not number what FTS5
     * counted, so a score here is never a guess.
     */
    private static List<Scored> scoreFromText(Handle h, Collection<Long> seqs, Map<String, Double> idf,
            double averageLength) {
        if (seqs.isEmpty()) {
            return new ArrayList<>();
        }
        List<String> phrases = new ArrayList<>(idf.keySet());
        String[] words = new String[phrases.size()];
        boolean[] prefixes = new boolean[phrases.size()];
        for (int i = 0; i < words.length; i++) {
            String phrase = phrases.get(i);
            prefixes[i] = phrase.endsWith("*");
            words[i] = phrase.substring(1, phrase.length() - (prefixes[i] ? 2 : 1)).replace("\"\"", "\"");
        }
        List<Scored> scored = new ArrayList<>();
        boolean[] readable = {true};
        h.createQuery("SELECT p.seq, p.title, p.description, d.sz FROM posts p "
                        + "JOIN posts_fts_docsize d ON d.id = p.seq WHERE p.seq IN (SELECT value FROM json_each(:seqs))")
                .bind("seqs", seqs.toString())
                .map((rs, ctx) -> {
                    long[] sizes = varints(rs.getBytes(4));
                    int[] title = AsciiWords.count(rs.getString(2), words, prefixes);
                    int[] description = AsciiWords.count(rs.getString(3), words, prefixes);
                    if (title == null || description == null || sizes.length < 2 || sizes[0] != title[words.length]
                            || sizes[1] != description[words.length]) {
                        readable[0] = false;
                        return Boolean.TRUE;
                    }
                    long length = 0;
                    for (long size : sizes) {
                        length += size;
                    }
                    double score = 0;
                    for (int i = 0; i < words.length; i++) {
                        int weight = TITLE_WEIGHT * title[i] + DESCRIPTION_WEIGHT * description[i];
                        score += bm25(idf.get(phrases.get(i)), weight, (int) length, averageLength);
                    }
                    scored.add(new Scored(rs.getLong(1), score));
                    return Boolean.TRUE;
                }).forEach(row -> { });
        return readable[0] && scored.size() == seqs.size() ? scored : null;
    }


    /** bm25's term part for a weighted count and a length, as FTS5 computes it, without the idf. */
    static double score(int weight, int length, double averageLength) {
        return bm25(1.0, weight, length, averageLength);
    }

    /** The index's number of rows (FTS5's averages record, row 1 of its data). */
    static long indexRows(Handle h) {
        long[] values = averages(h);
        return values.length == 0 ? 0 : values[0];
    }

    /** The index's average row length in tokens, all columns (FTS5's averages record). */
    static double averageLength(Handle h) {
        long[] values = averages(h);
        if (values.length < 2 || values[0] == 0) {
            return 1;
        }
        long tokens = 0;
        for (int i = 1; i < values.length; i++) {
            tokens += values[i];
        }
        return (double) tokens / (double) values[0];
    }

    /** FTS5's averages record: the number of rows, then each column's number of tokens in all rows. */
    private static long[] averages(Handle h) {
        byte[] record = h.createQuery("SELECT block FROM posts_fts_data WHERE id = 1").mapTo(byte[].class)
                .findOne().orElse(new byte[0]);
        return varints(record);
    }

    /** SQLite's variable-length integers, one after another (FTS5's records use them). */
    static long[] varints(byte[] bytes) {
        long[] values = new long[bytes.length];
        int n = 0;
        int i = 0;
        while (i < bytes.length) {
            long v = 0;
            int read = 0;
            while (i < bytes.length) {
                int b = bytes[i++] & 0xff;
                if (read == 8) {
                    v = (v << 8) | b;
                    break;
                }
                v = (v << 7) | (b & 0x7f);
                read++;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            values[n++] = v;
        }
        return Arrays.copyOf(values, n);
    }

    // ----------------------------------------------------------------------------------------------------- build

    /** A build's result: every board's heads, read at one moment. */
    record Built(long throughSeq, long changedThrough, Map<String, List<PhraseHeads>> boards) {}

    /** The heads of one phrase on one board: its kept posts and, per weight, the next length (null: none). */
    record PhraseHeads(String phrase, long[] seqs, int[] weights, int[] lengths, Map<Integer, Integer> next) {}

    /** True when the heads were never built on a store large enough, or enough changed since the last build. */
    public boolean due(Handle h) {
        List<Long> build = h.createQuery("SELECT through_seq FROM search_head_builds WHERE id = 1")
                .mapTo(Long.class).list();
        if (build.isEmpty()) {
            return h.createQuery("SELECT count(*) FROM (SELECT 1 FROM posts LIMIT :cap)").bind("cap", minMatches)
                    .mapTo(Long.class).one() >= minMatches;
        }
        long fresh = h.createQuery("SELECT count(*) FROM (SELECT 1 FROM posts WHERE seq > :through LIMIT :cap)")
                .bind("through", build.get(0)).bind("cap", FRESH_REBUILD + 1).mapTo(Long.class).one();
        long changed = h.createQuery("SELECT count(*) FROM (SELECT 1 FROM search_heads_changed LIMIT :cap)")
                .bind("cap", CHANGED_REBUILD + 1).mapTo(Long.class).one();
        return fresh > FRESH_REBUILD || changed > CHANGED_REBUILD;
    }

    /** Builds every board's heads from what {@code h} sees and writes them through it, in its transaction. */
    public void build(Handle h, Instant now) {
        store(h, compute(h), now);
    }

    /**
     * Reads every board's heads from one snapshot. Each phrase's postings are read from FTS5's instance list (the
     * index's own tokens, so the weights are the ones bm25 uses), and every post's length from its size record.
     */
    Built compute(Handle h) {
        long changedThrough = h.createQuery("SELECT coalesce(max(id), 0) FROM search_heads_changed")
                .mapTo(Long.class).one();
        Posts posts = Posts.read(h);
        double averageLength = averageLength(h);
        Map<String, List<PhraseHeads>> boards = new LinkedHashMap<>();
        int[] weight = new int[posts.size()];
        int[] touched = new int[posts.size()];
        for (String[] phrase : candidates(h)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("Search heads build interrupted");
            }
            int[] matched = {0};
            h.createQuery("SELECT doc, CASE col WHEN 'title' THEN " + TITLE_WEIGHT + " ELSE " + DESCRIPTION_WEIGHT
                            + " END FROM temp.posts_fts_instances WHERE "
                            + (phrase[2] == null ? "term = :from" : "term >= :from AND term < :to")
                            + " AND col IN ('title', 'description')")
                    .bind("from", phrase[1]).bind("to", phrase[2])
                    .map((rs, ctx) -> {
                        int add = rs.getInt(2);
                        int at = posts.indexOf(rs.getLong(1));
                        if (at >= 0) {
                            if (weight[at] == 0) {
                                touched[matched[0]++] = at;
                            }
                            weight[at] += add;
                        }
                        return Boolean.TRUE;
                    }).forEach(row -> { });
            int[] perBoard = new int[posts.boards().size()];
            for (int i = 0; i < matched[0]; i++) {
                perBoard[posts.board()[touched[i]]]++;
            }
            for (int b = 0; b < perBoard.length; b++) {
                if (perBoard[b] >= minMatches) {
                    int[] matches = new int[perBoard[b]];
                    int n = 0;
                    for (int i = 0; i < matched[0]; i++) {
                        if (posts.board()[touched[i]] == b) {
                            matches[n++] = touched[i];
                        }
                    }
                    boards.computeIfAbsent(posts.boards().get(b), key -> new ArrayList<>())
                            .add(heads(phrase[0], matches, posts, weight, averageLength));
                }
            }
            for (int i = 0; i < matched[0]; i++) {
                weight[touched[i]] = 0;
            }
        }
        return new Built(posts.size() == 0 ? 0 : posts.seq()[posts.size() - 1], changedThrough, boards);
    }

    /**
     * The phrases worth heads, each as {phrase, from, to}: words longer than the prefix indexes, held by
     * {@link #minMatches} posts of all boards (a board cannot hold more), searched as themselves; and shorter
     * words, searched as prefixes, so the posts holding any word starting with them (to: the first word past
     * them). Only plain words: the others are searched as prefixes FTS5 expands itself.
     */
    private List<String[]> candidates(Handle h) {
        List<String[]> phrases = new ArrayList<>();
        h.createQuery("SELECT term FROM temp.posts_fts_terms WHERE doc >= :min").bind("min", minMatches)
                .mapTo(String.class).forEach(term -> {
                    if (!SqliteDialect.PLAIN_WORD.matcher(term).matches() || BOARD_TOKEN.matcher(term).matches()) {
                        return;
                    }
                    if (term.length() > SqliteDialect.PREFIX_INDEXED) {
                        phrases.add(new String[] {SqliteDialect.quoted(term), term, null});
                    } else {
                        phrases.add(new String[] {SqliteDialect.quoted(term) + "*", term,
                                SqliteDialect.firstPast(term)});
                    }
                });
        return phrases;
    }

    /**
     * A board's heads of a phrase: the {@link #kept} best matches over the current average length, and every match
     * of the same weight no longer than the longest of those (a weight's kept posts are all its posts up to a
     * length); per weight, the shortest match not kept.
     */
    private PhraseHeads heads(String phrase, int[] matches, Posts posts, int[] weight, double averageLength) {
        double[] scores = new double[matches.length];
        int maxWeight = 0;
        for (int i = 0; i < matches.length; i++) {
            scores[i] = score(weight[matches[i]], posts.length()[matches[i]], averageLength);
            maxWeight = Math.max(maxWeight, weight[matches[i]]);
        }
        double threshold = Double.NEGATIVE_INFINITY;
        if (matches.length > kept) {
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            threshold = sorted[matches.length - kept]; // ties with the kept-th are kept too
        }
        int[] longestKept = new int[maxWeight + 1];
        int[] next = new int[maxWeight + 1];
        Arrays.fill(longestKept, -1);
        Arrays.fill(next, Integer.MAX_VALUE);
        for (int i = 0; i < matches.length; i++) {
            if (scores[i] >= threshold) {
                int w = weight[matches[i]];
                longestKept[w] = Math.max(longestKept[w], posts.length()[matches[i]]);
            }
        }
        int[] keep = new int[matches.length];
        int count = 0;
        for (int at : matches) {
            if (posts.length()[at] <= longestKept[weight[at]]) {
                keep[count++] = at;
            } else {
                next[weight[at]] = Math.min(next[weight[at]], posts.length()[at]);
            }
        }
        Map<Integer, Integer> nextLength = new HashMap<>();
        for (int w = 0; w <= maxWeight; w++) {
            if (next[w] != Integer.MAX_VALUE) {
                nextLength.put(w, next[w]);
            } else if (longestKept[w] >= 0) {
                nextLength.put(w, null); // every post of this weight is kept
            }
        }
        long[] seqs = new long[count];
        int[] weights = new int[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            int at = keep[i];
            seqs[i] = posts.seq()[at];
            weights[i] = weight[at];
            lengths[i] = posts.length()[at];
        }
        return new PhraseHeads(phrase, seqs, weights, lengths, nextLength);
    }

    /**
     * Writes a build: each board's heads replace its old ones; boards left without heads lose theirs; the changes
     * the build saw are forgotten.
     */
    void store(Handle h, Built built, Instant now) {
        for (var board : built.boards().entrySet()) {
            storeBoard(h, board.getKey(), board.getValue(), built);
        }
        finish(h, built, now);
    }

    /** Replaces one board's heads with those of a build. */
    void storeBoard(Handle h, String projectId, List<PhraseHeads> phrases, Built built) {
        if (newerBuildFinished(h, built)) {
            return;
        }
        for (String table : List.of("search_heads", "search_head_groups", "search_head_phrases")) {
            h.createUpdate("DELETE FROM " + table + " WHERE project_id = :project").bind("project", projectId)
                    .execute();
        }
        PreparedBatch phraseRows = h.prepareBatch("INSERT INTO search_head_phrases (project_id, phrase, through_seq, "
                + "changed_through) VALUES (:project, :phrase, :through, :changed)");
        PreparedBatch groupRows = h.prepareBatch("INSERT INTO search_head_groups (project_id, phrase, weight, "
                + "next_length) VALUES (:project, :phrase, :weight, :next)");
        PreparedBatch headRows = h.prepareBatch("INSERT INTO search_heads (project_id, phrase, seq, weight, length) "
                + "VALUES (:project, :phrase, :seq, :weight, :length)");
        for (PhraseHeads p : phrases) {
            phraseRows.bind("project", projectId).bind("phrase", p.phrase()).bind("through", built.throughSeq())
                    .bind("changed", built.changedThrough()).add();
            p.next().forEach((w, next) -> groupRows.bind("project", projectId).bind("phrase", p.phrase())
                    .bind("weight", w).bind("next", next).add());
            for (int i = 0; i < p.seqs().length; i++) {
                headRows.bind("project", projectId).bind("phrase", p.phrase()).bind("seq", p.seqs()[i])
                        .bind("weight", p.weights()[i]).bind("length", p.lengths()[i]).add();
            }
        }
        for (PreparedBatch batch : List.of(phraseRows, groupRows, headRows)) {
            if (batch.size() > 0) {
                batch.execute();
            }
        }
    }

    /** Drops the heads of boards the build left out and the changes every board's heads saw; records the build. */
    void finish(Handle h, Built built, Instant now) {
        if (newerBuildFinished(h, built)) {
            return;
        }
        List<String> stale = h.createQuery("SELECT DISTINCT project_id FROM search_head_phrases").mapTo(String.class)
                .list().stream().filter(p -> !built.boards().containsKey(p)).toList();
        for (String projectId : stale) {
            storeBoard(h, projectId, List.of(), built);
        }
        // Only the changes every board's heads saw: another store on the same file may have written some boards
        // from an older snapshot in between.
        h.createUpdate("DELETE FROM search_heads_changed WHERE id <= :through "
                        + "AND id <= coalesce((SELECT min(changed_through) FROM search_head_phrases), :through)")
                .bind("through", built.changedThrough()).execute();
        h.createUpdate("INSERT INTO search_head_builds (id, through_seq, changed_through, built_at) "
                        + "VALUES (1, :through, :changed, :now) ON CONFLICT (id) DO UPDATE SET "
                        + "through_seq = excluded.through_seq, changed_through = excluded.changed_through, "
                        + "built_at = excluded.built_at")
                .bind("through", built.throughSeq()).bind("changed", built.changedThrough())
                .bind("now", Timestamps.format(now)).execute();
    }

    /**
     * True when a build that saw more changes than {@code built} has finished (another store on the same file): it
     * forgot changes this one's heads would need, so this one writes nothing.
     */
    private static boolean newerBuildFinished(Handle h, Built built) {
        return h.createQuery("SELECT coalesce(max(changed_through), -1) FROM search_head_builds").mapTo(Long.class)
                .one() > built.changedThrough();
    }


    /** Every post's key (ascending), board and length in the index. */
    private record Posts(long[] seq, int[] board, int[] length, List<String> boards, int size) {
        static Posts read(Handle h) {
            int count = h.createQuery("SELECT count(*) FROM posts").mapTo(Integer.class).one();
            long[] seq = new long[count];
            int[] board = new int[count];
            int[] length = new int[count];
            List<String> boards = new ArrayList<>();
            Map<String, Integer> boardIndex = new HashMap<>();
            int[] n = {0};
            h.createQuery("SELECT p.seq, p.project_id, d.sz FROM posts p JOIN posts_fts_docsize d ON d.id = p.seq "
                            + "ORDER BY p.seq")
                    .map((rs, ctx) -> {
                        if (n[0] < count) {
                            int i = n[0]++;
                            seq[i] = rs.getLong(1);
                            board[i] = boardIndex.computeIfAbsent(rs.getString(2), p -> {
                                boards.add(p);
                                return boards.size() - 1;
                            });
                            long total = 0;
                            for (long v : varints(rs.getBytes(3))) {
                                total += v;
                            }
                            length[i] = (int) total;
                        }
                        return Boolean.TRUE;
                    }).forEach(row -> { });
            return new Posts(seq, board, length, boards, n[0]);
        }

        int indexOf(long key) {
            int at = Arrays.binarySearch(seq, 0, size, key);
            return at < 0 ? -1 : at;
        }
    }
}
