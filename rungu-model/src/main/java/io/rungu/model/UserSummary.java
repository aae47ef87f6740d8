package io.rungu.model;

/** What anyone may see of a user: never the email address. */
public record UserSummary(String id, String name, String avatarUrl) {}
