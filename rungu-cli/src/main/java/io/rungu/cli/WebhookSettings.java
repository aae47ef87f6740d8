package io.rungu.cli;

import io.rungu.notify.WebhookConfig;
import java.time.Duration;

/**
 * Webhook settings of the packaged server: {@code RUNGU_WEBHOOKS} (on unless false), {@code RUNGU_WEBHOOK_RETRY_DELAY},
 * {@code RUNGU_WEBHOOK_RETRY_WINDOW}, {@code RUNGU_WEBHOOK_TIMEOUT} and {@code RUNGU_WEBHOOKS_ALLOW_PRIVATE} (which
 * the store also reads, to check URLs at registration).
 */
record WebhookSettings(boolean on, Duration retryDelay, Duration retryWindow, Duration timeout, boolean allowPrivate) {

    static WebhookSettings resolve(Environment env) {
        boolean on = env.get("RUNGU_WEBHOOKS").map(v -> ServerSettings.parseBoolean("RUNGU_WEBHOOKS", v)).orElse(true);
        Duration delay = env.get("RUNGU_WEBHOOK_RETRY_DELAY")
                .map(v -> ServerSettings.parseDuration("RUNGU_WEBHOOK_RETRY_DELAY", v)).orElse(Duration.ofSeconds(5));
        Duration window = env.get("RUNGU_WEBHOOK_RETRY_WINDOW")
                .map(v -> ServerSettings.parseDuration("RUNGU_WEBHOOK_RETRY_WINDOW", v)).orElse(Duration.ofHours(24));
        Duration timeout = env.get("RUNGU_WEBHOOK_TIMEOUT")
                .map(v -> ServerSettings.parseDuration("RUNGU_WEBHOOK_TIMEOUT", v)).orElse(Duration.ofSeconds(10));
        return new WebhookSettings(on, delay, window, timeout, allowPrivate(env));
    }

    /** {@code RUNGU_WEBHOOKS_ALLOW_PRIVATE}: false unless set to true. */
    static boolean allowPrivate(Environment env) {
        return env.get("RUNGU_WEBHOOKS_ALLOW_PRIVATE")
                .map(v -> ServerSettings.parseBoolean("RUNGU_WEBHOOKS_ALLOW_PRIVATE", v)).orElse(false);
    }

    void configure(WebhookConfig config) {
        config.retryDelay = retryDelay;
        config.retryWindow = retryWindow;
        config.timeout = timeout;
        config.allowPrivate = allowPrivate;
        config.userAgent = "Rungu-Webhooks/" + Version.current();
    }
}
