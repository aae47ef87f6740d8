package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.AuditEntry;
import io.rungu.model.AuditQuery;
import io.rungu.model.Page;
import io.rungu.model.RunguException;
import io.rungu.store.internal.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the audit log: admins only, with its filters checked here once for every adapter. */
final class Audit {
    /** Longest actor id or action a filter takes. */
    static final int FILTER_MAX = 100;
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,6})([smhdw])");

    private final Context cx;

    Audit(Context cx) {
        this.cx = cx;
    }

    Page<AuditEntry> read(Actor actor, AuditQuery query) {
        Permissions.adminReader(actor);
        String actorId = blankToNull(query.actor());
        if (actorId != null && actorId.length() > FILTER_MAX) {
            throw RunguException.invalid("actor", "The actor filter is a user id of at most " + FILTER_MAX
                    + " characters");
        }
        String action = blankToNull(query.action());
        if (action != null && (action.length() > FILTER_MAX || !ACTION.matcher(action).matches())) {
            throw RunguException.invalid("action", "Invalid action filter; expected an action such as post.edited, "
                    + "or a target type such as post");
        }
        Instant since = since(query.since(), cx.now());
        String project = blankToNull(query.project());
        return cx.db().read(h -> AuditLog.read(h, project == null ? null : Lookups.projectId(h, actor, project), actorId,
                action, since, query.page()));
    }

    /**
     * The one parser of the audit log's {@code since}: an RFC 3339 instant, or a duration back from {@code now}
     * ({@code 90m}, {@code 24h}, {@code 7d}, {@code 2w}, or ISO-8601 such as {@code PT1H}, {@code P7D}).
     */
    static Instant since(String text, Instant now) {
        String s = blankToNull(text);
        if (s == null) {
            return null;
        }
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        try {
            if (s.startsWith("P") || s.startsWith("p")) {
                Duration d = Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
                if (!d.isNegative()) {
                    return now.minus(d);
                }
            } else {
                return OffsetDateTime.parse(s).toInstant();
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // answered below
        }
        throw RunguException.invalid("since", "Invalid `since`; expected an RFC 3339 timestamp such as "
                + "2026-01-31T00:00:00Z or a duration such as 24h, 7d or PT1H");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
