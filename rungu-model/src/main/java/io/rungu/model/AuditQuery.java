package io.rungu.model;

/**
 * Which audit entries to read, newest first; every filter is optional (null).
 *
 * @param project a board's slug: entries about it and its posts, comments and attachments
 * @param actor   a user's id: entries of their writes
 * @param action  an action ({@code post.edited}) or a target type alone ({@code post}: every post action)
 * @param since   an RFC 3339 instant, or a duration back from now ({@code 90m}, {@code 24h}, {@code 7d},
 *                {@code PT1H}); parsed by the Board with its clock
 * @param page    the page
 */
public record AuditQuery(String project, String actor, String action, String since, PageRequest page) {
    /** Every entry, first page. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, PageRequest.FIRST);

    public AuditQuery {
        page = page == null ? PageRequest.FIRST : page;
    }
}
