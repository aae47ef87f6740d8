package io.rungu.store.internal.board;

import io.rungu.model.BoardCategory;
import io.rungu.model.BoardStatus;
import io.rungu.model.PostCategory;
import io.rungu.model.PostStatus;
import io.rungu.model.RunguException;
import io.rungu.model.StatusKind;
import io.rungu.model.Tag;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Reads of a board's statuses, categories and tags, and the checks that a post's values are among them. */
public final class BoardDefinitions {
    private BoardDefinitions() {}

    /** The statuses a new board starts with, as (slug, name, colour, kind). */
    public static final List<String[]> DEFAULT_STATUSES = List.of(
            new String[] {"open", "Open", "#6b7280", "open"},
            new String[] {"planned", "Planned", "#3b82f6", "active"},
            new String[] {"in_progress", "In progress", "#f59e0b", "active"},
            new String[] {"done", "Done", "#10b981", "done"},
            new String[] {"declined", "Declined", "#ef4444", "closed"});

    /** The categories a new board starts with, as (slug, name). */
    public static final List<String[]> DEFAULT_CATEGORIES = List.of(
            new String[] {"feedback", "Feedback"}, new String[] {"bug", "Bug"},
            new String[] {"feature", "Feature"}, new String[] {"question", "Question"});

    private static final String STATUS_SELECT = "SELECT s.id, s.slug, s.name, s.color, s.kind, s.position, "
            + "(SELECT coalesce(sum(c.posts), 0) FROM project_post_counts c "
            + "WHERE c.project_id = s.project_id AND c.status = s.slug) AS post_count FROM statuses s ";

    private static final String CATEGORY_SELECT = "SELECT k.id, k.slug, k.name, k.position, "
            + "(SELECT coalesce(sum(c.posts), 0) FROM project_post_counts c "
            + "WHERE c.project_id = k.project_id AND c.category = k.slug) AS post_count FROM categories k ";

    /** Gives a new board the default statuses and categories, in its creating transaction. */
    public static void insertDefaults(Handle h, String projectId, Supplier<String> ids) {
        int position = 1;
        for (String[] s : DEFAULT_STATUSES) {
            h.createUpdate("INSERT INTO statuses (id, project_id, slug, name, color, kind, position) "
                            + "VALUES (:id, :project, :slug, :name, :color, :kind, :position)")
                    .bind("id", ids.get()).bind("project", projectId).bind("slug", s[0]).bind("name", s[1])
                    .bind("color", s[2]).bind("kind", s[3]).bind("position", position++).execute();
        }
        position = 1;
        for (String[] c : DEFAULT_CATEGORIES) {
            h.createUpdate("INSERT INTO categories (id, project_id, slug, name, position) "
                            + "VALUES (:id, :project, :slug, :name, :position)")
                    .bind("id", ids.get()).bind("project", projectId).bind("slug", c[0]).bind("name", c[1])
                    .bind("position", position++).execute();
        }
    }

    /** The board's statuses in order, with their post counts. */
    static List<BoardStatus> statuses(Handle h, String projectId) {
        return h.createQuery(STATUS_SELECT + "WHERE s.project_id = :project ORDER BY s.position, s.slug")
                .bind("project", projectId)
                .map((rs, ctx) -> new BoardStatus(rs.getString("id"), rs.getString("slug"), rs.getString("name"),
                        rs.getString("color"), StatusKind.parse(rs.getString("kind")), rs.getInt("position"),
                        rs.getLong("post_count")))
                .list();
    }

    /** The board's categories in order, with their post counts. */
    static List<BoardCategory> categories(Handle h, String projectId) {
        return h.createQuery(CATEGORY_SELECT + "WHERE k.project_id = :project ORDER BY k.position, k.slug")
                .bind("project", projectId)
                .map((rs, ctx) -> new BoardCategory(rs.getString("id"), rs.getString("slug"), rs.getString("name"),
                        rs.getInt("position"), rs.getLong("post_count")))
                .list();
    }

    /** The board's tags by name. */
    static List<Tag> tags(Handle h, String projectId) {
        return h.createQuery("SELECT id, slug, name, color FROM tags WHERE project_id = :project ORDER BY name, slug")
                .bind("project", projectId)
                .map((rs, ctx) -> new Tag(rs.getString("id"), rs.getString("slug"), rs.getString("name"),
                        rs.getString("color")))
                .list();
    }

    /** The board's status of this slug; INVALID naming the board's statuses when it has none such. */
    static BoardStatus requireStatus(Handle h, String projectId, PostStatus status, String field) {
        List<BoardStatus> all = statuses(h, projectId);
        return all.stream().filter(s -> s.slug().equals(status.slug())).findFirst()
                .orElseThrow(() -> RunguException.invalid(field, "Unknown status '" + status.slug()
                        + "'; this board's statuses are: " + all.stream().map(BoardStatus::slug)
                        .collect(Collectors.joining(", "))));
    }

    /** The board's category of this slug; INVALID naming the board's categories when it has none such. */
    static BoardCategory requireCategory(Handle h, String projectId, PostCategory category, String field) {
        List<BoardCategory> all = categories(h, projectId);
        return all.stream().filter(c -> c.slug().equals(category.slug())).findFirst()
                .orElseThrow(() -> RunguException.invalid(field, "Unknown category '" + category.slug()
                        + "'; this board's categories are: " + all.stream().map(BoardCategory::slug)
                        .collect(Collectors.joining(", "))));
    }

    /** The board's tag of this slug; INVALID naming the board's tags when it has none such. */
    static Tag requireTag(Handle h, String projectId, String slug, String field) {
        List<Tag> all = tags(h, projectId);
        return all.stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> RunguException.invalid(field, "Unknown tag '" + slug + "'; "
                        + (all.isEmpty() ? "this board has no tags" : "this board's tags are: "
                        + all.stream().map(Tag::slug).collect(Collectors.joining(", ")))));
    }

    /** The status a new post gets: the first of kind open by order. */
    static PostStatus newPostStatus(Handle h, String projectId) {
        return h.createQuery("SELECT slug FROM statuses WHERE project_id = :project AND kind = 'open' "
                        + "ORDER BY position, slug LIMIT 1")
                .bind("project", projectId).mapTo(String.class).findOne()
                .map(PostStatus::new)
                .orElseThrow(() -> new IllegalStateException("Board " + projectId + " has no open status"));
    }

    /** The category a new post without one gets: the first by order. */
    static PostCategory defaultCategory(Handle h, String projectId) {
        return h.createQuery("SELECT slug FROM categories WHERE project_id = :project ORDER BY position, slug LIMIT 1")
                .bind("project", projectId).mapTo(String.class).findOne()
                .map(PostCategory::new)
                .orElseThrow(() -> new IllegalStateException("Board " + projectId + " has no category"));
    }

    /** The slugs of the board's statuses of {@code kind}, in order. */
    static List<String> slugsOfKind(Handle h, String projectId, StatusKind kind) {
        return h.createQuery("SELECT slug FROM statuses WHERE project_id = :project AND kind = :kind "
                        + "ORDER BY position, slug")
                .bind("project", projectId).bind("kind", kind.wire()).mapTo(String.class).list();
    }
}
