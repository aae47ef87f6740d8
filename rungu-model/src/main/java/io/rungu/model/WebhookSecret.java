package io.rungu.model;

/**
 * A webhook endpoint with its signing secret, returned only when the secret is made (at registration and on
 * rotation): it is never shown again.
 *
 * @param webhook the endpoint
 * @param secret  {@code whsec_} followed by the base64 of 32 random bytes; the bytes are the HMAC-SHA256 key
 */
public record WebhookSecret(Webhook webhook, String secret) {}
