package io.rungu.store.internal.archive;

import java.util.Arrays;
import java.util.Map;

/** The {@code attachments} section: metadata and bytes in the same transaction, batched by size too. */
final class AttachmentSink implements RecordSink {
    private final ImportContext cx;
    private final Batch<Object[]> batch;

    AttachmentSink(ImportContext cx) {
        this.cx = cx;
        this.batch = new Batch<>(cx.db, (h, rows) -> {
            RowSink.execute(h, "INSERT INTO attachments (id, post_id, filename, mime, size, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", rows.stream().map(r -> Arrays.copyOf(r, 7)).toList());
            RowSink.execute(h, "INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (?, ?)",
                    rows.stream().map(r -> new Object[] {r[0], r[7]}).toList());
        });
    }

    @Override
    public boolean accept(Map<String, Object> record) {
        byte[] content = record.get("content") instanceof byte[] b ? b : new byte[0];
        return batch.add(new Object[] {cx.derived(Values.text(record, "id")), cx.derived(Values.text(record, "post_id")),
                Values.orElse(Values.text(record, "filename"), "attachment"),
                Values.orElse(Values.text(record, "mime"), "application/octet-stream"), (long) content.length,
                cx.user(record, "created_by"), cx.time(record, "created_at"), content}, content.length);
    }

    @Override
    public String binaryField() {
        return "content";
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
