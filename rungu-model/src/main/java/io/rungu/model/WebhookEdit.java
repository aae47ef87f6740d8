package io.rungu.model;

import java.util.List;

/**
 * Changes to a webhook endpoint; a null field is left as it is.
 *
 * @param url     a new URL (checked as at registration)
 * @param events  the new set of event type names
 * @param project a board's slug, or the empty string for every board
 * @param enabled false pauses deliveries; true resumes them (and clears an automatic disabling's reason)
 */
public record WebhookEdit(String url, List<String> events, String project, Boolean enabled) {}
