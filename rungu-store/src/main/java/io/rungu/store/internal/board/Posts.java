package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.Limits;
import io.rungu.model.NewPost;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Post;
import io.rungu.model.PostCategory;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Range;
import io.rungu.model.RunguException;
import io.rungu.model.StatusKind;
import io.rungu.model.TimelineItem;
import io.rungu.store.internal.audit.Changes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** Posts: create, read, list, edit, delete. */
final class Posts {
    /** Posts per read of an export. */
    static final int EXPORT_PAGE = 500;

    private final Context cx;
    private final PostLists lists;
    private final KeptReads kept;

    Posts(Context cx) {
        this.cx = cx;
        this.lists = new PostLists(cx.db().dialect(), cx.kept().searches);
        this.kept = cx.kept();
    }

    Page<PostView> list(Actor actor, String projectSlug, PostQuery query) {
        PostQuery q = query == null ? PostQuery.newest() : query;
        boolean withHidden = actor.isAdmin();
        String projectId = projectId(actor, projectSlug);
        KeptReads.PageKey key = kept.pages.enabled() && !SearchTerms.unsearchable(q.text()) && !q.personal()
                ? KeptReads.PageKey.of(projectSlug, q, withHidden) : null;
        if (key == null) {
            // Only symbols or emoji: the search finds nothing (and must not be served the unsearched list).
            return cx.db().read(h -> lists.list(h, projectId, q, withHidden, actor.userId(), cx.now()));
        }
        Page<PostView> page = kept.pages.getOrRead(key,
                () -> cx.db().read(h -> lists.list(h, projectId, q, withHidden, null, cx.now())));
        if (actor.userId() == null || page.items().isEmpty()) {
            return page;
        }
        List<PostView> marked = markVoted(page.items(), actor.userId());
        return marked == page.items() ? page : new Page<>(marked, page.page(), page.perPage(), page.total());
    }

    /** The approval queue of a board (admin), oldest first. */
    Page<PostView> pending(Actor actor, String projectSlug, PageRequest page) {
        Permissions.adminReader(actor);
        return cx.db().read(h -> lists.pending(h, Lookups.projectId(h, actor, projectSlug), page, actor.userId()));
    }

    /**
     * The id of a board the actor may see. The board's visibility is kept like a list page (any write makes it
     * stale), so a kept page of a public board is served without a query; a members board asks the database
     * whether the viewer is a member each time.
     */
    private String projectId(Actor actor, String projectSlug) {
        Access.BoardAccess board = kept.boards.enabled()
                ? kept.boards.getOrRead(projectSlug, () -> cx.db().read(h -> Access.boardBySlug(h, projectSlug)
                        .orElseThrow(() -> RunguException.notFound(Access.NO_PROJECT))))
                : cx.db().read(h -> Access.boardBySlug(h, projectSlug)
                        .orElseThrow(() -> RunguException.notFound(Access.NO_PROJECT)));
        if (board.visibility() == io.rungu.model.BoardVisibility.PUBLIC
                || cx.db().read(h -> Access.canSee(h, actor, board))) {
            return board.id();
        }
        throw RunguException.notFound(Access.NO_PROJECT);
    }

    List<PostView> similar(Actor actor, String projectSlug, String text, int limit) {
        int n = Range.SIMILAR_LIMIT.check(limit);
        return cx.db().read(h -> lists.similar(h, Lookups.projectId(h, actor, projectSlug), text, n, actor.userId()));
    }

    void export(Actor actor, String projectSlug, Consumer<PostView> each) {
        Permissions.adminReader(actor);
        String projectId = cx.db().read(h -> Lookups.projectId(h, actor, projectSlug));
        Post last = null;
        while (true) {
            Post after = last;
            List<PostView> page = cx.db().read(h -> lists.after(h, projectId, after, EXPORT_PAGE));
            page.forEach(each);
            if (page.size() < EXPORT_PAGE) {
                return;
            }
            last = page.get(page.size() - 1).post();
        }
    }

