package io.rungu.store.internal.events;

import io.rungu.model.BoardEvent;
import io.rungu.model.Notification;
import io.rungu.store.EventSubscription;
import io.rungu.store.Notifications;
import io.rungu.store.internal.board.Access;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/** Plans notifications from events (fan-out to subscribers, one open notification per person and post). */
public final class NotificationService implements Notifications {
    static final String CONSUMER = "notifications";
    private static final String NEW_POSTS_WANTED = " AND NOT EXISTS (SELECT 1 FROM notification_settings ns "
            + "WHERE ns.user_id = f.user_id AND ns.new_posts = 0)";
    private final Database db;
    private final Dispatcher dispatcher;
    private final Clock clock;

    public NotificationService(Database db, Dispatcher dispatcher, Clock clock) {
        this.db = db;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    @Override
    public EventSubscription plan(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isNegative()) {
            throw new IllegalArgumentException("window must not be negative");
        }
        return dispatcher.subscribeInTransaction(CONSUMER, (h, event) -> plan(h, event, window));
    }

    private void plan(Handle h, BoardEvent event, Duration window) {
        switch (event.type()) {
            case POST_STATUS_CHANGED, POST_RESPONDED, POST_MERGED ->
                    planForFollowers(h, event, window, "ns.status_changes = 0", null);
            case COMMENT_CREATED -> {
                // A reply to someone follows their "replies" switch; every other follower's is "comments".
                String repliedTo = h.createQuery("SELECT pc.created_by FROM comments c "
                                + "JOIN comments pc ON pc.id = c.parent_id WHERE c.id = :comment")
                        .bind("comment", event.commentId()).mapTo(String.class).findOne().orElse(null);
                if (repliedTo == null) {
                    planForFollowers(h, event, window, "ns.comments = 0", null);
                } else {
                    planForFollowers(h, event, window,
                            "(CASE WHEN ns.user_id = :repliedTo THEN ns.replies ELSE ns.comments END) = 0", repliedTo);
                }
            }
            case POST_CREATED, POST_APPROVED -> planNewPost(h, event, window);
            default -> {
                // no one is emailed about other kinds
            }
        }
    }

    /**
     * Tells the post's followers (except the actor) who have not turned this kind off: {@code off} is a constant
     * condition on their settings row {@code ns}, never input.
     */
    private static void planForFollowers(Handle h, BoardEvent event, Duration window, String off, String repliedTo) {
        String wanted = " AND NOT EXISTS (SELECT 1 FROM notification_settings ns WHERE ns.user_id = s.user_id AND "
                + off + ")";
        // An internal note is told to admins only.
        String audience = event.type() == BoardEvent.Type.COMMENT_CREATED && internal(h, event.commentId())
                ? " AND u.role = 'admin'" : "";
        String actor = event.actorId() == null ? "" : event.actorId();
        var open = h.createUpdate("INSERT INTO notifications (user_id, post_id, open, due_at, attempts) "
                        + "SELECT s.user_id, s.post_id, 1, :due, 0 FROM post_subscriptions s "
                        + "JOIN users u ON u.id = s.user_id "
                        + "WHERE s.post_id = :post AND s.user_id <> :actor AND u.email IS NOT NULL" + wanted + audience
                        + " AND " + Access.userMaySeePostSql("s.user_id", "s.post_id")
                        + " ON CONFLICT (user_id, post_id) WHERE open = 1 DO NOTHING")
                .bind("due", Timestamps.truncate(event.at().plus(window))).bind("post", event.postId())
                .bind("actor", actor);
        var collect = h.createUpdate("INSERT INTO notification_events (notification_id, seq) "
                        + "SELECT n.id, :seq FROM notifications n JOIN post_subscriptions s "
                        + "ON s.user_id = n.user_id AND s.post_id = n.post_id JOIN users u ON u.id = n.user_id "
                        + "WHERE n.post_id = :post AND n.open = 1 AND n.user_id <> :actor" + wanted + audience
                        + " ON CONFLICT (notification_id, seq) DO NOTHING")
                .bind("seq", event.sequence()).bind("post", event.postId()).bind("actor", actor);
        if (repliedTo != null) {
            open.bind("repliedTo", repliedTo);
            collect.bind("repliedTo", repliedTo);
        }
        open.execute();
        collect.execute();
    }

    private static boolean internal(Handle h, String commentId) {
        return h.createQuery("SELECT internal FROM comments WHERE id = :id").bind("id", commentId)
                .mapTo(Integer.class).findOne().orElse(0) != 0;
    }

    /**
     * A new post tells whoever follows its board, except its author; a post that waits for approval tells nobody
     * until it is approved (then its {@code POST_APPROVED} event plans it).
     */
    private static void planNewPost(Handle h, BoardEvent event, Duration window) {
        boolean listed = h.createQuery("SELECT 1 FROM posts WHERE id = :post AND state = 'listed'")
                .bind("post", event.postId()).mapTo(Integer.class).findOne().isPresent();
        if (!listed) {
            return;
        }
        // An approved post's author did not approve it: they are the only follower left out.
        String actor = event.type() == BoardEvent.Type.POST_APPROVED
                ? h.createQuery("SELECT created_by FROM posts WHERE id = :post").bind("post", event.postId())
                        .mapTo(String.class).one()
                : event.actorId() == null ? "" : event.actorId();
        h.createUpdate("INSERT INTO notifications (user_id, post_id, open, due_at, attempts) "
                        + "SELECT f.user_id, :post, 1, :due, 0 FROM project_subscriptions f "
                        + "JOIN users u ON u.id = f.user_id "
                        + "WHERE f.project_id = :project AND f.user_id <> :actor AND u.email IS NOT NULL"
                        + NEW_POSTS_WANTED + " AND " + Access.userMaySeePostSql("f.user_id", ":post")
                        + " ON CONFLICT (user_id, post_id) WHERE open = 1 DO NOTHING")
                .bind("due", Timestamps.truncate(event.at().plus(window))).bind("post", event.postId())
                .bind("project", event.projectId()).bind("actor", actor).execute();
        h.createUpdate("INSERT INTO notification_events (notification_id, seq) "
                        + "SELECT n.id, :seq FROM notifications n JOIN project_subscriptions f "
                        + "ON f.user_id = n.user_id AND f.project_id = :project "
                        + "WHERE n.post_id = :post AND n.open = 1 AND n.user_id <> :actor" + NEW_POSTS_WANTED
                        + " ON CONFLICT (notification_id, seq) DO NOTHING")
                .bind("seq", event.sequence()).bind("post", event.postId()).bind("project", event.projectId())
                .bind("actor", actor).execute();
    }

