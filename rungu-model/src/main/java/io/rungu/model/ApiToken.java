package io.rungu.model;

import java.time.Instant;

/**
 * A personal API token as listed to its owner; the secret itself is shown once at creation and never stored.
 *
 * @param prefix     the first characters of the secret, to recognise it
 * @param lastUsedAt null if never used
 */
public record ApiToken(String id, String userId, String name, String prefix, TokenScope scope, Instant createdAt,
                       Instant lastUsedAt) {}