    PostView get(Actor actor, String postId) {
        if (!kept.posts.enabled()) {
            return cx.db().read(h -> {
                PostView view = PostReads.require(h, postId, actor.userId());
                Access.require(h, actor, view.post());
                return view;
            });
        }
        PostView post = kept.posts.getOrRead(postId, () -> cx.db().read(h -> PostReads.require(h, postId, null)));
        // The kept post is the same for everyone; who may see it is decided on every read.
        if (!Access.canSeeOnBoard(actor, post.post()) || !canSeeBoard(actor, post.post().projectId())) {
            throw RunguException.notFound(Access.NO_POST);
        }
        if (actor.userId() == null) {
            return post;
        }
        return markVoted(List.of(post), actor.userId()).get(0);
    }

    /** The viewer's vote marks on kept posts, from the kept marks when the same viewer saw the same posts. */
    private List<PostView> markVoted(List<PostView> views, String viewerId) {
        if (!kept.marks.enabled()) {
            return cx.db().read(h -> PostReads.markVoted(h, views, viewerId));
        }
        List<String> ids = new java.util.ArrayList<>(views.size());
        for (PostView v : views) {
            ids.add(v.post().id());
        }
        java.util.Set<String> voted = kept.marks.getOrRead(new KeptReads.MarksKey(viewerId, ids),
                () -> cx.db().read(h -> PostReads.votedAmong(h, views, viewerId)));
        return PostReads.withVoted(views, voted);
    }

    /** Whether the actor may see the board with this id, reading its visibility from the kept boards. */
    private boolean canSeeBoard(Actor actor, String projectId) {
        Access.BoardAccess board = kept.boards.enabled()
                ? kept.boards.getOrRead("#" + projectId, () -> cx.db().read(h -> Access.boardById(h, projectId)
                        .orElseThrow(() -> RunguException.notFound(Access.NO_POST))))
                : cx.db().read(h -> Access.boardById(h, projectId)
                        .orElseThrow(() -> RunguException.notFound(Access.NO_POST)));
        return board.visibility() == io.rungu.model.BoardVisibility.PUBLIC
                || cx.db().read(h -> Access.canSee(h, actor, board));
    }

    PostView create(Actor actor, String projectSlug, NewPost input) {
        Actor.Account account = Permissions.contributor(actor);
        PostRules.ValidPost p = PostRules.validate(input);
        String id = cx.newId();
        Instant now = cx.now();
        return cx.db().write(h -> {
            Access.BoardAccess board = Access.board(h, account, projectSlug);
            String projectId = board.id();
            Lookups.requireAccount(h, account.userId());
            Permissions.notBlocked(h, account);
            // Members' posts on a moderated board wait for an admin; admins' posts skip the queue.
            boolean waits = board.moderation() == io.rungu.model.Moderation.NEW_POSTS && !account.isAdmin();
            PostCategory category = p.category() == null ? BoardDefinitions.defaultCategory(h, projectId)
                    : BoardDefinitions.requireCategory(h, projectId, p.category(), "category").value();
            h.createUpdate("INSERT INTO posts (id, project_id, title, description, status, category, created_by, "
                            + "created_at, updated_at, state) VALUES (:id, :project, :title, :description, :status, "
                            + ":category, :user, :now, :now, :state)")
                    .bind("id", id).bind("project", projectId).bind("title", p.title())
                    .bind("description", p.description())
                    .bind("status", BoardDefinitions.newPostStatus(h, projectId).wire())
                    .bind("category", category.wire())
                    .bind("user", account.userId()).bind("now", now).bind("state", waits ? "pending" : "listed")
                    .execute();
            Subscriptions.add(h, id, account.userId(), now);
            cx.event(h, account, BoardEvent.Type.POST_CREATED, projectId, id, null,
                    Changes.of().added("title", p.title()).added("category", p.category()));
            return PostReads.require(h, id, account.userId());
        });
    }

