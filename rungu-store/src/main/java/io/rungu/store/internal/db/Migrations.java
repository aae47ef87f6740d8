package io.rungu.store.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbered, up-only SQL migrations per dialect, listed in {@code migrations/<dialect>/index.txt}. Each applied
 * migration is recorded with its SHA-256; a shipped migration whose text changed stops the store from opening,
 * because the database no longer matches what the code expects.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String ROOT = "/io/rungu/store/migrations/";
    /** Where applied migrations are recorded; named for Rungu so it can share a database with other tools. */
    public static final String TABLE = "rungu_schema_migrations";
    /** The table's name before 0.2, renamed to {@link #TABLE} at the first start of a newer version. */
    static final String LEGACY_TABLE = "schema_migrations";

    private Migrations() {}

    /** One migration file. */
    public record Migration(int version, String file, String sql, String checksum) {}

    /** The migrations shipped for a dialect, in order. */
    public static List<Migration> shipped(String dialect) {
        List<Migration> result = new ArrayList<>();
        for (String line : read(ROOT + dialect + "/index.txt").split("\n")) {
            String file = line.trim();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            String sql = read(ROOT + dialect + "/" + file);
            int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
            // Ascending, not necessarily consecutive: branches developed in parallel number theirs ahead.
            if (version <= (result.isEmpty() ? 0 : result.get(result.size() - 1).version())) {
                throw new IllegalStateException("Migration " + file + " is out of sequence");
            }
            result.add(new Migration(version, file, sql, sha256(sql)));
        }
        return result;
    }

    /**
     * Applies every migration not yet applied, each in its own transaction, on one connection that holds the
     * dialect's migration lock meanwhile, so servers starting together against one database migrate it once.
     * The first transaction also creates the schema (if one is configured) and the migration table, so a start
     * that fails in the first migration leaves nothing behind.
     *
     * @return the migrations applied now, in order (empty when the database was up to date)
     */
    public static List<Migration> apply(Database db, Clock clock) {
        return run(db, clock, true);
    }

    /**
     * Checks, without changing anything, that every shipped migration has been applied.
     *
     * @throws IllegalStateException naming the pending migrations and how to apply them
     */
    public static void requireCurrent(Database db) {
        run(db, Clock.systemUTC(), false);
    }

    private static List<Migration> run(Database db, Clock clock, boolean migrate) {
        List<Migration> shipped = shipped(db.dialect().name());
        return db.maintenance(h -> {
            db.dialect().migrationLock().ifPresent(h::execute);
            try {
                return apply(h, db.dialect(), shipped, clock, migrate);
            } finally {
                db.dialect().migrationUnlock().ifPresent(h::execute);
            }
        });
    }

    private static List<Migration> apply(Handle h, Dialect dialect, List<Migration> shipped, Clock clock, boolean migrate) {
        boolean exists = exists(h, dialect, TABLE);
        if (!exists && exists(h, dialect, LEGACY_TABLE) && isRungus(h, shipped)) {
            if (!migrate) {
                throw behind("its migrations are recorded in the old table " + LEGACY_TABLE + " (renamed to " + TABLE
                        + " by this version)");
            }
            // Rungu before 0.2 named its table schema_migrations, which collides with other tools in a shared
            // database; renamed in place, in one transaction, only when it holds Rungu's own first migration.
            h.useTransaction(tx -> {
                for (String statement : dialect.renameLegacyMigrationTable()) {
                    tx.execute(statement);
                }
            });
            LOG.info("Renamed the migration table {} to {}", LEGACY_TABLE, TABLE);
            exists = true;
        }
        Map<Integer, String> applied = exists ? h
                .createQuery("SELECT version, checksum FROM " + TABLE)
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getString(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)) : Map.of();
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int newestShipped = shipped.isEmpty() ? 0 : shipped.get(shipped.size() - 1).version();
        if (newest > newestShipped) {
            throw new IllegalStateException("The database has migration " + newest + " but this Rungu ships only "
                    + newestShipped + ": it was written by a newer version. Upgrade Rungu.");
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration m : shipped) {
            String recorded = applied.get(m.version());
            if (recorded == null) {
                pending.add(m);
            } else if (!recorded.equals(m.checksum())) {
                throw new IllegalStateException("Migration " + m.file() + " was changed after it was applied "
                        + "(checksum " + recorded + " in the database, " + m.checksum() + " shipped). "
                        + "Shipped migrations must never be edited; add a new one instead.");
            }
        }
        if (!migrate) {
            if (!pending.isEmpty()) {
                throw behind(pending.size() + " migration(s) are not applied: "
                        + pending.stream().map(Migration::file).collect(Collectors.joining(", ")));
            }
            return List.of();
        }
        List<Migration> done = new ArrayList<>();
        for (Migration m : pending) {
            boolean ran = h.inTransaction(tx -> {
                dialect.createSchema().ifPresent(tx::execute);
                tx.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                        + "version INTEGER PRIMARY KEY, file TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
                // Another process may have applied it since the read above (SQLite has no migration lock, but
                // its write transactions are serialised, so this check sees the other's commit).
                if (tx.createQuery("SELECT 1 FROM " + TABLE + " WHERE version = :v").bind("v", m.version())
                        .mapTo(Integer.class).findOne().isPresent()) {
                    return false;
                }
                LOG.info("Applying migration {}", m.file());
                for (String statement : statements(m.sql())) {
                    tx.execute(statement);
                }
                tx.createUpdate("INSERT INTO " + TABLE + " (version, file, checksum, applied_at) "
                                + "VALUES (:v, :f, :c, :t)")
                        .bind("v", m.version()).bind("f", m.file()).bind("c", m.checksum())
                        .bind("t", Timestamps.format(clock.instant()))
                        .execute();
                return true;
            });
            if (ran) {
                done.add(m);
            }
        }
        return done;
    }

    private static IllegalStateException behind(String why) {
        return new IllegalStateException("The database schema is behind this version of Rungu: " + why
                + ". Apply the migrations first (rungu migrate-schema, or RunguStore.migrate(...)), "
                + "or open the store with migrate = true.");
    }

    private static boolean exists(Handle h, Dialect dialect, String table) {
        return h.createQuery(dialect.tableExists()).bind("name", table).mapTo(Integer.class).findOne().isPresent();
    }

    /** True when the legacy table records Rungu's own first migration (and not another tool's). */
    private static boolean isRungus(Handle h, List<Migration> shipped) {
        Migration first = shipped.get(0);
        try {
            return h.createQuery("SELECT file, checksum FROM " + LEGACY_TABLE + " WHERE version = 1")
                    .map((rs, ctx) -> first.file().equals(rs.getString(1)) && first.checksum().equals(rs.getString(2)))
                    .findOne().orElse(false);
        } catch (RuntimeException e) {
            return false; // another tool's table with other columns
        }
    }

    /**
     * Splits a script into statements at a {@code ;} that ends a line, keeping trigger bodies
     * ({@code BEGIN ... END;}) and dollar-quoted bodies ({@code $$ ... $$}) whole.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBlock = false;
        boolean inDollar = false;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!inBlock && !inDollar && (trimmed.startsWith("--") || trimmed.isEmpty())) {
                continue;
            }
            current.append(line).append('\n');
            int dollars = countOf(line, "$$");
            if (dollars % 2 == 1) {
                inDollar = !inDollar;
            }
            String upper = trimmed.toUpperCase(java.util.Locale.ROOT);
            if (!inDollar && (upper.equals("BEGIN") || upper.endsWith(" BEGIN"))) {
                inBlock = true;
            }
            if (inBlock && upper.equals("END;")) {
                inBlock = false;
            }
            if (!inBlock && !inDollar && trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
