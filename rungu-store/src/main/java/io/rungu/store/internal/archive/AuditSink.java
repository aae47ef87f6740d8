package io.rungu.store.internal.archive;

import io.rungu.model.Actor;
import io.rungu.store.internal.audit.AuditLog;
import io.rungu.store.internal.audit.AuditRecord;
import io.rungu.store.internal.audit.Changes;
import java.util.List;
import java.util.Map;

/**
 * The {@code audit_log} section: entries keep their order (new sequence numbers here), actor and target follow the
 * people and ids as they were matched, and an entry naming something the archive does not hold keeps that id.
 */
final class AuditSink implements RecordSink {
    private final ImportContext cx;
    private final Batch<AuditRecord> batch;

    AuditSink(ImportContext cx) {
        this.cx = cx;
        this.batch = new Batch<>(cx.db, (h, rows) -> rows.forEach(r -> AuditLog.append(h, r)));
    }

    @Override
    public String listField() {
        return "changes";
    }

    @Override
    public boolean accept(Map<String, Object> record) {
        String actor = Values.text(record, "actor_id");
        String project = Values.text(record, "project_id");
        String type = Values.orElse(Values.text(record, "target_type"), "project");
        Changes changes = Changes.of();
        if (record.get("changes") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> change && change.get("field") != null) {
                    changes.field(change.get("field").toString(), change.get("before"), change.get("after"));
                }
            }
        }
        return batch.add(new AuditRecord(cx.time(record, "at"), actor == null ? null : cx.users.getOrDefault(actor, actor),
                channel(Values.text(record, "channel")), Values.text(record, "client"),
                Values.orElse(Values.text(record, "action"), "unknown"), type,
                cx.auditTarget(type, Values.text(record, "target_id")),
                project == null ? null : cx.projects.getOrDefault(project, project), changes), 0);
    }

    private static Actor.Channel channel(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Actor.Channel.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void finish() {
        batch.flush();
    }

    @Override
    public long written() {
        return batch.written();
    }
}
