package io.rungu.cli;

import io.rungu.oauth.AuthConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of the packaged server, from flags (when given) and the environment. The original Rungu's variable
 * names ({@code APP_SECRET}, {@code APP_URL}, {@code ADMIN_EMAILS}, {@code GITHUB_CLIENT_ID}, ...) are read as
 * fallbacks, so an existing deployment keeps working.
 *
 * @param port          listen port
 * @param host          listen address
 * @param basePath      "" or a path such as {@code /feedback}
 * @param baseUrl       public URL of the board, base path included, no trailing slash
 * @param secureCookies whether cookies are marked Secure
 * @param widgetOrigins sites allowed to embed the feedback widget ({@code RUNGU_WIDGET_ORIGINS})
 */
record ServerSettings(int port, String host, String basePath, String baseUrl, boolean secureCookies,
                      Set<String> adminEmails, List<String> corsOrigins, boolean rateLimits, boolean trustForwardedFor,
                      List<String> trustedProxies, List<String> widgetOrigins) {
    static final int DEFAULT_PORT = 3000;

    /** Flags override variables; null flags mean "not given". */
    static ServerSettings resolve(Environment env, Integer portFlag, String hostFlag, String basePathFlag, String baseUrlFlag) {
        Optional<Listen> listen = env.get("RUNGU_LISTEN").map(v -> Listen.parse("RUNGU_LISTEN", v));
        int port = portFlag != null ? portFlag : env.get("RUNGU_PORT").map(v -> parsePort("RUNGU_PORT", v))
                .or(() -> listen.map(Listen::port)).orElse(DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw new CliException(ExitCode.INVALID, "port must be between 0 and 65535, got " + port);
        }
        String host = Optional.ofNullable(hostFlag).or(() -> env.get("RUNGU_HOST"))
                .or(() -> listen.map(Listen::host)).orElse("0.0.0.0");
        String basePath = normaliseBasePath(Optional.ofNullable(basePathFlag).or(() -> env.get("RUNGU_BASE_PATH")).orElse(""));
        String baseUrl = Optional.ofNullable(baseUrlFlag).or(() -> first(env, "RUNGU_BASE_URL", "APP_URL"))
                .map(ServerSettings::trimSlash)
                .orElse(defaultBaseUrl(port, basePath));
        boolean secure = first(env, "RUNGU_SECURE_COOKIES", "RUNGU_SECURE_COOKIE")
                .map(v -> parseBoolean("RUNGU_SECURE_COOKIES", v))
                .orElseGet(() -> !isPlainLocalhost(baseUrl));
        Set<String> admins = new LinkedHashSet<>(list(first(env, "RUNGU_ADMIN_EMAILS", "ADMIN_EMAILS")).stream()
                .map(io.rungu.model.Emails::normalize).toList());
        List<String> cors = list(env.get("RUNGU_CORS_ORIGINS"));
        boolean rateLimits = env.get("RUNGU_RATE_LIMITS").map(v -> parseBoolean("RUNGU_RATE_LIMITS", v)).orElse(true);
        boolean trustForwardedFor = env.get("RUNGU_TRUST_FORWARDED_FOR")
                .map(v -> parseBoolean("RUNGU_TRUST_FORWARDED_FOR", v)).orElse(false);
        List<String> trustedProxies = list(env.get("RUNGU_TRUSTED_PROXIES"));
        List<String> widgetOrigins = list(env.get("RUNGU_WIDGET_ORIGINS"));
        return new ServerSettings(port, host, basePath, baseUrl, secure, Set.copyOf(admins), cors, rateLimits, trustForwardedFor,
                trustedProxies, widgetOrigins);
    }

    /**
     * A listen address written as the original Rungu's {@code RUNGU_LISTEN} and {@code --listen}: {@code HOST:PORT},
     * with an IPv6 host in brackets ({@code [::]:3000}).
     */
    record Listen(String host, int port) {
        static Listen parse(String name, String value) {
            String v = value.trim();
            int colon = v.lastIndexOf(':');
            String host = colon < 0 ? "" : v.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                host = "";
            }
            int port = -1;
            try {
                port = colon < 0 ? -1 : Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (host.isBlank() || port < 0 || port > 65535) {
                throw new CliException(ExitCode.INVALID, name + " must be HOST:PORT such as 0.0.0.0:3000, 127.0.0.1:8080 "
                        + "or [::]:3000, got '" + value + "'");
            }
            return new Listen(host, port);
        }
    }

    /** True when a public URL was given (flag or variable), not the default {@code http://localhost:<port>}. */
    boolean baseUrlConfigured() {
        return !baseUrl.equals(defaultBaseUrl(port, basePath));
    }

    /** Fills an auth configuration: secret, URLs, cookies, admins and the providers configured in the environment. */
    void configure(AuthConfig auth, String secret, Environment env) {
        auth.secret = secret;
        auth.baseUrl = baseUrl;
        auth.secureCookies = secureCookies;
        auth.adminEmails = new java.util.HashSet<>(adminEmails);
        env.get("RUNGU_SESSION_TTL").ifPresent(v -> auth.sessionTtl = parseDuration("RUNGU_SESSION_TTL", v));
        Providers.configure(auth, env);
    }

    /** The public URL when none is configured. */
    static String defaultBaseUrl(int port, String basePath) {
        return "http://localhost:" + port + basePath;
    }

    static Optional<String> first(Environment env, String... names) {
        for (String name : names) {
            Optional<String> value = env.get(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** A duration such as {@code 7d}, {@code 12h} or {@code P7D}; anything else is an error naming the variable. */
    static java.time.Duration parseDuration(String name, String value) {
        try {
            return new Converters.DurationConverter().convert(value);
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new CliException(ExitCode.INVALID, name + ": " + e.getMessage());
        }
    }

    /** {@code true/1/yes/y/on} or {@code false/0/no/n/off}, case-insensitive; anything else is an error. */
    static boolean parseBoolean(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "on" -> true;
            case "false", "0", "no", "n", "off" -> false;
            default -> throw new CliException(ExitCode.INVALID, name + " must be true or false, got '" + value + "'");
        };
    }

    private static int parsePort(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CliException(ExitCode.INVALID, name + " must be a port number, got '" + value + "'");
        }
    }

    private static List<String> list(Optional<String> value) {
        return value.map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static String normaliseBasePath(String value) {
        String b = trimSlash(value.trim());
        return b.isEmpty() || b.startsWith("/") ? b : "/" + b;
    }

    private static String trimSlash(String value) {
        String v = value.trim();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    private static boolean isPlainLocalhost(String url) {
        try {
            URI uri = new URI(url);
            return "http".equals(uri.getScheme())
                    && List.of("localhost", "127.0.0.1", "[::1]").contains(String.valueOf(uri.getHost()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
