package io.rungu.store.internal.db;

import java.util.concurrent.atomic.AtomicLong;

/** The number behind {@link Database#writeGeneration}: counts every write and maintenance call, whatever its end. */
final class WriteGeneration {
    private final AtomicLong value = new AtomicLong();

    /** A piece of work that may throw the caller's checked exception. */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        T run() throws X;
    }

    /** Moves the generation for a write seen elsewhere (another server's). */
    void bump() {
        value.incrementAndGet();
    }

    long get() {
        return value.get();
    }

    /** Runs {@code work} and then moves the generation, also when it fails (a rollback changed nothing, harmlessly). */
    <T, X extends Exception> T counting(Work<T, X> work) throws X {
        try {
            return work.run();
        } finally {
            value.incrementAndGet();
        }
    }
}
