package io.rungu.model;

import java.time.Instant;

/** A user account as its owner and admins see it, email included. Never returned by public reads. */
public record User(String id, String email, String name, String avatarUrl, Role role, Instant createdAt,
                   Instant lastLogin) {
    /** The public view of this user. */
    public UserSummary summary() { return new UserSummary(id, name, avatarUrl); }
}
