package io.rungu.store.internal.archive;

import static io.rungu.store.internal.archive.Values.number;
import static io.rungu.store.internal.archive.Values.orElse;
import static io.rungu.store.internal.archive.Values.set;
import static io.rungu.store.internal.archive.Values.text;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The sink of each section an importer knows (docs/data-format.md); null for the sections it skips. */
final class SectionSinks {
    private static final List<String> STATES = List.of("listed", "hidden", "pending");
    private static final List<String> KINDS = List.of("open", "active", "done", "closed");
    private static final String DEFAULT_COLOR = "#6b7280";

    private final ImportContext cx;

    SectionSinks(ImportContext cx) {
        this.cx = cx;
    }

    RecordSink of(String name) {
        return switch (name) {
            case "projects" -> new BoardSink(cx);
            case "users" -> new UserSink(cx);
            // A joined board keeps its own definitions: the archive's are left out (their kinds still place posts
            // whose status the board lacks), and its posts arrive without tags.
            case "statuses" -> cx.definitionsApply() ? new DefinitionSink(cx, "statuses", "INSERT INTO statuses "
                    + "(id, project_id, slug, name, color, kind, position) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (project_id, slug) DO UPDATE SET id = excluded.id, name = excluded.name, "
                    + "color = excluded.color, kind = excluded.kind, position = excluded.position",
                    r -> new Object[] {cx.derived(text(r, "id")), cx.project(r), text(r, "slug"),
                            orElse(text(r, "name"), text(r, "slug")), orElse(text(r, "color"), DEFAULT_COLOR),
                            Values.oneOf(text(r, "kind"), KINDS), number(r, "position")})
                    : new StatusKinds();
            case "categories" -> cx.definitionsApply() ? new DefinitionSink(cx, "categories", "INSERT INTO categories "
                    + "(id, project_id, slug, name, position) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (project_id, slug) DO UPDATE SET id = excluded.id, name = excluded.name, "
                    + "position = excluded.position",
                    r -> new Object[] {cx.derived(text(r, "id")), cx.project(r), text(r, "slug"), text(r, "name"),
                            number(r, "position")}) : null;
            case "tags" -> cx.definitionsApply() ? rows("INSERT INTO tags (id, project_id, slug, name, color) "
                    + "VALUES (?, ?, ?, ?, ?)", r -> new Object[] {cx.derived(text(r, "id")), cx.project(r),
                            text(r, "slug"), orElse(text(r, "name"), text(r, "slug")),
                            orElse(text(r, "color"), DEFAULT_COLOR)}) : null;
            case "post_tags" -> cx.definitionsApply() ? rows("INSERT INTO post_tags (post_id, tag_id) "
                    + "VALUES (?, ?) ON CONFLICT DO NOTHING", r -> new Object[] {cx.derived(text(r, "post_id")),
                            cx.derived(text(r, "tag_id"))}) : null;
            case "project_members" -> rows("INSERT INTO project_members (project_id, user_id, created_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    r -> new Object[] {cx.project(r), cx.user(r, "user_id"), cx.time(r, "created_at")});
            case "identities" -> rows("INSERT INTO user_identities (id, user_id, provider, subject, email, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", r -> new Object[] {
                            cx.derived(text(r, "id")), cx.user(r, "user_id"), text(r, "provider"), text(r, "subject"),
                            text(r, "email"), cx.time(r, "created_at")});
            case "notification_settings" -> rows("INSERT INTO notification_settings "
                    + "(user_id, status_changes, comments, replies, new_posts, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING",
                    r -> new Object[] {cx.user(r, "user_id"), Values.flag(r, "status_changes"),
                            Values.flag(r, "comments"), Values.flag(r, "replies"), Values.flag(r, "new_posts"),
                            cx.time(r, "updated_at")});
            case "project_subscriptions" -> rows("INSERT INTO project_subscriptions "
                    + "(project_id, user_id, token, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    r -> new Object[] {cx.project(r), cx.user(r, "user_id"), ImportContext.token(),
                            cx.time(r, "created_at")});
            case "posts" -> rows("INSERT INTO posts (id, project_id, title, description, status, category, "
                    + "created_by, created_at, updated_at, done_at, response_text, response_by, response_at, state, "
                    + "pinned, locked, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", this::post);
            case "merges" -> rows("UPDATE posts SET merged_into = ? WHERE id = ?",
                    r -> new Object[] {cx.derived(text(r, "into_id")), cx.derived(text(r, "post_id"))});
            case "votes" -> rows("INSERT INTO votes (user_id, post_id, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", r -> new Object[] {cx.user(r, "user_id"),
                            cx.derived(text(r, "post_id")), cx.time(r, "created_at")});
            case "post_subscriptions" -> rows("INSERT INTO post_subscriptions (post_id, user_id, token, created_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", r -> new Object[] {cx.derived(text(r, "post_id")),
                            cx.user(r, "user_id"), ImportContext.token(), cx.time(r, "created_at")});
            case "comments" -> rows("INSERT INTO comments (id, post_id, parent_id, content, created_by, created_at, "
                    + "edited_at, internal, hidden, merged_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r -> new Object[] {cx.derived(text(r, "id")), cx.derived(text(r, "post_id")),
                            cx.derived(text(r, "parent_id")), text(r, "content"), cx.user(r, "created_by"),
                            cx.time(r, "created_at"), ImportContext.optionalTime(r, "edited_at"), set(r, "internal"),
                            set(r, "hidden"), cx.derived(text(r, "merged_from"))});
            case "status_changes" -> rows("INSERT INTO post_status_changes (id, post_id, from_status, to_status, "
                    + "response, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", r -> new Object[] {
                            cx.derived(text(r, "id")), cx.derived(text(r, "post_id")), text(r, "from_status"),
                            text(r, "to_status"), text(r, "response"), cx.user(r, "created_by"),
                            cx.time(r, "created_at")});
            case "post_merges" -> rows("INSERT INTO post_merges (id, post_id, into_id, undone, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", r -> new Object[] {cx.derived(text(r, "id")),
                            cx.derived(text(r, "post_id")), cx.derived(text(r, "into_id")), set(r, "undone"),
                            cx.user(r, "created_by"), cx.time(r, "created_at")});
            case "merged_votes" -> rows("INSERT INTO merged_votes (post_id, user_id, created_at, on_target) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", r -> new Object[] {cx.derived(text(r, "post_id")),
                            cx.user(r, "user_id"), cx.time(r, "created_at"), set(r, "on_target")});
            case "merged_subscriptions" -> rows("INSERT INTO merged_subscriptions (post_id, user_id) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING", r -> new Object[] {cx.derived(text(r, "post_id")),
                            cx.user(r, "user_id")});
            case "attachments" -> new AttachmentSink(cx);
            case AuditSection.NAME -> new AuditSink(cx);
            default -> null;
        };
    }

    private Object[] post(Map<String, Object> r) {
        Instant created = cx.time(r, "created_at");
        return new Object[] {cx.derived(text(r, "id")), cx.project(r), text(r, "title"),
                orElse(text(r, "description"), ""), cx.status(text(r, "status")),
                cx.category(text(r, "category")), cx.user(r, "created_by"), created,
                orElse(ImportContext.optionalTime(r, "updated_at"), created), ImportContext.optionalTime(r, "done_at"),
                text(r, "response_text"), cx.optionalUser(r, "response_by"),
                ImportContext.optionalTime(r, "response_at"), Values.oneOf(text(r, "state"), STATES), set(r, "pinned"),
                set(r, "locked"), cx.definitionsApply() ? orElse(text(r, "tags"), "") : ""};
    }

    private RowSink rows(String sql, java.util.function.Function<Map<String, Object>, Object[]> row) {
        return new RowSink(cx.db, sql, row);
    }

    /** A joined board's view of the archive's statuses: only their kinds, to place posts of a status it lacks. */
    private final class StatusKinds implements RecordSink {
        @Override
        public boolean accept(Map<String, Object> record) {
            cx.archiveStatusKinds.put(text(record, "slug"), orElse(text(record, "kind"), "open"));
            return false;
        }

        @Override
        public void finish() {
            // nothing is written
        }

        @Override
        public long written() {
            return 0;
        }
    }
}
