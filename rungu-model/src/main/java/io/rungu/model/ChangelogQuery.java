package io.rungu.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Which shipped posts to list.
 *
 * @param since inclusive lower bound on the moment a post became done; null for all
 */
public record ChangelogQuery(Instant since, PageRequest page) {
    /**
     * The one parser of a {@code since} value sent as text: null or blank means none; otherwise an RFC 3339
     * timestamp with an offset, e.g. {@code 2026-01-31T00:00:00Z}, or INVALID saying so.
     */
    public static Instant parseSince(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw RunguException.invalid("since",
                    "Invalid `since` timestamp; expected RFC 3339, e.g. 2026-01-31T00:00:00Z");
        }
    }
}
