package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.Approval;
import io.rungu.model.BoardVisibility;
import io.rungu.model.Moderation;
import io.rungu.model.Post;
import io.rungu.model.RunguException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Who may see what, in one place: private boards, hidden and pending posts, hidden comments. Every read and write
 * path finds its board or post through here (see {@link Lookups}), and the SQL of lists takes its conditions from
 * here, so an outsider gets NOT_FOUND, exactly as for something that does not exist, wherever they ask.
 *
 * <ul>
 *   <li>A board is seen by anyone when {@code public}, by any signed-in user when {@code signed_in}, and by its
 *       members when {@code members}; admins see every board.</li>
 *   <li>On a board one may see, a listed post is seen by all, a hidden post by admins, a pending post by admins
 *       and its author.</li>
 *   <li>A hidden comment is seen by admins only.</li>
 * </ul>
 */
public final class Access {
    private Access() {}

    /**
     * A condition true when the user whose id is in the SQL expression {@code user} may see the post whose id is in
     * {@code post}: the same rules as everything else here, for statements that pick recipients (notifications).
     */
    public static String userMaySeePostSql(String user, String post) {
        return "EXISTS (SELECT 1 FROM posts vp JOIN projects vpr ON vpr.id = vp.project_id "
                + "JOIN users vu ON vu.id = " + user + " WHERE vp.id = " + post + " AND (vu.role = 'admin' OR ("
                + "(vp.state = 'listed' OR (vp.state = 'pending' AND vp.created_by = vu.id)) "
                + "AND (vpr.visibility IN ('public', 'signed_in') OR EXISTS (SELECT 1 FROM project_members vm "
                + "WHERE vm.project_id = vpr.id AND vm.user_id = vu.id)))))";
    }

    /** What decides who sees a board. */
    record BoardAccess(String id, String slug, BoardVisibility visibility, Moderation moderation) {}

    static final String NO_PROJECT = "Project not found";
    static final String NO_POST = "Post not found";

    /** The board's access columns by slug, without any check; empty when there is no such board. */
    static Optional<BoardAccess> boardBySlug(Handle h, String slug) {
        return h.createQuery("SELECT id, slug, visibility, moderation FROM projects WHERE slug = :slug")
                .bind("slug", slug).map((rs, ctx) -> new BoardAccess(rs.getString(1), rs.getString(2),
                        BoardVisibility.parse(rs.getString(3)), Moderation.parse(rs.getString(4))))
                .findOne();
    }

    /** The board's access columns by id, without any check. */
    static Optional<BoardAccess> boardById(Handle h, String projectId) {
        return h.createQuery("SELECT id, slug, visibility, moderation FROM projects WHERE id = :id")
                .bind("id", projectId).map((rs, ctx) -> new BoardAccess(rs.getString(1), rs.getString(2),
                        BoardVisibility.parse(rs.getString(3)), Moderation.parse(rs.getString(4))))
                .findOne();
    }

    /** True when {@code actor} may see the board. */
    static boolean canSee(Handle h, Actor actor, BoardAccess board) {
        return switch (board.visibility()) {
            case PUBLIC -> true;
            case SIGNED_IN -> actor.userId() != null;
            case MEMBERS -> actor.isAdmin() || (actor.userId() != null && isMember(h, board.id(), actor.userId()));
        };
    }

    /** True when {@code userId} was added to the board. */
    static boolean isMember(Handle h, String projectId, String userId) {
        return h.createQuery("SELECT 1 FROM project_members WHERE project_id = :project AND user_id = :user")
                .bind("project", projectId).bind("user", userId).mapTo(Integer.class).findOne().isPresent();
    }

    /** The board by slug when {@code actor} may see it; else NOT_FOUND "Project not found". */
    static BoardAccess board(Handle h, Actor actor, String slug) {
        return boardBySlug(h, slug).filter(b -> canSee(h, actor, b))
                .orElseThrow(() -> RunguException.notFound(NO_PROJECT));
    }

    /** True when {@code actor} may see {@code post} on a board they may see (its board is not checked here). */
    static boolean canSeeOnBoard(Actor actor, Post post) {
        return canSeeOnBoard(actor, post.hidden(), post.approval() == Approval.PENDING, post.createdBy());
    }

    /** As {@link #canSeeOnBoard(Actor, Post)}, from the post's state and author alone. */
    static boolean canSeeOnBoard(Actor actor, boolean hidden, boolean pending, String createdBy) {
        if ((!hidden && !pending) || actor.isAdmin()) {
            return true;
        }
        return !hidden && pending && actor.userId() != null && actor.userId().equals(createdBy);
    }

    /** True when {@code actor} may see {@code post}: its board and its state. */
    static boolean canSee(Handle h, Actor actor, Post post) {
        if (!canSeeOnBoard(actor, post)) {
            return false;
        }
        return boardById(h, post.projectId()).map(b -> canSee(h, actor, b)).orElse(false);
    }

    /** Fails with NOT_FOUND "Post not found" unless {@code actor} may see {@code post}. */
    static Post require(Handle h, Actor actor, Post post) {
        if (!canSee(h, actor, post)) {
            throw RunguException.notFound(NO_POST);
        }
        return post;
    }

    /**
     * The condition, on {@code projects} aliased {@code pr}, of the boards {@code actor} may see; binds
     * {@code :viewer} when it names it (see {@link #bindViewer}).
     */
    static String boardsSql(Actor actor) {
        if (actor.isAdmin()) {
            return "1 = 1";
        }
        if (actor.userId() == null) {
            return "pr.visibility = 'public'";
        }
        return "(pr.visibility IN ('public', 'signed_in') OR EXISTS (SELECT 1 FROM project_members m "
                + "WHERE m.project_id = pr.id AND m.user_id = :viewer))";
    }

    /** Binds {@code :viewer} for {@link #boardsSql} when the condition uses it. */
    static <Q extends org.jdbi.v3.core.statement.SqlStatement<Q>> Q bindViewer(Q query, Actor actor) {
        return !actor.isAdmin() && actor.userId() != null ? query.bind("viewer", actor.userId()) : query;
    }

    /**
     * The condition, on {@code posts} aliased {@code p}, of the posts a list shows on a board its viewer may see:
     * listed ones, and with {@code withHidden} (admins) hidden ones too. Pending posts are only in the approval
     * queue.
     */
    static String listedSql(boolean withHidden) {
        return withHidden ? "p.state <> 'pending'" : "p.state = 'listed'";
    }

    /** The condition, on {@code comments} aliased {@code c}, of the comments {@code actor} sees. */
    static String commentsSql(Actor actor) {
        return actor.isAdmin() ? "1 = 1" : "c.hidden = 0 AND c.internal = 0";
    }
}
