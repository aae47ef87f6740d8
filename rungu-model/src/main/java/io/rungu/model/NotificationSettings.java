package io.rungu.model;

/**
 * Which emails a person gets, one switch per kind. Everything is on until they change it.
 *
 * @param statusChanges a followed post changed status or got an official response
 * @param comments      a new comment on a followed post (their own posts included) that is not a reply to them
 * @param replies       a reply to one of their comments, on a post they follow
 * @param newPosts      a new post on a board they follow
 */
public record NotificationSettings(boolean statusChanges, boolean comments, boolean replies, boolean newPosts) {
    /** The settings of someone who never changed them. */
    public static final NotificationSettings ALL_ON = new NotificationSettings(true, true, true, true);

    /** These settings with every non-null value of {@code edit} applied. */
    public NotificationSettings with(NotificationSettingsEdit edit) {
        return new NotificationSettings(
                edit.statusChanges() == null ? statusChanges : edit.statusChanges(),
                edit.comments() == null ? comments : edit.comments(),
                edit.replies() == null ? replies : edit.replies(),
                edit.newPosts() == null ? newPosts : edit.newPosts());
    }
}
