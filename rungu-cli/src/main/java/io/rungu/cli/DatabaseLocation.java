package io.rungu.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the database is and where the server keeps its own files.
 *
 * <p>The database is the first of: {@code --db}, {@code RUNGU_DB}, {@code DATABASE_URL},
 * {@code $RUNGU_DATA_DIR/rungu.db}, {@code ~/.rungu/rungu.db}. A value is a SQLite file path, a JDBC URL
 * ({@code jdbc:...}, used as given), a {@code postgres://} or {@code postgresql://} URL (converted to JDBC), or a
 * {@code sqlite:} URL as the original Rungu accepted.
 *
 * <p>The data directory (generated secret) is {@code RUNGU_DATA_DIR} when set, else the directory of an explicit
 * SQLite file, so the secret stays beside the database (e.g. on a container volume), else {@code ~/.rungu}.
 *
 * @param jdbcUrl     the URL the store opens
 * @param dataDir     where the server keeps its own files
 * @param displayName the location without credentials, for messages
 */
record DatabaseLocation(String jdbcUrl, Path dataDir, String displayName) {
    static final String FILE_NAME = "rungu.db";

    static DatabaseLocation resolve(String dbOption, Environment env) {
        Optional<Path> dataDirVariable = env.get("RUNGU_DATA_DIR").map(DatabaseLocation::absolute);
        Optional<String> explicit = Optional.ofNullable(dbOption).filter(s -> !s.isBlank()).map(String::trim)
                .or(() -> env.get("RUNGU_DB"))
                .or(() -> env.get("DATABASE_URL"));
        if (explicit.isEmpty()) {
            Path dir = dataDirVariable.orElseGet(() -> env.home().resolve(".rungu").toAbsolutePath().normalize());
            return sqlite(dir.resolve(FILE_NAME), dir);
        }
        String value = explicit.get();
        Path fallbackDir = dataDirVariable.orElseGet(() -> env.home().resolve(".rungu").toAbsolutePath().normalize());
        if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
            return new DatabaseLocation(postgresJdbcUrl(value), fallbackDir, redact(value));
        }
        if (value.startsWith("jdbc:sqlite:")) {
            return new DatabaseLocation(value, fallbackDir, value);
        }
        if (value.startsWith("jdbc:")) {
            return new DatabaseLocation(value, fallbackDir, redact(value));
        }
        Path file = absolute(sqlitePath(value));
        return sqlite(file, dataDirVariable.orElseGet(() -> file.getParent()));
    }

    /** The SQLite file this location names; empty for PostgreSQL and in-memory databases. */
    Optional<Path> sqliteFile() {
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring("jdbc:sqlite:".length());
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.isEmpty() || path.startsWith(":memory:") || jdbcUrl.contains("mode=memory")) {
            return Optional.empty();
        }
        return Optional.of(absolute(path));
    }

    private static DatabaseLocation sqlite(Path file, Path dataDir) {
        return new DatabaseLocation("jdbc:sqlite:" + file, dataDir, file.toString());
    }

    /** {@code sqlite:path}, {@code sqlite://path?mode=rwc} (the original's URLs) and plain paths. */
    private static String sqlitePath(String value) {
        if (!value.startsWith("sqlite:")) {
            return value;
        }
        String path = value.substring("sqlite:".length());
        if (path.startsWith("//")) {
            path = path.substring(2);
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /**
     * {@code postgres://user:pass@host:port/db?sslmode=require} to
     * {@code jdbc:postgresql://host:port/db?sslmode=require&user=user&password=pass}. User and password stay
     * percent-encoded: the driver decodes URL parameters.
     */
    static String postgresJdbcUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CliException(ExitCode.INVALID, "Not a valid PostgreSQL URL: " + redact(url));
        }
        if (uri.getHost() == null) {
            throw new CliException(ExitCode.INVALID, "PostgreSQL URL needs a host, e.g. postgres://user:pass@localhost:5432/rungu");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        List<String> params = new ArrayList<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            params.add(uri.getRawQuery());
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            params.add("user=" + (colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                params.add("password=" + userInfo.substring(colon + 1));
            }
        }
        if (!params.isEmpty()) {
            jdbc.append('?').append(String.join("&", params));
        }
        return jdbc.toString();
    }

    /** The URL with any password replaced by {@code ***}. */
    static String redact(String url) {
        return url.replaceAll("(?<=://)([^:/@]+):[^@/]*@", "$1:***@")
                .replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
