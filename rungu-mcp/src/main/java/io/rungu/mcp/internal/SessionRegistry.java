package io.rungu.mcp.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streamable HTTP sessions of one server, in memory: each bound to the user that created it, forgotten after
 * an idle timeout or when the table is full (least recently used first). Several servers behind a load balancer
 * therefore need sticky routing for MCP, or clients re-initialize after a 404.
 */
final class SessionRegistry {
    private record Entry(String userId, McpSession session, Instant lastUsed) {}

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration idleTimeout;
    private final int maxSessions;

    SessionRegistry(Clock clock, Duration idleTimeout, int maxSessions) {
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
    }

    /** Starts a session for a user (null for anonymous) and returns its id. */
    String create(String userId, McpSession session) {
        Instant now = clock.instant();
        if (sessions.size() >= maxSessions) {
            evict(now);
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        sessions.put(id, new Entry(userId, session, now));
        return id;
    }

    /** The live session with this id created by this user, or null. */
    McpSession find(String id, String userId) {
        Instant now = clock.instant();
        Entry entry = sessions.get(id);
        if (entry == null || !Objects.equals(entry.userId(), userId)) {
            return null;
        }
        if (expired(entry, now)) {
            sessions.remove(id, entry);
            return null;
        }
        sessions.replace(id, entry, new Entry(entry.userId(), entry.session(), now));
        return entry.session();
    }

    /** Ends a session; false when there was none for this user. */
    boolean end(String id, String userId) {
        Entry entry = sessions.get(id);
        return entry != null && Objects.equals(entry.userId(), userId) && sessions.remove(id, entry);
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(Entry entry, Instant now) {
        return entry.lastUsed().plus(idleTimeout).isBefore(now);
    }

    private synchronized void evict(Instant now) {
        sessions.entrySet().removeIf(e -> expired(e.getValue(), now));
        while (sessions.size() >= maxSessions) {
            sessions.entrySet().stream()
                    .min((a, b) -> a.getValue().lastUsed().compareTo(b.getValue().lastUsed()))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey(), oldest.getValue()));
        }
    }
}
