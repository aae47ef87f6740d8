package io.rungu.model;

/**
 * A change to a post; a null field is left as it is. Title, description and category may be changed by the
 * author or an admin; status only by an admin. The whole change is checked before anything is written.
 */
public record PostEdit(String title, String description, PostCategory category, PostStatus status) {
    /** Only a status change. */
    public static PostEdit status(PostStatus status) { return new PostEdit(null, null, null, status); }

    /** True when nothing would change. */
    public boolean isEmpty() { return title == null && description == null && category == null && status == null; }
}
