package io.rungu.oauth;

/**
 * An enabled sign-in provider as the web app lists it.
 *
 * @param name     route name, e.g. {@code github}
 * @param label    button text, e.g. {@code GitHub}
 * @param loginUrl absolute URL that starts the sign-in ({@code <baseUrl>/auth/<name>/login})
 */
public record ProviderInfo(String name, String label, String loginUrl) {}
