package io.rungu.model;

/** Every input limit in one place. Text lengths count Unicode code points, not bytes. */
public final class Limits {
    private Limits() {}

    public static final int PROJECT_NAME_MAX = 100;
    public static final int PROJECT_DESCRIPTION_MAX = 2_000;
    public static final int SLUG_MAX = 80;
    public static final int TITLE_MAX = 200;
    public static final int POST_DESCRIPTION_MAX = 20_000;
    public static final int COMMENT_MAX = 4_000;
    /** Longest accepted search text; longer queries are refused, not truncated. */
    public static final int SEARCH_QUERY_MAX = 200;
    /** At most this many words of a search query are used. */
    public static final int SEARCH_TERMS_MAX = 8;
    public static final int PER_PAGE_DEFAULT = 20;
    public static final int PER_PAGE_MAX = 100;
    /** Deepest page served; past it a client should narrow its filters. */
    public static final int PAGE_MAX = 10_000;
    public static final int ROADMAP_LIMIT_DEFAULT = 10;
    public static final int ROADMAP_LIMIT_MAX = 50;
    public static final int TRENDING_LIMIT_DEFAULT = 10;
    public static final int TRENDING_LIMIT_MAX = 100;
    public static final int SIMILAR_LIMIT_DEFAULT = 5;
    public static final int SIMILAR_LIMIT_MAX = 20;
    public static final int TRENDING_DAYS_DEFAULT = 7;
    public static final int TRENDING_DAYS_MAX = 365;
    /** 10 MiB. */
    public static final int ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
    public static final int ATTACHMENTS_PER_POST_MAX = 20;
    /** Largest image area accepted, in pixels (40 megapixels), so a small file cannot expand into gigabytes. */
    public static final long IMAGE_MAX_PIXELS = 40_000_000L;
    public static final int FILENAME_MAX = 120;
    public static final int USER_NAME_MAX = 100;
    /** The user search text (admin user list), matched in names and emails. */
    public static final int USER_QUERY_MAX = 100;
    public static final int EMAIL_MAX = 254;
    public static final int URL_MAX = 2_000;
    public static final int TOKEN_NAME_MAX = 100;
    public static final int TOKENS_PER_USER_MAX = 50;
    /** Most pinned posts per board: every list reads them all first. */
    public static final int PINNED_POSTS_MAX = 10;
    /** Slugs of a board's statuses, categories and tags. */
    public static final int DEFINITION_SLUG_MAX = 40;
    /** Names of a board's statuses, categories and tags. */
    public static final int DEFINITION_NAME_MAX = 50;
    public static final int STATUSES_PER_BOARD_MAX = 20;
    public static final int CATEGORIES_PER_BOARD_MAX = 20;
    public static final int TAGS_PER_BOARD_MAX = 100;
    public static final int TAGS_PER_POST_MAX = 10;
}
