package io.rungu.model;

import java.util.List;

/**
 * Input to register a webhook endpoint.
 *
 * @param url     an http or https URL, at most {@link Webhook#URL_MAX} characters, that must not resolve to a private
 *                address unless the server allows them
 * @param events  one or more event type names ({@code post.created}, ...; see {@link EventTopic#wire()})
 * @param project a board's slug to receive only its events, or null for every board
 */
public record NewWebhook(String url, List<String> events, String project) {}
