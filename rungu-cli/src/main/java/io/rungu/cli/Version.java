package io.rungu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** The Rungu version, from a resource the build fills in (works from the jar and from target/classes). */
final class Version implements CommandLine.IVersionProvider {
    private static final String RESOURCE = "/io/rungu/cli/version.properties";

    static String current() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"rungu " + current(), "Java " + Runtime.version()};
    }
}