    PostView edit(Actor actor, String postId, PostEdit edit) {
        Actor.Account account = Permissions.writer(actor);
        PostEdit valid = PostRules.validate(edit);
        Instant now = cx.now();
        String historyId = cx.newId();
        return cx.db().write(h -> {
            Post post = Lookups.post(h, account, postId);
            Permissions.notBlocked(h, account);
            if (post.mergedInto() != null) {
                throw Lookups.merged();
            }
            boolean pins = valid.pinned() != null && valid.pinned() != post.pinned();
            boolean locks = valid.locked() != null && valid.locked() != post.locked();
            if ((valid.pinned() != null || valid.locked() != null) && !account.isAdmin()) {
                throw RunguException.forbidden("Only admins can pin or lock a post");
            }
            if (pins && valid.pinned()) {
                requirePinRoom(h, post.projectId());
            }
            boolean statusChanges = valid.status() != null && !valid.status().equals(post.status());
            // The status rule comes first, so author and other members alike are told why a status change fails.
            if (statusChanges && !account.isAdmin()) {
                throw RunguException.forbidden("Only admins can change a post's status");
            }
            if (valid.response() != null && !account.isAdmin()) {
                throw RunguException.forbidden("Only admins can give an official response");
            }
            Permissions.ownerOrAdmin(account, post.createdBy(), "You can only edit your own posts");
            StatusKind toKind = statusChanges
                    ? BoardDefinitions.requireStatus(h, post.projectId(), valid.status(), "status").kind() : null;
            if (valid.category() != null) {
                BoardDefinitions.requireCategory(h, post.projectId(), valid.category(), "category");
            }
            // Only the columns that are given appear in SET, so a status change never rewrites the search index.
            List<String> sets = new ArrayList<>();
            // Pinning and locking are moderation, not activity: alone they leave updated_at as it is.
            boolean moderationOnly = valid.title() == null && valid.description() == null && valid.category() == null
                    && valid.status() == null && valid.response() == null;
            sets.add(moderationOnly ? "updated_at = updated_at" : "updated_at = :now");
            if (pins) {
                sets.add("pinned = :pinned");
            }
            if (locks) {
                sets.add("locked = :locked");
            }
            if (valid.title() != null) {
                sets.add("title = :title");
            }
            if (valid.description() != null) {
                sets.add("description = :description");
            }
            if (valid.category() != null) {
                sets.add("category = :category");
            }
            if (statusChanges) {
                sets.add("status = :status");
                sets.add("done_at = :doneAt");
            }
            Update update = h.createUpdate("UPDATE posts SET " + String.join(", ", sets) + " WHERE id = :id")
                    .bind("id", postId);
            if (!moderationOnly) {
                update.bind("now", now);
            }
            if (pins) {
                update.bind("pinned", valid.pinned() ? 1 : 0);
            }
            if (locks) {
                update.bind("locked", valid.locked() ? 1 : 0);
            }
            if (valid.title() != null) {
                update.bind("title", valid.title());
            }
            if (valid.description() != null) {
                update.bind("description", valid.description());
            }
            if (valid.category() != null) {
                update.bind("category", valid.category().wire());
            }
            if (statusChanges) {
                update.bind("status", valid.status().wire());
                // Moving between done-kind statuses keeps the moment it first shipped.
                update.bind("doneAt", toKind != StatusKind.DONE ? null : post.doneAt() != null ? post.doneAt() : now);
            }
            update.execute();
            if (valid.title() != null || valid.description() != null || valid.category() != null) {
                cx.event(h, account, BoardEvent.Type.POST_EDITED, post.projectId(), postId, null, Changes.of()
                        .field("title", post.title(), valid.title() == null ? post.title() : valid.title())
                        .field("description", post.description(),
                                valid.description() == null ? post.description() : valid.description())
                        .field("category", post.category(),
                                valid.category() == null ? post.category() : valid.category()));
            }
            if (pins) {
                cx.event(h, account, valid.pinned() ? BoardEvent.Type.POST_PINNED : BoardEvent.Type.POST_UNPINNED,
                        post.projectId(), postId, null);
            }
            if (locks) {
                cx.event(h, account, valid.locked() ? BoardEvent.Type.POST_LOCKED : BoardEvent.Type.POST_UNLOCKED,
                        post.projectId(), postId, null);
            }
            if (statusChanges || valid.response() != null) {
                PostStatus to = statusChanges ? valid.status() : post.status();
                StatusHistory.record(h, historyId, postId, post.status(), to, valid.response(), account.userId(), now);
            }
            if (statusChanges) {
                cx.statusChanged(h, account, post, valid.status(), valid.response());
            } else if (valid.response() != null) {
                cx.responded(h, account, post, valid.response());
            }
            return PostReads.require(h, postId, account.userId());
        });
    }

