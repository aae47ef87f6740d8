package io.rungu.store.internal.archive;

import static io.rungu.store.internal.archive.ForeignArchives.blankToNull;
import static io.rungu.store.internal.archive.ForeignArchives.id;
import static io.rungu.store.internal.archive.ForeignArchives.time;

import io.rungu.model.DefinitionSlugs;
import io.rungu.store.internal.db.Timestamps;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an export assembled from Canny's REST API (the answers of {@code boards/list}, {@code posts/list},
 * {@code comments/list}, {@code votes/list} and optionally {@code status_changes/list}, docs/data-format.md) into a
 * Rungu archive of one board. People come from the user objects the records embed (author, voter, changer) and are
 * matched by email on import. Canny's statuses become the board's statuses (complete is done, closed is declined,
 * under review and any custom status are added), its categories and tags the board's; the latest status change with
 * a comment is the official response. Ids are derived from Canny's, so the same files give the same archive.
 */
final class CannyExport {
    /** Canny's statuses as (Canny name, slug here, name, colour, kind), in their order. */
    private static final List<String[]> STATUSES = List.of(
            new String[] {"open", "open", "Open", "#6b7280", "open"},
            new String[] {"under review", "under_review", "Under review", "#8b5cf6", "open"},
            new String[] {"planned", "planned", "Planned", "#3b82f6", "active"},
            new String[] {"in progress", "in_progress", "In progress", "#f59e0b", "active"},
            new String[] {"complete", "done", "Complete", "#10b981", "done"},
            new String[] {"closed", "declined", "Closed", "#ef4444", "closed"});
    private static final String FALLBACK_CATEGORY = "feedback";
    private static final String DELETED = "";

    private final JsonFiles files;
    private final String slug;
    private final Instant now;
    private final ArchiveOut archive;
    /** Canny status name (lower case) to (slug, name, colour, kind), in board order. */
    private final Map<String, String[]> statuses = new LinkedHashMap<>();
    /** Canny category id to its slug and name. */
    private final Map<String, String[]> categories = new LinkedHashMap<>();
    /** Canny tag id to its slug and name. */
    private final Map<String, String[]> tags = new LinkedHashMap<>();
    private final Set<String> posts = new HashSet<>();
    private final Set<String> users = new HashSet<>();
    /** Each post's status changes, as (at, status, changer id, comment, Canny's id). */
    private final Map<String, List<String[]>> changes = new HashMap<>();

    private CannyExport(Path source, String slug, Instant now, OutputStream out) {
        this.files = JsonFiles.at(source);
        this.slug = slug;
        this.now = now;
        this.archive = new ArchiveOut(out, now);
    }

    /** Writes the archive of the Canny export at {@code source} (a directory of JSON files, or one) as {@code slug}. */
    static void write(Path source, String slug, Instant now, OutputStream out) {
        CannyExport export = new CannyExport(source, slug, now, out);
        try (ArchiveOut archive = export.archive) {
            export.scan();
            export.board();
            export.users();
            export.definitions();
            export.posts();
            export.votes();
            export.comments();
            export.statusChanges();
        }
    }

    /** Reads what the board's definitions and the responses need before anything is written. */
    private void scan() {
        for (String[] s : STATUSES) {
            statuses.put(s[0], new String[] {s[1], s[2], s[3], s[4]});
        }
        files.each(Set.of("posts"), p -> {
            posts.add(text(p, "id"));
            status(text(p, "status"));
            Map<String, Object> category = object(p, "category");
            if (category != null) {
                categories.computeIfAbsent(text(category, "id"), k -> definition(text(category, "name"), "category",
                        categories.size()));
            }
            for (Map<String, Object> tag : objects(p, "tags")) {
                tags.computeIfAbsent(text(tag, "id"), k -> definition(text(tag, "name"), "tag", tags.size()));
            }
        });
        files.each(Set.of("status_changes", "statusChanges"), c -> {
            Map<String, Object> post = object(c, "post");
            if (post == null || !posts.contains(text(post, "id"))) {
                return;
            }
            Map<String, Object> comment = object(c, "changeComment");
            changes.computeIfAbsent(text(post, "id"), k -> new ArrayList<>()).add(new String[] {
                    time(c.get("created"), now), status(text(c, "status"))[0], userId(object(c, "changer")),
                    comment == null ? null : blankToNull(text(comment, "value")), text(c, "id")});
        });
        changes.values().forEach(list -> list.sort(Comparator.comparing(c -> c[0])));
    }

