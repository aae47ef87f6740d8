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
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Each phrase common on a board with all its postings there, and each common phrase's number of posts, so that a
 * search of the words common on a board is ranked by bm25 without FTS5 scoring every match (SQLite only; the
 * tables of the V016 migration).
 *
 * <p>FTS5 has no order by score: it scores every match (about 2.4 us each), and its bm25 first counts every post
 * holding each phrase, on all boards, for the phrase's IDF. A search of two words each in a third of 1M posts cost
 * 90-150 ms that way. bm25 needs, for each match, only each phrase's weighted count in the post (title 5,
 * description 1) and the post's length; a build keeps them for every phrase held by {@link #MIN_MATCHES} posts of a
 * board, in key order, so the matches held by those phrases are intersected and scored here, in FTS5's own
 * operations and order, and the total is exact. Posts holding a rarer phrase of the search are weighed from FTS5's
 * instance list; posts added since the build (keys past {@code through_seq}) and posts whose words changed or that
 * were deleted (the {@code search_postings_changed} triggers) are scored from their text. When anything cannot be
 * told exactly the answer is null and the caller ranks every match with FTS5.
 */
public final class SearchPostings {
    /** A phrase held by this many posts of a board gets its postings there; FTS5 ranks fewer in about 15 ms. */
    public static final int MIN_MATCHES = 5_000;

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

    /** FTS5's score for a phrase held by more than half of all rows (its IDF would be 0 or less). */
    private static final double LEAST_IDF = 1e-6;

    /**
     * Past this many instances of a search's rarer phrases (all boards), FTS5 ranks the search: reading them costs
     * about 0.5 us each.
     */
    static final int RARE_INSTANCES_MAX = 40_000;

    /** The token each post carries for its board in the index's board column (V003). */
    private static final Pattern BOARD_TOKEN = Pattern.compile("b[0-9a-f]{32}");

    private final int minMatches;

    /** With {@link #MIN_MATCHES}. */
    public SearchPostings() {
        this(MIN_MATCHES);
    }

    /** A small value lets tests reach common phrases with a few thousand posts. */
    SearchPostings(int minMatches) {
        this.minMatches = minMatches;
    }

    // ---------------------------------------------------------------------------------------------------- search

    /** A post with its bm25 score for the search (higher is better). */
    private record Scored(long seq, double score) {}

    /** FTS5's order: best score first, the larger key first on ties. */
    private static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparing(Comparator.comparingLong(Scored::seq).reversed());

    /**
     * Positions {@code [offset, offset + limit)} of the board's matches of an AND search by bm25, best first and
     * key descending on ties (FTS5's order), with the number of matches; null before the first build, when no
     * phrase of the search has postings on the board, or when a score cannot be told exactly or costs more than
     * FTS5's own ranking would.
     *
     * @param matchesSql the dialect's matches of the board ({@code :project}, {@code :search})
     */
    Dialect.RankedKeys page(Handle h, String projectId, Dialect.Search search, String matchesSql, long offset,
            int limit) {
        Best best = new Best(offset + limit);
        Long total = gather(h, projectId, search, matchesSql, best, true);
        if (total == null) {
            return null;
        }
        List<Scored> ranked = best.inOrder();
        List<Long> page = ranked.subList((int) Math.min(offset, ranked.size()), ranked.size()).stream()
                .map(Scored::seq).toList();
        return new Dialect.RankedKeys(page, total);
    }

    /**
     * The keys of every match of the board's AND search, ascending, as {@link #page} finds them: what a search in
     * another order than relevance walks the board's index against. Null where {@code page} would be (but a post
     * added or changed since the build may hold any characters here: FTS5 found it, nothing is scored), and when a
     * word has no phrase with postings on the board (FTS5's own intersection is then as cheap).
     *
     * @param matchesSql the dialect's matches of the board ({@code :project}, {@code :search})
     */
    long[] matching(Handle h, String projectId, Dialect.Search search, String matchesSql) {
        Keys keys = new Keys();
        return gather(h, projectId, search, matchesSql, keys, false) == null ? null : keys.sorted();
    }

