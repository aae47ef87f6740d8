package io.rungu.cli;

import io.javalin.Javalin;
import io.rungu.http.HttpConfig;
import io.rungu.http.RunguPlugin;
import io.rungu.model.Role;
import io.rungu.notify.RunguNotify;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.RunguStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged server: the store, sign-in and the board plugin on one Javalin instance. Owns the store and stops
 * everything on {@link #close()}.
 */
final class RunguServer implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.rungu.access");
    private static final Logger LOG = LoggerFactory.getLogger(RunguServer.class);
    static final Duration FIRST_ADMIN_LINK_TTL = Duration.ofHours(1);

    private final RunguStore store;
    private final Javalin app;
    private final String firstAdminLink;
    private final RunningServer running;
    private final Path dataDir;
    private final RunguNotify notify;
    private final io.rungu.notify.RunguWebhooks webhooks;
    private final TextAccessLog accessLog;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunguServer(RunguStore store, Javalin app, String firstAdminLink, RunningServer running, Path dataDir,
            RunguNotify notify, io.rungu.notify.RunguWebhooks webhooks, TextAccessLog accessLog) {
        this.webhooks = webhooks;
        this.accessLog = accessLog;
        this.store = store;
        this.notify = notify;
        this.app = app;
        this.firstAdminLink = firstAdminLink;
        this.running = running;
        this.dataDir = dataDir;
    }

    /**
     * Checks that the port is free, opens the store and starts serving; on failure everything opened so far is
     * closed again. Once listening, it records its public URL in the data directory ({@link RunningServer}).
     */
    static RunguServer start(Context context, ServerSettings settings) {
        Ports.checkFree(settings.host(), settings.port());
        java.util.Optional<MailSettings> mail = MailSettings.resolve(context.env);
        WebhookSettings hooks = WebhookSettings.resolve(context.env);
        RunguStore store = context.openStore();
        try {
            // Sign-in links go out through the mailer, which starts once the public URL is known.
            java.util.concurrent.atomic.AtomicReference<RunguNotify> mailer = new java.util.concurrent.atomic.AtomicReference<>();
            RunguAuth auth = context.openAuth(store, settings, a -> {
                if (mail.isPresent() && mail.get().emailSignIn()) {
                    a.emailSignIn = (email, link) -> {
                        RunguNotify n = mailer.get();
                        if (n != null) {
                            n.sendSignInLink(email, link);
                        }
                    };
                }
            });
            HttpConfig.AccessLog logFormat = logFormat(context.env);
            boolean warmUp = context.env.get("RUNGU_WARM_UP")
                    .map(v -> ServerSettings.parseBoolean("RUNGU_WARM_UP", v)).orElse(true);
            TextAccessLog accessLog = logFormat == HttpConfig.AccessLog.TEXT && ACCESS.isInfoEnabled()
                    ? new TextAccessLog(System.err, System::currentTimeMillis) : null;
            RunguPlugin plugin = plugin(store, auth, settings, context.env, logFormat, context.out);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                if (accessLog != null) { // JSON lines come from the plugin, with route templates
                    config.requestLogger.http((ctx, ms) -> accessLog.log(String.valueOf(ctx.method()),
                            loggablePath(ctx.path()), ctx.statusCode(), ms));
                }
                config.http.compressionStrategy = gzip();
                config.registerPlugin(plugin);
            });
            try {
                app.start();
            } catch (RuntimeException e) {
                app.stop();
                throw new CliException(ExitCode.FAILURE, "cannot listen on " + settings.host() + ":" + settings.port()
                        + ": " + rootMessage(e), e);
            }
            String publicUrl = publicUrl(settings, app.port());
            String link = firstAdminLink(store, auth, settings);
            if (link != null && link.startsWith(settings.baseUrl())) {
                link = publicUrl + link.substring(settings.baseUrl().length()); // port 0: the port actually bound
            }
            RunguNotify notify;
            io.rungu.notify.RunguWebhooks webhooks;
            try {
                notify = startMail(store, mail, publicUrl);
                mailer.set(notify);
            } catch (RuntimeException e) {
                app.stop();
                throw e;
            }
            try {
                webhooks = startWebhooks(store, hooks);
            } catch (RuntimeException e) {
                app.stop();
                if (notify != null) {
                    notify.close();
                }
                throw e;
            }
            try {
                RunningServer running = RunningServer.self(publicUrl, context.database().displayName());
                Path dataDir = context.database().dataDir();
                running.write(dataDir);
                if (warmUp) {
                    SearchWarmUp.start(store.board());
                }
                return new RunguServer(store, app, link, running, dataDir, notify, webhooks, accessLog);
            } catch (RuntimeException e) {
                app.stop();
                if (webhooks != null) {
                    webhooks.close();
                }
                if (notify != null) {
                    notify.close();
                }
                throw e;
            }
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Javalin's default gzip, with the JSON type the API answers in listed as compressible: Javalin otherwise
     * tests every answer's type against each of its excluded types, case-insensitively (about 5 % of the CPU of
     * a post read under load). JSON is not one of them, so what is compressed does not change.
     */
    static io.javalin.compression.CompressionStrategy gzip() {
        io.javalin.compression.CompressionStrategy gzip =
                new io.javalin.compression.CompressionStrategy(null, new io.javalin.compression.Gzip());
        gzip.setAllowedMimeTypes(java.util.List.of("application/json; charset=utf-8", "application/json"));
        return gzip;
    }

    /** The webhook sender, unless RUNGU_WEBHOOKS=false. */
    private static io.rungu.notify.RunguWebhooks startWebhooks(RunguStore store, WebhookSettings hooks) {
        if (!hooks.on()) {
            LOG.info("Webhooks are off (RUNGU_WEBHOOKS=false): endpoints can be registered, nothing is sent");
            return null;
        }
        try {
            return io.rungu.notify.RunguWebhooks.start(store, hooks::configure);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID, e.getMessage(), e);
        }
    }

    /** Email notifications when RUNGU_SMTP_URL is set; otherwise says once that email is off. */
    private static RunguNotify startMail(RunguStore store, java.util.Optional<MailSettings> mail, String publicUrl) {
        if (mail.isEmpty()) {
            LOG.info("Email is off: set RUNGU_SMTP_URL and RUNGU_MAIL_FROM to send notifications (docs/notifications.md)");
            return null;
        }
        try {
            return RunguNotify.start(store, n -> mail.get().configure(n, publicUrl));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID, e.getMessage(), e);
        }
    }

    /** A whole number from a variable; its range is checked with the rest of the HTTP settings. */
    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new CliException(ExitCode.INVALID, name + " must be a whole number, got '" + value + "'");
        }
    }

    /** {@code RUNGU_LOG_FORMAT}: text (the default), json or none. */
    static HttpConfig.AccessLog logFormat(Environment env) {
        return env.get("RUNGU_LOG_FORMAT").map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "text" -> HttpConfig.AccessLog.TEXT;
            case "json" -> HttpConfig.AccessLog.JSON;
            case "none" -> HttpConfig.AccessLog.NONE;
            default -> throw new CliException(ExitCode.INVALID, "RUNGU_LOG_FORMAT must be text, json or none, got '" + v + "'");
        }).orElse(HttpConfig.AccessLog.TEXT);
    }

    private static RunguPlugin plugin(RunguStore store, RunguAuth auth, ServerSettings settings, Environment env,
                                      HttpConfig.AccessLog logFormat, java.io.PrintStream out) {
        try {
            return new RunguPlugin(store, auth, http -> {
                http.metrics = env.get("RUNGU_METRICS").map(v -> ServerSettings.parseBoolean("RUNGU_METRICS", v)).orElse(false);
                http.metricsToken = env.get("RUNGU_METRICS_TOKEN").orElse(null);
                http.apiDocs = env.get("RUNGU_API_DOCS").map(v -> ServerSettings.parseBoolean("RUNGU_API_DOCS", v)).orElse(true);
                if (logFormat == HttpConfig.AccessLog.JSON) {
                    // Bare JSON lines on stdout (the other logs go to stderr): slf4j-simple would prefix each line.
                    http.accessLog = HttpConfig.AccessLog.JSON;
                    http.accessLogSink = out::println;
                }
                http.basePath = settings.basePath();
                http.corsOrigins = new java.util.ArrayList<>(settings.corsOrigins());
                http.widgetOrigins = new java.util.ArrayList<>(settings.widgetOrigins());
                http.rateLimits.enabled = settings.rateLimits();
                http.trustForwardedFor = settings.trustForwardedFor();
                http.trustedProxies = new java.util.ArrayList<>(settings.trustedProxies());
                http.trustForwardedPrefix = env.get("RUNGU_TRUST_FORWARDED_PREFIX")
                        .map(v -> ServerSettings.parseBoolean("RUNGU_TRUST_FORWARDED_PREFIX", v)).orElse(false);
                boolean mcpReadOnly = env.get("RUNGU_MCP_READ_ONLY")
                        .map(v -> ServerSettings.parseBoolean("RUNGU_MCP_READ_ONLY", v)).orElse(false);
                http.mcp = m -> m.readOnly = mcpReadOnly;
                http.live.enabled = env.get("RUNGU_LIVE").map(v -> ServerSettings.parseBoolean("RUNGU_LIVE", v)).orElse(true);
                env.get("RUNGU_LIVE_STREAMS_PER_IP").ifPresent(v -> http.live.streamsPerIp = number("RUNGU_LIVE_STREAMS_PER_IP", v));
                env.get("RUNGU_LIVE_MAX_STREAMS").ifPresent(v -> http.live.maxStreams = number("RUNGU_LIVE_MAX_STREAMS", v));
                env.get("RUNGU_LIVE_HEARTBEAT").ifPresent(v ->
                        http.live.heartbeat = ServerSettings.parseDuration("RUNGU_LIVE_HEARTBEAT", v));
                http.oauthServer = env.get("RUNGU_MCP_OAUTH")
                        .map(v -> ServerSettings.parseBoolean("RUNGU_MCP_OAUTH", v)).orElse(true);
                http.oauthAllowPrivateClients = env.get("RUNGU_OAUTH_ALLOW_PRIVATE_CLIENTS")
                        .map(v -> ServerSettings.parseBoolean("RUNGU_OAUTH_ALLOW_PRIVATE_CLIENTS", v)).orElse(false);
                if (settings.baseUrlConfigured()) {
                    http.baseUrl = settings.baseUrl();
                    http.allowedHosts = env.get("RUNGU_ALLOWED_HOSTS").map(v -> java.util.Arrays.stream(v.split(","))
                            .map(String::trim).filter(h -> !h.isEmpty()).toList()).orElse(java.util.List.of());
                }
            });
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.INVALID, e.getMessage(), e);
        }
    }

    /**
     * With no sign-in provider and no admin, nobody could administer the board: make a one-time link for the first
     * admin (the first of RUNGU_ADMIN_EMAILS, else admin@localhost).
     */
    private static String firstAdminLink(RunguStore store, RunguAuth auth, ServerSettings settings) {
        if (!auth.providers().isEmpty() || store.accounts().hasAdmin()) {
            return null;
        }
        String email = settings.adminEmails().stream().sorted().findFirst().orElse("admin@localhost");
        store.accounts().ensureUser(email, "Admin", Role.ADMIN);
        return auth.createSignInLink(email, Role.ADMIN, FIRST_ADMIN_LINK_TTL);
    }

    /** The public URL; the default one names the port actually bound, which differs from the setting for port 0. */
    static String publicUrl(ServerSettings settings, int boundPort) {
        String configuredDefault = ServerSettings.defaultBaseUrl(settings.port(), settings.basePath());
        return settings.baseUrl().equals(configuredDefault)
                ? ServerSettings.defaultBaseUrl(boundPort, settings.basePath()) : settings.baseUrl();
    }

    /** The request path with sign-in link secrets cut out, so the access log never holds a usable link. */
    static String loggablePath(String path) {
        int at = path.indexOf("/auth/link/");
        return at < 0 ? path : path.substring(0, at + "/auth/link/".length()) + "…";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The port actually bound (useful with port 0). */
    int port() {
        return app.port();
    }

    /** The public URL of this server, base path included (the bound port when no URL or port was configured). */
    String publicUrl() {
        return running.url();
    }

    /** The store this server owns (tests drive the Board directly through it). */
    RunguStore store() {
        return store;
    }

    /** The first-admin sign-in link made at start, or null when it was not needed. */
    String firstAdminLink() {
        return firstAdminLink;
    }

    /** Stops serving and closes the store; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            running.remove(dataDir);
            app.stop();
            if (webhooks != null) {
                webhooks.close();
            }
            if (notify != null) {
                notify.close();
            }
        } finally {
            if (accessLog != null) {
                accessLog.close();
            }
            store.close();
            LOG.info("Rungu stopped");
        }
    }
}
