package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.RunguException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.jdbi.v3.core.Handle;

/**
 * Who follows which post. Authors, voters and commenters follow a post by taking part; anyone signed in can
 * follow or stop. Each subscription carries a random token, the capability in an email's one-click unsubscribe
 * link: it can remove that one subscription and nothing else.
 */
final class Subscriptions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Context cx;

    Subscriptions(Context cx) {
        this.cx = cx;
    }

    /** Subscribes {@code userId} unless subscribed; true when a subscription was added. */
    static boolean add(Handle h, String postId, String userId, Instant now) {
        return h.createUpdate("INSERT INTO post_subscriptions (post_id, user_id, token, created_at) "
                        + "VALUES (:post, :user, :token, :now) ON CONFLICT (post_id, user_id) DO NOTHING")
                .bind("post", postId).bind("user", userId).bind("token", token()).bind("now", now)
                .execute() > 0;
    }

    void subscribe(Actor actor, String postId) {
        Actor.Account account = Permissions.writer(actor);
        Instant now = cx.now();
        cx.db().writeVoid(h -> {
            String projectId = Lookups.projectOfPost(h, account, postId);
            Lookups.requireAccount(h, account.userId());
            if (add(h, postId, account.userId(), now)) {
                cx.event(h, account, BoardEvent.Type.POST_SUBSCRIBED, projectId, postId, null);
            }
        });
    }

    void unsubscribe(Actor actor, String postId) {
        Actor.Account account = Permissions.writer(actor);
        cx.db().writeVoid(h -> {
            String projectId = Lookups.projectOfPost(h, account, postId);
            int removed = h.createUpdate("DELETE FROM post_subscriptions WHERE post_id = :post AND user_id = :user")
                    .bind("post", postId).bind("user", account.userId()).execute();
            if (removed > 0) {
                cx.event(h, account, BoardEvent.Type.POST_UNSUBSCRIBED, projectId, postId, null);
            }
        });
    }

    void subscribeProject(Actor actor, String slug) {
        Actor.Account account = Permissions.admin(actor);
        Instant now = cx.now();
        cx.db().writeVoid(h -> {
            String projectId = Lookups.projectId(h, account, slug);
            Lookups.requireAccount(h, account.userId());
            int added = h.createUpdate("INSERT INTO project_subscriptions (project_id, user_id, token, created_at) "
                            + "VALUES (:project, :user, :token, :now) ON CONFLICT (project_id, user_id) DO NOTHING")
                    .bind("project", projectId).bind("user", account.userId()).bind("token", token()).bind("now", now)
                    .execute();
            if (added > 0) {
                cx.event(h, account, BoardEvent.Type.PROJECT_SUBSCRIBED, projectId, null, null);
            }
        });
    }

    void unsubscribeProject(Actor actor, String slug) {
        Actor.Account account = Permissions.writer(actor);
        cx.db().writeVoid(h -> {
            String projectId = Lookups.projectId(h, account, slug);
            int removed = h.createUpdate("DELETE FROM project_subscriptions WHERE project_id = :project AND user_id = :user")
                    .bind("project", projectId).bind("user", account.userId()).execute();
            if (removed > 0) {
                cx.event(h, account, BoardEvent.Type.PROJECT_UNSUBSCRIBED, projectId, null, null);
            }
        });
    }

    boolean isSubscribedToProject(Actor actor, String slug) {
        Actor.Account account = Permissions.signedIn(actor);
        return cx.db().read(h -> h.createQuery("SELECT 1 FROM project_subscriptions WHERE user_id = :user "
                        + "AND project_id = :project")
                .bind("user", account.userId()).bind("project", Lookups.projectId(h, account, slug))
                .mapTo(Integer.class).findOne().isPresent());
    }

    boolean isSubscribed(Actor actor, String postId) {
        if (actor.userId() == null) {
            throw RunguException.unauthenticated();
        }
        return cx.db().read(h -> {
            Lookups.requirePost(h, actor, postId);
            return h.createQuery("SELECT 1 FROM post_subscriptions WHERE post_id = :post AND user_id = :user")
                    .bind("post", postId).bind("user", actor.userId()).mapTo(Integer.class).findOne().isPresent();
        });
    }

    /** Removes the subscription the token belongs to; false when there is none (unknown, or already used). */
    boolean unsubscribeByToken(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return false;
        }
        Instant now = cx.now();
        return cx.db().write(h -> {
            var row = h.createQuery("SELECT s.post_id, s.user_id, p.project_id FROM post_subscriptions s "
                            + "JOIN posts p ON p.id = s.post_id WHERE s.token = :token")
                    .bind("token", token).mapToMap().findOne();
            if (row.isEmpty()) {
                return unsubscribeProjectByToken(h, token, now);
            }
            String postId = (String) row.get().get("post_id");
            String userId = (String) row.get().get("user_id");
            h.createUpdate("DELETE FROM post_subscriptions WHERE token = :token").bind("token", token).execute();
            // No channel: the request carried no credentials, only the link's token.
            io.rungu.store.internal.events.Outbox.append(h, cx.db().dialect(), new BoardEvent(0,
                    BoardEvent.Type.POST_UNSUBSCRIBED, now, userId, null, (String) row.get().get("project_id"),
                    postId, null, null, null, null));
            return true;
        });
    }

    private boolean unsubscribeProjectByToken(Handle h, String token, Instant now) {
        var row = h.createQuery("SELECT project_id, user_id FROM project_subscriptions WHERE token = :token")
                .bind("token", token).mapToMap().findOne();
        if (row.isEmpty()) {
            return false;
        }
        h.createUpdate("DELETE FROM project_subscriptions WHERE token = :token").bind("token", token).execute();
        io.rungu.store.internal.events.Outbox.append(h, cx.db().dialect(), new BoardEvent(0,
                BoardEvent.Type.PROJECT_UNSUBSCRIBED, now, (String) row.get().get("user_id"), null,
                (String) row.get().get("project_id"), null, null, null, null, null));
        return true;
    }

    io.rungu.model.NotificationSettings settings(Actor actor) {
        Actor.Account account = Permissions.personal(actor);
        return cx.db().read(h -> settings(h, account.userId()));
    }

    io.rungu.model.NotificationSettings updateSettings(Actor actor, io.rungu.model.NotificationSettingsEdit edit) {
        Actor.Account account = Permissions.writer(actor);
        java.util.Objects.requireNonNull(edit, "edit");
        Instant now = cx.now();
        return cx.db().write(h -> {
            Lookups.requireAccount(h, account.userId());
            io.rungu.model.NotificationSettings current = settings(h, account.userId());
            io.rungu.model.NotificationSettings next = current.with(edit);
            h.createUpdate("INSERT INTO notification_settings (user_id, status_changes, comments, replies, new_posts, "
                            + "updated_at) VALUES (:user, :status, :comments, :replies, :newPosts, :now) "
                            + "ON CONFLICT (user_id) DO UPDATE SET status_changes = excluded.status_changes, "
                            + "comments = excluded.comments, replies = excluded.replies, "
                            + "new_posts = excluded.new_posts, updated_at = excluded.updated_at")
                    .bind("user", account.userId()).bind("status", next.statusChanges() ? 1 : 0)
                    .bind("comments", next.comments() ? 1 : 0).bind("replies", next.replies() ? 1 : 0)
                    .bind("newPosts", next.newPosts() ? 1 : 0).bind("now", now).execute();
            cx.audit(h, account, "user.notifications_changed", "user", account.userId(), null,
                    io.rungu.store.internal.audit.Changes.of()
                            .field("status_changes", current.statusChanges(), next.statusChanges())
                            .field("comments", current.comments(), next.comments())
                            .field("replies", current.replies(), next.replies())
                            .field("new_posts", current.newPosts(), next.newPosts()));
            return next;
        });
    }

    private static io.rungu.model.NotificationSettings settings(Handle h, String userId) {
        return h.createQuery("SELECT status_changes, comments, replies, new_posts FROM notification_settings "
                        + "WHERE user_id = :user")
                .bind("user", userId)
                .map((rs, ctx) -> new io.rungu.model.NotificationSettings(rs.getInt(1) != 0, rs.getInt(2) != 0,
                        rs.getInt(3) != 0, rs.getInt(4) != 0))
                .findOne().orElse(io.rungu.model.NotificationSettings.ALL_ON);
    }

    /** What the token's link stops, read without changing anything; empty when unknown or used. */
    java.util.Optional<io.rungu.model.UnsubscribeLink> unsubscribeLink(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return java.util.Optional.empty();
        }
        return cx.db().read(h -> h.createQuery("SELECT pr.slug, pr.name, p.id, p.title FROM post_subscriptions s "
                                + "JOIN posts p ON p.id = s.post_id JOIN projects pr ON pr.id = p.project_id "
                                + "WHERE s.token = :token "
                                + "UNION ALL SELECT pr.slug, pr.name, NULL, NULL FROM project_subscriptions f "
                                + "JOIN projects pr ON pr.id = f.project_id WHERE f.token = :token")
                .bind("token", token)
                .map((rs, ctx) -> new io.rungu.model.UnsubscribeLink(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4)))
                .findFirst());
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
