package io.rungu.store.internal.events;

import io.rungu.model.BoardEvent;
import io.rungu.store.EventListener;
import io.rungu.store.EventSubscription;
import io.rungu.store.Events;
import io.rungu.store.internal.db.Database;
import io.rungu.store.internal.db.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the outbox to its consumers on one thread per store, started by the first subscription. Each consumer's
 * position is a row of {@code event_consumers}; where several servers share the database, a consumer's batch is
 * delivered while its row is locked ({@code FOR UPDATE SKIP LOCKED}), so one server at a time delivers a name
 * and the others skip it. Where the dialect has no such lock (SQLite, one server), the batch is read, delivered
 * and the position saved in its own short write, so a listener never holds up the single writer.
 */
public final class Dispatcher implements Events, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final int BATCH = 100;
    private static final Duration MAX_RETRY = Duration.ofMinutes(10);
    private static final long WATCH_NANOS = Duration.ofMillis(20).toNanos();

    private final Database db;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration retention;
    /** How long audit entries are kept; null keeps them forever. */
    private final Duration auditRetention;
    private long prunedAt = System.nanoTime();
    private final Map<String, Delivery> consumers = new ConcurrentHashMap<>();
    private final java.util.Set<Tail> tails = ConcurrentHashMap.newKeySet();
    /** The newest event handed to the tails, read by the event thread only once a tail exists; -1 before. */
    private long tailPosition = -1;
    private final Object signal = new Object();
    /** Set by {@link #wake()} under {@link #signal}: stop waiting now (a new subscription, or closing). */
    private boolean woken;
    private Thread thread;
    private volatile boolean closed;

    public Dispatcher(Database db, Clock clock, Duration pollInterval, Duration retention) {
        this(db, clock, pollInterval, retention, null);
    }

    /** As above, also deleting audit entries older than {@code auditRetention} (null: keep them forever). */
    public Dispatcher(Database db, Clock clock, Duration pollInterval, Duration retention, Duration auditRetention) {
        this.db = db;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.retention = retention;
        this.auditRetention = auditRetention;
    }

    /** Deletes events older than the retention, and audit entries older than theirs, in batches; returns how many went. */
    public int prune() {
        java.time.Instant cutoff = now().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = db.write(h -> h.createUpdate(OutboxDao.PRUNE).bind("cutoff", cutoff).bind("limit", 10_000)
                    .execute());
            total += deleted;
        } while (deleted == 10_000);
        return total + pruneAudit();
    }

    /** Deletes audit entries older than their retention, in batches; returns how many went. */
    private int pruneAudit() {
        if (auditRetention == null) {
            return 0;
        }
        java.time.Instant cutoff = now().minus(auditRetention);
        int total = 0;
        int deleted;
        do {
            deleted = db.write(h -> io.rungu.store.internal.audit.AuditLog.prune(h, cutoff, 10_000));
            total += deleted;
        } while (deleted == 10_000);
        return total;
    }

    @Override
    public EventSubscription subscribe(String consumer, EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        return register(consumer, new Delivery(consumer) {
            @Override
            Outcome deliver() {
                return deliverTo(name, listener);
            }
        });
    }

    /**
     * Registers a consumer that handles each event inside the transaction that moves its position, so it sees
     * each event exactly once even across crashes; for the store's own consumers, whose work is database writes.
     */
    public EventSubscription subscribeInTransaction(String consumer, BiConsumer<Handle, BoardEvent> handler) {
        Objects.requireNonNull(handler, "handler");
        return register(consumer, new Delivery(consumer) {
            @Override
            Outcome deliver() {
                return deliverInTransaction(name, handler);
            }
        });
    }

    @Override
    public EventSubscription tail(EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        long from = db.read(h -> h.attach(OutboxDao.class).newest());
        Tail tail = new Tail(listener, from);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The store is closed");
            }
            tails.add(tail);
            start();
        }
        wake();
        return () -> tails.remove(tail);
    }

    /** One in-process listener of every new event, and the newest event before it was added. */
    private record Tail(EventListener listener, long from) {}

    /** Hands events after the tail position to every tail; true when a full batch came and more may wait. */
    private boolean deliverToTails() {
        if (tails.isEmpty()) {
            tailPosition = -1;
            return false;
        }
        if (tailPosition < 0) {
            tailPosition = tails.stream().mapToLong(Tail::from).min().orElse(0);
        }
        List<BoardEvent> events;
        try {
            events = db.read(h -> h.attach(OutboxDao.class).after(tailPosition, BATCH));
        } catch (RuntimeException e) {
            LOG.warn("Reading events for the live tails failed: {}", e.toString());
            return false;
        }
        for (BoardEvent event : events) {
            for (Tail tail : tails) {
                if (event.sequence() > tail.from()) {
                    try {
                        tail.listener().onEvent(event);
                    } catch (Exception e) {
                        LOG.warn("An event tail failed on event {}: {}", event.sequence(), e.toString());
                    }
                }
            }
            tailPosition = event.sequence();
        }
        return events.size() == BATCH;
    }

    @Override
    public List<BoardEvent> after(long sequence, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        return db.read(h -> h.attach(OutboxDao.class).after(sequence, limit));
    }

    private synchronized EventSubscription register(String name, Delivery delivery) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("A consumer name must be 1..100 characters");
        }
        if (closed) {
            throw new IllegalStateException("The store is closed");
        }
        db.writeVoid(h -> h.attach(OutboxDao.class).register(name, now()));
        if (consumers.putIfAbsent(name, delivery) != null) {
            throw new IllegalStateException("Consumer '" + name + "' is subscribed already");
        }
        start();
        wake();
        return () -> {
            consumers.remove(name, delivery);
            delivery.cancel();
            wake();
        };
    }

    /** Starts the event thread, and the watch for other servers' events, once. */
    private synchronized void start() {
        if (thread == null) {
            db.watchOtherServers();
            thread = new Thread(this::run, "rungu-events");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        while (!closed) {
            boolean more = false;
            for (Delivery delivery : consumers.values()) {
                if (closed) {
                    return;
                }
                if (System.nanoTime() - delivery.retryAt < 0) {
                    continue;
                }
                more |= delivery.attempt();
            }
            more |= deliverToTails();
            if (!more) {
                pruneHourly();
                await();
            }
        }
    }

    private void pruneHourly() {
        if (System.nanoTime() - prunedAt > Duration.ofHours(1).toNanos()) {
            prunedAt = System.nanoTime();
            try {
                prune();
            } catch (RuntimeException e) {
                LOG.warn("Deleting old events failed: {}", e.toString());
            }
        }
    }

    /** Waits for a write through this store, a new subscription, or the poll interval. */
    private void await() {
        long generation = db.writeGeneration();
        long deadline = System.nanoTime() + pollInterval.toNanos();
        synchronized (signal) {
            while (!closed && db.writeGeneration() == generation && deadline - System.nanoTime() > 0) {
                try {
                    signal.wait(Math.max(1, WATCH_NANOS / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
                if (woken) {
                    woken = false;
                    return;
                }
            }
        }
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /**
     * True when events wait beyond the consumer's position. A read, so an idle poll writes nothing: a write would
     * move the write generation, drop what the Board keeps and wake this thread again at once.
     */
    private boolean pending(String name) {
        return db.read(h -> {
            OutboxDao dao = h.attach(OutboxDao.class);
            Optional<Long> position = dao.position(name, "");
            return position.isPresent() && dao.newest() > position.get();
        });
    }

    private Outcome deliverTo(String name, EventListener listener) {
        if (!pending(name)) {
            return Outcome.NONE;
        }
        String lock = db.dialect().skipLockedRows();
        if (lock.isEmpty()) {
            // One server: read, deliver, then save the position, never holding the single writer meanwhile.
            Optional<Long> position = db.read(h -> h.attach(OutboxDao.class).position(name, ""));
            if (position.isEmpty()) {
                return Outcome.NONE;
            }
            List<BoardEvent> events = db.read(h -> h.attach(OutboxDao.class).after(position.get(), BATCH));
            Outcome outcome = handOver(events, listener, position.get());
            if (outcome.reached() != position.get()) {
                // Grouped: it shares the next vote batch's transaction, and keeps the session cache (it changes
                // no account), where a write of its own after every batch made each request read its session.
                db.writeGrouped(h -> h.attach(OutboxDao.class).advance(name, position.get(), outcome.reached(), now()));
            }
            return outcome;
        }
        return db.write(h -> {
            OutboxDao dao = h.attach(OutboxDao.class);
            Optional<Long> position = dao.position(name, lock);
            if (position.isEmpty()) {
                return Outcome.NONE; // another server is delivering this consumer's events
            }
            Outcome outcome = handOver(dao.after(position.get(), BATCH), listener, position.get());
            if (outcome.reached() != position.get()) {
                dao.advance(name, position.get(), outcome.reached(), now());
            }
            return outcome;
        });
    }

    private static Outcome handOver(List<BoardEvent> events, EventListener listener, long from) {
        long reached = from;
        for (BoardEvent event : events) {
            try {
                listener.onEvent(event);
            } catch (Exception e) {
                return new Outcome(events.size(), reached, e);
            }
            reached = event.sequence();
        }
        return new Outcome(events.size(), reached, null);
    }

    private Outcome deliverInTransaction(String name, BiConsumer<Handle, BoardEvent> handler) {
        if (!pending(name)) {
            return Outcome.NONE;
        }
        // Grouped as above: the store's own consumers write notifications and positions, never accounts.
        return db.writeGrouped(h -> {
            OutboxDao dao = h.attach(OutboxDao.class);
            Optional<Long> position = dao.position(name, db.dialect().skipLockedRows());
            if (position.isEmpty()) {
                return Outcome.NONE;
            }
            List<BoardEvent> events = dao.after(position.get(), BATCH);
            for (BoardEvent event : events) {
                handler.accept(h, event);
            }
            if (!events.isEmpty()) {
                dao.advance(name, position.get(), events.get(events.size() - 1).sequence(), now());
            }
            return new Outcome(events.size(), position.get(), null);
        });
    }

    private java.time.Instant now() {
        return Timestamps.truncate(clock.instant());
    }

    /** Stops the event thread; a delivery in progress finishes first (up to a few seconds). */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        wake();
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What one delivery attempt did: events read, the position reached, and the listener's failure if any. */
    private record Outcome(int read, long reached, Exception failure) {
        static final Outcome NONE = new Outcome(0, 0, null);
    }

    /**
     * One consumer and its retry state, touched only by the event thread, except {@link #cancel}: the event thread's
     * loop may already hold a delivery whose subscription was closed, so a closed one must refuse to run, and closing
     * waits for a batch in progress (a closed subscription never sees an event written after its close returned).
     */
    private abstract class Delivery {
        final String name;
        long retryAt = System.nanoTime();
        int failures;
        private boolean cancelled;

        Delivery(String name) {
            this.name = name;
        }

        abstract Outcome deliver();

        synchronized void cancel() {
            cancelled = true;
        }

        /** True when a full batch went through and more may be waiting. */
        synchronized boolean attempt() {
            if (cancelled) {
                return false;
            }
            Exception failure;
            Outcome outcome = null;
            try {
                outcome = deliver();
                failure = outcome.failure();
            } catch (RuntimeException e) {
                failure = e;
            }
            if (failure == null) {
                failures = 0;
                return outcome.read() == BATCH;
            }
            failures++;
            Duration delay = pollInterval.multipliedBy(1L << Math.min(failures - 1, 20));
            if (delay.compareTo(MAX_RETRY) > 0) {
                delay = MAX_RETRY;
            }
            retryAt = System.nanoTime() + delay.toNanos();
            LOG.warn("Event consumer '{}' failed (attempt {}); retrying in {} ms: {}", name, failures,
                    delay.toMillis(), failure.toString());
            return false;
        }
    }
}
