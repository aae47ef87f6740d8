package io.rungu.http;

import io.rungu.http.internal.HostCheck;
import io.rungu.model.Limits;
import io.rungu.mcp.McpConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Settings of a {@link RunguPlugin}. Public fields with working defaults; the plugin constructor validates them
 * and throws one {@link IllegalArgumentException} listing every problem.
 */
public final class HttpConfig {
    /** Where the board is mounted: "" (the root) or a path such as "/feedback". A trailing slash is removed. */
    public String basePath = "";
    /**
     * Origins (scheme://host[:port]) allowed to call the API from another site with credentials. Empty: no CORS
     * headers at all (same-origin only). {@code *} is refused because credentials are always allowed.
     */
    public List<String> corsOrigins = new ArrayList<>();
    /**
     * Sites (scheme://host[:port]) allowed to embed the feedback widget ({@code <base>/widget.js}): the API answers
     * their cross-origin requests without credentials (the widget sends its widget token as a bearer token, never a
     * cookie), and the widget sign-in hands widget tokens only to them. Empty (the default): no site may.
     */
    public List<String> widgetOrigins = new ArrayList<>();
    /** Request-rate limits per client IP and per signed-in user or token. */
    public RateLimits rateLimits = new RateLimits();
    /**
     * Take the client IP from {@code X-Forwarded-For}, trusting the peer as one proxy: the client is the rightmost
     * address of the header (the one the proxy appended). Turn on only behind a reverse proxy that sets it; with
     * several proxies in a row, list them in {@link #trustedProxies} instead.
     */
    public boolean trustForwardedFor = false;
    /**
     * Addresses or CIDR ranges (IPv4 or IPv6, e.g. {@code 10.0.0.0/8}, {@code fd00::/8}) of the reverse proxies in
     * front of the server. When not empty, {@code X-Forwarded-For} is read only from a peer in these ranges, and the
     * client IP is the rightmost address of it that is not one of them. Empty: see {@link #trustForwardedFor}.
     */
    public List<String> trustedProxies = new ArrayList<>();
    /**
     * Honour {@code X-Forwarded-Prefix} (the path a reverse proxy strips before passing requests on) in every URL
     * the board makes: the web app's base, OpenAPI servers, attachment URLs, the sign-in return path. Turn on only
     * behind a proxy that sets or removes it, or clients choose the paths in the pages they are served.
     */
    public boolean trustForwardedPrefix = false;
    /**
     * Host-login mode (an {@code ActorResolver}): the host application's sign-in page, where the web app's "Sign in"
     * leads, e.g. {@code /login} or {@code https://example.com/login?next={return_to}}. The path to come back to
     * (the board page, context and base path included) replaces {@code {return_to}}, or is appended as the query
     * parameter {@link #signInReturnParameter} when the URL has no placeholder. Null: the web app shows no way to
     * sign in.
     */
    public String signInUrl;
    /** The query parameter that carries the path to come back to when {@link #signInUrl} has no placeholder. */
    public String signInReturnParameter = "return_to";
    /** What the web app's sign-in page calls the host's login ("Continue with ..."). */
    public String signInLabel = "your account";
    /** Largest accepted JSON request body in bytes. */
    public int maxJsonBytes = 1024 * 1024;
    /** Largest accepted upload request in bytes: a 10 MiB image plus room for the multipart framing. */
    public int maxUploadBytes = Limits.ATTACHMENT_MAX_BYTES + 64 * 1024;
    /**
     * Most request bodies (JSON, uploads, MCP messages) read at the same time; past it a request is answered 503
     * with {@code Retry-After} before its body is read, so slow senders cannot hold the server's memory.
     */
    public int maxConcurrentBodyReads = 64;
    /**
     * Heap, in MiB, for rendered JSON kept for the next response showing the same thing: half for single posts'
     * JSON (a list reuses them), half for whole answers of list pages and posts with their compressed bytes (the same
     * page again is neither rendered nor compressed). 0 keeps none.
     */
    public int postJsonCacheMegabytes = 16;
    /** Longest accepted query string, in characters. */
    public int maxQueryLength = 4096;
    /** Most request headers accepted, and their largest total size in bytes. */
    public int maxHeaderCount = 100;
    /** Largest total size of the request headers in bytes. */
    public int maxHeaderBytes = 16 * 1024;
    /**
     * Serve the MCP Streamable-HTTP endpoint at {@code <base>/mcp}: with RunguAuth for Bearer API tokens, with a
     * host's {@link ActorResolver} for whoever it names.
     */
    public boolean mcpEnabled = true;
    /** Further settings of the MCP server behind {@code <base>/mcp} (read-only mode, session limits). */
    public Consumer<McpConfig> mcp = m -> {};
    /**
     * Rungu as the OAuth 2.1 authorization server of {@code /mcp} (on by default with MCP): any MCP client connects
     * with the board's URL alone and the person approves it on the consent page. See docs/mcp.md.
     */
    public boolean oauthServer = true;
    /**
     * Lets Client ID Metadata Documents be fetched from private, loopback and link-local addresses (off: such
     * client ids are refused, so a client id cannot make the server probe its own network).
     */
    public boolean oauthAllowPrivateClients = false;
    /**
     * Resolves the hosts of client id metadata URLs for the address check; the fetch connects to an address this
     * returned, never resolving the name again (through a JVM-wide HTTP proxy, the proxy resolves it). Tests replace
     * it to show refusals without traffic.
     */
    public io.rungu.model.OutboundAddresses.Resolver oauthClientResolver = io.rungu.model.OutboundAddresses.SYSTEM;
    /**
     * The TLS context client id metadata documents are fetched with (which certificates are trusted); null for the
     * JVM's default.
     */
    public javax.net.ssl.SSLContext oauthClientTls = null;
    /** Serve the web app (index.html, assets and the single-page fallback) under the base path. */
    public boolean serveWebApp = true;
    /**
     * Serve Swagger UI, the interactive API explorer, at {@code <base>/api/docs}. Off: those routes do not exist
     * (404) and the explorer's scripts are never served. The OpenAPI document at {@code <base>/api/openapi.json}
     * stays either way: it is the machine-readable contract clients and code generators read, and costs nothing
     * to keep.
     */
    public boolean apiDocs = true;
    /** Send Content-Security-Policy, X-Content-Type-Options and Referrer-Policy on Rungu's responses. */
    public boolean securityHeaders = true;
    /** Time source of the rate limiter. */
    public Clock clock = Clock.systemUTC();
    /**
     * The public URL people reach the board at (e.g. {@code https://feedback.example.com/fb}). When set, a request
     * whose {@code Host} header names another host or port is refused with 400 (against DNS rebinding and links
     * built from a forged Host); {@code localhost}, {@code 127.0.0.1} and {@code [::1]} are always accepted so local
     * probes and a reverse proxy on the same machine keep working, and {@code /health} is never checked. It is also
     * the base of the absolute links in the Atom feeds. Null (the default): any Host is served, as an embedding host
     * expects, and the feeds take the scheme and host of each request.
     */
    public String baseUrl;
    /** Further {@code Host} values (host or host:port, e.g. {@code rungu:3000} behind a proxy) accepted when {@link #baseUrl} is set. */
    public List<String> allowedHosts = new ArrayList<>();

