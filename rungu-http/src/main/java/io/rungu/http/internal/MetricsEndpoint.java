package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.rungu.model.RunguException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** {@code GET <base>/metrics}: the Prometheus scrape, behind a bearer token when one is configured. */
public final class MetricsEndpoint {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;
    private final byte[] tokenDigest;

    /** @param token the bearer token a scraper must send; null for none */
    public MetricsEndpoint(Metrics metrics, String token) {
        this.metrics = metrics;
        this.tokenDigest = token == null ? null : sha256(token);
    }

    /** Adds the route; it is not part of the API document (it is for operators, not API clients). */
    public void register(RouteTable t) {
        t.addUndocumented(GET, "/metrics", this::scrape, RateLimiter.Kind.UNLIMITED);
    }

    private void scrape(Context ctx) {
        if (tokenDigest != null) {
            String header = ctx.header("Authorization");
            String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
            // Digests have one length, so the comparison's time says nothing about the token's length or content.
            if (!MessageDigest.isEqual(tokenDigest, sha256(given))) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"rungu-metrics\"");
                throw RunguException.unauthenticated();
            }
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
