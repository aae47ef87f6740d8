package io.rungu.store.internal.archive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.rungu.model.RunguException;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Reads an archive (gzip-compressed or plain JSON) into a database, record by record. Users are matched by email;
 * ids are kept unless the archive's boards are already here (then every post, comment, attachment and status change
 * gets a new id derived from its old one, so references stay intact without a table of them in memory).
 */
public final class ArchiveReader {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SLUG_MAX = 80;
    private static final Set<String> ROLES = Set.of("member", "admin");

    private final Database db;
    private final Supplier<String> ids;
    private final Supplier<Instant> now;
    private final String intoProject;
    private final boolean rename;
    private final ArchiveWriter.Progress progress;

    private final Map<String, Long> totals = new HashMap<>();
    private final Map<String, Long> imported = new LinkedHashMap<>();
    private final Map<String, String> projects = new HashMap<>();
    private final Map<String, String> boardSlugs = new LinkedHashMap<>();
    private final Map<String, String> users = new HashMap<>();
    private final String salt = UUID.randomUUID().toString();
    private boolean remap;

    public ArchiveReader(Database db, Supplier<String> ids, Supplier<Instant> now, String intoProject, boolean rename,
            ArchiveWriter.Progress progress) {
        this.db = db;
        this.ids = ids;
        this.now = now;
        if (intoProject != null && !io.rungu.model.Slugs.isValid(intoProject)) {
            throw RunguException.invalid("into_project", "Slug must be 1-" + io.rungu.model.Limits.SLUG_MAX
                    + " lowercase letters, numbers, and inner hyphens");
        }
        this.intoProject = intoProject;
        this.rename = rename;
        this.progress = progress == null ? (s, d, t) -> {} : progress;
    }

    /** What an import did: records per section, and each board's slug in the archive and here. */
    public record Result(Map<String, Long> imported, Map<String, String> boards) {}

