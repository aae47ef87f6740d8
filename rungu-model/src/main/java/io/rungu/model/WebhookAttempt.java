package io.rungu.model;

import java.time.Instant;

/**
 * One attempt to deliver a message to a webhook endpoint, as its delivery log shows it.
 *
 * @param id          the attempt's id, increasing
 * @param deliveryId  the delivery (message) it belongs to, for "redeliver"; null once that delivery is gone
 * @param messageId   the {@code webhook-id} header, the same on every attempt of one message
 * @param type        the event type ({@code post.created}, or {@link Webhook#TEST_TYPE})
 * @param at          when the attempt started
 * @param statusCode  the HTTP status answered, or null when there was no answer
 * @param error       why it failed without an answer (timeout, connection refused, refused address), or null
 * @param durationMs  how long it took
 * @param response    the start of the answer's body (at most {@link Webhook#SNIPPET_MAX_BYTES} bytes), or null
 * @param succeeded   true for a 2xx answer
 */
public record WebhookAttempt(long id, Long deliveryId, String messageId, String type, Instant at, Integer statusCode,
        String error, long durationMs, String response, boolean succeeded) {}