    @Override
    public List<Notification> claimDue(int limit, Duration lease) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        Instant now = Timestamps.truncate(clock.instant());
        // Look before writing: an idle poll must not write (a write drops what the Board keeps for reads).
        if (db.read(h -> h.createQuery("SELECT 1 FROM notifications WHERE due_at <= :now LIMIT 1").bind("now", now)
                .mapTo(Integer.class).findOne()).isEmpty()) {
            return List.of();
        }
        return db.write(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM notifications WHERE due_at <= :now ORDER BY due_at, id "
                            + "LIMIT :limit" + db.dialect().skipLockedRows())
                    .bind("now", now).bind("limit", limit).mapTo(Long.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            h.createUpdate("UPDATE notifications SET open = 0, attempts = attempts + 1, due_at = :until "
                            + "WHERE id IN (<ids>)")
                    .bind("until", now.plus(lease)).bindList("ids", ids).execute();
            Map<Long, List<Notification.Item>> items = items(h, ids);
            List<Notification> claimed = new ArrayList<>();
            List<Long> dropped = new ArrayList<>();
            h.createQuery("SELECT n.id, n.attempts, n.user_id, u.email, u.name AS user_name, p.id AS post_id, "
                            + "p.title, pr.slug, pr.name AS project_name, coalesce(s.token, f.token) AS token "
                            + "FROM notifications n "
                            + "JOIN users u ON u.id = n.user_id JOIN posts p ON p.id = n.post_id "
                            + "JOIN projects pr ON pr.id = p.project_id "
                            + "LEFT JOIN post_subscriptions s ON s.post_id = n.post_id AND s.user_id = n.user_id "
                            + "LEFT JOIN project_subscriptions f ON f.project_id = p.project_id AND f.user_id = n.user_id "
                            + "WHERE n.id IN (<ids>) AND " + Access.userMaySeePostSql("n.user_id", "n.post_id")
                            + " ORDER BY n.due_at, n.id")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> {
                        long id = rs.getLong("id");
                        List<Notification.Item> list = items.getOrDefault(id, List.of());
                        String token = rs.getString("token");
                        String email = rs.getString("email");
                        if (token == null || email == null || list.isEmpty()) {
                            dropped.add(id); // unsubscribed, no address any more, or nothing left to tell
                            return null;
                        }
                        return new Notification(id, rs.getInt("attempts"), rs.getString("user_id"), email,
                                rs.getString("user_name"), rs.getString("slug"), rs.getString("project_name"),
                                rs.getString("post_id"), rs.getString("title"), token, list);
                    })
                    .forEach(n -> {
                        if (n != null) {
                            claimed.add(n);
                        }
                    });
            List<Long> gone = new ArrayList<>(ids);
            claimed.forEach(n -> gone.remove(n.id()));
            if (!gone.isEmpty()) {
                h.createUpdate("DELETE FROM notifications WHERE id IN (<ids>)").bindList("ids", gone).execute();
            }
            return claimed;
        });
    }

    /** The events of each notification with who did them; comments deleted since are left out. */
    private static Map<Long, List<Notification.Item>> items(Handle h, List<Long> ids) {
        Map<Long, List<Notification.Item>> items = new HashMap<>();
        OutboxDao.EventMapper events = new OutboxDao.EventMapper();
        h.createQuery("SELECT ne.notification_id, o.*, au.name AS actor_name, c.content AS comment_content, "
                        + "tp.title AS target_title "
                        + "FROM notification_events ne JOIN outbox o ON o.seq = ne.seq "
                        + "LEFT JOIN users au ON au.id = o.actor_id "
                        + "LEFT JOIN comments c ON c.id = o.comment_id AND c.hidden = 0 "
                        + "LEFT JOIN posts tp ON tp.id = o.target_post_id "
                        + "WHERE ne.notification_id IN (<ids>) ORDER BY o.seq")
                .bindList("ids", ids)
                .map((rs, ctx) -> {
                    BoardEvent event = events.map(rs, ctx);
                    String content = rs.getString("comment_content");
                    if (event.type() == BoardEvent.Type.COMMENT_CREATED && content == null) {
                        return null;
                    }
                    String actorName = rs.getString("actor_name");
                    items.computeIfAbsent(rs.getLong("notification_id"), k -> new ArrayList<>())
                            .add(new Notification.Item(event, actorName == null ? "" : actorName, content,
                                    rs.getString("target_title")));
                    return null;
                })
                .list();
        return items;
    }

    @Override
    public void sent(long id) {
        db.writeVoid(h -> h.createUpdate("DELETE FROM notifications WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public void retryAt(long id, Instant at) {
        db.writeVoid(h -> h.createUpdate("UPDATE notifications SET due_at = :at WHERE id = :id")
                .bind("at", Timestamps.truncate(at)).bind("id", id).execute());
    }
}
