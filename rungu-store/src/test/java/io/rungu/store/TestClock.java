package io.rungu.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test clock that moves forward by one millisecond each time it is read, so rows written one after another
 * get distinct, ordered timestamps; {@link #advance} jumps ahead. {@link #fixed} gives one that moves only when
 * advanced, for tests that compare a stored time with the time they set.
 */
public final class TestClock extends Clock {
    private final AtomicReference<Instant> now;
    private final Duration tick;

    private TestClock(Instant start, Duration tick) {
        this.now = new AtomicReference<>(start);
        this.tick = tick;
    }

    public TestClock(Instant start) {
        this(start, Duration.ofMillis(1));
    }

    public TestClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A clock that stays at {@code start} until {@link #advance}d. */
    public static TestClock fixed(Instant start) {
        return new TestClock(start, Duration.ZERO);
    }

    /** Moves the clock forward. */
    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    /** The current time without moving the clock. */
    public Instant peek() {
        return now.get();
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(tick));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
