package io.rungu.store.internal.archive;

import static io.rungu.store.internal.archive.ForeignArchives.blankToNull;
import static io.rungu.store.internal.archive.ForeignArchives.id;
import static io.rungu.store.internal.archive.ForeignArchives.number;
import static io.rungu.store.internal.archive.ForeignArchives.text;
import static io.rungu.store.internal.archive.ForeignArchives.time;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rungu.model.RunguException;
import io.rungu.store.internal.db.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Fider's backup (the {@code backup.zip} of its admin "Export": users.json, posts.json, post_votes.json,
 * comments.json, tenants.json, one JSON array per table) as a Rungu archive of one board.
 */
final class FiderBackup {
    private FiderBackup() {}


    /** Writes the archive of a Fider backup as the board {@code slug}. */
    static void write(Path backupZip, String slug, Instant now, OutputStream out) {
        try (ZipFile zip = new ZipFile(backupZip.toFile()); ArchiveOut archive = new ArchiveOut(out, now)) {
            String name = slug;
            for (Map<String, Object> tenant : records(zip, "tenants.json")) {
                name = text(tenant, "name", slug);
            }
            String board = id("fider-board", slug);
            archive.section("projects");
            archive.record("id", board, "slug", slug, "name", name, "description", "Imported from Fider",
                    "created_at", Timestamps.format(now));
            archive.section("users");
            each(zip, "users.json", u -> archive.record("id", id("fider-user", u.get("id")),
                    "email", blankToNull(text(u, "email", null)), "name", text(u, "name", ""),
                    "role", number(u, "role") == 3 ? "admin" : "member", "created_at", time(u.get("created_at"), now)));
            Set<String> hidden = new HashSet<>();
            archive.section("posts");
            each(zip, "posts.json", p -> {
                String status = fiderStatus(number(p, "status"));
                if (status == null) {
                    hidden.add(String.valueOf(p.get("id")));
                    return;
                }
                String created = time(p.get("created_at"), now);
                boolean responded = p.get("response") != null && !text(p, "response", "").isBlank();
                String respondedAt = time(p.get("response_date"), null);
                String responder = p.get("response_user_id") == null ? null : id("fider-user", p.get("response_user_id"));
                archive.record("id", id("fider-post", p.get("id")), "project_id", board,
                        "title", text(p, "title", "(untitled)"), "description", text(p, "description", ""),
                        "status", status, "category", "feedback", "created_by", id("fider-user", p.get("user_id")),
                        "created_at", created, "updated_at", respondedAt != null ? respondedAt : created,
                        "done_at", "done".equals(status) ? (respondedAt != null ? respondedAt : created) : null,
                        "response_text", responded ? text(p, "response", null) : null,
                        "response_by", responded && responder != null ? responder : null,
                        "response_at", responded && responder != null ? respondedAt : null);
            });
            archive.section("votes");
            each(zip, "post_votes.json", v -> {
                if (!hidden.contains(String.valueOf(v.get("post_id")))) {
                    archive.record("post_id", id("fider-post", v.get("post_id")),
                            "user_id", id("fider-user", v.get("user_id")), "created_at", time(v.get("created_at"), now));
                }
            });
            archive.section("comments");
            each(zip, "comments.json", c -> {
                if (c.get("deleted_at") == null && !hidden.contains(String.valueOf(c.get("post_id")))) {
                    archive.record("id", id("fider-comment", c.get("id")), "post_id", id("fider-post", c.get("post_id")),
                            "content", text(c, "content", ""), "created_by", id("fider-user", c.get("user_id")),
                            "created_at", time(c.get("created_at"), now), "edited_at", time(c.get("edited_at"), null));
                }
            });
            archive.section("status_changes");
            each(zip, "posts.json", p -> {
                String status = fiderStatus(number(p, "status"));
                if (status == null || status.equals("open")) {
                    return;
                }
                Object by = p.get("response_user_id") != null ? p.get("response_user_id") : p.get("user_id");
                String at = time(p.get("response_date"), null);
                archive.record("id", id("fider-status", p.get("id")), "post_id", id("fider-post", p.get("id")),
                        "from_status", "open", "to_status", status, "response", blankToNull(text(p, "response", null)),
                        "created_by", id("fider-user", by), "created_at", at != null ? at : time(p.get("created_at"), now));
            });
        } catch (IOException e) {
            throw RunguException.invalid("archive", "Not a readable Fider backup (a zip of JSON tables): "
                    + e.getMessage());
        }
    }

    /** Fider's post status numbers; null for deleted posts, which are left out. */
    private static String fiderStatus(long status) {
        return switch ((int) status) {
            case 1 -> "in_progress";
            case 2 -> "done";
            case 3, 5 -> "declined";
            case 4 -> "planned";
            case 6 -> null;
            default -> "open";
        };
    }

    private static List<Map<String, Object>> records(ZipFile zip, String name) throws IOException {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        each(zip, name, all::add);
        return all;
    }

    /** Hands each record of a JSON array in the zip to {@code each}, one at a time; a missing file has none. */
    private static void each(ZipFile zip, String name, Consumer<Map<String, Object>> each) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return;
        }
        try (InputStream in = zip.getInputStream(entry); JsonParser json = ArchiveWriter.JSON.createParser(in)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(name + " is not a JSON array");
            }
            while (json.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> record = new HashMap<>();
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken token = json.nextToken();
                    switch (token) {
                        case VALUE_STRING -> record.put(field, json.getText());
                        case VALUE_NUMBER_INT -> record.put(field, json.getLongValue());
                        case VALUE_NUMBER_FLOAT -> record.put(field, json.getDoubleValue());
                        case VALUE_TRUE, VALUE_FALSE -> record.put(field, token == JsonToken.VALUE_TRUE);
                        case START_OBJECT, START_ARRAY -> json.skipChildren();
                        default -> { }
                    }
                }
                each.accept(record);
            }
        }
    }
}
