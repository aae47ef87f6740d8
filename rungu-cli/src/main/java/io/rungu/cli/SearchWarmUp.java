package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.PageRequest;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.Project;
import io.rungu.store.Board;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the server answers, searches the busiest public board for a few words of its own newest titles, once, on a
 * background thread of low priority, as an anonymous visitor. A new JVM runs the search code interpreted until it has
 * run it many times; without this the first people to search after a restart pay for that (at 1M posts a common
 * word's first search by relevance took 158 ms on a new server and 26 ms after sixty searches of other words;
 * docs/performance.md). It only reads, and keeps only what any search keeps. {@code RUNGU_WARM_UP=false} turns it off.
 */
public final class SearchWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(SearchWarmUp.class);
    /** Words searched, each by relevance and by newest; pairs of them are searched too. */
    static final int WORDS = 24;
    static final int PAIRS = 4;
    private static final int BOARDS_LOOKED_AT = 100;
    /** Newest titles the words are taken from. */
    public static final int TITLES = 50;

    /** The board searched and how many searches ran. */
    record Done(String slug, int searches) {}

    private SearchWarmUp() {}

    /** Runs {@link #run} on a daemon thread of the lowest priority. */
    static Thread start(Board board) {
        Thread thread = new Thread(() -> {
            try {
                Done done = run(board);
                if (done != null) {
                    LOG.debug("Search warm-up: {} searches on board {}", done.searches(), done.slug());
                }
            } catch (RuntimeException e) {
                // Only a head start: any failure here is met again, and reported, by the request that meets it.
                LOG.debug("Search warm-up stopped", e);
            }
        }, "rungu-search-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** Searches the busiest public board for its own words, as described above; null when no public board has posts. */
    static Done run(Board board) {
        Actor visitor = Actor.anonymous();
        Project busiest = null;
        for (Project p : board.listProjects(visitor, new PageRequest(1, BOARDS_LOOKED_AT)).items()) {
            if (busiest == null || p.postCount() > busiest.postCount()) {
                busiest = p;
            }
        }
        if (busiest == null || busiest.postCount() == 0) {
            return null;
        }
        List<String> words = words(board.listPosts(visitor, busiest.slug(),
                new PostQuery(PostSort.NEWEST, null, null, null, new PageRequest(1, TITLES))).items().stream()
                .map(v -> v.post().title()).toList());
        List<String> texts = new ArrayList<>(words);
        for (int i = 0; i + 1 < words.size() && i / 2 < PAIRS; i += 2) {
            texts.add(words.get(i) + " " + words.get(i + 1));
        }
        int searches = 0;
        for (String text : texts) {
            for (PostSort sort : List.of(PostSort.RELEVANCE, PostSort.NEWEST)) {
                board.listPosts(visitor, busiest.slug(), new PostQuery(sort, null, null, text, PageRequest.FIRST));
                searches++;
            }
        }
        return new Done(busiest.slug(), searches);
    }

    /**
     * The words the warm-up searches, given the titles of a board's {@value #TITLES} newest listed posts, newest
     * first: up to {@value #WORDS} distinct words of three letters or more, in order. (Public for the search
     * benchmark, which keeps its first asks apart from them.)
     */
    public static List<String> words(List<String> titles) {
        Set<String> words = new LinkedHashSet<>();
        for (String title : titles) {
            for (String word : title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (word.codePointCount(0, word.length()) >= 3) {
                    words.add(word);
                }
                if (words.size() == WORDS) {
                    return List.copyOf(words);
                }
            }
        }
        return List.copyOf(words);
    }
}
