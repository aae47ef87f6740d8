package io.rungu.model;

/**
 * Which emails a person gets about the posts they follow. Everything is on until they change it.
 *
 * @param statusChanges a followed post changed status (with its official response, if any)
 * @param comments      a new comment or reply on a followed post (their own posts included)
 */
public record NotificationSettings(boolean statusChanges, boolean comments) {
    /** The settings of someone who never changed them. */
    public static final NotificationSettings ALL_ON = new NotificationSettings(true, true);
}
