package io.rungu.model;

import java.time.Instant;

/**
 * A personal API token as listed to its owner; the secret itself is shown once at creation and never stored.
 *
 * @param prefix     the first characters of the secret, to recognise it
 * @param lastUsedAt null if never used
 * @param expiresAt  null if it never expires; from then on the token is refused
 */
public record ApiToken(String id, String userId, String name, String prefix, TokenScope scope, Instant createdAt,
                       Instant lastUsedAt, Instant expiresAt) {
    /** A token that never expires. */
    public ApiToken(String id, String userId, String name, String prefix, TokenScope scope, Instant createdAt,
                    Instant lastUsedAt) {
        this(id, userId, name, prefix, scope, createdAt, lastUsedAt, null);
    }

    /** True when the token has an expiry and {@code now} is at or past it. */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