    /**
     * Serve {@code GET <base>/metrics} in the Prometheus text format: request counts and latencies by route template,
     * method and status, JVM memory, garbage collection, threads and uptime, all named {@code rungu_*}. Off: the
     * route does not exist.
     */
    public boolean metrics = false;
    /**
     * When set, {@code <base>/metrics} answers only requests carrying {@code Authorization: Bearer <metricsToken>}
     * (compared in constant time); others get 401. Null: anyone who can reach the server can scrape it.
     */
    public String metricsToken;
    /**
     * One line per request on the slf4j logger {@code io.rungu.access}, at INFO, for Rungu's own routes only (the
     * host's routes are the host's to log). {@link AccessLog#NONE} by default: a host usually logs requests itself.
     */
    public AccessLog accessLog = AccessLog.NONE;
    /**
     * Where {@link #accessLog} lines go instead of the slf4j logger {@code io.rungu.access}: for a logging backend
     * that cannot print a bare message (slf4j-simple prefixes the level), e.g. {@code System.out::println} for JSON
     * lines a log shipper reads. Null: the logger.
     */
    public Consumer<String> accessLogSink;

    /** How {@link #accessLog} writes its lines. Every line names the route template, never the raw path. */
    public enum AccessLog {
        /** No access log. */
        NONE,
        /** {@code GET /api/posts/{id} 200 1.3ms <request id>} */
        TEXT,
        /**
         * One JSON object per line: {@code time}, {@code request_id}, {@code method}, {@code route}, {@code status},
         * {@code duration_ms}, {@code user_id} (null when anonymous; never an email) and {@code client_ip} (as the
         * rate limiter sees it, so proxy settings apply).
         */
        JSON
    }