    /**
     * Offers every match of the board's AND search to {@code sink}, scored by bm25 when {@code scored} (else the
     * posts added or changed since the build are offered with no score), and returns how many there are; null when
     * the postings cannot tell them (see {@link #page}).
     */
    private Long gather(Handle h, String projectId, Dialect.Search search, String matchesSql, Sink sink,
            boolean scored) {
        Scorer scorer = Scorer.of(search);
        if (scorer == null) {
            return null;
        }
        List<Long> builds = h.createQuery("SELECT through_seq FROM search_postings_builds WHERE id = 1")
                .mapTo(Long.class).list();
        if (builds.isEmpty()) {
            return null;
        }
        Map<String, Long> throughs = new HashMap<>();
        h.createQuery("SELECT phrase, through_seq FROM search_postings WHERE project_id = :project "
                        + "AND phrase IN (<phrases>)")
                .bind("project", projectId).bindList("phrases", scorer.phrases())
                .map((rs, ctx) -> throughs.put(rs.getString(1), rs.getLong(2))).forEach(row -> { });
        if (throughs.isEmpty()) {
            return null; // only rarer words: FTS5 ranks their few matches about as fast, and faster once cached
        }
        if (!scored && IntStream.range(0, scorer.words()).anyMatch(t -> Arrays.stream(scorer.phrasesOf(t))
                .noneMatch(p -> throughs.containsKey(scorer.phrases().get(p))))) {
            return null; // a word rare on the board bounds FTS5's own intersection; its holders would cost as much
        }
        long through = Math.min(builds.get(0), throughs.values().stream().mapToLong(Long::longValue).min()
                .orElseThrow());
        if (scored && !scorer.weigh(averages(h), search.holding())) {
            return null;
        }
        List<Long> changed = h.createQuery("SELECT DISTINCT seq FROM search_postings_changed LIMIT :cap")
                .bind("cap", CHANGED_MAX + 1).mapTo(Long.class).list();
        if (changed.size() > CHANGED_MAX) {
            return null;
        }
        // The matches the postings may not describe, scored from their text: added since the build, and changed
        // since (if they still match).
        Set<Long> apart = new HashSet<>(h.createQuery(matchesSql + " AND rowid > :through LIMIT :cap")
                .bind("project", projectId).bind("search", search.expression()).bind("through", through)
                .bind("cap", FRESH_MAX + 1).mapTo(Long.class).list());
        if (apart.size() > FRESH_MAX) {
            return null;
        }
        if (!changed.isEmpty()) {
            apart.addAll(h.createQuery(matchesSql + " AND rowid IN (SELECT value FROM json_each(:seqs))")
                    .bind("project", projectId).bind("search", search.expression()).bind("seqs", changed.toString())
                    .mapTo(Long.class).list());
        }
        Postings[] lists = readPostings(h, projectId, scorer, throughs.keySet());
        Set<Long> notFromPostings = new HashSet<>(apart);
        notFromPostings.addAll(changed);
        Map<Long, int[]> holdingRare = holdingRare(h, projectId, scorer, lists, through, notFromPostings, matchesSql,
                scored);
        if (holdingRare == null) {
            return null;
        }
        notFromPostings.addAll(holdingRare.keySet());

        long total = scoreFromPostings(lists, scorer, through, notFromPostings, sink, scored);
        total += scoreHoldingRare(h, holdingRare, lists, scorer, sink, scored);
        if (scored) {
            List<Scored> apartScores = scoreFromText(h, apart, scorer);
            if (apartScores == null) {
                return null;
            }
            apartScores.forEach(post -> sink.offer(post.seq(), post.score()));
        } else {
            apart.forEach(seq -> sink.offer(seq, 0));
        }
        return total + apart.size();
    }

    /** Each phrase's postings on the board, by its place in {@link Scorer#phrases}; null for the others. */
    private static Postings[] readPostings(Handle h, String projectId, Scorer scorer, Set<String> common) {
        List<String> phrases = scorer.phrases();
        Postings[] lists = new Postings[phrases.size()];
        if (common.isEmpty()) {
            return lists;
        }
        h.createQuery("SELECT phrase, postings FROM search_postings WHERE project_id = :project "
                        + "AND phrase IN (<phrases>)")
                .bind("project", projectId).bindList("phrases", List.copyOf(common))
                .map((rs, ctx) -> lists[phrases.indexOf(rs.getString(1))] = Postings.decode(rs.getBytes(2)))
                .forEach(row -> { });
        return lists;
    }

