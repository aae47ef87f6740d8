package io.rungu.store.internal.archive;

import io.rungu.model.RunguException;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What one import knows while it reads: where the archive's boards and people landed here, and whether ids must be
 * derived (when the archive's boards are here already, every post, comment, attachment and definition gets a new id
 * derived from its old one, so references stay intact without a table of them in memory).
 */
final class ImportContext {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> DERIVED_TARGETS = Set.of("post", "comment", "attachment", "status", "category",
            "tag");

    final Database db;
    final Supplier<String> ids;
    final Supplier<Instant> now;
    /** The board to add an archive of one board to, or null. */
    final String intoProject;
    final boolean rename;

    /** Archive board id to its id here. */
    final Map<String, String> projects = new HashMap<>();
    /** Archive board slug to its slug here, in archive order. */
    final Map<String, String> boardSlugs = new LinkedHashMap<>();
    /** Archive user id to the id here. */
    final Map<String, String> users = new HashMap<>();
    /** A board that existed before the import (--into-project): it keeps its own statuses, categories and tags. */
    String joined;
    /** The kind of each status the archive defines (open, active, done, closed), by slug. */
    final Map<String, String> archiveStatusKinds = new HashMap<>();
    /** The joined board's statuses as (slug, kind), in order. */
    List<String[]> joinedStatuses = new ArrayList<>();
    /** The joined board's category slugs, in order. */
    List<String> joinedCategories = new ArrayList<>();
    private final String salt = UUID.randomUUID().toString();
    boolean remap;

    ImportContext(Database db, Supplier<String> ids, Supplier<Instant> now, String intoProject, boolean rename) {
        this.db = db;
        this.ids = ids;
        this.now = now;
        this.intoProject = intoProject;
        this.rename = rename;
    }

    /** True when the archive's definitions (statuses, categories, tags) apply: its boards are new here. */
    boolean definitionsApply() {
        return joined == null;
    }

    /** The id a record gets here: its own, or one derived from it when the archive's boards were here already. */
    String derived(String id) {
        if (id == null || !remap) {
            return id;
        }
        return UUID.nameUUIDFromBytes((salt + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    String project(Map<String, Object> record) {
        String id = Values.text(record, "project_id");
        String mapped = projects.get(id);
        if (mapped == null) {
            throw RunguException.invalid("archive", "The archive refers to board " + id
                    + ", which is not in its projects section");
        }
        return mapped;
    }

    String user(Map<String, Object> record, String field) {
        String id = Values.text(record, field);
        String mapped = users.get(id);
        if (mapped == null) {
            throw RunguException.invalid("archive", "The archive refers to user " + id
                    + ", who is not in its users section");
        }
        return mapped;
    }

    String optionalUser(Map<String, Object> record, String field) {
        return Values.text(record, field) == null ? null : user(record, field);
    }

    /**
     * The id an audit entry's target has here. Entries outlive what they name, so an id the archive does not hold is
     * kept as it is.
     */
    String auditTarget(String type, String id) {
        if (id == null) {
            return null;
        }
        if (DERIVED_TARGETS.contains(type)) {
            return derived(id);
        }
        return projects.getOrDefault(id, users.getOrDefault(id, id));
    }

    /** A post's status here: on a joined board that lacks it, the board's first status of the same kind. */
    String status(String slug) {
        String status = Values.orElse(slug, "open");
        if (joined == null || joinedStatuses.isEmpty()
                || joinedStatuses.stream().anyMatch(s -> s[0].equals(status))) {
            return status;
        }
        String kind = archiveStatusKinds.getOrDefault(status, "open");
        return joinedStatuses.stream().filter(s -> s[1].equals(kind)).findFirst()
                .orElse(joinedStatuses.get(0))[0];
    }

    /** A post's category here: on a joined board that lacks it, the board's first category. */
    String category(String slug) {
        String category = Values.orElse(slug, "feedback");
        if (joined == null || joinedCategories.isEmpty() || joinedCategories.contains(category)) {
            return category;
        }
        return joinedCategories.get(0);
    }

    Instant time(Map<String, Object> record, String field) {
        Instant value = optionalTime(record, field);
        return value != null ? value : Timestamps.truncate(now.get());
    }

    static Instant optionalTime(Map<String, Object> record, String field) {
        String text = Values.text(record, field);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.truncate(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw RunguException.invalid("archive", "Not a timestamp in " + field + ": " + text);
        }
    }

    /** A new unsubscribe token: archives never carry them. */
    static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
