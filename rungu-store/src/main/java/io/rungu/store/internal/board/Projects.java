package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Project;
import io.rungu.model.ProjectEdit;
import io.rungu.model.RunguException;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Boards: public reads, admin writes. */
final class Projects {
    private final Context cx;

    Projects(Context cx) {
        this.cx = cx;
    }

    Page<Project> list(PageRequest page) {
        return cx.db().read(h -> {
            var items = h.createQuery("SELECT " + Rows.PROJECT_COLUMNS + " FROM projects pr "
                            + "ORDER BY pr.created_at DESC, pr.id DESC LIMIT :limit OFFSET :offset")
                    .bind("limit", page.perPage()).bind("offset", page.offset())
                    .map(Rows.PROJECT).list();
            long total = h.createQuery("SELECT count(*) FROM projects").mapTo(Long.class).one();
            return new Page<>(items, page.page(), page.perPage(), total);
        });
    }

    Project get(String slug) {
        return cx.db().read(h -> bySlug(h, slug));
    }

    Project create(Actor actor, NewProject input) {
        Actor.Account account = Permissions.admin(actor);
        ProjectRules.ValidProject p = ProjectRules.validate(input);
        String id = cx.newId();
        Instant now = cx.now();
        try {
            return cx.db().write(h -> {
                h.createUpdate("INSERT INTO projects (id, slug, name, description, created_at) "
                                + "VALUES (:id, :slug, :name, :description, :now)")
                        .bind("id", id).bind("slug", p.slug()).bind("name", p.name())
                        .bind("description", p.description()).bind("now", now)
                        .execute();
                cx.event(h, account, BoardEvent.Type.PROJECT_CREATED, id, null, null);
                return bySlug(h, p.slug());
            });
        } catch (RuntimeException e) {
            if (cx.db().dialect().isUniqueViolation(e)) {
                throw RunguException.conflict("A board with slug '" + p.slug() + "' already exists");
            }
            throw e;
        }
    }

    Project update(Actor actor, String slug, ProjectEdit edit) {
        Actor.Account account = Permissions.admin(actor);
        ProjectRules.ValidEdit valid = ProjectRules.validate(edit);
        return cx.db().write(h -> {
            int changed = h.createUpdate("UPDATE projects SET name = coalesce(:name, name), "
                            + "description = coalesce(:description, description) WHERE slug = :slug")
                    .bind("name", valid.name()).bind("description", valid.description()).bind("slug", slug)
                    .execute();
            if (changed == 0) {
                throw RunguException.notFound("Project not found");
            }
            Project project = bySlug(h, slug);
            cx.event(h, account, BoardEvent.Type.PROJECT_EDITED, project.id(), null, null);
            return project;
        });
    }

    void delete(Actor actor, String slug) {
        Actor.Account account = Permissions.admin(actor);
        cx.db().writeVoid(h -> {
            String id = Lookups.projectId(h, slug);
            h.createUpdate("DELETE FROM projects WHERE id = :id").bind("id", id).execute();
            cx.event(h, account, BoardEvent.Type.PROJECT_DELETED, id, null, null);
        });
    }

    private static Project bySlug(Handle h, String slug) {
        return h.createQuery("SELECT " + Rows.PROJECT_COLUMNS + " FROM projects pr WHERE pr.slug = :slug")
                .bind("slug", slug).map(Rows.PROJECT).findOne()
                .orElseThrow(() -> RunguException.notFound("Project not found"));
    }
}
