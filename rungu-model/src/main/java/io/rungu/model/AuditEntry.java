package io.rungu.model;

import java.time.Instant;
import java.util.List;

/**
 * One write recorded in the audit log.
 *
 * @param id      position in the log: increasing, never reused
 * @param at      when, from the store's clock
 * @param actor   who, with the name they have now (an erased account reads as the deleted user); null for a
 *                system change
 * @param channel how the actor reached Rungu; null with a null actor and for a one-click unsubscribe link
 * @param client  the MCP client's or API token's name when known, else null
 * @param action  what was done, {@code <target type>.<verb>}, e.g. {@code post.edited}, {@code user.role_changed}
 * @param target  what it was done to
 * @param changes the fields changed, in the order recorded; empty when the action says it all
 */
public record AuditEntry(long id, Instant at, UserSummary actor, AuditChannel channel, String client, String action,
        Target target, List<Change> changes) {

    public AuditEntry {
        changes = List.copyOf(changes);
    }

    /**
     * What an entry is about.
     *
     * @param type what kind of thing, e.g. {@code post}, {@code comment}, {@code project}, {@code user}
     * @param id   its id (a board's id for {@code project}); null when it has none
     */
    public record Target(String type, String id) {}

    /**
     * One field before and after the write, as its wire string; null where it had no value (before a creation,
     * after a deletion).
     */
    public record Change(String field, String before, String after) {}
}