    /**
     * The board's posts up to {@code through} holding a phrase of the search without postings on the board (a rarer
     * one), other than {@code apart}, each with its weighted count of those phrases (the others are read from the
     * postings): the posts from FTS5's matches of those phrases, the counts from its instance list, the index's
     * own tokens. No bm25 is asked of FTS5: it would count the board's posts for its token's IDF (about 5 ms, and
     * 30 ms with nothing cached). Empty when every phrase has postings; null past {@link #minMatches} posts, or
     * {@link #RARE_INSTANCES_MAX} instances. Unless {@code weighed}, a post's weight only tells whether it holds a
     * rarer phrase of each word (1 on the word's first rarer phrase), as FTS5 finds them word by word.
     */
    private Map<Long, int[]> holdingRare(Handle h, String projectId, Scorer scorer, Postings[] lists, long through,
            Set<Long> apart, String matchesSql, boolean weighed) {
        List<String> phrases = scorer.phrases();
        List<Integer> rare = IntStream.range(0, lists.length).filter(i -> lists[i] == null).boxed().toList();
        Map<Long, int[]> holding = new HashMap<>();
        if (rare.isEmpty()) {
            return holding;
        }
        if (!weighed) {
            for (int t = 0; t < scorer.words(); t++) {
                int[] wordRare = Arrays.stream(scorer.phrasesOf(t)).filter(p -> lists[p] == null).toArray();
                if (wordRare.length == 0) {
                    continue;
                }
                List<Long> wordHolders = holders(h, projectId,
                        Arrays.stream(wordRare).mapToObj(phrases::get).toList(), matchesSql);
                if (wordHolders == null) {
                    return null;
                }
                for (long seq : wordHolders) {
                    if (seq <= through && !apart.contains(seq)) {
                        holding.computeIfAbsent(seq, k -> new int[lists.length])[wordRare[0]] = 1;
                    }
                }
            }
            return holding;
        }
        if (rare.stream().anyMatch(p -> !SqliteDialect.PLAIN_WORD.matcher(scorer.word(p)).matches())) {
            return null; // the index holds such a word as the tokenizer folds it, which is its own
        }
        List<Long> holders = holders(h, projectId, rare.stream().map(phrases::get).toList(), matchesSql);
        if (holders == null) {
            return null;
        }
        holders.stream().filter(seq -> seq <= through && !apart.contains(seq))
                .forEach(seq -> holding.put(seq, new int[lists.length]));
        if (holding.isEmpty()) {
            return holding;
        }
        int[] instances = {0};
        for (int p : rare) {
            String word = scorer.word(p);
            h.createQuery("SELECT doc, CASE col WHEN 'title' THEN " + TITLE_WEIGHT + " WHEN 'description' THEN "
                            + DESCRIPTION_WEIGHT + " ELSE 0 END FROM temp.posts_fts_instances WHERE "
                            + (scorer.prefix(p) ? "term >= :word AND term <= :upTo" : "term = :word") + " LIMIT :cap")
                    .bind("word", word).bind("upTo", SqliteDialect.lastWithPrefix(word))
                    .bind("cap", RARE_INSTANCES_MAX + 1 - instances[0])
                    .map((rs, ctx) -> {
                        instances[0]++;
                        int[] weights = holding.get(rs.getLong(1));
                        if (weights != null) {
                            weights[p] += rs.getInt(2);
                        }
                        return Boolean.TRUE;
                    }).forEach(row -> { });
            if (instances[0] > RARE_INSTANCES_MAX) {
                return null;
            }
        }
        return holding;
    }

    /** The board's posts holding any of {@code phrases} (FTS5's matches); null past {@link #minMatches}. */
    private List<Long> holders(Handle h, String projectId, List<String> phrases, String matchesSql) {
        List<Long> holders = h.createQuery(matchesSql + " LIMIT :cap").bind("project", projectId)
                .bind("search", String.join(" OR ", phrases)).bind("cap", minMatches + 1).mapTo(Long.class).list();
        return holders.size() > minMatches ? null : holders;
    }

    /**
     * Scores the posts holding a rarer phrase into {@code sink}, each phrase with postings read from them (with the
     * post's length, else from its size record); returns how many match. Unless {@code scored}, only which match
     * is told (each with no score).
     */
    private static long scoreHoldingRare(Handle h, Map<Long, int[]> holding, Postings[] lists, Scorer scorer,
            Sink sink, boolean scored) {
        Map<Long, Integer> lengths = new HashMap<>();
        for (var post : holding.entrySet()) {
            for (int p = 0; p < lists.length; p++) {
                int at = lists[p] == null ? -1 : lists[p].indexOf(post.getKey());
                if (at >= 0) {
                    post.getValue()[p] = lists[p].weights()[at];
                    if (scored) {
                        lengths.put(post.getKey(), lists[p].lengths()[at]);
                    }
                }
            }
        }
        if (!scored) {
            long matched = 0;
            for (var post : holding.entrySet()) {
                if (scorer.matches(post.getValue())) {
                    matched++;
                    sink.offer(post.getKey(), 0);
                }
            }
            return matched;
        }
        List<Long> unknown = holding.keySet().stream().filter(seq -> !lengths.containsKey(seq)).toList();
        if (!unknown.isEmpty()) {
            h.createQuery("SELECT id, sz FROM posts_fts_docsize WHERE id IN (SELECT value FROM json_each(:seqs))")
                    .bind("seqs", unknown.toString())
                    .map((rs, ctx) -> lengths.put(rs.getLong(1), (int) Arrays.stream(varints(rs.getBytes(2))).sum()))
                    .forEach(row -> { });
        }
        long matched = 0;
        for (var post : holding.entrySet()) {
            if (scorer.matches(post.getValue())) {
                matched++;
                sink.offer(post.getKey(), scorer.score(post.getValue(), lengths.get(post.getKey())));
            }
        }
        return matched;
    }

