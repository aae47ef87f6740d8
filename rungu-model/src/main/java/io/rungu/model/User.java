package io.rungu.model;

import java.time.Instant;

/**
 * A user account as its owner and admins see it, email included. Never returned by public reads.
 *
 * @param blocked an admin blocked the account from writing board content; it can still read
 */
public record User(String id, String email, String name, String avatarUrl, Role role, Instant createdAt,
                   Instant lastLogin, boolean blocked) {
    /** An account that is not blocked. */
    public User(String id, String email, String name, String avatarUrl, Role role, Instant createdAt,
                Instant lastLogin) {
        this(id, email, name, avatarUrl, role, createdAt, lastLogin, false);
    }

    /** The public view of this user. */
    public UserSummary summary() { return new UserSummary(id, name, avatarUrl); }
}
