package io.rungu.cli;

import io.rungu.model.ByteSizes;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.RunguStore;
import io.rungu.store.StoreConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every command works with: the environment, the standard streams, and the global options. One instance per
 * run, so tests run commands in-process with their own environment and captured output.
 */
final class Context {
    final Environment env;
    final InputStream in;
    final PrintStream out;
    final PrintStream err;

    /** {@code --db}, null when not given. */
    String db;
    /** {@code --verbose}: stack traces on failures. */
    boolean verbose;

    Context(Environment env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    DatabaseLocation database() {
        return DatabaseLocation.resolve(db, env);
    }

    /** Opens the store at {@link #database()}, turning open failures into one-line CLI errors. */
    RunguStore openStore() {
        return openStore(false);
    }

    /**
     * Like {@link #openStore()}; with {@code mustExist} a SQLite file that does not exist is an error instead of
     * being created.
     */
    RunguStore openStore(boolean mustExist) {
        DatabaseLocation location = database();
        Duration cacheTtl = cacheTtl();
        int cacheMegabytes = cacheMegabytes();
        long quotaPerUser = byteSize("RUNGU_UPLOAD_QUOTA_USER", 200L * 1024 * 1024);
        long quotaTotal = byteSize("RUNGU_UPLOAD_QUOTA_TOTAL", 0);
        int auditDays = auditDays();
        Consumer<StoreConfig> connection = connection(location);
        boolean allowPrivate = WebhookSettings.allowPrivate(env);
        boolean migrate = env.get("RUNGU_MIGRATE").map(v -> ServerSettings.parseBoolean("RUNGU_MIGRATE", v)).orElse(true);
        return StoreOpener.open(location, mustExist, cfg -> {
            cfg.cacheTtl = cacheTtl;
            cfg.cacheMegabytes = cacheMegabytes;
            cfg.uploadQuotaPerUser = quotaPerUser;
            cfg.uploadQuotaTotal = quotaTotal;
            cfg.auditDays = auditDays;
            cfg.migrate = migrate;
            cfg.webhooksAllowPrivate = allowPrivate;
            connection.accept(cfg);
        });
    }

    /**
     * How to reach the database at {@code location}: its URL or a connection pool, and {@code RUNGU_DB_SCHEMA}
     * (PostgreSQL: the schema Rungu's tables live in).
     */
    Consumer<StoreConfig> connection(DatabaseLocation location) {
        String schema = env.get("RUNGU_DB_SCHEMA").filter(v -> !v.isBlank()).orElse(null);
        int poolSize = location.jdbcUrl().startsWith("jdbc:postgresql:") ? poolSize() : 0;
        return cfg -> {
            cfg.schema = schema;
            if (location.jdbcUrl().startsWith("jdbc:postgresql:")) {
                cfg.dataSource = PostgresPool.open(location.jdbcUrl(), poolSize);
                cfg.closeDataSource = true;
            } else {
                cfg.url = location.jdbcUrl();
            }
        };
    }

    /** {@code RUNGU_CACHE_TTL}: how long kept list pages and sessions may answer (0s turns caching off). */
    Duration cacheTtl() {
        Duration ttl = env.get("RUNGU_CACHE_TTL")
                .map(v -> ServerSettings.parseDuration("RUNGU_CACHE_TTL", v))
                .orElse(Duration.ofSeconds(1));
        if (ttl.isNegative() || ttl.compareTo(Duration.ofHours(1)) > 0) {
            throw new CliException(ExitCode.INVALID, "RUNGU_CACHE_TTL must be between 0s (no caching) and 1h, got "
                    + env.get("RUNGU_CACHE_TTL").orElse(""));
        }
        return ttl;
    }

    /** A byte size such as {@code 200MiB} from the variable; {@code none} or {@code 0} means no limit (0). */
    long byteSize(String name, long defaultValue) {
        Optional<String> value = env.get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        if (value.get().strip().equalsIgnoreCase("none")) {
            return 0;
        }
        try {
            return ByteSizes.parse(value.get());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID, name + ": " + e.getMessage() + " (or none for no limit)");
        }
    }

    /** {@code RUNGU_CACHE_MEGABYTES}: heap for kept list pages and posts (0 keeps none). */
    int cacheMegabytes() {
        String value = env.get("RUNGU_CACHE_MEGABYTES").orElse("16");
        try {
            int megabytes = Integer.parseInt(value.trim());
            if (megabytes >= 0 && megabytes <= 4096) {
                return megabytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(ExitCode.INVALID, "RUNGU_CACHE_MEGABYTES must be a number from 0 to 4096, got '" + value + "'");
    }

    /** {@code RUNGU_AUDIT_DAYS}: days the audit log keeps its entries (0, the default, keeps them forever). */
    int auditDays() {
        String value = env.get("RUNGU_AUDIT_DAYS").orElse("0");
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 0 && days <= 100_000) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(ExitCode.INVALID, "RUNGU_AUDIT_DAYS must be a number of days from 0 (keep forever) "
                + "to 100000, got '" + value + "'");
    }

    /** {@code RUNGU_DB_POOL_SIZE}: PostgreSQL connections of this process. */
    int poolSize() {
        String value = env.get("RUNGU_DB_POOL_SIZE").orElse(String.valueOf(PostgresPool.DEFAULT_SIZE));
        try {
            int size = Integer.parseInt(value.trim());
            if (size >= 1 && size <= 256) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException(ExitCode.INVALID, "RUNGU_DB_POOL_SIZE must be a number from 1 to 256, got '" + value + "'");
    }

    /** Sign-in over the store, configured from the environment (and serve's flags, when given). */
    RunguAuth openAuth(RunguStore store, ServerSettings settings) {
        return openAuth(store, settings, auth -> { });
    }

    /** As {@link #openAuth(RunguStore, ServerSettings)}, then {@code more} (what serve adds, e.g. email sign-in). */
    RunguAuth openAuth(RunguStore store, ServerSettings settings, java.util.function.Consumer<io.rungu.oauth.AuthConfig> more) {
        String secret = SecretFile.load(env, database().dataDir());
        try {
            return RunguAuth.create(store, auth -> {
                settings.configure(auth, secret, env);
                more.accept(auth);
            });
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID, e.getMessage(), e);
        }
    }
}
