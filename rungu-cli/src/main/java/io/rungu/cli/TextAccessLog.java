package io.rungu.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The packaged server's text access log: one line per request on stderr, in the format of its other log lines
 * ({@code 2026-12-06T22:33:18.735Z INFO access - GET /health 200 1.2ms}). Written here rather than through the
 * slf4j-simple logger because that logger formats every date with a shared, locked {@code SimpleDateFormat} and
 * writes and flushes every line on its own: about 8 % of the server's CPU under load. Lines are buffered and
 * flushed at least every {@link #FLUSH_MILLIS} ms and on {@link #close()}; a killed server loses at most that much.
 */
final class TextAccessLog implements AutoCloseable {
    static final long FLUSH_MILLIS = 200;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final LongSupplier clock;
    /** Started by the first line, so a server that fails to start leaves no thread behind. */
    private ScheduledExecutorService flusher;
    private boolean closed;
    private long second = Long.MIN_VALUE;
    private String secondText;

    /** Writes to {@code target} (stderr in the server), reading the time from {@code clock} (epoch milliseconds). */
    TextAccessLog(OutputStream target, LongSupplier clock) {
        this.out = new PrintStream(new java.io.BufferedOutputStream(target, 1 << 16), false, StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Logs one request: {@code method path status duration}ms, the duration with one decimal. */
    void log(String method, String path, int status, double millis) {
        long now = clock.getAsLong();
        long tenths = Math.round(millis * 10);
        StringBuilder line = new StringBuilder(96);
        synchronized (this) {
            line.append(secondText(now / 1000));
            if (flusher == null && !closed) {
                flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "rungu-access-log");
                    t.setDaemon(true);
                    return t;
                });
                flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        long ms = Math.floorMod(now, 1000L);
        line.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10)).append("Z INFO access - ").append(method).append(' ').append(path).append(' ').append(status)
                .append(' ').append(tenths / 10).append('.').append(tenths % 10).append("ms");
        synchronized (out) {
            out.println(line);
        }
    }

    private String secondText(long epochSecond) {
        if (epochSecond != second) {
            secondText = SECOND.format(Instant.ofEpochSecond(epochSecond));
            second = epochSecond;
        }
        return secondText;
    }

    void flush() {
        synchronized (out) {
            out.flush();
        }
    }

    /** Flushes what is buffered and stops the periodic flush; the target stays open (it is stderr). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (flusher != null) {
                flusher.shutdownNow();
            }
        }
        flush();
    }
}
