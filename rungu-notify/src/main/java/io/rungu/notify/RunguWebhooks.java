package io.rungu.notify;

import io.rungu.model.BoardEvent;
import io.rungu.model.EventTopic;
import io.rungu.model.OutboundAddresses;
import io.rungu.model.WebhookMessage;
import io.rungu.model.WebhookOutcome;
import io.rungu.notify.internal.WebhookPayloads;
import io.rungu.notify.internal.WebhookSender;
import io.rungu.store.EventSubscription;
import io.rungu.store.RunguStore;
import io.rungu.store.WebhookQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a store's events to the webhook endpoints admins registered (docs/webhooks.md): it queues one message
 * per event and matching endpoint in the database (a consumer of {@code store.events()} named {@code webhooks}),
 * then sends each as a signed Standard Webhooks request, retrying failures (network errors, timeouts, non-2xx
 * answers) after {@link WebhookConfig#retryDelay}, then twice as long each time with jitter, until
 * {@link WebhookConfig#retryWindow} is over: then the message is given up and its endpoint disabled with the
 * reason. Delivery is at least once: pending messages survive a restart, every attempt carries the same
 * {@code webhook-id}, and several servers on one PostgreSQL database never send one attempt twice. Owned and
 * closed by its creator, before the store.
 *
 * <pre>{@code
 * try (RunguWebhooks webhooks = RunguWebhooks.start(store, w -> w.retryDelay = Duration.ofSeconds(5))) {
 *     ... // serve
 * }
 * }</pre>
 */
public final class RunguWebhooks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunguWebhooks.class);
    /** The event consumer's name; its position is kept in the database. */
    public static final String CONSUMER = "webhooks";
    private static final int BATCH = 50;

    private final WebhookConfig config;
    private final WebhookQueue queue;
    private final WebhookSender sender;
    private final Clock clock;
    private final Duration lease;
    private final ExecutorService pool;
    private final Thread loop;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean closed;
    private EventSubscription subscription;

    private RunguWebhooks(RunguStore store, WebhookConfig config) {
        this.config = config;
        this.queue = store.webhookQueue();
        this.clock = store.config().clock;
        this.sender = new WebhookSender(new OutboundAddresses(config.resolver, config.allowPrivate), config.tls,
                config.timeout, config.userAgent, clock);
        // Longer than any attempt can take, so a message is offered again only when its sender died.
        this.lease = config.timeout.multipliedBy(2).plusSeconds(30);
        this.pool = Executors.newFixedThreadPool(config.concurrency, r -> {
            Thread t = new Thread(r, "rungu-webhook-send");
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::run, "rungu-webhooks");
        this.loop.setDaemon(true);
    }

    /**
     * Starts queuing and sending.
     *
     * @throws IllegalArgumentException listing every configuration problem and how to fix it
     */
    public static RunguWebhooks start(RunguStore store, Consumer<WebhookConfig> configure) {
        WebhookConfig config = new WebhookConfig();
        configure.accept(config);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Rungu webhook configuration:\n  - "
                    + String.join("\n  - ", problems));
        }
        RunguWebhooks webhooks = new RunguWebhooks(store, config);
        WebhookPayloads payloads = new WebhookPayloads(store.board());
        webhooks.subscription = store.events().subscribe(CONSUMER, event -> webhooks.queue(payloads, event));
        webhooks.loop.start();
        LOG.info("Webhooks on: retried after {} ms, then doubling, for up to {}; private addresses {}",
                config.retryDelay.toMillis(), config.retryWindow, config.allowPrivate ? "allowed" : "refused");
        return webhooks;
    }

    private void queue(WebhookPayloads payloads, BoardEvent event) {
        Optional<EventTopic> topic = EventTopic.of(event.type());
        if (topic.isEmpty() || !queue.wants(event)) {
            return;
        }
        if (queue.enqueue(event, topic.get().wire(), payloads.body(event, topic.get())) > 0) {
            wake();
        }
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (!closed) {
            int sent = 0;
            try {
                sent = sendDue();
            } catch (RuntimeException e) {
                LOG.warn("Sending webhooks failed; trying again shortly: {}", e.toString());
            }
            if (sent < BATCH) {
                await();
            }
        }
    }

    /** Waits for a new message, the next due time or the poll interval, whichever comes first. */
    private void await() {
        long waitMillis = config.pollInterval.toMillis();
        try {
            Optional<Instant> next = queue.nextDue();
            if (next.isPresent()) {
                waitMillis = Math.min(waitMillis, Math.max(1, Duration.between(clock.instant(), next.get()).toMillis()));
            }
        } catch (RuntimeException e) {
            LOG.debug("Reading the next due webhook failed: {}", e.toString());
        }
        synchronized (signal) {
            long deadline = System.currentTimeMillis() + waitMillis;
            while (!woken && !closed) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
            woken = false;
        }
    }

    /** Claims what is due and sends it, several at a time; returns how many were claimed. */
    private int sendDue() {
        List<WebhookMessage> due = queue.claimDue(BATCH, lease);
        List<Future<?>> running = new ArrayList<>();
        for (WebhookMessage message : due) {
            running.add(pool.submit(() -> attempt(message)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return due.size();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("A webhook attempt failed unexpectedly: {}", e.getCause().toString());
            }
        }
        return due.size();
    }

    private void attempt(WebhookMessage message) {
        WebhookOutcome outcome = sender.send(message);
        if (outcome.succeeded()) {
            queue.delivered(message, outcome);
            return;
        }
        String failure = outcome.statusCode() != null ? "HTTP " + outcome.statusCode() : outcome.error();
        Instant now = clock.instant();
        Instant windowEnd = message.windowStart().plus(config.retryWindow);
        if (!now.isBefore(windowEnd)) {
            String reason = "Deliveries failed for " + describe(config.retryWindow) + " (" + message.attempt()
                    + " attempts); last: " + failure;
            LOG.warn("Webhook {} disabled: {}", message.webhookId(), reason);
            queue.giveUp(message, outcome, reason);
            return;
        }
        Instant next = now.plus(delay(message.attempt()));
        queue.retryAt(message, outcome, next.isAfter(windowEnd) ? windowEnd : next);
        LOG.debug("Webhook {} message {} failed ({}); retrying", message.webhookId(), message.messageId(), failure);
    }

    /** The wait after failed attempt {@code attempt}: retryDelay doubled per attempt, capped, ±20 % jitter. */
    private Duration delay(int attempt) {
        Duration delay = config.retryDelay.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30));
        if (delay.compareTo(config.maxRetryDelay) > 0 || delay.isNegative()) {
            delay = config.maxRetryDelay;
        }
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * jitter)));
    }

    private static String describe(Duration d) {
        if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() > 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }

    /** Stops queuing and sending; attempts under way finish (up to the timeout), what is pending stays queued. */
    @Override
    public void close() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        wake();
        try {
            loop.join(config.timeout.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