    public Result read(InputStream input) {
        try (JsonParser json = ArchiveWriter.JSON.createParser(decompressed(input))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw notAnArchive("it does not start with a JSON object");
            }
            boolean format = false;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "format" -> {
                        if (!ArchiveWriter.BOARD_FORMAT.equals(json.getValueAsString())) {
                            throw notAnArchive("its format is " + json.getText() + ", not "
                                    + ArchiveWriter.BOARD_FORMAT);
                        }
                        format = true;
                    }
                    case "version" -> {
                        int version = json.getValueAsInt(0);
                        if (version < 1 || version > ArchiveWriter.VERSION) {
                            throw RunguException.invalid("archive", "This archive is version " + json.getText()
                                    + "; this Rungu reads versions 1 to " + ArchiveWriter.VERSION
                                    + ": import it with a newer Rungu");
                        }
                    }
                    case "counts" -> readCounts(json);
                    default -> {
                        if (!format) {
                            throw notAnArchive("its first field is not \"format\": \"" + ArchiveWriter.BOARD_FORMAT
                                    + "\"");
                        }
                        section(json, field);
                    }
                }
            }
            if (!format) {
                throw notAnArchive("it has no \"format\" field");
            }
            db.writeVoid(h -> db.dialect().afterBulkInsert().forEach(h::execute));
            return new Result(imported, boardSlugs);
        } catch (JsonProcessingException e) {
            throw notAnArchive(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the archive failed: " + e.getMessage(), e);
        }
    }

    private static InputStream decompressed(InputStream input) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(input, 64 * 1024);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
    }

    private static RunguException notAnArchive(String why) {
        return RunguException.invalid("archive", "Not a Rungu archive: " + why);
    }

    private void readCounts(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String section = json.currentName();
            json.nextToken();
            totals.put(section, json.getValueAsLong(-1));
        }
    }

    private void section(JsonParser json, String name) throws IOException {
        RecordSink sink = switch (name) {
            case "projects" -> new Projects();
            case "users" -> new Users();
            // Into an existing board, its own definitions stay: the archive's statuses, categories and tags are
            // left out, and its posts arrive without tags.
            case "statuses" -> intoProject != null ? null : new Definitions("statuses", "INSERT INTO statuses "
                    + "(id, project_id, slug, name, color, kind, position) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (project_id, slug) DO UPDATE SET id = excluded.id, name = excluded.name, "
                    + "color = excluded.color, kind = excluded.kind, position = excluded.position", r -> new Object[] {derived(text(r, "id")),
                            project(r), text(r, "slug"), text(r, "name"), text(r, "color"), text(r, "kind"),
                            number(r, "position")});
            case "categories" -> intoProject != null ? null : new Definitions("categories", "INSERT INTO categories "
                    + "(id, project_id, slug, name, position) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (project_id, slug) DO UPDATE SET id = excluded.id, name = excluded.name, "
                    + "position = excluded.position",
                    r -> new Object[] {derived(text(r, "id")), project(r), text(r, "slug"), text(r, "name"),
                            number(r, "position")});
            case "tags" -> intoProject != null ? null : rows("INSERT INTO tags (id, project_id, slug, name, color) "
                    + "VALUES (?, ?, ?, ?, ?)", r -> new Object[] {derived(text(r, "id")), project(r),
                            text(r, "slug"), text(r, "name"), text(r, "color")});
            case "post_tags" -> intoProject != null ? null : rows("INSERT INTO post_tags (post_id, tag_id) "
                    + "VALUES (?, ?) ON CONFLICT DO NOTHING", r -> new Object[] {derived(text(r, "post_id")),
                            derived(text(r, "tag_id"))});
            case "project_members" -> rows("INSERT INTO project_members (project_id, user_id, created_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    r -> new Object[] {project(r), user(r, "user_id"), time(r, "created_at")});
            case "identities" -> rows("INSERT INTO user_identities (id, user_id, provider, subject, email, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", r -> new Object[] {
                            derived(text(r, "id")), user(r, "user_id"), text(r, "provider"), text(r, "subject"),
                            text(r, "email"), time(r, "created_at")});
            case "notification_settings" -> rows("INSERT INTO notification_settings "
                    + "(user_id, status_changes, comments, replies, new_posts, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING",
                    r -> new Object[] {user(r, "user_id"), flag(r, "status_changes"), flag(r, "comments"),
                            flag(r, "replies"), flag(r, "new_posts"), time(r, "updated_at")});
            case "project_subscriptions" -> rows("INSERT INTO project_subscriptions "
                    + "(project_id, user_id, token, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    r -> new Object[] {project(r), user(r, "user_id"), token(), time(r, "created_at")});
            case "posts" -> rows("INSERT INTO posts (id, project_id, title, description, status, category, "
                    + "created_by, created_at, updated_at, done_at, response_text, response_by, response_at, state, "
                    + "pinned, locked, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r -> {
                        Instant created = time(r, "created_at");
                        return new Object[] {derived(text(r, "id")), project(r), text(r, "title"),
                                orElse(text(r, "description"), ""), orElse(text(r, "status"), "open"),
                                orElse(text(r, "category"), "feedback"), user(r, "created_by"), created,
                                orElse(optionalTime(r, "updated_at"), created), optionalTime(r, "done_at"),
                                text(r, "response_text"), optionalUser(r, "response_by"),
                                optionalTime(r, "response_at"), state(text(r, "state")), set(r, "pinned"),
                                set(r, "locked"), intoProject != null ? "" : orElse(text(r, "tags"), "")};
                    });
            case "votes" -> rows("INSERT INTO votes (user_id, post_id, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", r -> new Object[] {user(r, "user_id"), derived(text(r, "post_id")),
                            time(r, "created_at")});
            case "post_subscriptions" -> rows("INSERT INTO post_subscriptions (post_id, user_id, token, created_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", r -> new Object[] {derived(text(r, "post_id")),
                            user(r, "user_id"), token(), time(r, "created_at")});
            case "comments" -> rows("INSERT INTO comments (id, post_id, parent_id, content, created_by, created_at, "
                    + "edited_at, internal, hidden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r -> new Object[] {
                            derived(text(r, "id")), derived(text(r, "post_id")), derived(text(r, "parent_id")),
                            text(r, "content"), user(r, "created_by"), time(r, "created_at"),
                            optionalTime(r, "edited_at"), set(r, "internal"), set(r, "hidden")});
            case "status_changes" -> rows("INSERT INTO post_status_changes (id, post_id, from_status, to_status, "
                    + "response, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", r -> new Object[] {
                            derived(text(r, "id")), derived(text(r, "post_id")), text(r, "from_status"),
                            text(r, "to_status"), text(r, "response"), user(r, "created_by"), time(r, "created_at")});
            case "attachments" -> new Attachments();
            default -> null;
        };
        if (sink == null || json.currentToken() != JsonToken.START_ARRAY) {
            json.skipChildren();
            return;
        }
        long total = totals.getOrDefault(name, -1L);
        progress.update(name, 0, total);
        while (json.nextToken() == JsonToken.START_OBJECT) {
            if (sink.accept(record(json, sink.binaryField()))) {
                progress.update(name, sink.written(), total);
            }
        }
        sink.finish();
        progress.update(name, sink.written(), total);
        imported.put(name, sink.written());
    }

    /** One record's fields; unknown nested values are skipped, so later versions may add them. */
    private static Map<String, Object> record(JsonParser json, String binaryField) throws IOException {
        Map<String, Object> record = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken token = json.nextToken();
            switch (token) {
                case VALUE_STRING -> record.put(field, field.equals(binaryField) ? json.getBinaryValue()
                        : json.getText());
                case VALUE_NUMBER_INT -> record.put(field, json.getLongValue());
                case VALUE_TRUE -> record.put(field, Boolean.TRUE);
                case VALUE_FALSE -> record.put(field, Boolean.FALSE);
                case START_OBJECT, START_ARRAY -> json.skipChildren();
                default -> { }
            }
        }
        return record;
    }

    /** Takes a section's records and writes them. */
    private interface RecordSink {
        /** True when the record completed a written batch. */
        boolean accept(Map<String, Object> record);

        void finish();

        long written();

        default String binaryField() {
            return null;
        }
    }

    /** Values of one record as the statement's parameters, in order. */
    @FunctionalInterface
    private interface Row {
        Object[] of(Map<String, Object> record);
    }

    private RecordSink rows(String sql, Row row) {
        Batch<Object[]> batch = new Batch<>(db, (h, rows) -> insert(h, sql, rows));
        return new RecordSink() {
            @Override
            public boolean accept(Map<String, Object> record) {
                return batch.add(row.of(record), 0);
            }

            @Override
            public void finish() {
                batch.flush();
            }

            @Override
            public long written() {
                return batch.written();
            }
        };
    }

    private static void insert(Handle h, String sql, List<Object[]> rows) {
        PreparedBatch batch = h.prepareBatch(sql);
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                Object value = row[i];
                if (value == null) {
                    batch.bindNull(i, java.sql.Types.NULL);
                } else {
                    batch.bind(i, value);
                }
            }
            batch.add();
        }
        batch.execute();
    }

    // --- boards: all checked before anything is written ---

    /**
     * A new board's statuses or categories: written over the defaults the board was given when it was placed, and
     * the defaults the archive's board no longer had are removed once the section is read.
     */
    private final class Definitions implements RecordSink {
        private final String table;
        private final RecordSink rows;
        private final Map<String, List<String>> slugs = new HashMap<>();

        Definitions(String table, String sql, Row row) {
            this.table = table;
            this.rows = rows(sql, row);
        }

        @Override
        public boolean accept(Map<String, Object> record) {
            slugs.computeIfAbsent(project(record), k -> new ArrayList<>()).add(text(record, "slug"));
            return rows.accept(record);
        }

        @Override
        public void finish() {
            rows.finish();
            db.writeVoid(h -> slugs.forEach((project, kept) -> h.createUpdate("DELETE FROM " + table
                            + " WHERE project_id = :project AND slug NOT IN (<kept>)")
                    .bind("project", project).bindList("kept", kept).execute()));
        }

        @Override
        public long written() {
            return rows.written();
        }
    }

    private final class Projects implements RecordSink {
        private final List<Map<String, Object>> boards = new ArrayList<>();
        private long written;

        @Override
        public boolean accept(Map<String, Object> record) {
            boards.add(record);
            return false;
        }

        @Override
        public void finish() {
            if (intoProject != null && boards.size() != 1) {
                throw RunguException.invalid("into_project", "Importing into one board takes an archive of one "
                        + "board; this one holds " + boards.size() + " (export it with --project SLUG)");
            }
            db.writeVoid(h -> {
                refuseTakenSlugs(h);
                for (Map<String, Object> board : boards) {
                    place(h, board);
                }
            });
        }

        /** Names every taken slug at once, so one run of the import tells all that stands in its way. */
        private void refuseTakenSlugs(Handle h) {
            if (rename || intoProject != null) {
                return;
            }
            List<String> taken = new ArrayList<>();
            for (Map<String, Object> board : boards) {
                String slug = text(board, "slug");
                if (h.createQuery("SELECT count(*) FROM projects WHERE slug = ?").bind(0, slug).mapTo(Long.class)
                        .one() > 0) {
                    taken.add(slug);
                }
            }
            if (taken.size() == 1) {
                throw RunguException.conflict("A board with the slug '" + taken.get(0) + "' already exists here; "
                        + "import with --rename to give the imported board a free slug, or with --into-project "
                        + taken.get(0) + " to add its posts to that board");
            }
            if (!taken.isEmpty()) {
                throw RunguException.conflict("Boards with the slugs '" + String.join("', '", taken)
                        + "' already exist here; import with --rename to give the imported boards free slugs");
            }
        }

        private void place(Handle h, Map<String, Object> board) {
            String id = text(board, "id");
            String archiveSlug = text(board, "slug");
            String slug = intoProject != null ? intoProject : archiveSlug;
            if (slug == null || !io.rungu.model.Slugs.isValid(slug)) {
                throw RunguException.invalid("archive", "The archive's board " + id + " has no valid slug: " + slug);
            }
            String existing = h.createQuery("SELECT id FROM projects WHERE slug = ?").bind(0, slug)
                    .mapTo(String.class).findOne().orElse(null);
            if (existing != null && intoProject != null) {
                projects.put(id, existing);
                boardSlugs.put(archiveSlug, slug);
                remap = true;
                return;
            }
            if (existing != null) {
                if (!rename) {
                    throw RunguException.conflict("A board with the slug '" + slug + "' already exists here; "
                            + "import with --rename to give the imported board a free slug, or with --into-project "
                            + slug + " to add its posts to that board");
                }
                slug = freeSlug(h, slug);
            }
            String newId = id;
            if (h.createQuery("SELECT count(*) FROM projects WHERE id = ?").bind(0, id).mapTo(Long.class).one() > 0) {
                newId = ids.get();
                remap = true;
            }
            h.createUpdate("INSERT INTO projects (id, slug, name, description, created_at, visibility, moderation) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, newId).bind(1, slug).bind(2, orElse(text(board, "name"), slug))
                    .bind(3, orElse(text(board, "description"), "")).bind(4, time(board, "created_at"))
                    .bind(5, oneOf(text(board, "visibility"), VISIBILITIES))
                    .bind(6, oneOf(text(board, "moderation"), MODERATIONS)).execute();
            // Archives of this version carry no status, category or tag definitions yet: the board gets the defaults.
            io.rungu.store.internal.board.BoardDefinitions.insertDefaults(h, newId, ids);
            projects.put(id, newId);
            boardSlugs.put(archiveSlug, slug);
            written++;
        }

        private static String freeSlug(Handle h, String slug) {
            for (int n = 2; ; n++) {
                String suffix = "-" + n;
                String base = slug.length() + suffix.length() > SLUG_MAX ? slug.substring(0, SLUG_MAX - suffix.length())
                        : slug;
                String candidate = base + suffix;
                if (h.createQuery("SELECT count(*) FROM projects WHERE slug = ?").bind(0, candidate)
                        .mapTo(Long.class).one() == 0) {
                    return candidate;
                }
            }
        }

        @Override
        public long written() {
            return written;
        }
    }

    // --- users: matched by email, else created (with their id when it is free) ---

    private final class Users implements RecordSink {
        private final Batch<Map<String, Object>> batch = new Batch<>(db, (h, rows) -> rows.forEach(r -> match(h, r)));

        @Override
        public boolean accept(Map<String, Object> record) {
            return batch.add(record, 0);
        }

        private void match(Handle h, Map<String, Object> user) {
            String id = text(user, "id");
            String email = text(user, "email");
            email = email == null || email.isBlank() ? null : email.trim().toLowerCase(Locale.ROOT);
            if (email != null) {
                String existing = h.createQuery("SELECT id FROM users WHERE email = ?").bind(0, email)
                        .mapTo(String.class).findOne().orElse(null);
                if (existing != null) {
                    users.put(id, existing);
                    return;
                }
            }
            boolean taken = h.createQuery("SELECT count(*) FROM users WHERE id = ?").bind(0, id)
                    .mapTo(Long.class).one() > 0;
            if (taken && email == null) {
                users.put(id, id);
                return;
            }
            String newId = taken ? ids.get() : id;
            String role = text(user, "role");
            Instant created = time(user, "created_at");
            h.createUpdate("INSERT INTO users (id, email, name, avatar_url, role, created_at, last_login, blocked) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, newId).bind(1, email).bind(2, orElse(text(user, "name"), ""))
                    .bind(3, orElse(text(user, "avatar_url"), "")).bind(4, ROLES.contains(role) ? role : "member")
                    .bind(5, created).bind(6, orElse(optionalTime(user, "last_login"), created))
                    .bind(7, set(user, "blocked")).execute();
            users.put(id, newId);
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

    // --- attachments: metadata and bytes in the same transaction ---

    private final class Attachments implements RecordSink {
        private final Batch<Object[]> batch = new Batch<>(db, (h, rows) -> {
            insert(h, "INSERT INTO attachments (id, post_id, filename, mime, size, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", rows.stream().map(r -> java.util.Arrays.copyOf(r, 7)).toList());
            insert(h, "INSERT INTO attachment_blobs (attachment_id, bytes) VALUES (?, ?)",
                    rows.stream().map(r -> new Object[] {r[0], r[7]}).toList());
        });

        @Override
        public boolean accept(Map<String, Object> record) {
            byte[] content = record.get("content") instanceof byte[] b ? b : new byte[0];
            return batch.add(new Object[] {derived(text(record, "id")), derived(text(record, "post_id")),
                    orElse(text(record, "filename"), "attachment"), orElse(text(record, "mime"),
                    "application/octet-stream"), (long) content.length, user(record, "created_by"),
                    time(record, "created_at"), content}, content.length);
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

    // --- values ---

    /** The id a record gets here: its own, or one derived from it when the archive's boards were here already. */
    private String derived(String id) {
        if (id == null || !remap) {
            return id;
        }
        return UUID.nameUUIDFromBytes((salt + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String project(Map<String, Object> record) {
        String id = text(record, "project_id");
        String mapped = projects.get(id);
        if (mapped == null) {
            throw RunguException.invalid("archive", "The archive refers to board " + id
                    + ", which is not in its projects section");
        }
        return mapped;
    }

    private String user(Map<String, Object> record, String field) {
        String id = text(record, field);
        String mapped = users.get(id);
        if (mapped == null) {
            throw RunguException.invalid("archive", "The archive refers to user " + id
                    + ", who is not in its users section");
        }
        return mapped;
    }

    private String optionalUser(Map<String, Object> record, String field) {
        return text(record, field) == null ? null : user(record, field);
    }

    private static String text(Map<String, Object> record, String field) {
        Object value = record.get(field);
        return value == null ? null : value.toString();
    }

    private static Long flag(Map<String, Object> record, String field) {
        return Boolean.FALSE.equals(record.get(field)) ? 0L : 1L;
    }

    /** A whole number of the record, 0 when missing. */
    private static Long number(Map<String, Object> record, String field) {
        return record.get(field) instanceof Long n ? n : 0L;
    }

    /** A flag that is off unless the record sets it (archives older than the flag lack it). */
    private static Long set(Map<String, Object> record, String field) {
        return Boolean.TRUE.equals(record.get(field)) ? 1L : 0L;
    }

    private static final List<String> VISIBILITIES = List.of("public", "signed_in", "members");
    private static final List<String> MODERATIONS = List.of("none", "new_posts");
    private static final List<String> STATES = List.of("listed", "hidden", "pending");

    /** A known value, else the first (the default). */
    private static String oneOf(String value, List<String> known) {
        return value != null && known.contains(value) ? value : known.get(0);
    }

    private static String state(String value) {
        return oneOf(value, STATES);
    }

    private Instant time(Map<String, Object> record, String field) {
        Instant value = optionalTime(record, field);
        return value != null ? value : Timestamps.truncate(now.get());
    }

    private static Instant optionalTime(Map<String, Object> record, String field) {
        String text = text(record, field);
        if (text == null) {
            return null;
        }
        try {
            return Timestamps.truncate(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            throw RunguException.invalid("archive", "Not a timestamp in " + field + ": " + text);
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
