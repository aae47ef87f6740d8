package io.rungu.notify;

import io.rungu.notify.internal.Mailer;
import io.rungu.notify.internal.SmtpServer;
import io.rungu.store.EventSubscription;
import io.rungu.store.RunguStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email notifications for a store: turns the board's events into notifications (the store's rules: who follows
 * what, never the actor, one email per post per window) and sends them over SMTP, retrying while the server is
 * down. Pending notifications live in the database, so nothing is lost across a restart, and several servers on
 * one PostgreSQL database send each one once. Owned and closed by its creator, before the store.
 *
 * <pre>{@code
 * try (RunguNotify notify = RunguNotify.start(store, n -> {
 *         n.smtpUrl = "smtp+starttls://user:password@smtp.example.com:587";
 *         n.from = "Feedback <feedback@example.com>";
 *         n.publicUrl = "https://feedback.example.com";
 *     })) {
 *     ... // serve
 * }
 * }</pre>
 */
public final class RunguNotify implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunguNotify.class);

    private final EventSubscription planning;
    private final ScheduledExecutorService sender;
    private final Mailer mailer;

    private RunguNotify(EventSubscription planning, ScheduledExecutorService sender, Mailer mailer) {
        this.planning = planning;
        this.sender = sender;
        this.mailer = mailer;
    }

    /**
     * Mails a one-time sign-in link on the mail thread and returns at once; fits
     * {@code AuthConfig.emailSignIn} of rungu-oauth. A failed send is logged, not retried: the person asks again.
     */
    public void sendSignInLink(String email, String link) {
        try {
            sender.execute(() -> mailer.sendSignInLink(email, link));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.warn("Not sending a sign-in link: email is shutting down");
        }
    }

    /**
     * Starts planning and sending.
     *
     * @throws IllegalArgumentException listing every configuration problem and how to fix it
     */
    public static RunguNotify start(RunguStore store, Consumer<NotifyConfig> configure) {
        NotifyConfig config = new NotifyConfig();
        configure.accept(config);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Rungu email configuration:\n  - " + String.join("\n  - ", problems));
        }
        SmtpServer server = SmtpServer.parse(config.smtpUrl);
        Mailer mailer = new Mailer(store.notifications(), server, config.timeout, config.from, config.publicUrl,
                config.retryDelay, config.maxRetryDelay, config.batchSize, store.config().clock);
        EventSubscription planning = store.notifications().plan(config.window);
        ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rungu-mail");
            t.setDaemon(true);
            return t;
        });
        sender.scheduleWithFixedDelay(() -> {
            try {
                while (mailer.sendDue() == config.batchSize && !sender.isShutdown()) {
                    // a full batch: more may be due
                }
            } catch (RuntimeException e) {
                LOG.warn("Sending notifications failed; trying again shortly: {}", e.toString());
            }
        }, 0, config.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Email notifications on: {} via {}, sent {} s after the first event on a post", config.from, server,
                config.window.toSeconds());
        return new RunguNotify(planning, sender, mailer);
    }

    /** Stops planning and sending; what is pending stays in the database for the next start. */
    @Override
    public void close() {
        planning.close();
        sender.shutdown();
        try {
            if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
