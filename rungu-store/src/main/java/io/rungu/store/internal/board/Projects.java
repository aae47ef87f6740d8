package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.Emails;
import io.rungu.model.Limits;
import io.rungu.model.NewProject;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Project;
import io.rungu.model.ProjectEdit;
import io.rungu.model.ProjectMember;
import io.rungu.model.RunguException;
import io.rungu.store.internal.audit.Changes;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Boards: reads of the boards the actor may see ({@link Access}), admin writes, and the members of private
 * boards; the plain statements are in {@link ProjectDao}.
 */
final class Projects {
    private final Context cx;

    Projects(Context cx) {
        this.cx = cx;
    }

    Page<Project> list(Actor actor, PageRequest page) {
        String visible = Access.boardsSql(actor);
        return cx.db().read(h -> {
            List<Project> items = Access.bindViewer(h.createQuery("SELECT " + ProjectDao.COLUMNS
                            + " FROM projects pr WHERE " + visible
                            + " ORDER BY pr.created_at DESC, pr.id DESC LIMIT :limit OFFSET :offset"), actor)
                    .bind("limit", page.perPage()).bind("offset", page.offset())
                    .map(new ProjectDao.ProjectMapper()).list();
            long total = Access.bindViewer(h.createQuery("SELECT count(*) FROM projects pr WHERE " + visible), actor)
                    .mapTo(Long.class).one();
            return new Page<>(items, page.page(), page.perPage(), total);
        });
    }

    Project get(Actor actor, String slug) {
        return cx.db().read(h -> {
            Access.board(h, actor, slug);
            return bySlug(h, slug);
        });
    }

    Project create(Actor actor, NewProject input) {
        Actor.Account account = Permissions.admin(actor);
        ProjectRules.ValidProject p = ProjectRules.validate(input);
        String id = cx.newId();
        Instant now = cx.now();
        try {
            return cx.db().write(h -> {
                h.attach(ProjectDao.class).insert(id, p.slug(), p.name(), p.description(), now);
                BoardDefinitions.insertDefaults(h, id, cx::newId);
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
            if (h.attach(ProjectDao.class).update(slug, valid.name(), valid.description(),
                    valid.visibility() == null ? null : valid.visibility().wire(),
                    valid.moderation() == null ? null : valid.moderation().wire()) == 0) {
                throw RunguException.notFound(Access.NO_PROJECT);
            }
            Project project = bySlug(h, slug);
            cx.event(h, account, BoardEvent.Type.PROJECT_EDITED, project.id(), null, null, Changes.of()
                    .field("name", before.name(), project.name())
                    .field("description", before.description(), project.description())
                    .field("visibility", before.visibility(), project.visibility())
                    .field("moderation", before.moderation(), project.moderation()));
            return project;
        });
    }

    void delete(Actor actor, String slug) {
        Actor.Account account = Permissions.admin(actor);
        cx.db().writeVoid(h -> {
            Project project = bySlug(h, slug);
            if (h.attach(ProjectDao.class).delete(slug) == 0) {
                throw RunguException.notFound(Access.NO_PROJECT);
            }
            cx.event(h, account, BoardEvent.Type.PROJECT_DELETED, project.id(), null, null,
                    Changes.of().removed("slug", project.slug()).removed("name", project.name())
                            .removed("post_count", project.postCount()));
        });
    }

    Page<ProjectMember> members(Actor actor, String slug, PageRequest page) {
        Permissions.adminReader(actor);
        return cx.db().read(h -> {
            String projectId = Lookups.projectId(h, actor, slug);
            List<ProjectMember> items = h.createQuery(MEMBER_SELECT + "WHERE m.project_id = :project "
                            + "ORDER BY m.created_at, m.user_id LIMIT :limit OFFSET :offset")
                    .bind("project", projectId).bind("limit", page.perPage()).bind("offset", page.offset())
                    .map(MEMBER).list();
            long total = h.createQuery("SELECT count(*) FROM project_members WHERE project_id = :project")
                    .bind("project", projectId).mapTo(Long.class).one();
            return new Page<>(items, page.page(), page.perPage(), total);
        });
    }

    ProjectMember addMember(Actor actor, String slug, String user) {
        Actor.Account account = Permissions.admin(actor);
        String key = userKey(user);
        Instant now = cx.now();
        return cx.db().write(h -> {
            String projectId = Lookups.projectId(h, account, slug);
            String userId = userId(h, key);
            int added = h.createUpdate("INSERT INTO project_members (project_id, user_id, created_at) "
                            + "VALUES (:project, :user, :now) ON CONFLICT (project_id, user_id) DO NOTHING")
                    .bind("project", projectId).bind("user", userId).bind("now", now).execute();
            if (added > 0) {
                cx.event(h, account, BoardEvent.Type.PROJECT_MEMBER_ADDED, projectId, null, userId);
            }
            return h.createQuery(MEMBER_SELECT + "WHERE m.project_id = :project AND m.user_id = :user")
                    .bind("project", projectId).bind("user", userId).map(MEMBER).one();
        });
    }

    void removeMember(Actor actor, String slug, String user) {
        Actor.Account account = Permissions.admin(actor);
        String key = userKey(user);
        cx.db().writeVoid(h -> {
            String projectId = Lookups.projectId(h, account, slug);
            String userId = userId(h, key);
            int removed = h.createUpdate("DELETE FROM project_members WHERE project_id = :project AND user_id = :user")
                    .bind("project", projectId).bind("user", userId).execute();
            if (removed > 0) {
                // A former member no longer follows what they can no longer see.
                h.createUpdate("DELETE FROM post_subscriptions WHERE user_id = :user AND post_id IN "
                                + "(SELECT id FROM posts WHERE project_id = :project)")
                        .bind("project", projectId).bind("user", userId).execute();
                cx.event(h, account, BoardEvent.Type.PROJECT_MEMBER_REMOVED, projectId, null, userId);
            }
        });
    }

    private static final String MEMBER_SELECT = "SELECT m.user_id, u.email, u.name, u.avatar_url, m.created_at "
            + "FROM project_members m JOIN users u ON u.id = m.user_id ";

    private static final org.jdbi.v3.core.mapper.RowMapper<ProjectMember> MEMBER = (rs, ctx) -> new ProjectMember(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Rows.instant(rs, "created_at"));

    /** A user named by id or email address, checked for length before any query. */
    private static String userKey(String user) {
        String key = Text.required("user", user, "A user id or email address is required");
        return Text.atMost("user", key, Limits.EMAIL_MAX, "User");
    }

    private static String userId(Handle h, String key) {
        var query = key.contains("@")
                ? h.createQuery("SELECT id FROM users WHERE email = :key").bind("key", Emails.normalize(key))
                : h.createQuery("SELECT id FROM users WHERE id = :key").bind("key", key);
        return query.mapTo(String.class).findOne()
                .orElseThrow(() -> RunguException.notFound("User not found"));
    }

    io.rungu.model.Definitions definitions(Actor actor, String slug) {
        return cx.db().read(h -> {
            Access.board(h, actor, slug);
            Project project = bySlug(h, slug);
            return new io.rungu.model.Definitions(project, BoardDefinitions.statuses(h, project.id()),
                    BoardDefinitions.categories(h, project.id()), BoardDefinitions.tags(h, project.id()));
        });
    }

    private static Project bySlug(Handle h, String slug) {
        return h.attach(ProjectDao.class).bySlug(slug).orElseThrow(() -> RunguException.notFound(Access.NO_PROJECT));
    }
}
