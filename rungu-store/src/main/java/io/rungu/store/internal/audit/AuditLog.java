package io.rungu.store.internal.audit;

import io.rungu.model.AuditChannel;
import io.rungu.model.AuditEntry;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.UserSummary;
import io.rungu.store.internal.db.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/** Writes audit entries inside the caller's transaction, reads them newest first, and deletes old ones. */
public final class AuditLog {
    private static final String APPEND = "INSERT INTO audit_log (at, actor_id, channel, client, action, target_type, "
            + "target_id, project_id) VALUES (:at, :actor, :channel, :client, :action, :targetType, :targetId, "
            + ":project)";

    private AuditLog() {}

    private static <S extends SqlStatement<S>> S bind(S statement, AuditRecord entry) {
        return statement.bind("at", entry.at()).bind("actor", entry.actorId())
                .bind("channel", entry.channel() == null ? null : entry.channel().name())
                .bind("client", entry.client()).bind("action", entry.action())
                .bind("targetType", entry.targetType()).bind("targetId", entry.targetId())
                .bind("project", entry.projectId());
    }

    /** Appends {@code entry} in the caller's write transaction, so it commits or rolls back with the write. */
    public static void append(Handle h, AuditRecord entry) {
        List<AuditEntry.Change> fields = entry.changes() == null ? List.of() : entry.changes().fields();
        if (fields.isEmpty()) {
            // Most entries (every vote) have no fields: no RETURNING, which costs a result set on the writer.
            bind(h.createUpdate(APPEND), entry).execute();
            return;
        }
        long seq = bind(h.createQuery(APPEND + " RETURNING seq"), entry).mapTo(Long.class).one();
        var batch = h.prepareBatch("INSERT INTO audit_changes (entry_seq, position, field, old_value, new_value) "
                + "VALUES (:seq, :position, :field, :before, :after)");
        for (int i = 0; i < fields.size(); i++) {
            AuditEntry.Change f = fields.get(i);
            batch.bind("seq", seq).bind("position", i).bind("field", f.field()).bind("before", f.before())
                    .bind("after", f.after()).add();
        }
        batch.execute();
    }

    /**
     * A page of entries, newest first. Null filters are not applied; {@code action} without a dot matches every
     * action on that target type.
     */
    public static Page<AuditEntry> read(Handle h, String projectId, String actorId, String action, Instant since,
            PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (projectId != null) {
            where.append(" AND a.project_id = :project");
            binds.put("project", projectId);
        }
        if (actorId != null) {
            where.append(" AND a.actor_id = :actor");
            binds.put("actor", actorId);
        }
        if (action != null && action.contains(".")) {
            where.append(" AND a.action = :action");
            binds.put("action", action);
        } else if (action != null) {
            // A range rather than LIKE, so the action index serves it on both databases.
            where.append(" AND a.action >= :from AND a.action < :to");
            binds.put("from", action + ".");
            binds.put("to", action + "/");
        }
        if (since != null) {
            where.append(" AND a.at >= :since");
            binds.put("since", since);
        }
        Query select = h.createQuery("SELECT a.seq, a.at, a.actor_id, u.name AS actor_name, u.avatar_url, a.channel, "
                + "a.client, a.action, a.target_type, a.target_id FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id"
                + where + " ORDER BY a.seq DESC LIMIT :limit OFFSET :offset");
        Query count = h.createQuery("SELECT count(*) FROM audit_log a" + where);
        for (Query q : List.of(select, count)) {
            binds.forEach(q::bind);
        }
        record Row(long seq, Instant at, UserSummary actor, AuditChannel channel, String client, String action,
                   AuditEntry.Target target) {}
        List<Row> rows = select.bind("limit", page.perPage()).bind("offset", page.offset())
                .map((rs, ctx) -> {
                    String actor = rs.getString("actor_id");
                    String channel = rs.getString("channel");
                    return new Row(rs.getLong("seq"), Timestamps.read(rs, "at"),
                            actor == null ? null : new UserSummary(actor, rs.getString("actor_name"),
                                    rs.getString("avatar_url")),
                            channel == null ? null : AuditChannel.of(io.rungu.model.Actor.Channel.valueOf(channel)),
                            rs.getString("client"), rs.getString("action"),
                            new AuditEntry.Target(rs.getString("target_type"), rs.getString("target_id")));
                }).list();
        Map<Long, List<AuditEntry.Change>> changes = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            h.createQuery("SELECT entry_seq, field, old_value, new_value FROM audit_changes "
                            + "WHERE entry_seq IN (<seqs>) ORDER BY entry_seq, position")
                    .bindList("seqs", rows.stream().map(Row::seq).toList())
                    .map((rs, ctx) -> {
                        changes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
                                new AuditEntry.Change(rs.getString(2), rs.getString(3), rs.getString(4)));
                        return null;
                    }).forEach(x -> { });
        }
        List<AuditEntry> items = rows.stream().map(r -> new AuditEntry(r.seq(), r.at(), r.actor(), r.channel(),
                r.client(), r.action(), r.target(), changes.getOrDefault(r.seq(), List.of()))).toList();
        return new Page<>(items, page.page(), page.perPage(), count.mapTo(Long.class).one());
    }

    /**
     * Deletes up to {@code limit} entries older than {@code cutoff} (their changes go with them); returns how many.
     * Oldest first by time, so the index on {@code at} finds them (as {@code OutboxDao.prune}).
     */
    public static int prune(Handle h, Instant cutoff, int limit) {
        return h.createUpdate(PRUNE).bind("cutoff", cutoff).bind("limit", limit).execute();
    }

    /** The statement of {@link #prune} (its query plan is tested). */
    public static final String PRUNE = "DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log "
            + "WHERE at < :cutoff ORDER BY at, seq LIMIT :limit)";
}
