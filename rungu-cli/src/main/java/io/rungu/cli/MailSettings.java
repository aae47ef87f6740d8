package io.rungu.cli;

import io.rungu.notify.NotifyConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Email settings of the packaged server: {@code RUNGU_SMTP_URL} and {@code RUNGU_MAIL_FROM} turn email on;
 * {@code RUNGU_NOTIFY_DELAY} and {@code RUNGU_MAIL_RETRY_DELAY} tune it.
 *
 * @param smtpUrl    the SMTP server URL
 * @param from       the sender address
 * @param window     how long a notification collects events on its post
 * @param retryDelay  the first wait after a failed send
 * @param emailSignIn whether people may sign in with a link mailed to them ({@code RUNGU_EMAIL_SIGNIN}, default on)
 */
record MailSettings(String smtpUrl, String from, Duration window, Duration retryDelay, boolean emailSignIn) {
    private static final Duration MIN_POLL = Duration.ofMillis(50);

    /** The settings, or empty when email is off (no {@code RUNGU_SMTP_URL}). */
    static Optional<MailSettings> resolve(Environment env) {
        Optional<String> url = env.get("RUNGU_SMTP_URL");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String from = env.get("RUNGU_MAIL_FROM").orElseThrow(() -> new CliException(ExitCode.INVALID,
                "RUNGU_SMTP_URL is set but RUNGU_MAIL_FROM is not: set the sender, e.g. "
                        + "RUNGU_MAIL_FROM='Feedback <feedback@example.com>'"));
        Duration window = env.get("RUNGU_NOTIFY_DELAY")
                .map(v -> ServerSettings.parseDuration("RUNGU_NOTIFY_DELAY", v)).orElse(Duration.ofMinutes(2));
        Duration retry = env.get("RUNGU_MAIL_RETRY_DELAY")
                .map(v -> ServerSettings.parseDuration("RUNGU_MAIL_RETRY_DELAY", v)).orElse(Duration.ofSeconds(5));
        boolean signIn = env.get("RUNGU_EMAIL_SIGNIN")
                .map(v -> ServerSettings.parseBoolean("RUNGU_EMAIL_SIGNIN", v)).orElse(true);
        return Optional.of(new MailSettings(url.get(), from, window, retry, signIn));
    }

    /** Fills the notifier's configuration; links start with {@code publicUrl}. */
    void configure(NotifyConfig config, String publicUrl) {
        config.smtpUrl = smtpUrl;
        config.from = from;
        config.publicUrl = publicUrl;
        config.window = window;
        config.retryDelay = retryDelay;
        if (config.maxRetryDelay.compareTo(retryDelay) < 0) {
            config.maxRetryDelay = retryDelay;
        }
        // Due notifications are looked for this often: never less often than the shortest delay asks for, so a
        // retry delay or window of a few hundred milliseconds is kept (bounded below, an idle poll is a read).
        Duration shortest = retryDelay;
        if (!window.isZero() && window.compareTo(shortest) < 0) {
            shortest = window;
        }
        if (shortest.compareTo(config.pollInterval) < 0) {
            config.pollInterval = shortest.compareTo(MIN_POLL) < 0 ? MIN_POLL : shortest;
        }
    }

    @Override
    public String toString() {
        return "MailSettings[from=" + from + "]"; // the URL may hold a password
    }
}
