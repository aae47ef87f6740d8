package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.NewPost;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.Post;
import io.rungu.model.PostEdit;
import io.rungu.model.PostQuery;
import io.rungu.model.PostStatus;
import io.rungu.model.PostView;
import io.rungu.model.Range;
import io.rungu.model.RunguException;
import io.rungu.model.TimelineItem;
import io.rungu.store.internal.audit.Changes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
        this.lists = new PostLists(cx.db().dialect());
        this.kept = cx.kept();
    }

    Page<PostView> list(Actor actor, String projectSlug, PostQuery query) {
        PostQuery q = query == null ? PostQuery.newest() : query;
        if (SearchTerms.unsearchable(q.text())) {
            // Only symbols or emoji: the search finds nothing (and must not be served the unsearched list).
            return cx.db().read(h -> lists.list(h, Lookups.projectId(h, projectSlug), q, actor.userId()));
        }
        KeptReads.PageKey key = kept.pages.enabled() ? KeptReads.PageKey.of(projectSlug, q) : null;
        if (key == null) {
            return cx.db().read(h -> lists.list(h, Lookups.projectId(h, projectSlug), q, actor.userId()));
        }
        Page<PostView> page = kept.pages.getOrRead(key,
                () -> cx.db().read(h -> lists.list(h, Lookups.projectId(h, projectSlug), q, null)));
        if (actor.userId() == null || page.items().isEmpty()) {
            return page;
        }
        List<PostView> marked = cx.db().read(h -> PostReads.markVoted(h, page.items(), actor.userId()));
        return marked == page.items() ? page : new Page<>(marked, page.page(), page.perPage(), page.total());
    }

    List<PostView> similar(Actor actor, String projectSlug, String text, int limit) {
        int n = Range.SIMILAR_LIMIT.check(limit);
        return cx.db().read(h -> lists.similar(h, Lookups.projectId(h, projectSlug), text, n, actor.userId()));
    }

    void export(Actor actor, String projectSlug, Consumer<PostView> each) {
        Permissions.adminReader(actor);
        String projectId = cx.db().read(h -> Lookups.projectId(h, projectSlug));
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
            return cx.db().read(h -> PostReads.require(h, postId, actor.userId()));
        }
        PostView post = kept.posts.getOrRead(postId, () -> cx.db().read(h -> PostReads.require(h, postId, null)));
        if (actor.userId() == null) {
            return post;
        }
        return cx.db().read(h -> PostReads.markVoted(h, List.of(post), actor.userId())).get(0);
    }

    PostView create(Actor actor, String projectSlug, NewPost input) {
        Actor.Account account = Permissions.writer(actor);
        PostRules.ValidPost p = PostRules.validate(input);
        String id = cx.newId();
        Instant now = cx.now();
        return cx.db().write(h -> {
            String projectId = Lookups.projectId(h, projectSlug);
            Lookups.requireAccount(h, account.userId());
            h.createUpdate("INSERT INTO posts (id, project_id, title, description, status, category, created_by, "
                            + "created_at, updated_at) VALUES (:id, :project, :title, :description, 'open', :category, "
                            + ":user, :now, :now)")
                    .bind("id", id).bind("project", projectId).bind("title", p.title())
                    .bind("description", p.description()).bind("category", p.category().wire())
                    .bind("user", account.userId()).bind("now", now)
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
            Post post = Lookups.post(h, postId);
            boolean statusChanges = valid.status() != null && valid.status() != post.status();
            // The status rule comes first, so author and other members alike are told why a status change fails.
            if (statusChanges && !account.isAdmin()) {
                throw RunguException.forbidden("Only admins can change a post's status");
            }
            if (valid.response() != null && !account.isAdmin()) {
                throw RunguException.forbidden("Only admins can give an official response");
            }
            Permissions.ownerOrAdmin(account, post.createdBy(), "You can only edit your own posts");
            // Only the columns that are given appear in SET, so a status change never rewrites the search index.
            List<String> sets = new ArrayList<>();
            sets.add("updated_at = :now");
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
                    .bind("id", postId).bind("now", now);
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
                update.bind("doneAt", valid.status() == PostStatus.DONE ? now : null);
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
            if (statusChanges || valid.response() != null) {
                PostStatus to = statusChanges ? valid.status() : post.status();
                StatusHistory.record(h, historyId, postId, post.status(), to, valid.response(), account.userId(), now);
            }
            if (statusChanges) {
                cx.statusChanged(h, account, post, valid.status(), valid.response());
            } else if (valid.response() != null) {
                cx.audit(h, account, "post.responded", "post", postId, post.projectId(),
                        Changes.of().added("response", valid.response()));
            }
            return PostReads.require(h, postId, account.userId());
        });
    }

    Page<TimelineItem> timeline(String postId, PageRequest page) {
        return cx.db().read(h -> StatusHistory.timeline(h, postId, page));
    }

    void delete(Actor actor, String postId) {
        Actor.Account account = Permissions.writer(actor);
        cx.db().writeVoid(h -> {
            Post post = Lookups.post(h, postId);
            Permissions.ownerOrAdmin(account, post.createdBy(), "You can only delete your own posts");
            h.createUpdate("DELETE FROM posts WHERE id = :id").bind("id", postId).execute();
            cx.event(h, account, BoardEvent.Type.POST_DELETED, post.projectId(), postId, null, Changes.of()
                    .removed("title", post.title()).removed("status", post.status())
                    .removed("category", post.category()).removed("created_by", post.createdBy()));
        });
    }
}
