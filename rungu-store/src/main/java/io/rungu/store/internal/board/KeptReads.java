package io.rungu.store.internal.board;

import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.PostCategory;
import io.rungu.model.PostQuery;
import io.rungu.model.PostSort;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the Board keeps between requests: board list pages and single posts, as every viewer sees them before
 * their own votes are marked (see {@link ReadCache} for when a kept value is used). The front page of a busy board
 * and its popular posts are read far more often than they change; a list page costs four statements and twenty
 * joined rows to read, a kept one a map lookup. Searches are not kept: the same words are rarely searched twice
 * within seconds, and each would take a slot a browse page can use.
 */
final class KeptReads {
    /**
     * Everything that selects a list page, apart from the viewer: {@code withHidden} pages (what admins see) are
     * kept apart from the pages everyone else who may see the board sees.
     */
    record PageKey(String projectSlug, PostSort sort, PostStatus status, java.util.List<PostStatus> statuses,
                   boolean excludeClosed, PostCategory category, int page, int perPage, String tag, boolean withHidden) {
        /** The key of a browse query; null for a search, which is never kept (nor is a personal list). */
        static PageKey of(String projectSlug, PostQuery query, boolean withHidden) {
            if (!SearchTerms.of(query.text()).isEmpty() || query.personal()) {
                return null;
            }
            PostSort sort = query.sort() == null || query.sort() == PostSort.RELEVANCE ? PostSort.NEWEST : query.sort();
            PageRequest page = query.page() == null ? PageRequest.FIRST : query.page();
            return new PageKey(projectSlug, sort, query.status(), query.statuses(), query.excludeClosed(),
                    query.category(), page.page(), page.perPage(),
                    query.tag(), withHidden);
        }
    }

    /** A viewer's votes among the posts of a kept page or a kept post, by the posts' ids in order. */
    record MarksKey(String viewerId, java.util.List<String> postIds) {}

    /** Estimated heap per post besides its text: the records, ids, instants and enum references. */
    static final long POST_OVERHEAD_BYTES = 400;

    /** Estimated heap of a kept board's access record, and the most the kept boards may take. */
    static final long BOARD_BYTES = 300;
    static final long BOARDS_MAX_BYTES = 1 << 20;

    /** Estimated heap of a kept key of a viewer's marks (up to 20 shared id references) and its set. */
    static final long MARKS_BYTES = 400;

    final ReadCache<PageKey, Page<PostView>> pages;
    final ReadCache<String, PostView> posts;
    /**
     * The ids a viewer voted for among a page's or a post's ids: a signed-in viewer rereading the same page within
     * the time to live is marked without a statement; their own vote is a write, which drops it.
     */
    final ReadCache<MarksKey, java.util.Set<String>> marks;
    /** What searches read from the full-text index alone, kept until the index changes (not by time). */
    final KeptSearches searches;
    /** Who may see a board, by slug and by {@code "#" + id}: asked before every kept page or post is served. */
    final ReadCache<String, Access.BoardAccess> boards;

    /**
     * Half of {@code maxBytes} for list pages, half for posts (less a sixteenth for the viewers' vote marks and a
     * sixteenth for searches); a zero {@code ttl} keeps no page, post or mark (searches are kept by the index's
     * version, not by time, so only a zero {@code maxBytes} turns them off).
     */
    KeptReads(LongSupplier generation, Duration ttl, long maxBytes, LongSupplier nanoTime) {
        this.pages = new ReadCache<>(generation, ttl, maxBytes / 2 - maxBytes / 16, KeptReads::weigh, nanoTime);
        this.posts = new ReadCache<>(generation, ttl, maxBytes / 2 - maxBytes / 16, KeptReads::weigh, nanoTime);
        this.searches = new KeptSearches(maxBytes / 16);
        this.marks = new ReadCache<>(generation, ttl, maxBytes / 16, m -> MARKS_BYTES, nanoTime);
        this.boards = new ReadCache<>(generation, ttl, Math.min(maxBytes / 16, BOARDS_MAX_BYTES), b -> BOARD_BYTES,
                nanoTime);
    }

    /** Hits and misses of the kept list pages and posts (not of the boards' access records nor of searches). */
    long[] counts() {
        return new long[] {pages.hits() + posts.hits(), pages.misses() + posts.misses()};
    }

    static long weigh(Page<PostView> page) {
        long size = 0;
        for (PostView view : page.items()) {
            size += weigh(view);
        }
        return size;
    }

    static long weigh(PostView view) {
        return POST_OVERHEAD_BYTES + 2L * (length(view.post().title()) + length(view.post().description())
                + length(view.creator().name()) + length(view.creator().avatarUrl())
                + (view.response() == null ? 0 : length(view.response().text()) + length(view.response().author().name())
                        + length(view.response().author().avatarUrl())));
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
