package io.rungu.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The signing secret: {@code RUNGU_SECRET} (or the original's {@code APP_SECRET}) when set, else the one kept in
 * {@code <data dir>/secret}, generated on first use and readable by the owner only.
 */
final class SecretFile {
    static final String FILE_NAME = "secret";

    private SecretFile() {}

    static String load(Environment env, Path dataDir) {
        return ServerSettings.first(env, "RUNGU_SECRET", "APP_SECRET").orElseGet(() -> fromFile(dataDir.resolve(FILE_NAME)));
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            try {
                create(file);
            } catch (FileAlreadyExistsException e) {
                return read(file); // another process made it first
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return secret;
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot keep the signing secret in " + file + ": " + e.getMessage()
                    + " (set RUNGU_SECRET or RUNGU_DATA_DIR)", e);
        }
    }

    private static void create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
    }

    private static String read(Path file) throws IOException {
        String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (secret.isEmpty()) {
            throw new IOException("the file is empty; delete it to generate a new secret");
        }
        return secret;
    }
}
