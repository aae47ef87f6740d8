package io.rungu.notify;

import io.rungu.notify.internal.SmtpServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link RunguNotify} sends email. {@link #smtpUrl}, {@link #from} and {@link #publicUrl} are required; the
 * rest has working defaults. The packaged server fills it from {@code RUNGU_SMTP_URL}, {@code RUNGU_MAIL_FROM},
 * {@code RUNGU_NOTIFY_DELAY} and {@code RUNGU_MAIL_RETRY_DELAY} (docs/configuration.md).
 */
public final class NotifyConfig {
    /**
     * The SMTP server: {@code smtp://host:port} (plain, e.g. a local relay), {@code smtp+starttls://user:pass@host:port}
     * (STARTTLS required, port 587 by default) or {@code smtps://user:pass@host:port} (TLS from the start, port
     * 465 by default). User and password are URL-encoded.
     */
    public String smtpUrl;
    /** The sender, e.g. {@code Feedback <feedback@example.com>}. */
    public String from;
    /**
     * The board's address as people reach it, with its base path and without a trailing slash, e.g.
     * {@code https://feedback.example.com/feedback}; links to posts and the unsubscribe link start with it
     * (RFC 8058 wants https for the one-click link).
     */
    public String publicUrl;
    /** How long a notification collects further events on its post before it is sent (no storm of emails). */
    public Duration window = Duration.ofMinutes(2);
    /** The wait before the first retry when sending fails; it doubles on each failure up to {@link #maxRetryDelay}. */
    public Duration retryDelay = Duration.ofSeconds(5);
    /** The longest wait between retries. */
    public Duration maxRetryDelay = Duration.ofMinutes(10);
    /** How often the sender looks for due notifications. */
    public Duration pollInterval = Duration.ofSeconds(1);
    /** Connect, read and write timeout of the SMTP connection. */
    public Duration timeout = Duration.ofSeconds(30);
    /** Most notifications claimed and sent over one SMTP connection. */
    public int batchSize = 50;

    /** Every problem with this configuration, each with how to fix it; empty when it is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (smtpUrl == null || smtpUrl.isBlank()) {
            problems.add("Set smtpUrl, e.g. smtp+starttls://user:password@smtp.example.com:587");
        } else {
            try {
                SmtpServer.parse(smtpUrl);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (from == null || from.isBlank()) {
            problems.add("Set from, the sender address, e.g. Feedback <feedback@example.com>");
        } else {
            try {
                new jakarta.mail.internet.InternetAddress(from, true);
            } catch (jakarta.mail.internet.AddressException e) {
                problems.add("from is not an email address: '" + from + "'");
            }
        }
        if (publicUrl == null || !(publicUrl.startsWith("https://") || publicUrl.startsWith("http://"))
                || publicUrl.endsWith("/")) {
            problems.add("Set publicUrl to the board's address without a trailing slash, e.g. "
                    + "https://feedback.example.com/feedback, got '" + publicUrl + "'");
        } else {
            try {
                URI.create(publicUrl);
            } catch (IllegalArgumentException e) {
                problems.add("publicUrl is not a URL: '" + publicUrl + "'");
            }
        }
        positive(problems, "window", window, true);
        positive(problems, "retryDelay", retryDelay, false);
        positive(problems, "maxRetryDelay", maxRetryDelay, false);
        positive(problems, "pollInterval", pollInterval, false);
        positive(problems, "timeout", timeout, false);
        if (retryDelay != null && maxRetryDelay != null && retryDelay.compareTo(maxRetryDelay) > 0) {
            problems.add("retryDelay must not be longer than maxRetryDelay");
        }
        if (batchSize < 1 || batchSize > 1000) {
            problems.add("batchSize must be between 1 and 1000, got " + batchSize);
        }
        return problems;
    }

    private static void positive(List<String> problems, String name, Duration value, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())
                || value.compareTo(Duration.ofDays(1)) > 0) {
            problems.add(name + " must be " + (zeroAllowed ? "zero or more" : "more than zero") + " and at most a day, got "
                    + value);
        }
    }
}