    private void board() {
        List<String> names = new ArrayList<>();
        files.each(Set.of("boards"), b -> names.add(text(b, "name")));
        archive.section("projects");
        archive.record("id", id("canny-board", slug), "slug", slug,
                "name", names.size() == 1 && names.get(0) != null ? names.get(0) : slug,
                "description", "Imported from Canny", "created_at", Timestamps.format(now));
    }

    private void users() {
        archive.section("users");
        user(null);
        files.each(Set.of("posts"), p -> user(object(p, "author")));
        files.each(Set.of("comments"), c -> user(object(c, "author")));
        files.each(Set.of("votes"), v -> user(object(v, "voter")));
        files.each(Set.of("status_changes", "statusChanges"), c -> user(object(c, "changer")));
    }

    private void user(Map<String, Object> user) {
        String id = userId(user);
        if (!users.add(id)) {
            return;
        }
        if (user == null) {
            archive.record("id", id, "name", "Deleted user", "role", "member", "created_at", Timestamps.format(now));
            return;
        }
        archive.record("id", id, "email", blankToNull(text(user, "email")), "name", text(user, "name"),
                "avatar_url", text(user, "avatarURL"), "role", Boolean.TRUE.equals(user.get("isAdmin")) ? "admin" : "member",
                "created_at", time(user.get("created"), now));
    }

    private void definitions() {
        String board = id("canny-board", slug);
        archive.section("statuses");
        long position = 1;
        for (String[] s : statuses.values()) {
            archive.record("id", id("canny-status", s[0]), "project_id", board, "slug", s[0], "name", s[1],
                    "color", s[2], "kind", s[3], "position", position++);
        }
        archive.section("categories");
        archive.record("id", id("canny-category", ""), "project_id", board, "slug", FALLBACK_CATEGORY,
                "name", "Feedback", "position", 1L);
        position = 2;
        for (var category : categories.entrySet()) {
            archive.record("id", id("canny-category", category.getKey()), "project_id", board,
                    "slug", category.getValue()[0], "name", category.getValue()[1], "position", position++);
        }
        archive.section("tags");
        for (var tag : tags.entrySet()) {
            archive.record("id", id("canny-tag", tag.getKey()), "project_id", board, "slug", tag.getValue()[0],
                    "name", tag.getValue()[1], "color", "#6b7280");
        }
    }

    private void posts() {
        String board = id("canny-board", slug);
        archive.section("posts");
        files.each(Set.of("posts"), p -> {
            String[] status = status(text(p, "status"));
            String created = time(p.get("created"), now);
            String changed = time(p.get("statusChangedAt"), null);
            String[] response = response(text(p, "id"));
            Map<String, Object> category = object(p, "category");
            List<String> tagSlugs = objects(p, "tags").stream().map(t -> tags.get(text(t, "id"))[0]).toList();
            archive.record("id", id("canny-post", text(p, "id")), "project_id", board,
                    "title", orElse(blankToNull(text(p, "title")), "(untitled)"),
                    "description", withImages(orElse(text(p, "details"), ""), p), "status", status[0],
                    "category", category == null ? FALLBACK_CATEGORY : categories.get(text(category, "id"))[0],
                    "created_by", userId(object(p, "author")), "created_at", created,
                    "updated_at", changed != null ? changed : created,
                    "done_at", "done".equals(status[3]) ? (changed != null ? changed : created) : null,
                    "response_text", response == null ? null : response[3],
                    "response_by", response == null ? null : response[2],
                    "response_at", response == null ? null : response[0],
                    "tags", tagSlugs.isEmpty() ? null : String.join(" ", tagSlugs));
        });
        archive.section("post_tags");
        files.each(Set.of("posts"), p -> {
            for (Map<String, Object> tag : objects(p, "tags")) {
                archive.record("post_id", id("canny-post", text(p, "id")), "tag_id", id("canny-tag", text(tag, "id")));
            }
        });
    }

