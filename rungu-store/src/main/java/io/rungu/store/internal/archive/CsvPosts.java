package io.rungu.store.internal.archive;

import static io.rungu.store.internal.archive.ForeignArchives.CSV_FIELDS;
import static io.rungu.store.internal.archive.ForeignArchives.blankToNull;
import static io.rungu.store.internal.archive.ForeignArchives.id;
import static io.rungu.store.internal.archive.ForeignArchives.orElse;
import static io.rungu.store.internal.archive.ForeignArchives.time;

import io.rungu.model.RunguException;
import io.rungu.store.internal.db.Timestamps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A CSV of posts (a header row, then one post per row) with a column mapping, as a Rungu archive of one board. */
final class CsvPosts {
    private CsvPosts() {}


    /**
     * Writes the archive of a CSV of posts (a header row, then one post per row) as the board {@code slug}.
     * {@code mapping} names the column of each of {@link #CSV_FIELDS}; a field left out is read from the column of
     * its own name (any case), when there is one. Only {@code title} is required.
     */
    static void write(Path file, Map<String, String> mapping, String slug, Instant now, OutputStream out) {
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
}
