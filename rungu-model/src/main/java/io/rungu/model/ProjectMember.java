package io.rungu.model;

import java.time.Instant;

/** A user an admin added to a board, as admins see it (email included). */
public record ProjectMember(String userId, String email, String name, String avatarUrl, Instant addedAt) {}
