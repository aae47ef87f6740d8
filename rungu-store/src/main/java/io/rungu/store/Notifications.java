package io.rungu.store;

import io.rungu.model.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules of who is told what, and the queue of notifications waiting to be sent (docs/notifications.md). The
 * Board decides; a sender such as rungu-notify only claims due notifications, delivers them and reports back.
 *
 * <p>A status change tells every subscriber of the post, a new comment or reply tells the post's subscribers, a
 * new post tells whoever follows its board;
 * the actor is never told of their own action; everything that happens on one post within {@code window} of the
 * first event becomes one notification.
 */
public interface Notifications {

    /**
     * Starts turning this store's events into pending notifications (a consumer named {@code notifications};
     * several servers may call it, one plans at a time). Until the first call no notifications are made.
     *
     * @param window how long a notification collects further events on its post before it is due
     */
    EventSubscription plan(Duration window);

    /**
     * Takes up to {@code limit} due notifications for sending. Each is offered to nobody else for {@code lease};
     * unless it is then reported {@link #sent} or {@link #retryAt rescheduled}, it is offered again (a sender
     * that died mid-way). Notifications whose recipient unsubscribed or whose content is gone are dropped here.
     */
    List<Notification> claimDue(int limit, Duration lease);

    /** The notification was delivered; it is removed. */
    void sent(long id);

    /** Delivery failed; the notification is offered again at {@code at}. */
    void retryAt(long id, Instant at);
}
