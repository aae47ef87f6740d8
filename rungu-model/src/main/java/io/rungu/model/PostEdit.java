package io.rungu.model;

/**
 * A change to a post; a null field is left as it is. Title, description and category may be changed by the
 * author or an admin; status and the official response only by an admin. The whole change is checked before
 * anything is written.
 *
 * @param response an official response (Markdown, the limits of a comment) recorded with the status change, or on
 *                 its own when {@code status} is null or unchanged; null or blank gives none
 * @param pinned   pins or unpins the post (admin only); null leaves it
 * @param locked   locks or unlocks its comments (admin only); null leaves it
 */
public record PostEdit(String title, String description, PostCategory category, PostStatus status, String response,
                       Boolean pinned, Boolean locked) {
    /** An edit that does not pin or lock. */
    public PostEdit(String title, String description, PostCategory category, PostStatus status, String response) {
        this(title, description, category, status, response, null, null);
    }

    /** Only pinning and locking; a null value leaves it. */
    public static PostEdit moderation(Boolean pinned, Boolean locked) {
        return new PostEdit(null, null, null, null, null, pinned, locked);
    }

    /** An edit without an official response. */
    public PostEdit(String title, String description, PostCategory category, PostStatus status) {
        this(title, description, category, status, null);
    }

    /** Only a status change. */
    public static PostEdit status(PostStatus status) { return new PostEdit(null, null, null, status, null); }

    /** A status change with an official response ({@code status} null: the response alone). */
    public static PostEdit status(PostStatus status, String response) {
        return new PostEdit(null, null, null, status, response);
    }

    /** True when nothing would change. */
    public boolean isEmpty() {
        return title == null && description == null && category == null && status == null
                && (response == null || response.isBlank()) && pinned == null && locked == null;
    }
}
