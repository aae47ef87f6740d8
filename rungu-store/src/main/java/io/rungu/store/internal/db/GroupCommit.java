package io.rungu.store.internal.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: small writes queued by many callers run on one thread, many in one transaction, each inside its
 * own SAVEPOINT (one that fails is rolled back to it and gets its own error; the others go on), and the
 * transaction commits once. A caller is answered only after the commit that holds its write, so an acknowledged
 * write survives a crash of the process; if the commit itself fails, every caller of the batch gets that failure.
 * The callers are woken by a second thread, batch after batch, so the writer goes on to the next batch meanwhile.
 *
 * <p>A batch takes writes in arrival order (so two writes to one row apply in the order they came) and keeps
 * taking those that arrive while it runs, up to {@link #MAX_WRITES} writes and {@link #MAX_NANOS} of work (by
 * default); then it commits and the next batch starts with whatever queued meanwhile. Nothing waits to fill a
 * batch: a lone write commits at once, and batches grow only as fast as writes queue behind the one committing.
 *
 * <p>The work must only use the handle it is given (it runs on this class's thread, not the caller's) and must not
 * start another write of its own.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** At most this many writes per transaction. */
    static final int MAX_WRITES = 256;
    /** A batch stops taking more writes after this much work, so no caller waits long behind a batch. */
    static final long MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final String SAVEPOINT = "SAVEPOINT grouped";
    private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT grouped";
    private static final String RELEASE_SAVEPOINT = "RELEASE SAVEPOINT grouped";

    /** Put on the queue by {@link #close}: wakes the thread, which ends after the batch in hand. */
    private static final Pending<Object> CLOSE = new Pending<>(h -> null);

    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Function<HandleCallback<List<Outcome>, RuntimeException>, List<Outcome>> transaction;
    private final Runnable afterBatch;
    private final int maxWrites;
    private final long maxNanos;
    private final Thread thread;
    /** Wakes the callers of each finished batch, in batch order ({@link #answer}). */
    private final ExecutorService answers;
    private volatile boolean closed;
    /** Set on this class's thread when a batch took {@link #CLOSE} from the queue. */
    private boolean closeTaken;

    /**
     * @param transaction runs its callback in one write transaction, committing when it returns (it may run it
     *                    again after a retryable abort: only the outcomes of the committed run are given out)
     * @param afterBatch  run after each batch, committed or not, before any caller is answered
     */
    GroupCommit(String name, Function<HandleCallback<List<Outcome>, RuntimeException>, List<Outcome>> transaction,
            Runnable afterBatch) {
        this(name, transaction, afterBatch, MAX_WRITES, MAX_NANOS);
    }

    /** As above, with other bounds of a batch. */
    GroupCommit(String name, Function<HandleCallback<List<Outcome>, RuntimeException>, List<Outcome>> transaction,
            Runnable afterBatch, int maxWrites, long maxNanos) {
        this.transaction = transaction;
        this.afterBatch = afterBatch;
        this.maxWrites = maxWrites;
        this.maxNanos = maxNanos;
        this.answers = Executors.newSingleThreadExecutor(r -> {
            Thread answering = new Thread(r, name + "-answers");
            answering.setDaemon(true);
            return answering;
        });
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code work} in the next batch and returns its result once that batch has committed. */
    <T> T write(HandleCallback<T, RuntimeException> work) {
        if (closed) {
            throw new IllegalStateException("The store is closed");
        }
        Pending<T> pending = new Pending<>(work);
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            // close() may have drained the queue before this write arrived; still queued, it never ran
            throw new IllegalStateException("The store is closed");
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pending.result.get();
                } catch (InterruptedException e) {
                    // the write may already be in a transaction: wait for its outcome, then pass the interrupt on
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes queued and not yet taken into a batch. */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>();
        while (!closeTaken) {
            try {
                Pending<?> first = queue.take();
                if (first == CLOSE) {
                    break;
                }
                batch.add(first);
                commit(batch);
            } catch (InterruptedException e) {
                // only close() ends this thread, once the batch in hand is answered
            } catch (Throwable e) {
                // never leave a caller waiting, whatever went wrong
                for (Pending<?> p : batch) {
                    p.result.completeExceptionally(e);
                }
                LOG.error("Group commit failed unexpectedly", e);
            } finally {
                batch.clear();
            }
        }
        failQueued();
    }

    /** Runs {@code batch} (which holds its first write) plus what queues meanwhile, commits, answers the callers. */
    private void commit(List<Pending<?>> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = transaction.apply(h -> runBatch(h, batch));
        } catch (Throwable e) {
            afterBatch.run();
            answer(batch, null, e);
            return;
        }
        afterBatch.run();
        answer(batch, outcomes, null);
    }

    /**
     * Hands the answers of a finished batch to {@link #answers}: waking a caller is a system call, and the writer's
     * time is what bounds how many writes commit a second. Once that thread has stopped, answers here.
     */
    private void answer(List<Pending<?>> batch, List<Outcome> outcomes, Throwable failure) {
        List<Pending<?>> callers = List.copyOf(batch);
        Runnable answering = () -> {
            for (int i = 0; i < callers.size(); i++) {
                if (failure != null) {
                    callers.get(i).result.completeExceptionally(failure);
                } else {
                    outcomes.get(i).answer(callers.get(i));
                }
            }
        };
        try {
            answers.execute(answering);
        } catch (RejectedExecutionException e) {
            answering.run();
        }
    }

    /**
     * The body of one batch transaction. On a run again after a retryable abort every write taken the first time
     * runs again, so the outcomes always match the batch one to one.
     */
    private List<Outcome> runBatch(Handle h, List<Pending<?>> batch) {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        long start = System.nanoTime();
        for (int i = 0; ; i++) {
            if (i == batch.size()) {
                if (batch.size() >= maxWrites || System.nanoTime() - start > maxNanos) {
                    break;
                }
                Pending<?> next = queue.poll();
                if (next == null) {
                    break;
                }
                if (next == CLOSE) {
                    closeTaken = true;
                    break;
                }
                batch.add(next);
            }
            outcomes.add(runOne(h, batch.get(i).work));
        }
        return outcomes;
    }

    private static Outcome runOne(Handle h, HandleCallback<?, RuntimeException> work) {
        // Plain SQL, the same on SQLite and PostgreSQL. One name for every write: each savepoint is released before
        // the next is set (ROLLBACK TO followed by RELEASE leaves none), and a name per write made up to 512
        // statements, too many for the connection's cache of prepared statements: prepared again batch after batch.
        h.execute(SAVEPOINT);
        Object value;
        try {
            value = work.withHandle(h);
        } catch (RuntimeException | Error e) {
            // A failure that already ended the whole transaction makes this throw, and the batch fails as one.
            h.execute(ROLLBACK_TO_SAVEPOINT);
            h.execute(RELEASE_SAVEPOINT);
            return new Outcome(null, e);
        }
        h.execute(RELEASE_SAVEPOINT);
        return new Outcome(value, null);
    }

    private void failQueued() {
        Pending<?> p;
        while ((p = queue.poll()) != null) {
            p.result.completeExceptionally(new IllegalStateException("The store is closed"));
        }
    }

    /** Stops taking writes; the batch running now commits and answers its callers, queued writes fail. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(CLOSE);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            answers.shutdown();
            answers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }

    /** One queued write and where its caller waits. */
    private static final class Pending<T> {
        final HandleCallback<T, RuntimeException> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Pending(HandleCallback<T, RuntimeException> work) {
            this.work = work;
        }
    }

    /** What one write of a committed batch returned or threw. */
    record Outcome(Object value, Throwable failure) {
        @SuppressWarnings("unchecked")
        void answer(Pending<?> pending) {
            CompletableFuture<Object> result = (CompletableFuture<Object>) pending.result;
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }
    }
}
