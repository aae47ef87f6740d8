package io.rungu.store.internal.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.rungu.model.RunguException;
import io.rungu.store.internal.db.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Turns the exports of other feedback boards into a Rungu archive, so one importer (matching people by email,
 * refusing taken slugs) serves them all: Fider's backup (a zip of one JSON array per table) and a CSV of posts
 * with a column mapping. Ids are derived from the source's ids, so the same file gives the same archive.
 */
public final class ForeignArchives {
    /** The fields a CSV column can be mapped to, with the column taken when none is given. */
    public static final List<String> CSV_FIELDS = List.of("title", "description", "status", "category",
            "author_email", "author_name", "created_at", "response");

    private ForeignArchives() {}

    /** Writes the archive of an export assembled from Canny's REST API (a directory of JSON files, or one). */
    public static void canny(Path export, String slug, Instant now, OutputStream out) {
        CannyExport.write(export, slug, now, out);
    }

    // --- Fider (backup.zip: users.json, posts.json, post_votes.json, comments.json, tenants.json) ---

    /** Writes the archive of a Fider backup as the board {@code slug}. */
    public static void fider(Path backupZip, String slug, Instant now, OutputStream out) {
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

    // --- CSV of posts ---

    /**
     * Writes the archive of a CSV of posts (a header row, then one post per row) as the board {@code slug}.
     * {@code mapping} names the column of each of {@link #CSV_FIELDS}; a field left out is read from the column of
     * its own name (any case), when there is one. Only {@code title} is required.
     */
    public static void csv(Path file, Map<String, String> mapping, String slug, Instant now, OutputStream out) {
        for (String field : mapping.keySet()) {
            if (!CSV_FIELDS.contains(field)) {
                throw RunguException.invalid("map", "Unknown field '" + field + "' in the column mapping; expected "
                        + "one of: " + String.join(", ", CSV_FIELDS));
            }
        }
        try (ArchiveOut archive = new ArchiveOut(out, now)) {
            Map<String, Integer> columns = columns(file, mapping);
            String board = id("csv-board", slug);
            String anonymous = id("csv-user", "");
            archive.section("projects");
            archive.record("id", board, "slug", slug, "name", slug, "description", "Imported from CSV",
                    "created_at", Timestamps.format(now));
            archive.section("users");
            archive.record("id", anonymous, "name", "Imported", "role", "member", "created_at", Timestamps.format(now));
            Set<String> authors = new HashSet<>();
            rows(file, columns, row -> {
                String email = authorEmail(row);
                if (email != null && authors.add(email)) {
                    archive.record("id", id("csv-user", email), "email", email,
                            "name", orElse(row.get("author_name"), ""), "role", "member",
                            "created_at", csvTime(row.get("created_at"), now));
                }
            });
            archive.section("posts");
            long[] line = {1};
            rows(file, columns, row -> {
                line[0]++;
                String title = row.get("title");
                if (title == null || title.isBlank()) {
                    throw RunguException.invalid("title", "Row " + line[0] + " has no title");
                }
                String email = authorEmail(row);
                String created = csvTime(row.get("created_at"), now);
                String status = csvStatus(row.get("status"));
                archive.record("id", id("csv-post", slug + ":" + line[0] + ":" + title), "project_id", board,
                        "title", title.strip(), "description", orElse(row.get("description"), ""), "status", status,
                        "category", csvCategory(row.get("category")),
                        "created_by", email == null ? anonymous : id("csv-user", email), "created_at", created,
                        "updated_at", created, "done_at", "done".equals(status) ? created : null,
                        "response_text", blankToNull(row.get("response")));
            });
        }
    }

    private static Map<String, Integer> columns(Path file, Map<String, String> mapping) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = new CsvReader(reader).next();
            if (header == null) {
                throw RunguException.invalid("csv", "The CSV file is empty");
            }
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                byName.putIfAbsent(header.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT), i);
            }
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (String field : CSV_FIELDS) {
                String column = mapping.getOrDefault(field, field);
                Integer index = byName.get(column.strip().toLowerCase(Locale.ROOT));
                if (index == null && mapping.containsKey(field)) {
                    throw RunguException.invalid("map", "The CSV has no column '" + column + "' (mapped to " + field
                            + "); its columns are: " + String.join(", ", header));
                }
                if (index != null) {
                    columns.put(field, index);
                }
            }
            if (!columns.containsKey("title")) {
                throw RunguException.invalid("map", "No column for the title: map one with title=COLUMN; the "
                        + "CSV's columns are: " + String.join(", ", header));
            }
            return columns;
        } catch (IOException e) {
            throw RunguException.invalid("csv", "Not a readable CSV file: " + e.getMessage());
        }
    }

    private static void rows(Path file, Map<String, Integer> columns, Consumer<Map<String, String>> each) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = new CsvReader(reader);
            csv.next();
            for (List<String> next; (next = csv.next()) != null; ) {
                List<String> fields = next;
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                columns.forEach((field, index) -> row.put(field, index < fields.size() ? fields.get(index) : null));
                each.accept(row);
            }
        } catch (IOException e) {
            throw RunguException.invalid("csv", "Not a readable CSV file: " + e.getMessage());
        }
    }

    private static String authorEmail(Map<String, String> row) {
        String email = blankToNull(row.get("author_email"));
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Rungu's statuses and the names other boards give them. */
    private static String csvStatus(String value) {
        String s = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return switch (s) {
            case "planned" -> "planned";
            case "in_progress", "started", "in_development", "building" -> "in_progress";
            case "done", "complete", "completed", "shipped", "released", "live" -> "done";
            case "declined", "closed", "rejected", "won't_do", "wont_do", "duplicate" -> "declined";
            default -> "open";
        };
    }

    private static String csvCategory(String value) {
        String c = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (c) {
            case "bug", "bugs" -> "bug";
            case "feature", "features", "feature_request", "feature request" -> "feature";
            case "question", "questions" -> "question";
            default -> "feedback";
        };
    }

    private static String csvTime(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Timestamps.format(now);
        }
        String t = value.strip();
        if (t.length() == 10) {
            t += "T00:00:00Z";
        } else if (t.length() == 19 && t.charAt(10) == ' ') {
            t = t.replace(' ', 'T') + "Z";
        }
        String parsed = time(t, null);
        if (parsed == null) {
            throw RunguException.invalid("created_at", "Not a date: " + value + " (expected e.g. 2026-01-31, "
                    + "2026-01-31 12:00:00 or 2026-01-31T12:00:00Z)");
        }
        return parsed;
    }

    // --- values ---

    static String id(String kind, Object sourceId) {
        return UUID.nameUUIDFromBytes((kind + ":" + sourceId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String time(Object value, Instant fallback) {
        if (value == null || value.toString().isBlank()) {
            return fallback == null ? null : Timestamps.format(fallback);
        }
        try {
            return Timestamps.format(Timestamps.truncate(OffsetDateTime.parse(value.toString()).toInstant()));
        } catch (DateTimeParseException e) {
            return fallback == null ? null : Timestamps.format(fallback);
        }
    }

    static long number(Map<String, Object> record, String field) {
        Object value = record.get(field);
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return value == null ? 0 : Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String text(Map<String, Object> record, String field, String fallback) {
        Object value = record.get(field);
        return value == null ? fallback : value.toString();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    static String orElse(String text, String fallback) {
        return text == null ? fallback : text;
    }
}
