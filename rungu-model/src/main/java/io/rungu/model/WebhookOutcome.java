package io.rungu.model;

import java.time.Instant;

/**
 * What one attempt to deliver a webhook message got, as a sender reports it.
 *
 * @param at         when the attempt started
 * @param statusCode the HTTP status, or null without an answer
 * @param error      why there was no answer, or null
 * @param durationMs how long it took
 * @param response   the start of the answer's body, or null
 */
public record WebhookOutcome(Instant at, Integer statusCode, String error, long durationMs, String response) {

    /** True for a 2xx answer. */
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
