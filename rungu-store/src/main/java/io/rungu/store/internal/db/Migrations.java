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
            // Numbers only increase; a gap is allowed, because branches developed in parallel take numbers ahead.
            if (!result.isEmpty() && version <= result.get(result.size() - 1).version()) {
                throw new IllegalStateException("Migration " + file + " is out of sequence");
            }
            result.add(new Migration(version, file, sql, sha256(sql)));
        }
        return result;
    }

    /**
     * Applies every migration not yet applied, each in its own transaction, on one connection that holds the
     * dialect's migration lock meanwhile, so servers starting together against one database migrate it once.
     */
    public static void apply(Database db, Clock clock) {
        List<Migration> shipped = shipped(db.dialect().name());
        db.maintenance(h -> {
            db.dialect().migrationLock().ifPresent(h::execute);
            try {
                apply(h, shipped, clock);
            } finally {
                db.dialect().migrationUnlock().ifPresent(h::execute);
            }
            return null;
        });
    }

    private static void apply(Handle h, List<Migration> shipped, Clock clock) {
        h.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                + "version INTEGER PRIMARY KEY, file TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
        Map<Integer, String> applied = h
                .createQuery("SELECT version, checksum FROM schema_migrations")
                .map((rs, ctx) -> Map.entry(rs.getInt(1), rs.getString(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (Migration m : shipped) {
            String recorded = applied.get(m.version());
            if (recorded != null) {
                if (!recorded.equals(m.checksum())) {
                    throw new IllegalStateException("Migration " + m.file() + " was changed after it was applied "
                            + "(checksum " + recorded + " in the database, " + m.checksum() + " shipped). "
                            + "Shipped migrations must never be edited; add a new one instead.");
                }
                continue;
            }
            h.useTransaction(tx -> {
                // Another process may have applied it since the read above (SQLite has no migration lock, but
                // its write transactions are serialised, so this check sees the other's commit).
                if (tx.createQuery("SELECT 1 FROM schema_migrations WHERE version = :v").bind("v", m.version())
                        .mapTo(Integer.class).findOne().isPresent()) {
                    return;
                }
                LOG.info("Applying migration {}", m.file());
                for (String statement : statements(m.sql())) {
                    tx.execute(statement);
                }
                tx.createUpdate("INSERT INTO schema_migrations (version, file, checksum, applied_at) "
                                + "VALUES (:v, :f, :c, :t)")
                        .bind("v", m.version()).bind("f", m.file()).bind("c", m.checksum())
                        .bind("t", Timestamps.format(clock.instant()))
                        .execute();
            });
        }
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int newestShipped = shipped.isEmpty() ? 0 : shipped.get(shipped.size() - 1).version();
        if (newest > newestShipped) {
            throw new IllegalStateException("The database has migration " + newest + " but this Rungu ships only "
                    + "up to " + newestShipped + ": it was written by a newer version. Upgrade Rungu.");
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
