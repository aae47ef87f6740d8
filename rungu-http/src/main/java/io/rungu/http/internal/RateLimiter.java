package io.rungu.http.internal;

import io.rungu.http.HttpConfig;
import io.rungu.store.internal.cache.BoundedCache;
import java.time.Clock;

/**
 * In-memory token buckets per client key (an IP or a user) and request class. Each limit is "n per minute" with
 * a burst of n. At most {@code maxTrackedClients} buckets are kept: when full, the least recently used bucket goes
 * (an idle client's, usually full again anyway), so many new source addresses never reset anyone else's limit.
 */
public final class RateLimiter {
    /** What a request does, for picking its limits. */
    public enum Kind { READ, WRITE, SIGN_IN, UNLIMITED }

    private final HttpConfig.RateLimits limits;
    private final Clock clock;
    private final BoundedCache<String, Bucket> buckets;

    public RateLimiter(HttpConfig.RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.buckets = BoundedCache.ofEntries(limits.maxTrackedClients);
    }

    /** Seconds to wait before retrying, or 0 when this request may go ahead (and has been counted). */
    public long acquire(Kind kind, String ip, String userId) {
        if (!limits.enabled || kind == Kind.UNLIMITED) {
            return 0;
        }
        long now = clock.millis();
        int ipLimit = switch (kind) {
            case READ -> limits.readsPerIp;
            case WRITE -> limits.writesPerIp;
            case SIGN_IN -> limits.signInsPerIp;
            case UNLIMITED -> 0;
        };
        long wait = take("ip:" + kind + ":" + ip, ipLimit, now);
        if (wait == 0 && userId != null && kind != Kind.SIGN_IN) {
            int userLimit = kind == Kind.WRITE ? limits.writesPerUser : limits.readsPerUser;
            wait = take("user:" + kind + ":" + userId, userLimit, now);
        }
        return wait;
    }

    private long take(String key, int perMinute, long now) {
        if (perMinute <= 0) {
            return 0;
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now)).take(perMinute, now);
    }

    /** Number of tracked buckets (for tests of the bound). */
    public int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private final double capacity;
        private double tokens;
        private long updatedAt;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.tokens = perMinute;
            this.updatedAt = now;
        }

        synchronized long take(int perMinute, long now) {
            refill(perMinute, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double perMilli = perMinute / 60_000.0;
            return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000.0));
        }

        private void refill(int perMinute, long now) {
            long elapsed = Math.max(0, now - updatedAt);
            tokens = Math.min(capacity, tokens + elapsed * (perMinute / 60_000.0));
            updatedAt = now;
        }
    }
}
