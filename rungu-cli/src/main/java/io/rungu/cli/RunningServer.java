package io.rungu.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data dir>/server.properties}: written by {@code serve} once it listens and removed when it stops
 * cleanly, so {@code login-link} run on the same machine makes links that point at the running server.
 *
 * @param url the server's public URL, base path included
 * @param pid the server's process id; a file left behind by a killed server is ignored
 * @param db  the database the server serves (display name), so a link is only made for the same database
 */
record RunningServer(String url, long pid, String db) {
    static final String FILE_NAME = "server.properties";
    private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

    /** This process, serving {@code url} from {@code db}. */
    static RunningServer self(String url, String db) {
        return new RunningServer(url, ProcessHandle.current().pid(), db);
    }

    /** Writes the file; a data directory this process cannot write only costs the hint, so that is logged. */
    void write(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            Path temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp");
            // A stop right after start-up (SIGTERM while this runs) would otherwise leave the temporary file behind.
            temp.toFile().deleteOnExit();
            Files.writeString(temp, text(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("Cannot write {} ({}); rungu login-link will not know this server's URL", file, e.toString());
        }
    }

    /** Removes the file if it still describes this server (another server may have replaced it since). */
    void remove(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text())) {
                Files.delete(file);
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", file, e.toString());
        }
    }

    /** The server described in the data directory, if its process is still alive and it serves {@code db}. */
    static Optional<RunningServer> find(Path dataDir, String db) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            RunningServer server = new RunningServer(p.getProperty("url", ""),
                    Long.parseLong(p.getProperty("pid", "-1").trim()), p.getProperty("db", ""));
            boolean alive = ProcessHandle.of(server.pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && !server.url.isBlank() && server.db.equals(db) ? Optional.of(server) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String text() {
        return "# Written by rungu serve while it runs; read by rungu login-link.\n"
                + "url=" + escape(url) + "\npid=" + pid + "\ndb=" + escape(db) + "\n";
    }

    /** Backslashes are the only character Properties.load would misread in these values. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }
}
