package io.rungu.store;

import io.rungu.store.internal.demo.DemoGenerator;
import java.time.Duration;

/**
 * Fills a store with a realistic demo or benchmark dataset: boards, users, posts with pseudo-English titles and
 * descriptions, skewed votes (a few popular posts, a long tail), and threaded comments, spread over the past year.
 * Rows go in with batched inserts inside one write transaction, so other writers wait until it commits and
 * readers never see a half-loaded board; counts (votes, comments, per-board totals) are exact afterwards.
 *
 * <pre>{@code
 * DemoData.generate(store, new DemoData.Options(10, 100_000, 500_000, 50_000, 10_000, 42),
 *         (step, done, total) -> System.err.printf("%s %d/%d%n", step, done, total));
 * }</pre>
 *
 * <p>Text and structure are determined by the seed; ids come from the store's id source, so running twice adds a
 * second, separate dataset.
 */
public final class DemoData {
    private DemoData() {}

    /**
     * How much to generate.
     *
     * @param projects boards to create (at least 1)
     * @param posts    posts spread over the boards
     * @param votes    votes, at most one per user and post, so at most {@code users * posts}
     * @param comments comments, about a third of them replies
     * @param users    members who write posts, votes and comments (at least 1)
     * @param seed     seed of the pseudo-random generator
     */
    public record Options(int projects, int posts, int votes, int comments, int users, long seed) {
        /**
         * @throws IllegalArgumentException for negative counts, no boards or users, or more votes than
         *                                  user-post pairs
         */
        public Options {
            if (projects < 1 || users < 1 || posts < 0 || votes < 0 || comments < 0) {
                throw new IllegalArgumentException("projects and users must be at least 1 and no count negative");
            }
            if ((long) votes > (long) users * posts / 2) {
                throw new IllegalArgumentException("votes must be at most half of users * posts ("
                        + (long) users * posts / 2 + "), got " + votes);
            }
            if (comments > 0 && posts == 0) {
                throw new IllegalArgumentException("comments need posts");
            }
        }

        /** A small board set for trying the web app: 3 boards, 300 posts, 50 users. */
        public static Options small() {
            return new Options(3, 300, 1_500, 600, 50, 42);
        }
    }

    /** Receives progress while the data is generated; called on the generating thread. */
    @FunctionalInterface
    public interface ProgressListener {
        /** Does nothing. */
        ProgressListener NONE = (step, done, total) -> { };

        /**
         * @param step  what is being written: "users", "projects", "posts", "votes", "comments" or "index"
         * @param done  rows of this step written so far
         * @param total rows this step will write
         */
        void progress(String step, long done, long total);
    }

    /** What was written and how long it took. */
    public record Result(int projects, int users, int posts, int votes, int comments, Duration elapsed) {}

    /** Generates the dataset into {@code store}; returns when it is committed. */
    public static Result generate(RunguStore store, Options options, ProgressListener listener) {
        return DemoGenerator.run(store.database(), store.config().clock, store.config().ids, options,
                listener == null ? ProgressListener.NONE : listener);
    }
}
