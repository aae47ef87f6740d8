package io.rungu.model;

/**
 * A change to a person's {@link NotificationSettings}: a null value keeps the current one.
 *
 * @param statusChanges status changes and official responses on followed posts
 * @param comments      comments on followed posts (their own included) that are not replies to them
 * @param replies       replies to their comments
 * @param newPosts      new posts on followed boards
 */
public record NotificationSettingsEdit(Boolean statusChanges, Boolean comments, Boolean replies, Boolean newPosts) {}
