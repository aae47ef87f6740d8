package io.rungu.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment as the CLI sees it. This is the only class of Rungu that reads environment variables
 * and system properties; every command gets its settings from here, so tests inject a map instead.
 */
public final class Environment {
    private final Map<String, String> variables;
    private final Path home;

    private Environment(Map<String, String> variables, Path home) {
        this.variables = Map.copyOf(variables);
        this.home = home;
    }

    /** The real environment of this process; home is {@code $HOME} when set, as shells have it, else Java's user.home. */
    public static Environment system() {
        Map<String, String> variables = System.getenv();
        String home = variables.getOrDefault("HOME", "");
        return new Environment(variables, Path.of(home.isBlank() ? System.getProperty("user.home", ".") : home));
    }

    /** A given set of variables and home directory (tests). */
    public static Environment of(Map<String, String> variables, Path home) {
        return new Environment(variables, home);
    }

    /** The trimmed value of a variable; absent when unset or blank, so {@code VAR=} means "use the default". */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    /**
     * Sets a JVM system property unless the command line gave it ({@code -Dname=...} wins): for libraries that read
     * their tuning from system properties.
     */
    public static void defaultSystemProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /** The user's home directory. */
    public Path home() {
        return home;
    }
}