    /** The live event streams, {@code GET <base>/api/projects/{slug}/events} (Server-Sent Events). */
    public Live live = new Live();

    /**
     * Limits of the live event streams. Each open stream holds no thread while idle; a stream whose client reads
     * too slowly to keep up with {@link #queueEvents} waiting events is ended (the client reconnects and resumes).
     */
    public static final class Live {
        /** Serve the streams; false: the route answers 404 like an unknown path. */
        public boolean enabled = true;
        /** Most open streams per client IP (as the rate limiter sees it); past it a new one is answered 429. */
        public int streamsPerIp = 10;
        /** Most open streams of this server in all; past it a new one is answered 429. */
        public int maxStreams = 1000;
        /** How often an idle stream sends a comment line, so proxies keep it open and dead clients are noticed. */
        public java.time.Duration heartbeat = java.time.Duration.ofSeconds(15);
        /** Most events waiting for one client; a client further behind is dropped. */
        public int queueEvents = 256;
        /** Most events of a board replayed to a client resuming with {@code Last-Event-ID}. */
        public int replayEvents = 500;
        /**
         * How long one stream lasts before the server ends it; the client reconnects (and resumes), which checks
         * its sign-in again, so a signed-out or removed viewer stops receiving within this time.
         */
        public java.time.Duration maxDuration = java.time.Duration.ofMinutes(30);
    }

    /** Requests per minute per bucket; each bucket also allows a burst of that many requests. 0 disables a limit. */
    public static final class RateLimits {
        /** Master switch: false turns every limit off (for benchmarks and trusted networks). */
        public boolean enabled = true;
        /** Reads (GET) per client IP per minute. */
        public int readsPerIp = 600;
        /** Writes (POST, PUT, PATCH, DELETE) per client IP per minute. */
        public int writesPerIp = 120;
        /** Sign-in attempts (login, callback, sign-in link) per client IP per minute. */
        public int signInsPerIp = 20;
        /** Reads per signed-in user or API token per minute. */
        public int readsPerUser = 1200;
        /** Writes per signed-in user or API token per minute. */
        public int writesPerUser = 60;
        /**
         * Most rate-limit buckets kept at once (one per client IP or user and kind of request); when full, the least
         * recently used bucket is dropped.
         */
        public int maxTrackedClients = 100_000;
    }

