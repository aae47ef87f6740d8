package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.BoardStatus;
import io.rungu.model.DefinitionSlugs;
import io.rungu.model.Limits;
import io.rungu.model.NewStatus;
import io.rungu.model.Post;
import io.rungu.model.PostStatus;
import io.rungu.model.RunguException;
import io.rungu.model.StatusEdit;
import io.rungu.model.StatusKind;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** A board's statuses: public reads, admin writes. */
final class Statuses {
    private final Context cx;

    Statuses(Context cx) {
        this.cx = cx;
    }

    List<BoardStatus> list(Actor actor, String projectSlug) {
        return cx.db().read(h -> BoardDefinitions.statuses(h, Lookups.projectId(h, actor, projectSlug)));
    }

    BoardStatus create(Actor actor, String projectSlug, NewStatus input) {
        Actor.Account account = Permissions.admin(actor);
        if (input == null) {
            throw RunguException.invalid("name", "Name is required");
        }
        String name = DefinitionRules.name(input.name());
        String slug = DefinitionRules.slug(input.slug(), name);
        String color = DefinitionRules.color(input.color(), DefinitionRules.DEFAULT_COLOR);
        StatusKind kind = input.kind() == null ? StatusKind.ACTIVE : input.kind();
        String id = cx.newId();
        return cx.db().write(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            List<BoardStatus> all = BoardDefinitions.statuses(h, projectId);
            if (all.size() >= Limits.STATUSES_PER_BOARD_MAX) {
                throw RunguException.conflict("A board can have at most " + Limits.STATUSES_PER_BOARD_MAX
                        + " statuses");
            }
            if (all.stream().anyMatch(s -> s.slug().equals(slug))) {
                throw RunguException.conflict("This board already has a status '" + slug + "'");
            }
            int position = DefinitionRules.position(input.position(), all.size() + 1);
            h.createUpdate("INSERT INTO statuses (id, project_id, slug, name, color, kind, position) "
                            + "VALUES (:id, :project, :slug, :name, :color, :kind, :position)")
                    .bind("id", id).bind("project", projectId).bind("slug", slug).bind("name", name)
                    .bind("color", color).bind("kind", kind.wire()).bind("position", all.size() + 1).execute();
            Ordering.place(h, Ordering.Table.STATUSES, projectId, id, position);
            event(h, account, BoardEvent.Type.STATUS_CREATED, projectId, id, slug);
            return find(h, projectId, slug);
        });
    }

    BoardStatus update(Actor actor, String projectSlug, String statusSlug, StatusEdit edit) {
        Actor.Account account = Permissions.admin(actor);
        if (edit == null || edit.isEmpty()) {
            throw new RunguException(io.rungu.model.ErrorCode.INVALID, "No fields to update");
        }
        String name = edit.name() == null ? null : DefinitionRules.name(edit.name());
        String color = edit.color() == null ? null : DefinitionRules.color(edit.color(), null);
        Instant now = cx.now();
        return cx.db().write(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            List<BoardStatus> all = BoardDefinitions.statuses(h, projectId);
            BoardStatus status = existing(all, statusSlug);
            int position = DefinitionRules.position(edit.position(), all.size());
            StatusKind kind = edit.kind() == null ? status.kind() : edit.kind();
            if (status.kind() == StatusKind.OPEN && kind != StatusKind.OPEN && openCount(all) == 1) {
                throw RunguException.conflict(lastOpen());
            }
            h.createUpdate("UPDATE statuses SET name = :name, color = :color, kind = :kind WHERE id = :id")
                    .bind("name", name == null ? status.name() : name)
                    .bind("color", color == null ? status.color() : color)
                    .bind("kind", kind.wire()).bind("id", status.id()).execute();
            // done_at is set exactly while a post has a done-kind status, so the changelog follows the kind.
            if (kind == StatusKind.DONE && status.kind() != StatusKind.DONE) {
                h.createUpdate("UPDATE posts SET done_at = :now WHERE project_id = :project AND status = :slug")
                        .bind("now", now).bind("project", projectId).bind("slug", status.slug()).execute();
            } else if (kind != StatusKind.DONE && status.kind() == StatusKind.DONE) {
                h.createUpdate("UPDATE posts SET done_at = NULL WHERE project_id = :project AND status = :slug")
                        .bind("project", projectId).bind("slug", status.slug()).execute();
            }
            if (edit.position() != null) {
                Ordering.place(h, Ordering.Table.STATUSES, projectId, status.id(), position);
            }
            event(h, account, BoardEvent.Type.STATUS_EDITED, projectId, status.id(), status.slug());
            return find(h, projectId, status.slug());
        });
    }

    /**
     * Removes a status; its posts, if any, move to {@code moveTo} in the same transaction, each with a status
     * change in its history and an event, as if an admin had moved it.
     */
    void delete(Actor actor, String projectSlug, String statusSlug, String moveTo) {
        Actor.Account account = Permissions.admin(actor);
        PostStatus target = moveTo == null || moveTo.isBlank() ? null
                : new PostStatus(DefinitionSlugs.require("move_to", moveTo.strip()));
        Instant now = cx.now();
        cx.db().writeVoid(h -> {
            String projectId = Lookups.projectId(h, account, projectSlug);
            List<BoardStatus> all = BoardDefinitions.statuses(h, projectId);
            BoardStatus status = existing(all, statusSlug);
            if (status.kind() == StatusKind.OPEN && openCount(all) == 1) {
                throw RunguException.conflict(lastOpen());
            }
            if (status.postCount() > 0 || target != null) {
                if (target == null) {
                    throw RunguException.invalid("move_to", status.postCount() + " post(s) have the status '"
                            + status.slug() + "': give move_to, another status of this board, to move them");
                }
                BoardStatus to = BoardDefinitions.requireStatus(h, projectId, target, "move_to");
                if (to.slug().equals(status.slug())) {
                    throw RunguException.invalid("move_to", "move_to must be another status than the one deleted");
                }
                move(h, account, projectId, status, to, now);
            }
            h.createUpdate("DELETE FROM statuses WHERE id = :id").bind("id", status.id()).execute();
            Ordering.compact(h, Ordering.Table.STATUSES, projectId);
            event(h, account, BoardEvent.Type.STATUS_DELETED, projectId, status.id(), status.slug());
        });
    }

    private void move(Handle h, Actor.Account account, String projectId, BoardStatus from, BoardStatus to,
            Instant now) {
        List<Post> posts = h.createQuery("SELECT * FROM posts WHERE project_id = :project AND status = :slug")
                .bind("project", projectId).bind("slug", from.slug())
                .map((rs, ctx) -> Rows.post(rs)).list();
        String doneAt = to.kind() != StatusKind.DONE ? "NULL"
                : from.kind() == StatusKind.DONE ? "done_at" : ":now";
        h.createUpdate("UPDATE posts SET status = :to, updated_at = :now, done_at = " + doneAt
                        + " WHERE project_id = :project AND status = :from")
                .bind("to", to.slug()).bind("now", now).bind("project", projectId).bind("from", from.slug())
                .execute();
        for (Post post : posts) {
            StatusHistory.record(h, cx.newId(), post.id(), from.value(), to.value(), null, account.userId(), now);
            cx.statusChanged(h, account, post, to.value(), null);
        }
    }

    private BoardStatus find(Handle h, String projectId, String slug) {
        return existing(BoardDefinitions.statuses(h, projectId), slug);
    }

    private static BoardStatus existing(List<BoardStatus> all, String slug) {
        return all.stream().filter(s -> s.slug().equals(slug)).findFirst()
                .orElseThrow(() -> RunguException.notFound("Status not found"));
    }

    private static long openCount(List<BoardStatus> all) {
        return all.stream().filter(s -> s.kind() == StatusKind.OPEN).count();
    }

    private static String lastOpen() {
        return "A board needs at least one status of kind open: new posts get the first of them";
    }

    private void event(Handle h, Actor.Account account, BoardEvent.Type type, String projectId, String id,
            String slug) {
        cx.definitionChanged(h, account, type, projectId, id, new PostStatus(slug));
    }
}
