package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardCategory;
import io.rungu.model.BoardEvent;
import io.rungu.model.CategoryEdit;
import io.rungu.model.DefinitionSlugs;
import io.rungu.model.ErrorCode;
import io.rungu.model.Limits;
import io.rungu.model.NewCategory;
import io.rungu.model.PostCategory;
import io.rungu.model.RunguException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** A board's categories: public reads, admin writes. */
final class Categories {
    private final Context cx;

    Categories(Context cx) {
        this.cx = cx;
    }

    List<BoardCategory> list(Actor actor, String projectSlug) {
        return cx.db().read(h -> BoardDefinitions.categories(h, Lookups.projectId(h, actor, projectSlug)));
    }

    BoardCategory create(Actor actor, String projectSlug, NewCategory input) {
        Actor.Account account = Permissions.admin(actor);
        if (input == null) {
            throw RunguException.invalid("name", "Name is required");
        }
        String name = DefinitionRules.name(input.name());
        String slug = DefinitionRules.slug(input.slug(), name);
        String id = cx.newId();
        return cx.db().write(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            List<BoardCategory> all = BoardDefinitions.categories(h, projectId);
            if (all.size() >= Limits.CATEGORIES_PER_BOARD_MAX) {
                throw RunguException.conflict("A board can have at most " + Limits.CATEGORIES_PER_BOARD_MAX
                        + " categories");
            }
            if (all.stream().anyMatch(c -> c.slug().equals(slug))) {
                throw RunguException.conflict("This board already has a category '" + slug + "'");
            }
            int position = DefinitionRules.position(input.position(), all.size() + 1);
            h.createUpdate("INSERT INTO categories (id, project_id, slug, name, position) "
                            + "VALUES (:id, :project, :slug, :name, :position)")
                    .bind("id", id).bind("project", projectId).bind("slug", slug).bind("name", name)
                    .bind("position", all.size() + 1).execute();
            Ordering.place(h, Ordering.Table.CATEGORIES, projectId, id, position);
            cx.definitionChanged(h, account, BoardEvent.Type.CATEGORY_CREATED, projectId, id, null);
            return find(h, projectId, slug);
        });
    }

    BoardCategory update(Actor actor, String projectSlug, String categorySlug, CategoryEdit edit) {
        Actor.Account account = Permissions.admin(actor);
        if (edit == null || edit.isEmpty()) {
            throw new RunguException(ErrorCode.INVALID, "No fields to update");
        }
        String name = edit.name() == null ? null : DefinitionRules.name(edit.name());
        return cx.db().write(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            List<BoardCategory> all = BoardDefinitions.categories(h, projectId);
            BoardCategory category = existing(all, categorySlug);
            int position = DefinitionRules.position(edit.position(), all.size());
            if (name != null) {
                h.createUpdate("UPDATE categories SET name = :name WHERE id = :id")
                        .bind("name", name).bind("id", category.id()).execute();
            }
            if (edit.position() != null) {
                Ordering.place(h, Ordering.Table.CATEGORIES, projectId, category.id(), position);
            }
            cx.definitionChanged(h, account, BoardEvent.Type.CATEGORY_EDITED, projectId, category.id(), null);
            return find(h, projectId, category.slug());
        });
    }

    /** Removes a category; its posts, if any, move to {@code moveTo} in the same transaction, each with an event. */
    void delete(Actor actor, String projectSlug, String categorySlug, String moveTo) {
        Actor.Account account = Permissions.admin(actor);
        PostCategory target = moveTo == null || moveTo.isBlank() ? null
                : new PostCategory(DefinitionSlugs.require("move_to", moveTo.strip()));
        Instant now = cx.now();
        cx.db().writeVoid(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            List<BoardCategory> all = BoardDefinitions.categories(h, projectId);
            BoardCategory category = existing(all, categorySlug);
            if (all.size() == 1) {
                throw RunguException.conflict("A board needs at least one category");
            }
            if (category.postCount() > 0 || target != null) {
                if (target == null) {
                    throw RunguException.invalid("move_to", category.postCount() + " post(s) are in the category '"
                            + category.slug() + "': give move_to, another category of this board, to move them");
                }
                BoardCategory to = BoardDefinitions.requireCategory(h, projectId, target, "move_to");
                if (to.slug().equals(category.slug())) {
                    throw RunguException.invalid("move_to", "move_to must be another category than the one deleted");
                }
                List<String> ids = h.createQuery("SELECT id FROM posts WHERE project_id = :project AND category = :slug")
                        .bind("project", projectId).bind("slug", category.slug()).mapTo(String.class).list();
                h.createUpdate("UPDATE posts SET category = :to, updated_at = :now "
                                + "WHERE project_id = :project AND category = :from")
                        .bind("to", to.slug()).bind("now", now).bind("project", projectId)
                        .bind("from", category.slug()).execute();
                for (String postId : ids) {
                    cx.event(h, account, BoardEvent.Type.POST_EDITED, projectId, postId, null);
                }
            }
            h.createUpdate("DELETE FROM categories WHERE id = :id").bind("id", category.id()).execute();
            Ordering.compact(h, Ordering.Table.CATEGORIES, projectId);
            cx.definitionChanged(h, account, BoardEvent.Type.CATEGORY_DELETED, projectId, category.id(), null);
        });
    }

    private static BoardCategory find(Handle h, String projectId, String slug) {
        return existing(BoardDefinitions.categories(h, projectId), slug);
    }

    private static BoardCategory existing(List<BoardCategory> all, String slug) {
        return all.stream().filter(c -> c.slug().equals(slug)).findFirst()
                .orElseThrow(() -> RunguException.notFound("Category not found"));
    }
}
