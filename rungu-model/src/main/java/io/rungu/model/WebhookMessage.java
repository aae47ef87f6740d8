package io.rungu.model;

import java.time.Instant;

/**
 * A webhook message claimed for sending: what to POST where, and how to sign it.
 *
 * @param deliveryId  the delivery's id
 * @param webhookId   the endpoint's id
 * @param messageId   the {@code webhook-id} header, the same on every attempt
 * @param type        the event type
 * @param url         the endpoint's URL at the time of the claim
 * @param secret      the endpoint's signing secret ({@code whsec_...})
 * @param body        the JSON body, the same on every attempt
 * @param attempt     1 for the first attempt, 2 for the first retry, ...
 * @param windowStart when retrying began: the message is given up a retry window after it
 */
public record WebhookMessage(long deliveryId, String webhookId, String messageId, String type, String url,
        String secret, String body, int attempt, Instant windowStart) {}
