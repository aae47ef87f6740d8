package io.rungu.model;

/**
 * Input to comment on a post.
 *
 * @param parentId optional id of the comment this replies to; it must belong to the same post
 * @param internal an internal note, seen by admins only (admins only); a reply to a note is a note too
 */
public record NewComment(String content, String parentId, boolean internal) {
    /** A public comment or reply. */
    public NewComment(String content, String parentId) {
        this(content, parentId, false);
    }
}