    /**
     * Scores every match held only by phrases with postings on the board, not changed since the build, into
     * {@code sink}: the postings of those phrases merged in key order, a post kept when each word of the search
     * has one of them. Returns how many matched. Unless {@code scored}, each is offered with no score.
     */
    private static long scoreFromPostings(Postings[] byPhrase, Scorer scorer, long through, Set<Long> excluded,
            Sink sink, boolean scored) {
        int[] phrase = IntStream.range(0, byPhrase.length).filter(i -> byPhrase[i] != null).toArray();
        Postings[] lists = Arrays.stream(phrase).mapToObj(i -> byPhrase[i]).toArray(Postings[]::new);
        long[] skipped = excluded.stream().mapToLong(Long::longValue).sorted().toArray();
        int skip = 0;
        int[] at = new int[lists.length];
        int[] weights = new int[byPhrase.length];
        long matched = 0;
        while (true) {
            long seq = Long.MAX_VALUE;
            for (int i = 0; i < lists.length; i++) {
                if (at[i] < lists[i].size()) {
                    seq = Math.min(seq, lists[i].seqs()[at[i]]);
                }
            }
            if (seq == Long.MAX_VALUE || seq > through) {
                return matched;
            }
            int length = 0;
            for (int i = 0; i < lists.length; i++) {
                weights[phrase[i]] = 0;
                if (at[i] < lists[i].size() && lists[i].seqs()[at[i]] == seq) {
                    weights[phrase[i]] = lists[i].weights()[at[i]];
                    length = lists[i].lengths()[at[i]];
                    at[i]++;
                }
            }
            while (skip < skipped.length && skipped[skip] < seq) {
                skip++;
            }
            if ((skip == skipped.length || skipped[skip] != seq) && scorer.matches(weights)) {
                matched++;
                sink.offer(seq, scored ? scorer.score(weights, length) : 0);
            }
        }
    }

    /**
     * Scores posts from their text: each phrase's weighted count, by the tokenizer's rules for ASCII (letters and
     * digits make words, case folded, everything else separates), and the length FTS5 recorded. Null when a post
     * holds other characters (the tokenizer's folding of those is its own), its words do not number what FTS5
     * counted, or it does not match (it was found as a match), so a score here is never a guess.
     */
    private static List<Scored> scoreFromText(Handle h, Collection<Long> seqs, Scorer scorer) {
        if (seqs.isEmpty()) {
            return new ArrayList<>();
        }
        List<Scored> scored = new ArrayList<>();
        boolean[] readable = {true};
        h.createQuery("SELECT p.seq, p.title, p.description, d.sz FROM posts p JOIN posts_fts_docsize d "
                        + "ON d.id = p.seq WHERE p.seq IN (SELECT value FROM json_each(:seqs))")
                .bind("seqs", seqs.toString())
                .map((rs, ctx) -> {
                    long[] sizes = varints(rs.getBytes(4));
                    int[] title = scorer.count(rs.getString(2));
                    int[] description = scorer.count(rs.getString(3));
                    int words = scorer.phrases().size();
                    if (title == null || description == null || sizes.length < 2 || sizes[0] != title[words]
                            || sizes[1] != description[words]) {
                        readable[0] = false;
                        return Boolean.TRUE;
                    }
                    long length = 0;
                    for (long size : sizes) {
                        length += size;
                    }
                    int[] weights = new int[words];
                    for (int i = 0; i < words; i++) {
                        weights[i] = TITLE_WEIGHT * title[i] + DESCRIPTION_WEIGHT * description[i];
                    }
                    if (!scorer.matches(weights)) {
                        readable[0] = false;
                        return Boolean.TRUE;
                    }
                    scored.add(new Scored(rs.getLong(1), scorer.score(weights, (int) length)));
                    return Boolean.TRUE;
                }).forEach(row -> { });
        return readable[0] && scored.size() == seqs.size() ? scored : null;
    }

    /** Where the matches of a search go, each with its score. */
    private interface Sink {
        void offer(long seq, double score);
    }

    /** Every key offered, whatever its score. */
    private static final class Keys implements Sink {
        private long[] seqs = new long[1024];
        private int size;

        @Override
        public void offer(long seq, double score) {
            if (size == seqs.length) {
                seqs = Arrays.copyOf(seqs, size * 2);
            }
            seqs[size++] = seq;
        }

        long[] sorted() {
            long[] all = Arrays.copyOf(seqs, size);
            Arrays.sort(all);
            return all;
        }
    }

    /** The best {@code wanted} posts offered so far. */
    private static final class Best implements Sink {
        private final long wanted;
        private final PriorityQueue<Scored> kept = new PriorityQueue<>(BEST_FIRST.reversed());

        Best(long wanted) {
            this.wanted = wanted;
        }

        @Override
        public void offer(long seq, double score) {
            if (kept.size() < wanted) {
                kept.add(new Scored(seq, score));
                return;
            }
            Scored last = kept.peek();
            if (score > last.score() || (score == last.score() && seq > last.seq())) {
                kept.poll();
                kept.add(new Scored(seq, score));
            }
        }

        List<Scored> inOrder() {
            List<Scored> all = new ArrayList<>(kept);
            all.sort(BEST_FIRST);
            return all;
        }
    }