    /** Refuses (CONFLICT) pinning one more post on a board that has {@link Limits#PINNED_POSTS_MAX}. */
    private static void requirePinRoom(Handle h, String projectId) {
        long pinned = h.createQuery("SELECT count(*) FROM posts WHERE project_id = :project AND pinned = 1")
                .bind("project", projectId).mapTo(Long.class).one();
        if (pinned >= Limits.PINNED_POSTS_MAX) {
            throw RunguException.conflict("A board can have at most " + Limits.PINNED_POSTS_MAX
                    + " pinned posts; unpin one first");
        }
    }

    Page<TimelineItem> timeline(Actor actor, String postId, PageRequest page) {
        return cx.db().read(h -> {
            Lookups.requirePost(h, actor, postId);
            return StatusHistory.timeline(h, postId, page, actor.isAdmin());
        });
    }

    void delete(Actor actor, String postId) {
        Actor.Account account = Permissions.writer(actor);
        cx.db().writeVoid(h -> {
            Post post = Lookups.post(h, account, postId);
            Permissions.notBlocked(h, account);
            Permissions.ownerOrAdmin(account, post.createdBy(), "You can only delete your own posts");
            h.createUpdate("DELETE FROM posts WHERE id = :id").bind("id", postId).execute();
            cx.deleted(h, account, post, Changes.of()
                    .removed("title", post.title()).removed("status", post.status())
                    .removed("category", post.category()).removed("created_by", post.createdBy()));
        });
    }

    /** Hides a listed post from everyone but admins (admin); hiding it again changes nothing. */
    PostView hide(Actor actor, String postId) {
        return changeState(actor, postId, "listed", "hidden", true, BoardEvent.Type.POST_HIDDEN,
                "Only an approved post can be hidden; approve or reject a pending post");
    }

    /** Lists a hidden post again (admin); restoring a listed post changes nothing. */
    PostView restore(Actor actor, String postId) {
        return changeState(actor, postId, "hidden", "listed", true, BoardEvent.Type.POST_RESTORED,
                "Only a hidden post can be restored; approve a pending post instead");
    }

    /** Lists a post waiting in the approval queue (admin); its board's followers are told of it now. */
    PostView approve(Actor actor, String postId) {
        return changeState(actor, postId, "pending", "listed", false, BoardEvent.Type.POST_APPROVED,
                "This post is not waiting for approval");
    }

    /** Deletes a post waiting in the approval queue (admin), with anything attached to it. */
    void reject(Actor actor, String postId) {
        Actor.Account account = Permissions.admin(actor);
        cx.db().writeVoid(h -> {
            Post post = Lookups.post(h, account, postId);
            if (post.approval() != io.rungu.model.Approval.PENDING) {
                throw RunguException.conflict("Only a post waiting for approval can be rejected; delete or hide it");
            }
            h.createUpdate("DELETE FROM posts WHERE id = :id").bind("id", postId).execute();
            cx.event(h, account, BoardEvent.Type.POST_REJECTED, post.projectId(), postId, null);
        });
    }

    /**
     * Moves a post from state {@code from} to {@code to} (admin). Already in {@code to} and {@code repeatable}:
     * nothing changes and no event is recorded. In another state: CONFLICT with {@code wrongState}.
     */
    private PostView changeState(Actor actor, String postId, String from, String to, boolean repeatable,
            BoardEvent.Type type, String wrongState) {
        Actor.Account account = Permissions.admin(actor);
        return cx.db().write(h -> {
            Post post = Lookups.post(h, account, postId);
            String state = post.hidden() ? "hidden" : post.approval() == io.rungu.model.Approval.PENDING
                    ? "pending" : "listed";
            if (state.equals(from)) {
                h.createUpdate("UPDATE posts SET state = :to WHERE id = :id").bind("to", to).bind("id", postId)
                        .execute();
                cx.event(h, account, type, post.projectId(), postId, null);
            } else if (!repeatable || !state.equals(to)) {
                throw RunguException.conflict(wrongState);
            }
            return PostReads.require(h, postId, account.userId());
        });
    }
}
