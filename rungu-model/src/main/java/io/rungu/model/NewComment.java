package io.rungu.model;

/**
 * Input to comment on a post.
 *
 * @param parentId optional id of the comment this replies to; it must belong to the same post
 */
public record NewComment(String content, String parentId) {}