    /**
     * A search's phrases and how bm25 sums them: each occurrence of a phrase in the expression, in order (FTS5 adds
     * them in that order, and the rounding depends on it), weighted by the phrase's IDF.
     */
    static final class Scorer {
        private final List<List<String>> terms;
        private final List<String> phrases;
        private final int[][] termPhrases;   // per word of the search, the index of each of its phrases
        private final String[] words;        // per phrase, its word without quotes and star
        private final boolean[] prefixes;
        private double[] idf;
        private double averageLength;

        private Scorer(List<List<String>> terms) {
            this.terms = terms;
            this.phrases = terms.stream().flatMap(List::stream).distinct().toList();
            termPhrases = new int[terms.size()][];
            for (int t = 0; t < terms.size(); t++) {
                termPhrases[t] = terms.get(t).stream().mapToInt(phrases::indexOf).toArray();
            }
            words = new String[phrases.size()];
            prefixes = new boolean[phrases.size()];
            for (int i = 0; i < words.length; i++) {
                String phrase = phrases.get(i);
                prefixes[i] = phrase.endsWith("*");
                words[i] = phrase.substring(1, phrase.length() - (prefixes[i] ? 2 : 1)).replace("\"\"", "\"")
                        .toLowerCase(java.util.Locale.ROOT);
            }
        }

        /** Null when the search is not an AND of told phrases. */
        static Scorer of(Dialect.Search search) {
            return search.terms().isEmpty() ? null : new Scorer(search.terms());
        }

        List<String> phrases() {
            return phrases;
        }

        /**
         * Sets each phrase's IDF as FTS5's bm25 computes it over every row of the index, and the average length,
         * both from the index's averages record; a lone phrase needs no IDF (it scales every score alike) and gets
         * 1. False when a count is unknown.
         */
        boolean weigh(long[] averages, Map<String, Long> holding) {
            averageLength = SearchPostings.averageLength(averages);
            idf = new double[phrases.size()];
            if (terms.size() == 1 && phrases.size() == 1) {
                idf[0] = 1.0;
                return true;
            }
            long rows = averages.length == 0 ? 0 : averages[0];
            for (int i = 0; i < idf.length; i++) {
                Long posts = holding.get(phrases.get(i));
                if (posts == null || posts < 0) {
                    return false;
                }
                double value = Math.log((rows - posts + 0.5) / (posts + 0.5));
                idf[i] = value <= 0.0 ? LEAST_IDF : value;
            }
            return true;
        }

        /** The word of the {@code p}-th phrase, lower case, without quotes or star. */
        String word(int p) {
            return words[p];
        }

        /** True when the {@code p}-th phrase is a prefix. */
        boolean prefix(int p) {
            return prefixes[p];
        }

        /** How many words the search has. */
        int words() {
            return termPhrases.length;
        }

        /** The places in {@link #phrases} of the {@code t}-th word's phrases. */
        int[] phrasesOf(int t) {
            return termPhrases[t];
        }