    /** Every problem with these settings, each saying how to fix it; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (basePath == null) {
            problems.add("basePath must not be null; use \"\" to mount at the root");
        } else {
            String b = normalise(basePath);
            if (!b.isEmpty() && !b.matches("(/[A-Za-z0-9._~-]+)+")) {
                problems.add("basePath must be \"\" or like \"/feedback\" (segments of letters, digits, . _ ~ -), got '"
                        + basePath + "'");
            }
        }
        if (corsOrigins == null) {
            problems.add("corsOrigins must not be null; use an empty list for no CORS");
        } else {
            for (String o : corsOrigins) {
                if (o == null || !o.matches("https?://[^/\\s]+")) {
                    problems.add("corsOrigins entries must look like https://example.com (no path, no '*'), got '" + o + "'");
                }
            }
        }
        if (widgetOrigins == null) {
            problems.add("widgetOrigins must not be null; use an empty list when no site embeds the widget");
        } else {
            for (String o : widgetOrigins) {
                if (o == null || !o.matches("https?://[^/\\s]+")) {
                    problems.add("widgetOrigins entries must look like https://example.com (no path, no '*'), got '"
                            + o + "'");
                }
            }
        }
        if (rateLimits == null) {
            problems.add("rateLimits must not be null; set rateLimits.enabled = false to turn limits off");
        } else {
            RateLimits r = rateLimits;
            if (r.readsPerIp < 0 || r.writesPerIp < 0 || r.signInsPerIp < 0 || r.readsPerUser < 0 || r.writesPerUser < 0) {
                problems.add("rate limits must be 0 (off) or positive");
            }
            if (r.maxTrackedClients < 100 || r.maxTrackedClients > 10_000_000) {
                problems.add("rateLimits.maxTrackedClients must be between 100 and 10000000, got " + r.maxTrackedClients);
            }
        }
        if (trustedProxies == null) {
            problems.add("trustedProxies must not be null; use an empty list when there is no proxy");
        } else {
            trustedProxies.forEach(p -> io.rungu.http.internal.ClientAddress.problem(p).ifPresent(problems::add));
        }
        if (maxConcurrentBodyReads < 1) {
            problems.add("maxConcurrentBodyReads must be at least 1, got " + maxConcurrentBodyReads);
        }
        if (postJsonCacheMegabytes < 0 || postJsonCacheMegabytes > 4096) {
            problems.add("postJsonCacheMegabytes must be between 0 and 4096, got " + postJsonCacheMegabytes);
        }
        if (maxJsonBytes < 1024) {
            problems.add("maxJsonBytes must be at least 1024, got " + maxJsonBytes);
        }
        if (maxUploadBytes < Limits.ATTACHMENT_MAX_BYTES) {
            problems.add("maxUploadBytes must be at least " + Limits.ATTACHMENT_MAX_BYTES + " (10 MiB) so full-size images fit, got "
                    + maxUploadBytes);
        }
        if (maxQueryLength < 256) {
            problems.add("maxQueryLength must be at least 256, got " + maxQueryLength);
        }
        if (maxHeaderCount < 10) {
            problems.add("maxHeaderCount must be at least 10, got " + maxHeaderCount);
        }
        if (maxHeaderBytes < 1024) {
            problems.add("maxHeaderBytes must be at least 1024, got " + maxHeaderBytes);
        }
        if (mcp == null) {
            problems.add("mcp must not be null; use m -> {} for the defaults");
        }
        if (clock == null) {
            problems.add("clock must not be null");
        }
        if (baseUrl != null && HostCheck.authority(baseUrl) == null) {
            problems.add("baseUrl must be an http or https URL such as https://feedback.example.com, got '" + baseUrl + "'");
        }
        if (signInUrl != null && !signInUrl.matches("(https?://[^\\s]+|/[^\\s]*)")) {
            problems.add("signInUrl must be a path such as /login or an http(s) URL, got '" + signInUrl + "'");
        }
        if (signInReturnParameter == null || !signInReturnParameter.matches("[A-Za-z0-9._~-]+")) {
            problems.add("signInReturnParameter must be a query parameter name such as return_to, got '"
                    + signInReturnParameter + "'");
        }
        if (signInLabel == null || signInLabel.isBlank()) {
            problems.add("signInLabel must not be blank");
        }
        if (metricsToken != null && (metricsToken.isBlank() || metricsToken.length() < 16)) {
            problems.add("metricsToken must be at least 16 characters (or null for an open /metrics)");
        }
        if (metricsToken != null && !metrics) {
            problems.add("metricsToken is set but metrics is off; set metrics = true (RUNGU_METRICS=true) or remove the token");
        }
        if (accessLog == null) {
            problems.add("accessLog must not be null; use AccessLog.NONE for no access log");
        }
        if (live == null) {
            problems.add("live must not be null; set live.enabled = false to turn the live streams off");
        } else {
            if (live.streamsPerIp < 1 || live.streamsPerIp > 10_000) {
                problems.add("live.streamsPerIp must be between 1 and 10000, got " + live.streamsPerIp);
            }
            if (live.maxStreams < 1 || live.maxStreams > 1_000_000) {
                problems.add("live.maxStreams must be between 1 and 1000000, got " + live.maxStreams);
            }
            if (live.heartbeat == null || live.heartbeat.toMillis() < 10 || live.heartbeat.toMinutes() > 10) {
                problems.add("live.heartbeat must be between 10 ms and 10 minutes, got " + live.heartbeat);
            }
            if (live.queueEvents < 1 || live.queueEvents > 100_000) {
                problems.add("live.queueEvents must be between 1 and 100000, got " + live.queueEvents);
            }
            if (live.replayEvents < 0 || live.replayEvents > 10_000) {
                problems.add("live.replayEvents must be between 0 and 10000, got " + live.replayEvents);
            }
            if (live.maxDuration == null || live.maxDuration.toSeconds() < 1 || live.maxDuration.toHours() > 24) {
                problems.add("live.maxDuration must be between 1 second and 24 hours, got " + live.maxDuration);
            }
        }
        if (allowedHosts == null) {
            problems.add("allowedHosts must not be null; use an empty list");
        }
        return problems;
    }

    /** The base path without a trailing slash, "" for the root. */
    static String normalise(String basePath) {
        String b = basePath.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        if (!b.isEmpty() && !b.startsWith("/")) {
            b = "/" + b;
        }
        return b;
    }
}
