package io.rungu.store;

import io.rungu.model.BoardEvent;
import io.rungu.model.WebhookMessage;
import io.rungu.model.WebhookOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The queue of webhook messages, for a sender: it queues a message per event and matching endpoint, claims due
 * messages, sends them and reports back. Messages live in the database, so they survive a restart; several
 * servers on one PostgreSQL database never claim one message at the same time ({@code FOR UPDATE SKIP LOCKED}).
 */
public interface WebhookQueue {

    /** True when an enabled endpoint wants this event (its type, and its board when the endpoint names one). */
    boolean wants(BoardEvent event);

    /**
     * Queues {@code body} for every enabled endpoint that wants the event, due now. Queuing the same event again
     * (a sender that restarted mid-way) adds nothing.
     *
     * @param type the event's wire type ({@code post.created}), which decides who wants it
     * @return how many messages were queued
     */
    int enqueue(BoardEvent event, String type, String body);

    /**
     * Takes up to {@code limit} (1..1000) due messages of enabled endpoints; each is offered to nobody else for
     * {@code lease} and is offered again after it unless reported.
     */
    List<WebhookMessage> claimDue(int limit, Duration lease);

    /** The earliest time a pending message of an enabled endpoint is due, if any; for a sender's sleep. */
    java.util.Optional<Instant> nextDue();

    /** The attempt succeeded: logged, and the message is done. */
    void delivered(WebhookMessage message, WebhookOutcome outcome);

    /** The attempt failed: logged, and the message is offered again at {@code at}. */
    void retryAt(WebhookMessage message, WebhookOutcome outcome, Instant at);

    /**
     * The attempt failed and the retry window is over: logged, the message is given up and its endpoint disabled
     * with {@code reason}, which the admin sees.
     */
    void giveUp(WebhookMessage message, WebhookOutcome outcome, String reason);
}