        /** True when each word of the search has a phrase with a weight. */
        boolean matches(int[] weights) {
            for (int[] term : termPhrases) {
                boolean any = false;
                for (int p : term) {
                    any |= weights[p] > 0;
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }

        /** bm25 as FTS5 sums it: each phrase occurrence in expression order. */
        double score(int[] weights, int length) {
            double score = 0.0;
            for (int[] term : termPhrases) {
                for (int p : term) {
                    score += bm25(idf[p], weights[p], length, averageLength);
                }
            }
            return score;
        }

        /** Each phrase's number of matching words in {@code text}, then its number of words; null past ASCII. */
        int[] count(String text) {
            return AsciiWords.count(text, words, prefixes);
        }
    }

    /** bm25 of one phrase in one post, as FTS5 computes it (the same operations in the same order). */
    static double bm25(double idf, int weight, int length, double averageLength) {
        double f = weight;
        double d = length;
        return idf * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * d / averageLength)));
    }

    /** The index's average row length in tokens, all columns (FTS5's averages record). */
    static double averageLength(Handle h) {
        return averageLength(averages(h));
    }

    private static double averageLength(long[] values) {
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

    // ---------------------------------------------------------------------------------------------------- counts

    /**
     * The number of posts of all boards holding each of {@code phrases} that the last build counted, as it is now:
     * the build's count, plus the posts added since that hold it, plus what changed in the posts edited, moved,
     * deleted or inserted behind it since (their text before the first change is kept). Phrases the build did not
     * count, or whose change cannot be told (a text outside ASCII, or past {@link #CHANGED_MAX} changes), are left out.
     */
    Map<String, Long> counts(Handle h, Collection<String> phrases) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (phrases.isEmpty()) {
            return counts;
        }
        List<long[]> build = h.createQuery("SELECT through_seq, changed_through FROM search_postings_builds "
                + "WHERE id = 1").map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        if (build.isEmpty()) {
            return counts;
        }
        long through = build.get(0)[0];
        h.createQuery("SELECT phrase, posts FROM search_phrase_counts WHERE phrase IN (<phrases>)")
                .bindList("phrases", List.copyOf(phrases))
                .map((rs, ctx) -> counts.put(rs.getString(1), rs.getLong(2))).forEach(row -> { });
        if (counts.isEmpty()) {
            return counts;
        }
        // Each post changed since the build, with its text then (the first change's old text; none for a post
        // inserted behind the build).
        Map<Long, String[]> before = new LinkedHashMap<>();
        int[] rows = {0};
        h.createQuery("SELECT seq, old_title, old_description FROM search_postings_changed WHERE id > :changed "
                        + "AND seq <= :through ORDER BY id LIMIT :cap")
                .bind("changed", build.get(0)[1]).bind("through", through).bind("cap", 4 * CHANGED_MAX)
                .map((rs, ctx) -> {
                    rows[0]++;
                    before.putIfAbsent(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                    return Boolean.TRUE;
                }).forEach(row -> { });
        if (rows[0] >= 4 * CHANGED_MAX || before.size() > CHANGED_MAX) {
            return new LinkedHashMap<>();
        }
        for (var count : new ArrayList<>(counts.entrySet())) {
            String phrase = count.getKey();
            String match = "{title description} : " + phrase;
            long now = count.getValue() + h.createQuery("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH :match "
                    + "AND rowid > :through").bind("match", match).bind("through", through).mapTo(Long.class).one();
            if (!before.isEmpty()) {
                now += h.createQuery("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH :match "
                                + "AND rowid IN (SELECT value FROM json_each(:seqs))")
                        .bind("match", match).bind("seqs", before.keySet().toString()).mapTo(Long.class).one();
                Scorer one = new Scorer(List.of(List.of(phrase)));
                for (String[] text : before.values()) {
                    if (text[0] == null) {
                        continue;
                    }
                    int[] title = one.count(text[0]);
                    int[] description = one.count(text[1]);
                    if (title == null || description == null) {
                        counts.remove(phrase);
                        now = -1;
                        break;
                    }
                    now -= title[0] + description[0] > 0 ? 1 : 0;
                }
            }
            if (now >= 0) {
                counts.put(phrase, now);
            }
        }
        return counts;
    }

    /** The words (not prefixes) the last build counted from {@code from} to {@code upTo}, both inclusive. */
    List<String> countedWordsBetween(Handle h, String from, String upTo) {
        return h.createQuery("SELECT phrase FROM search_phrase_counts WHERE phrase >= :from AND phrase <= :upTo "
                        + "AND phrase NOT LIKE '%*' ORDER BY phrase")
                .bind("from", "\"" + from).bind("upTo", "\"" + upTo).mapTo(String.class).list();
    }

    // ----------------------------------------------------------------------------------------------------- build

    /** What a build saw: the largest post key, and the last row of {@code search_postings_changed}. */
    record Marks(long throughSeq, long changedThrough) {
        /** True when these marks come from a later snapshot than {@code other}. */
        boolean after(Marks other) {
            return changedThrough > other.changedThrough
                    || (changedThrough == other.changedThrough && throughSeq > other.throughSeq);
        }
    }

    /** A phrase's postings on each board holding it at least {@link #minMatches} times, read by a build. */
    record PhrasePostings(Marks marks, String phrase, Map<String, byte[]> boards, Map<String, Integer> posts) {}

    /** A build's result besides the postings it wrote: its marks and each common phrase's number of posts. */
    record Built(Marks marks, Map<String, Long> counts) {}

    /** True when a build was never made on a store large enough, or enough changed since the last one. */
    public boolean due(Handle h) {
        List<Long> build = h.createQuery("SELECT through_seq FROM search_postings_builds WHERE id = 1")
                .mapTo(Long.class).list();
        if (build.isEmpty()) {
            return h.createQuery("SELECT count(*) FROM (SELECT 1 FROM posts LIMIT :cap)").bind("cap", minMatches)
                    .mapTo(Long.class).one() >= minMatches;
        }
        long fresh = h.createQuery("SELECT count(*) FROM (SELECT 1 FROM posts WHERE seq > :through LIMIT :cap)")
                .bind("through", build.get(0)).bind("cap", FRESH_REBUILD + 1).mapTo(Long.class).one();
        long changed = h.createQuery("SELECT count(*) FROM (SELECT 1 FROM search_postings_changed LIMIT :cap)")
                .bind("cap", CHANGED_REBUILD + 1).mapTo(Long.class).one();
        return fresh > FRESH_REBUILD || changed > CHANGED_REBUILD;
    }

    /**
     * Makes the triggers record changes from now on (they record nothing before a first build): call it, in a
     * transaction of its own, before a build's snapshot, or the changes made while the first build runs would be
     * lost. Until that build finishes, its placeholder row (nothing built) makes every search rank with FTS5.
     */
    public void begin(Handle h, Instant now) {
        int placed = h.createUpdate("INSERT INTO search_postings_builds (id, through_seq, changed_through, built_at) "
                + "VALUES (1, 0, 0, :now) ON CONFLICT (id) DO NOTHING").bind("now", Timestamps.format(now)).execute();
        if (placed > 0) {
            h.execute("DELETE FROM search_phrase_counts"); // counts belong to a build; none is recorded
        }
    }

    /** Builds every board's postings from what {@code h} sees and writes them through it, in its transaction. */
    public void build(Handle h, Instant now) {
        begin(h, now);
        Built built = compute(h, phrase -> storePhrase(h, phrase));
        finish(h, built, now);
    }

    /**
     * What {@code h} sees now. The last change is read from the key sequence, not the table: a build empties the
     * table, and a later build must still come after it.
     */
    static Marks marks(Handle h) {
        return new Marks(h.createQuery("SELECT coalesce(max(seq), 0) FROM posts").mapTo(Long.class).one(),
                h.createQuery("SELECT coalesce((SELECT seq FROM sqlite_sequence "
                        + "WHERE name = 'search_postings_changed'), 0)").mapTo(Long.class).one());
    }

    /**
     * Reads every common phrase's postings from one snapshot (call it in a transaction) and hands each phrase's
     * to {@code sink} as it is read, so a build holds one phrase at a time. Each phrase's postings come from FTS5's
     * instance list (the index's own tokens, so the weights are the ones bm25 uses), every post's length from its
     * size record.
     */
    Built compute(Handle h, Consumer<PhrasePostings> sink) {
        Marks marks = marks(h);
        Posts posts = Posts.read(h);
        Map<String, Long> counts = new LinkedHashMap<>();
        int[] weight = new int[posts.size()];
        int[] touched = new int[posts.size()];
        for (String[] phrase : candidates(h)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("Search postings build interrupted");
            }
            int[] matched = {0};
            h.createQuery("SELECT doc, CASE col WHEN 'title' THEN " + TITLE_WEIGHT + " ELSE " + DESCRIPTION_WEIGHT
                            + " END FROM temp.posts_fts_instances WHERE "
                            + (phrase[2] == null ? "term = :from" : "term >= :from AND term <= :upTo")
                            + " AND col IN ('title', 'description')")
                    .bind("from", phrase[1]).bind("upTo", phrase[2])
                    .map((rs, ctx) -> {
                        int at = posts.indexOf(rs.getLong(1));
                        if (at >= 0) {
                            if (weight[at] == 0) {
                                touched[matched[0]++] = at;
                            }
                            weight[at] += rs.getInt(2);
                        }
                        return Boolean.TRUE;
                    }).forEach(row -> { });
            counts.put(phrase[0], (long) matched[0]);
            PhrasePostings postings = postings(marks, phrase[0], Arrays.copyOf(touched, matched[0]), posts, weight);
            if (!postings.boards().isEmpty()) {
                sink.accept(postings);
            }
            for (int i = 0; i < matched[0]; i++) {
                weight[touched[i]] = 0;
            }
        }
        return new Built(marks, counts);
    }

    /**
     * The phrases worth postings, each as {phrase, from, up to}: words longer than the prefix indexes, held by
     * {@link #minMatches} posts of all boards (a board cannot hold more), searched as themselves; and shorter
     * words, searched as prefixes, so the posts holding any word starting with them (up to: the bound of those
     * words). Only plain words: the others are searched as prefixes FTS5 expands itself.
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
                                SqliteDialect.lastWithPrefix(term)});
                    }
                });
        return phrases;
    }

    /** A phrase's postings (its matches: indexes into {@code posts}) on each board where they are many enough. */
    private PhrasePostings postings(Marks marks, String phrase, int[] matches, Posts posts, int[] weight) {
        Arrays.sort(matches); // key order: posts are read by key
        int[] perBoard = new int[posts.boards().size()];
        for (int at : matches) {
            perBoard[posts.board()[at]]++;
        }
        Postings.Writer[] writers = new Postings.Writer[perBoard.length];
        for (int b = 0; b < perBoard.length; b++) {
            writers[b] = perBoard[b] >= minMatches ? new Postings.Writer(perBoard[b]) : null;
        }
        for (int at : matches) {
            Postings.Writer out = writers[posts.board()[at]];
            if (out != null) {
                out.add(posts.seq()[at], weight[at], posts.length()[at]);
            }
        }
        Map<String, byte[]> boards = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int b = 0; b < perBoard.length; b++) {
            if (writers[b] != null) {
                boards.put(posts.boards().get(b), writers[b].bytes());
                counts.put(posts.boards().get(b), perBoard[b]);
            }
        }
        return new PhrasePostings(marks, phrase, boards, counts);
    }

    /** Writes a phrase's postings of a build on each of its boards, unless a later build has finished. */
    void storePhrase(Handle h, PhrasePostings phrase) {
        Marks marks = phrase.marks();
        if (laterBuildFinished(h, marks)) {
            return;
        }
        PreparedBatch rows = h.prepareBatch("INSERT INTO search_postings (project_id, phrase, through_seq, "
                + "changed_through, posts, postings) VALUES (:project, :phrase, :through, :changed, :posts, :postings) "
                + "ON CONFLICT (project_id, phrase) DO UPDATE SET through_seq = excluded.through_seq, "
                + "changed_through = excluded.changed_through, posts = excluded.posts, postings = excluded.postings");
        phrase.boards().forEach((board, postings) -> rows.bind("project", board).bind("phrase", phrase.phrase())
                .bind("through", marks.throughSeq()).bind("changed", marks.changedThrough())
                .bind("posts", phrase.posts().get(board)).bind("postings", postings).add());
        rows.execute();
    }

    /**
     * Ends a build: drops every board's postings it did not write (phrases no longer common there, or written by
     * another build), replaces the counts, forgets the changes it saw and records it; unless a later build has
     * finished.
     */
    void finish(Handle h, Built built, Instant now) {
        Marks marks = built.marks();
        if (laterBuildFinished(h, marks)) {
            return;
        }
        h.createUpdate("DELETE FROM search_postings WHERE through_seq <> :through OR changed_through <> :changed")
                .bind("through", marks.throughSeq()).bind("changed", marks.changedThrough()).execute();
        h.execute("DELETE FROM search_phrase_counts");
        PreparedBatch counts = h.prepareBatch("INSERT INTO search_phrase_counts (phrase, posts) "
                + "VALUES (:phrase, :posts)");
        built.counts().forEach((phrase, posts) -> counts.bind("phrase", phrase).bind("posts", posts).add());
        if (counts.size() > 0) {
            counts.execute();
        }
        h.createUpdate("DELETE FROM search_postings_changed WHERE id <= :changed")
                .bind("changed", marks.changedThrough()).execute();
        h.createUpdate("INSERT INTO search_postings_builds (id, through_seq, changed_through, built_at) "
                        + "VALUES (1, :through, :changed, :now) ON CONFLICT (id) DO UPDATE SET "
                        + "through_seq = excluded.through_seq, changed_through = excluded.changed_through, "
                        + "built_at = excluded.built_at")
                .bind("through", marks.throughSeq()).bind("changed", marks.changedThrough())
                .bind("now", Timestamps.format(now)).execute();
    }

    /**
     * True when a build from a later snapshot has finished (another store on the same file): it forgot changes
     * this one's postings would need, so this one writes nothing.
     */
    private static boolean laterBuildFinished(Handle h, Marks marks) {
        return h.createQuery("SELECT through_seq, changed_through FROM search_postings_builds WHERE id = 1")
                .map((rs, ctx) -> new Marks(rs.getLong(1), rs.getLong(2))).findOne()
                .map(finished -> finished.after(marks)).orElse(false);
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

    /**
     * A phrase's postings on a board as stored: per post in key order, three unsigned varints (seven bits a byte,
     * low bits first, the high bit set on every byte but the last): the key's distance from the previous key, the
     * phrase's weighted count, the post's length.
     */
    record Postings(long[] seqs, int[] weights, int[] lengths, int size) {
        static Postings decode(byte[] bytes) {
            int capacity = bytes.length / 3 + 1;
            long[] seqs = new long[capacity];
            int[] weights = new int[capacity];
            int[] lengths = new int[capacity];
            int n = 0;
            long seq = 0;
            int[] at = {0};
            while (at[0] < bytes.length) {
                seq += next(bytes, at);
                seqs[n] = seq;
                weights[n] = (int) next(bytes, at);
                lengths[n] = (int) next(bytes, at);
                n++;
            }
            return new Postings(seqs, weights, lengths, n);
        }

        /** The place of the post with key {@code seq} among these, or -1. */
        int indexOf(long seq) {
            int at = Arrays.binarySearch(seqs, 0, size, seq);
            return at < 0 ? -1 : at;
        }

        private static long next(byte[] bytes, int[] at) {
            long value = 0;
            int shift = 0;
            while (true) {
                int b = bytes[at[0]++] & 0xff;
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
                shift += 7;
            }
        }

        /** Encodes postings added in key order. */
        static final class Writer {
            private byte[] bytes;
            private int size;
            private long last;

            Writer(int posts) {
                bytes = new byte[Math.max(16, posts * 4)];
            }

            void add(long seq, int weight, int length) {
                put(seq - last);
                put(weight);
                put(length);
                last = seq;
            }

            private void put(long value) {
                if (size + 10 > bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
                while (value >= 0x80) {
                    bytes[size++] = (byte) (value | 0x80);
                    value >>>= 7;
                }
                bytes[size++] = (byte) value;
            }

            byte[] bytes() {
                return Arrays.copyOf(bytes, size);
            }
        }
    }
}
