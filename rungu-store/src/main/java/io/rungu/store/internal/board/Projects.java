package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Project;
import io.rungu.model.ProjectEdit;
import io.rungu.model.RunguException;
import io.rungu.store.internal.audit.Changes;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Boards: public reads, admin writes; the statements are in {@link ProjectDao}. */
final class Projects {
    private final Context cx;

    Projects(Context cx) {
        this.cx = cx;
    }

    Page<Project> list(PageRequest page) {
        return cx.db().read(h -> {
            ProjectDao projects = h.attach(ProjectDao.class);
            return new Page<>(projects.page(page.perPage(), page.offset()), page.page(), page.perPage(), projects.count());
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
                h.attach(ProjectDao.class).insert(id, p.slug(), p.name(), p.description(), now);
                cx.event(h, account, BoardEvent.Type.PROJECT_CREATED, id, null, null,
                        Changes.of().added("slug", p.slug()).added("name", p.name()));
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
            Project before = bySlug(h, slug);
            if (h.attach(ProjectDao.class).update(slug, valid.name(), valid.description()) == 0) {
                throw RunguException.notFound("Project not found");
            }
            Project project = bySlug(h, slug);
            cx.event(h, account, BoardEvent.Type.PROJECT_EDITED, project.id(), null, null, Changes.of()
                    .field("name", before.name(), project.name())
                    .field("description", before.description(), project.description()));
            return project;
        });
    }

    void delete(Actor actor, String slug) {
        Actor.Account account = Permissions.admin(actor);
        cx.db().writeVoid(h -> {
            Project project = bySlug(h, slug);
            if (h.attach(ProjectDao.class).delete(slug) == 0) {
                throw RunguException.notFound("Project not found");
            }
            cx.event(h, account, BoardEvent.Type.PROJECT_DELETED, project.id(), null, null,
                    Changes.of().removed("slug", project.slug()).removed("name", project.name())
                            .removed("post_count", project.postCount()));
        });
    }

    private static Project bySlug(Handle h, String slug) {
        return h.attach(ProjectDao.class).bySlug(slug).orElseThrow(() -> RunguException.notFound("Project not found"));
    }
}
