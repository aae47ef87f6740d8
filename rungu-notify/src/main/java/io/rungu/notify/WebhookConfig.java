package io.rungu.notify;

import io.rungu.model.OutboundAddresses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link RunguWebhooks} delivers webhook messages. Every field has a usable default.
 */
public final class WebhookConfig {
    /** Wait before the first retry of a failed attempt; each further retry waits twice as long, with jitter. */
    public Duration retryDelay = Duration.ofSeconds(5);
    /** Longest single wait between two attempts. */
    public Duration maxRetryDelay = Duration.ofHours(6);
    /**
     * How long a message is retried before it is given up and its endpoint disabled (24 hours, as the Standard
     * Webhooks guidance suggests).
     */
    public Duration retryWindow = Duration.ofHours(24);
    /** Connect and answer timeout of one attempt; a slower answer counts as a failure. */
    public Duration timeout = Duration.ofSeconds(10);
    /** How often due messages are looked for when nothing wakes the sender (new messages wake it at once). */
    public Duration pollInterval = Duration.ofSeconds(1);
    /** Messages sent at the same time, each to its own endpoint connection. */
    public int concurrency = 4;
    /**
     * True lets endpoints resolve to loopback, private and link-local addresses; keep it equal to the store's
     * {@code StoreConfig.webhooksAllowPrivate}, which checks at registration what this checks before each attempt.
     */
    public boolean allowPrivate = false;
    /**
     * How host names are resolved for the private-address check before each attempt; the attempt connects to an
     * address this returned, never resolving the name again (through a JVM-wide HTTP proxy, the proxy resolves it).
     * Tests inject one.
     */
    public OutboundAddresses.Resolver resolver = OutboundAddresses.SYSTEM;
    /** The TLS context of https endpoints (which certificates are trusted); null for the JVM's default. */
    public javax.net.ssl.SSLContext tls = null;
    /** The {@code User-Agent} of every request. */
    public String userAgent = "Rungu-Webhooks";

    /** Every problem with this configuration, each with how to fix it; empty when it is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        between(problems, "retryDelay", retryDelay, Duration.ofMillis(10), Duration.ofHours(1));
        between(problems, "maxRetryDelay", maxRetryDelay, Duration.ofMillis(10), Duration.ofDays(1));
        between(problems, "retryWindow", retryWindow, Duration.ofMillis(100), Duration.ofDays(7));
        between(problems, "timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(5));
        between(problems, "pollInterval", pollInterval, Duration.ofMillis(10), Duration.ofMinutes(10));
        if (concurrency < 1 || concurrency > 64) {
            problems.add("concurrency must be between 1 and 64, got " + concurrency);
        }
        if (resolver == null) {
            problems.add("resolver must not be null (OutboundAddresses.SYSTEM resolves through the JDK)");
        }
        if (userAgent == null || userAgent.isBlank() || userAgent.length() > 200) {
            problems.add("userAgent must be 1..200 characters");
        }
        return problems;
    }

    private static void between(List<String> problems, String name, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problems.add(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
