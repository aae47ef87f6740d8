package io.rungu.mcp;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Settings of a {@link RunguMcpServer}; every field has a working default. */
public final class McpConfig {
    /** When true, no write tool is listed or callable, whatever the actor may do. */
    public boolean readOnly = false;
    /** The version reported in {@code serverInfo} during initialize: Rungu's own by default. */
    public String serverVersion = io.rungu.wire.RunguVersion.current();
    /**
     * Origins a browser-based client may call the HTTP endpoint from (e.g. {@code https://app.example.com}).
     * A request with an {@code Origin} header outside this set is refused with 403, which protects local servers
     * from DNS-rebinding; requests without an {@code Origin} header (agents, CLIs) are not affected.
     */
    public Set<String> allowedOrigins = Set.of();
    /** Largest accepted JSON-RPC message, in bytes (one stdio line or one HTTP body). */
    public int maxMessageBytes = 4 * 1024 * 1024;
    /** HTTP sessions unused for this long are forgotten; the client then gets 404 and initializes again. */
    public Duration sessionIdleTimeout = Duration.ofHours(12);
    /** Most HTTP sessions kept at once; past it the least recently used one is forgotten. */
    public int maxSessions = 10_000;
    /** Source of the current time, for session expiry and the last seven days of the weekly_changes prompt. */
    public Clock clock = Clock.systemUTC();
    /**
     * The path the REST API is mounted under ("" at the root, e.g. "/feedback"), so attachment {@code url}s are the
     * same as in REST: {@code <basePath>/api/attachments/<id>}.
     */
    public String basePath = "";

    McpConfig copy() {
        McpConfig c = new McpConfig();
        c.readOnly = readOnly;
        c.serverVersion = serverVersion;
        c.allowedOrigins = Set.copyOf(allowedOrigins);
        c.maxMessageBytes = maxMessageBytes;
        c.sessionIdleTimeout = sessionIdleTimeout;
        c.maxSessions = maxSessions;
        c.clock = clock;
        c.basePath = basePath;
        return c;
    }

    /** Every problem with this configuration, each saying how to fix it; empty when it is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (serverVersion == null || serverVersion.isBlank()) {
            problems.add("serverVersion must not be blank, e.g. \"0.1.0\"");
        }
        if (allowedOrigins == null) {
            problems.add("allowedOrigins must not be null; use Set.of() to allow no browser origin");
        }
        if (maxMessageBytes < 1024 || maxMessageBytes > 64 * 1024 * 1024) {
            problems.add("maxMessageBytes must be between 1024 and 67108864, got " + maxMessageBytes);
        }
        if (sessionIdleTimeout == null || sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero()) {
            problems.add("sessionIdleTimeout must be positive, e.g. Duration.ofHours(12)");
        }
        if (maxSessions < 1) {
            problems.add("maxSessions must be at least 1, got " + maxSessions);
        }
        if (clock == null) {
            problems.add("clock must not be null");
        }
        if (basePath == null || !(basePath.isEmpty() || (basePath.startsWith("/") && !basePath.endsWith("/")))) {
            problems.add("basePath must be \"\" or start with / and not end with /, e.g. \"/feedback\"; got " + basePath);
        }
        return problems;
    }
}
