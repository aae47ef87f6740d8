package io.rungu.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the Rungu artifacts, as the build wrote it into a resource of this jar: what the OpenAPI document,
 * the MCP server and the command line report, embedded or not.
 */
public final class RunguVersion {
    private static final String RESOURCE = "/io/rungu/wire/version.properties";
    private static final String CURRENT = read();

    private RunguVersion() {}

    /** The artifact version, such as {@code 0.1.0} or {@code 0.2.0-SNAPSHOT}; "unknown" if the resource is missing. */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = RunguVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String v = properties.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
