package io.rungu.model;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint that receives the board's events as signed HTTP requests (Standard Webhooks).
 *
 * @param id             the endpoint's id
 * @param url            where events are POSTed (http or https)
 * @param events         the event types it receives
 * @param projectSlug    the one board it receives events of, or null for every board
 * @param enabled        false once an admin paused it or its deliveries failed for the whole retry window
 * @param disabledReason why it was disabled automatically, or null
 * @param createdAt      when it was registered
 * @param updatedAt      when it last changed
 */
public record Webhook(String id, String url, List<EventTopic> events, String projectSlug, boolean enabled,
        String disabledReason, Instant createdAt, Instant updatedAt) {

    /** Most endpoints per installation: every event is matched against all of them. */
    public static final int MAX_ENDPOINTS = 20;
    /** Longest endpoint URL. */
    public static final int URL_MAX = 2_000;
    /** Attempts kept in each endpoint's delivery log. */
    public static final int LOG_SIZE = 100;
    /** Longest response snippet kept per attempt, in bytes. */
    public static final int SNIPPET_MAX_BYTES = 1_024;
    /** The type of the message "send test event" queues. */
    public static final String TEST_TYPE = "webhook.test";

    public Webhook {
        events = List.copyOf(events);
    }
}
