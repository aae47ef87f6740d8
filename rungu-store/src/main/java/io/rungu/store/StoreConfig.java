package io.rungu.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * How {@link RunguStore#open} connects. Give either a JDBC {@link #url} ({@code jdbc:sqlite:/path/rungu.db},
 * {@code jdbc:postgresql://host/db}) or a host {@link #dataSource}; everything else has a working default.
 */
public final class StoreConfig {
    /** JDBC URL; for SQLite the file and its directory are created when missing. */
    public String url;
    /**
     * A data source to use instead of {@link #url}, typically a connection pool; PostgreSQL only (SQLite is
     * opened from its URL, so the store can keep its single writer). Its lifecycle stays the caller's unless
     * {@link #closeDataSource} is set.
     */
    public DataSource dataSource;
    /** Close {@link #dataSource} (when it is {@link AutoCloseable}) as the store closes, handing it over. */
    public boolean closeDataSource;
    /**
     * PostgreSQL: the schema Rungu's tables live in, created when missing (e.g. {@code "rungu"}), so Rungu can
     * share a host's database without its generic table names ({@code users}, {@code posts}) meeting the host's.
     * Every connection works in it: connections opened from {@link #url} get {@code currentSchema}, a host
     * {@link #dataSource}'s connections get their {@code search_path} set while Rungu holds them (and restored).
     * Null (the default): the connection's own search path, usually {@code public}.
     */
    public String schema;
    /**
     * Apply pending migrations when the store opens (the default). False for hosts that migrate in their
     * deployment pipeline ({@code rungu migrate-schema} or {@link RunguStore#migrate}): {@code open()} then changes
     * nothing and refuses a database that is behind with a message saying so.
     */
    public boolean migrate = true;
    /** Source of the current time; inject a fixed clock in tests. */
    public Clock clock = Clock.systemUTC();
    /** Source of new ids; UUID v4 strings by default. */
    public Supplier<String> ids = () -> UUID.randomUUID().toString();
    /** SQLite: read connections beside the single writer. */
    public int readConnections = 4;
    /** SQLite: how long a connection waits for a lock held by another process before failing. */
    public Duration busyTimeout = Duration.ofSeconds(10);
    /** PostgreSQL without a host data source: pooled connections. */
    public int poolSize = 8;
    /**
     * How long what the store read recently may answer again: a board's list pages and single posts (each viewer's
     * own votes are still read per request; searches are never kept) and the active sessions behind signed-in
     * requests. Any write
     * through this store makes everything kept stale at once, so a vote, sign-out or role change shows in the next
     * request; a write by another process or server sharing the database is seen after at most this long. On a
     * SQLite file this is how often the store asks SQLite whether another process has committed ({@code PRAGMA
     * data_version}), and what was read is kept until something has; on PostgreSQL it is each value's age limit.
     * {@link Duration#ZERO} turns both caches off.
     */
    public Duration cacheTtl = Duration.ofSeconds(1);
    /**
     * Heap, in MiB, the kept list pages and posts may take (estimated, half each, less a sixteenth each for the
     * kept searches and the viewers' marks); the least recently used go first. 0 keeps none.
     */
    public int cacheMegabytes = 16;
    /**
     * How often event consumers look for events written by other servers sharing the database; events written
     * through this store are handed on at once. A failing consumer is retried after the same delay, doubling up
     * to ten minutes.
     */
    public Duration eventPollInterval = Duration.ofSeconds(1);
    /**
     * How long events stay in the outbox. Older ones are deleted when the store opens and hourly while consumers
     * run, except those a pending notification still tells; a consumer that stays away longer misses them.
     */
    public Duration eventRetention = Duration.ofDays(30);
    /**
     * Days the audit log keeps its entries; older ones are deleted when the store opens and hourly while it runs
     * (by the store's {@link #clock}). 0 (the default) keeps them forever.
     */
    public int auditDays = 0;
    /**
     * Most bytes of attachments one user may have stored, all their uploads together (200 MiB); an upload past it
     * is refused with CONFLICT. 0 means no per-user quota.
     */
    public long uploadQuotaPerUser = 200L * 1024 * 1024;
    /** Most bytes of attachments the whole installation may hold; 0 (the default) means no limit. */
    public long uploadQuotaTotal = 0;
    /**
     * Active sessions kept (see {@link #cacheTtl}), about 200 bytes each; the least recently used go first. 0 keeps
     * none.
     */
    public int sessionCacheEntries = 10_000;
    /**
     * True lets webhook endpoints resolve to loopback, private and link-local addresses (a board whose receivers
     * live in the same private network); false (the default) refuses them at registration, as a sender refuses them
     * before each delivery.
     */
    public boolean webhooksAllowPrivate = false;
    /** How webhook host names are resolved for the private-address check; tests inject one. */
    public io.rungu.model.OutboundAddresses.Resolver resolver = io.rungu.model.OutboundAddresses.SYSTEM;

    /** Every problem with this configuration, each with how to fix it; empty when it is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if ((url == null || url.isBlank()) == (dataSource == null)) {
            problems.add("Set exactly one of url (e.g. jdbc:sqlite:/var/lib/rungu/rungu.db) and dataSource");
        }
        if (url != null && !url.isBlank() && !url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            problems.add("url must start with jdbc:sqlite: or jdbc:postgresql:, got '" + url + "'");
        }
        if (schema != null) {
            if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
                problems.add("schema must be a lower-case PostgreSQL identifier such as rungu (letters, digits, _), got '"
                        + schema + "'");
            }
            if (url != null && url.startsWith("jdbc:sqlite:")) {
                problems.add("schema is for PostgreSQL only; a SQLite file is Rungu's alone, remove schema");
            }
            if (url != null && url.contains("currentSchema=")) {
                problems.add("Set the schema either in the URL (currentSchema=) or in schema, not both");
            }
        }
        if (clock == null) {
            problems.add("clock must not be null");
        }
        if (ids == null) {
            problems.add("ids must not be null");
        }
        if (readConnections < 1 || readConnections > 64) {
            problems.add("readConnections must be between 1 and 64, got " + readConnections);
        }
        if (poolSize < 1 || poolSize > 256) {
            problems.add("poolSize must be between 1 and 256, got " + poolSize);
        }
        if (busyTimeout == null || busyTimeout.isNegative()) {
            problems.add("busyTimeout must be zero or positive");
        }
        if (cacheTtl == null || cacheTtl.isNegative() || cacheTtl.compareTo(Duration.ofHours(1)) > 0) {
            problems.add("cacheTtl must be between zero (no caching) and one hour");
        }
        if (cacheMegabytes < 0 || cacheMegabytes > 4096) {
            problems.add("cacheMegabytes must be between 0 and 4096, got " + cacheMegabytes);
        }
        if (eventPollInterval == null || eventPollInterval.compareTo(Duration.ofMillis(10)) < 0
                || eventPollInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            problems.add("eventPollInterval must be between 10 ms and 10 minutes");
        }
        if (eventRetention == null || eventRetention.compareTo(Duration.ofHours(1)) < 0) {
            problems.add("eventRetention must be at least one hour");
        }
        if (auditDays < 0 || auditDays > 100_000) {
            problems.add("auditDays must be 0 (keep forever) or a number of days up to 100000, got " + auditDays);
        }
        if (uploadQuotaPerUser < 0) {
            problems.add("uploadQuotaPerUser must be 0 (no quota) or a number of bytes, got " + uploadQuotaPerUser);
        }
        if (uploadQuotaTotal < 0) {
            problems.add("uploadQuotaTotal must be 0 (no quota) or a number of bytes, got " + uploadQuotaTotal);
        }
        if (resolver == null) {
            problems.add("resolver must not be null (OutboundAddresses.SYSTEM resolves through the JDK)");
        }
        if (sessionCacheEntries < 0 || sessionCacheEntries > 10_000_000) {
            problems.add("sessionCacheEntries must be between 0 and 10000000, got " + sessionCacheEntries);
        }
        return problems;
    }
}
