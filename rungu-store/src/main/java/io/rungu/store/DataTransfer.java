package io.rungu.store;

import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Moves a whole board between databases, and backs one up.
 *
 * <p>{@link #copy} reads every table of the source in one consistent snapshot (so the source may stay in use)
 * and writes the rows to the target in batches, one transaction per batch, in foreign-key order: users,
 * identities, sessions, sign-in links, login flows, API tokens, projects, posts, votes, post and board subscriptions,
 * notification settings, comments, status changes, attachments.
 * The target's own triggers rebuild what is derived from rows (vote and comment counts, per-board counts, the
 * search index), so the copy is exact even between SQLite and PostgreSQL. Both stores must be open (which
 * applies migrations, so the target's schema exists).
 *
 * <pre>{@code
 * try (RunguStore from = RunguStore.open(c -> c.url = "jdbc:sqlite:rungu.db");
 *      RunguStore to = RunguStore.open(c -> c.url = "jdbc:postgresql://db/rungu?user=rungu")) {
 *     DataTransfer.copy(from, to, false, (table, done, total) -> System.out.println(table + " " + done));
 * }
 * }</pre>
 */
public final class DataTransfer {
    /** Rows per write transaction. */
    static final int BATCH_ROWS = 1000;
    /** Bytes of attachment content per write transaction, so a batch of images never fills the heap. */
    static final long BATCH_BYTES = 32L * 1024 * 1024;

    private DataTransfer() {}

    /** Receives progress while a copy runs; called from the copying thread. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param table  the table being copied
         * @param copied rows of it written so far (committed)
         * @param total  rows of it in the source snapshot
         */
        void update(String table, long copied, long total);
    }

    /**
     * Copies every row of {@code source} into {@code target}.
     *
     * @param replaceTarget false to refuse a target that holds any row; true to delete the target's rows first
     * @return rows copied per table, in copy order
     * @throws IllegalStateException when the target is not empty and {@code replaceTarget} is false; a copy that
     *                               fails part way leaves the batches written so far (run it again with
     *                               {@code replaceTarget})
     */
    public static Map<String, Long> copy(RunguStore source, RunguStore target, boolean replaceTarget,
                                         Progress progress) {
        if (source == target) {
            throw new IllegalArgumentException("Source and target are the same store");
        }
        Database from = source.database();
        Database to = target.database();
        if (replaceTarget) {
            to.writeVoid(h -> {
                for (Table table : reversed(TABLES)) {
                    h.execute("DELETE FROM " + table.name());
                }
            });
        } else {
            List<String> nonEmpty = to.read(h -> TABLES.stream()
                    .filter(t -> h.createQuery("SELECT 1 FROM " + t.name() + " LIMIT 1").mapTo(Integer.class)
                            .findOne().isPresent())
                    .map(Table::name).toList());
            if (!nonEmpty.isEmpty()) {
                throw new IllegalStateException("The target database is not empty (rows in "
                        + String.join(", ", nonEmpty) + "); choose an empty target or replace its contents");
            }
        }
        Progress report = progress == null ? (t, d, n) -> {} : progress;
        Map<String, Long> copied = from.snapshot(h -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Table table : TABLES) {
                long total = h.createQuery("SELECT count(*) FROM " + table.name()).mapTo(Long.class).one();
                report.update(table.name(), 0, total);
                counts.put(table.name(), copyTable(h, to, table, total, report));
            }
            return counts;
        });
        to.writeVoid(h -> to.dialect().afterBulkInsert().forEach(h::execute));
        return copied;
    }

    /**
     * Writes a consistent copy of a live SQLite store to {@code file} ({@code VACUUM INTO}) while it keeps
     * serving; the file must not exist.
     *
     * @throws UnsupportedOperationException for PostgreSQL, whose own tools (pg_dump) do this
     */
    public static void backup(RunguStore store, Path file) {
        store.database().backupTo(file);
    }

    private static long copyTable(Handle source, Database target, Table table, long total, Progress progress) {
        List<Object[]> batch = new ArrayList<>();
        long[] copied = {0};
        long[] batchBytes = {0};
        try (Stream<Object[]> rows = source.createQuery(table.select()).setFetchSize(BATCH_ROWS)
                .map((rs, ctx) -> table.read(rs)).stream()) {
            rows.forEach(row -> {
                batch.add(row);
                batchBytes[0] += table.bytes(row);
                if (batch.size() >= BATCH_ROWS || batchBytes[0] >= BATCH_BYTES) {
                    copied[0] += insert(target, table, batch);
                    batchBytes[0] = 0;
                    progress.update(table.name(), copied[0], total);
                }
            });
        }
        if (!batch.isEmpty()) {
            copied[0] += insert(target, table, batch);
            progress.update(table.name(), copied[0], total);
        }
        return copied[0];
    }

    private static int insert(Database target, Table table, List<Object[]> rows) {
        int n = rows.size();
        target.writeVoid(h -> {
            PreparedBatch batch = h.prepareBatch(table.insert());
            for (Object[] row : rows) {
                for (int i = 0; i < table.columns().size(); i++) {
                    Column column = table.columns().get(i);
                    batch.bindByType(column.name(), column.kind() == Kind.COUNTER ? Long.valueOf(0) : row[i],
                            column.kind().type);
                }
                batch.add();
            }
            batch.execute();
        });
        rows.clear();
        return n;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    /** How a column's value is read and bound, the same way in both databases. */
    enum Kind {
        TEXT(String.class), INTEGER(Long.class), TIME(Instant.class), BYTES(byte[].class),
        /** A count kept by the target's triggers: written as 0, brought to the exact value as child rows arrive. */
        COUNTER(Long.class);

        final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        Object read(ResultSet rs, int column) throws SQLException {
            return switch (this) {
                case TEXT -> rs.getString(column);
                case INTEGER, COUNTER -> {
                    long value = rs.getLong(column);
                    yield rs.wasNull() ? null : value;
                }
                case TIME -> Timestamps.read(rs, column);
                case BYTES -> rs.getBytes(column);
            };
        }
    }

    record Column(String name, Kind kind) {}

    /** A copied table: its columns and the order that puts every row after the rows it refers to. */
    record Table(String name, List<Column> columns, String order) {
        String columnList() {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }

        String select() {
            return "SELECT " + columns.stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "))
                    + " FROM " + name + " t " + order;
        }

        String insert() {
            return "INSERT INTO " + name + " (" + columnList() + ") VALUES ("
                    + columns.stream().map(c -> ":" + c.name()).collect(Collectors.joining(", ")) + ")";
        }

        Object[] read(ResultSet rs) throws SQLException {
            Object[] row = new Object[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = columns.get(i).kind().read(rs, i + 1);
            }
            return row;
        }

        long bytes(Object[] row) {
            long bytes = 0;
            for (Object value : row) {
                if (value instanceof byte[] b) {
                    bytes += b.length;
                }
            }
            return bytes;
        }
    }

    private static Table table(String name, String order, String... columns) {
        List<Column> list = new ArrayList<>();
        for (String column : columns) {
            String[] parts = column.split(":");
            list.add(new Column(parts[0], parts.length == 1 ? Kind.TEXT : Kind.valueOf(parts[1])));
        }
        return new Table(name, List.copyOf(list), order);
    }

    /**
     * Every table that holds original data, in foreign-key order. Derived tables (per-board counts, the search
     * index), the migration history and the event machinery (the outbox, consumer positions, pending
     * notifications: they describe the source's past, not the board) are left to the target. A test checks this
     * list against the schema.
     */
    static final List<Table> TABLES = List.of(
            table("users", "ORDER BY t.id",
                    "id", "email", "name", "avatar_url", "role", "created_at:TIME", "last_login:TIME",
                    "blocked:INTEGER"),
            table("user_identities", "ORDER BY t.id",
                    "id", "user_id", "provider", "subject", "email", "created_at:TIME"),
            table("sessions", "ORDER BY t.id",
                    "id", "user_id", "created_at:TIME", "expires_at:TIME", "revoked_at:TIME"),
            table("sign_in_links", "ORDER BY t.secret_hash",
                    "secret_hash", "user_id", "created_at:TIME", "expires_at:TIME", "used_at:TIME"),
            table("email_sign_in_links", "ORDER BY t.secret_hash",
                    "secret_hash", "email", "created_at:TIME", "expires_at:TIME", "used_at:TIME"),
            table("login_flows", "ORDER BY t.state_hash",
                    "state_hash", "provider", "code_verifier", "nonce", "redirect", "expires_at:TIME"),
            table("api_tokens", "ORDER BY t.id",
                    "id", "user_id", "name", "prefix", "secret_hash", "scope", "created_at:TIME",
                    "last_used_at:TIME", "revoked_at:TIME", "expires_at:TIME"),
            table("oauth_clients", "ORDER BY t.id",
                    "id", "kind", "name", "redirect_uris", "created_at:TIME", "fetched_at:TIME"),
            table("oauth_grants", "ORDER BY t.id",
                    "id", "client_id", "client_name", "user_id", "scope", "resource", "created_at:TIME",
                    "last_used_at:TIME", "revoked_at:TIME"),
            table("oauth_codes", "ORDER BY t.code_hash",
                    "code_hash", "client_id", "user_id", "redirect_uri", "code_challenge", "scope", "resource",
                    "created_at:TIME", "expires_at:TIME", "grant_id"),
            table("oauth_tokens", "ORDER BY t.token_hash",
                    "token_hash", "grant_id", "kind", "scope", "created_at:TIME", "expires_at:TIME", "used_at:TIME"),
            table("projects", "ORDER BY t.id",
                    "id", "slug", "name", "description", "created_at:TIME", "visibility", "moderation"),
            table("project_members", "ORDER BY t.project_id, t.user_id",
                    "project_id", "user_id", "created_at:TIME"),
            table("statuses", "ORDER BY t.id",
                    "id", "project_id", "slug", "name", "color", "kind", "position:INTEGER"),
            table("categories", "ORDER BY t.id",
                    "id", "project_id", "slug", "name", "position:INTEGER"),
            table("tags", "ORDER BY t.id",
                    "id", "project_id", "slug", "name", "color"),
            // A merged post refers to its target, which is never merged itself: unmerged posts go first.
            table("posts", "ORDER BY (CASE WHEN t.merged_into IS NULL THEN 0 ELSE 1 END), t.seq",
                    "seq:INTEGER", "id", "project_id", "title", "description", "status", "category",
                    "vote_count:COUNTER", "comment_count:COUNTER", "created_by", "created_at:TIME",
                    "updated_at:TIME", "done_at:TIME", "response_text", "response_by", "response_at:TIME",
                    "merged_into", "pinned:INTEGER", "locked:INTEGER", "state", "tags"),
            table("post_tags", "ORDER BY t.post_id, t.tag_id",
                    "post_id", "tag_id"),
            table("votes", "ORDER BY t.user_id, t.post_id",
                    "user_id", "post_id", "created_at:TIME"),
            table("post_subscriptions", "ORDER BY t.post_id, t.user_id",
                    "post_id", "user_id", "token", "created_at:TIME"),
            table("project_subscriptions", "ORDER BY t.project_id, t.user_id",
                    "project_id", "user_id", "token", "created_at:TIME"),
            table("notification_settings", "ORDER BY t.user_id",
                    "user_id", "status_changes:INTEGER", "comments:INTEGER", "replies:INTEGER",
                    "new_posts:INTEGER", "updated_at:TIME"),
            // A reply refers to its parent, so comments go in order of depth in their thread.
            table("comments", "JOIN (WITH RECURSIVE tree (id, depth) AS ("
                            + "SELECT id, 0 FROM comments WHERE parent_id IS NULL UNION ALL "
                            + "SELECT c.id, tree.depth + 1 FROM comments c JOIN tree ON c.parent_id = tree.id) "
                            + "SELECT id, depth FROM tree) d ON d.id = t.id ORDER BY d.depth, t.id",
                    "id", "post_id", "parent_id", "content", "created_by", "created_at:TIME", "edited_at:TIME",
                    "internal:INTEGER", "merged_from", "hidden:INTEGER"),
            table("post_status_changes", "ORDER BY t.id",
                    "id", "post_id", "from_status", "to_status", "response", "created_by", "created_at:TIME"),
            table("merged_votes", "ORDER BY t.post_id, t.user_id",
                    "post_id", "user_id", "created_at:TIME", "on_target:INTEGER"),
            table("merged_subscriptions", "ORDER BY t.post_id, t.user_id", "post_id", "user_id"),
            table("post_merges", "ORDER BY t.id",
                    "id", "post_id", "into_id", "undone:INTEGER", "created_by", "created_at:TIME"),
            table("attachments", "ORDER BY t.id",
                    "id", "post_id", "filename", "mime", "size:INTEGER", "created_by", "created_at:TIME"),
            table("attachment_blobs", "ORDER BY t.attachment_id",
                    "attachment_id", "bytes:BYTES"),
            table("audit_log", "ORDER BY t.seq",
                    "seq:INTEGER", "at:TIME", "actor_id", "channel", "client", "action", "target_type", "target_id",
                    "project_id"),
            table("audit_changes", "ORDER BY t.entry_seq, t.position",
                    "entry_seq:INTEGER", "position:INTEGER", "field", "old_value", "new_value"),
            table("webhooks", "ORDER BY t.id",
                    "id", "url", "events", "project_id", "secret", "enabled:INTEGER", "disabled_reason", "created_by",
                    "created_at:TIME", "updated_at:TIME"),
            table("webhook_deliveries", "ORDER BY t.id",
                    "id:INTEGER", "webhook_id", "message_id", "event_seq:INTEGER", "type", "body", "state",
                    "attempts:INTEGER", "created_at:TIME", "window_start:TIME", "due_at:TIME"),
            table("webhook_attempts", "ORDER BY t.id",
                    "id:INTEGER", "webhook_id", "delivery_id:INTEGER", "message_id", "type", "attempted_at:TIME",
                    "status_code:INTEGER", "error", "duration_ms:INTEGER", "response", "succeeded:INTEGER"));
}
