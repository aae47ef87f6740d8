package io.rungu.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.rungu.http.HttpConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the guard notes about every request: its id (sent back as {@code X-Request-Id}), one access-log line, and
 * the request metrics. Routes are named by their template ({@code /api/posts/{id}}), never the raw path, so logs
 * hold no sign-in link secrets and metrics stay bounded.
 */
public final class Observer {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "rungu.requestId";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger ACCESS = LoggerFactory.getLogger("io.rungu.access");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String basePath;
    private final HttpConfig.AccessLog accessLog;
    private final Metrics metrics;
    private final Clock clock;
    private final Function<Context, String> clientIp;
    private final Consumer<String> sink;

    /**
     * @param metrics  where requests are counted; null when metrics are off
     * @param clientIp the client's address as the rate limiter sees it
     */
    public Observer(HttpConfig config, Metrics metrics, Function<Context, String> clientIp) {
        this.basePath = config.basePath;
        this.accessLog = config.accessLog;
        this.metrics = metrics;
        this.clock = config.clock;
        this.clientIp = clientIp;
        this.sink = config.accessLogSink != null ? config.accessLogSink : line -> ACCESS.info("{}", line);
    }

    /**
     * A random version-4 UUID from {@link ThreadLocalRandom}: a request id correlates log lines and needs no secrecy,
     * and {@link UUID#randomUUID()} reads the shared SecureRandom under a lock (2 % of the server's CPU under load).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /** Gives the request its id: the client's {@code X-Request-Id} when it is a short safe token, else a new one. */
    public String begin(Context ctx) {
        String given = ctx.header(HEADER);
        String id = given != null && SAFE_ID.matcher(given).matches() ? given : newId();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        return id;
    }

    /** The id {@link #begin} gave this request, or null outside Rungu's routes. */
    public static String requestId(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    /** Logs and counts the answered request. */
    public void end(Context ctx, Route route, String requestId, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        String template = route.path().equals("/") ? (basePath.isEmpty() ? "/" : basePath) : basePath + route.path();
        int status = ctx.statusCode();
        if (metrics != null) {
            metrics.record(template, ctx.method().name(), status, nanos);
        }
        if (accessLog == HttpConfig.AccessLog.NONE) {
            return;
        }
        String ms = oneDecimal(nanos / 1e6);
        if (accessLog == HttpConfig.AccessLog.TEXT) {
            sink.accept(ctx.method() + " " + template + " " + status + " " + ms + "ms " + requestId);
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("request_id", requestId);
        line.put("method", ctx.method().name());
        line.put("route", template);
        line.put("status", status);
        line.put("duration_ms", Double.parseDouble(ms));
        line.put("user_id", Guard.actor(ctx).userId());
        line.put("client_ip", clientIp.apply(ctx));
        try {
            sink.accept(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings and numbers always writes
        }
    }

    /** {@code ms} with one decimal, as {@code String.format("%.1f")} writes it, without the formatter's cost per request. */
    static String oneDecimal(double ms) {
        long tenths = Math.round(ms * 10);
        return (tenths / 10) + "." + (tenths % 10);
    }
}
