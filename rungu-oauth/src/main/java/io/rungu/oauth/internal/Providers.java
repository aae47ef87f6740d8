package io.rungu.oauth.internal;

import io.rungu.oauth.ProviderConfig;
import java.time.Clock;
import java.time.Duration;

/** Builds the provider implementation for a configuration. */
public final class Providers {
    private Providers() {}

    /** The provider; {@code redirectUri} is {@code <baseUrl>/auth/<name>/callback}. */
    public static Provider create(ProviderConfig config, String redirectUri, Duration timeout, Clock clock) {
        return switch (config.kind) {
            case GITHUB -> new GitHubProvider(config, redirectUri, timeout);
            case OIDC -> new OidcProvider(config, redirectUri, timeout, clock);
        };
    }
}