    /** The latest status change with a comment: the post's official response. */
    private String[] response(String postId) {
        List<String[]> list = changes.getOrDefault(postId, List.of());
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i)[3] != null) {
                return list.get(i);
            }
        }
        return null;
    }

    private void votes() {
        archive.section("votes");
        files.each(Set.of("votes"), v -> {
            Map<String, Object> post = object(v, "post");
            if (post != null && posts.contains(text(post, "id"))) {
                archive.record("post_id", id("canny-post", text(post, "id")), "user_id", userId(object(v, "voter")),
                        "created_at", time(v.get("created"), now));
            }
        });
    }

    /**
     * Comments in thread order: a reply is written once its parent is (a reply to a comment the export lacks
     * becomes a comment of its own), so the files are read once per level of replies.
     */
    private void comments() {
        archive.section("comments");
        Set<String> all = new HashSet<>();
        files.each(Set.of("comments"), c -> all.add(text(c, "id")));
        Set<String> written = new HashSet<>();
        int before;
        do {
            before = written.size();
            files.each(Set.of("comments"), c -> {
                String id = text(c, "id");
                Map<String, Object> post = object(c, "post");
                String parent = text(c, "parentID");
                boolean ready = parent == null || written.contains(parent) || !all.contains(parent);
                if (written.contains(id) || !ready || post == null || !posts.contains(text(post, "id"))) {
                    return;
                }
                written.add(id);
                archive.record("id", id("canny-comment", id), "post_id", id("canny-post", text(post, "id")),
                        "parent_id", parent != null && all.contains(parent) ? id("canny-comment", parent) : null,
                        "content", withImages(orElse(text(c, "value"), ""), c), "created_by", userId(object(c, "author")),
                        "created_at", time(c.get("created"), now), "internal", Boolean.TRUE.equals(c.get("internal")));
            });
        } while (written.size() > before);
    }

    private void statusChanges() {
        archive.section("status_changes");
        changes.forEach((post, list) -> {
            String from = "open";
            for (String[] change : list) {
                archive.record("id", id("canny-status-change", change[4] != null ? change[4] : post + ":" + change[0]),
                        "post_id", id("canny-post", post), "from_status", from, "to_status", change[1],
                        "response", change[3], "created_by", change[2], "created_at", change[0]);
                from = change[1];
            }
        });
    }

    // --- values ---

    /** A Canny status as (slug, name, colour, kind); a custom one is added to the board as an active status. */
    private String[] status(String name) {
        String key = orElse(blankToNull(name), "open").strip().toLowerCase(Locale.ROOT);
        return statuses.computeIfAbsent(key, k -> {
            String[] made = definition(name.strip(), "status", statuses.size());
            return new String[] {made[0], made[1], "#6b7280", "active"};
        });
    }

    /** A slug and name for one of Canny's names, unique among its kind. */
    private String[] definition(String name, String kind, int index) {
        String named = orElse(blankToNull(name), kind + " " + (index + 1));
        String slug = DefinitionSlugs.fromName(named);
        if (slug.isEmpty() || taken(slug)) {
            slug = kind + "-" + (index + 1);
        }
        return new String[] {slug, named};
    }

    private boolean taken(String slug) {
        return statuses.values().stream().anyMatch(s -> s[0].equals(slug))
                || categories.values().stream().anyMatch(c -> c[0].equals(slug))
                || tags.values().stream().anyMatch(t -> t[0].equals(slug)) || slug.equals(FALLBACK_CATEGORY);
    }

    private static String userId(Map<String, Object> user) {
        return id("canny-user", user == null ? DELETED : text(user, "id"));
    }

    /** The record's text, its image links appended as Markdown images. */
    private static String withImages(String text, Map<String, Object> record) {
        StringBuilder s = new StringBuilder(text);
        if (record.get("imageURLs") instanceof List<?> urls) {
            for (Object url : urls) {
                if (url instanceof String u && !u.isBlank()) {
                    s.append(s.length() == 0 ? "" : "\n\n").append("![](").append(u).append(')');
                }
            }
        }
        return s.toString();
    }

    private static String text(Map<String, Object> record, String field) {
        Object value = record.get(field);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> record, String field) {
        return record.get(field) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Map<String, Object> record, String field) {
        if (!(record.get(field) instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m)
                .filter(m -> m.get("id") != null).toList();
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
