package io.rungu.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rungu serve}: runs the web server until the process is stopped. */
@Command(name = "serve", description = "Run the web server: board, REST API, MCP endpoint, sign-in and web app.")
final class ServeCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);
    private final Context context;

    @Option(names = {"-p", "--port"}, description = "Port to listen on (default: $RUNGU_PORT, else the port of $RUNGU_LISTEN, else 3000).")
    Integer port;

    @Option(names = "--host", description = "Address to bind (default: $RUNGU_HOST, else the host of $RUNGU_LISTEN, else 0.0.0.0).")
    String host;

    @Option(names = {"-l", "--listen"}, paramLabel = "HOST:PORT",
            description = "Address and port in one, as the original Rungu took them, e.g. 127.0.0.1:8080 "
                    + "(default: $RUNGU_LISTEN); instead of --host and --port.")
    String listen;

    @Option(names = "--base-path", paramLabel = "PATH", description = "Serve under this path, e.g. /feedback (default: $RUNGU_BASE_PATH, else the root).")
    String basePath;

    @Option(names = "--base-url", paramLabel = "URL", description = "Public URL of the board, base path included (default: $RUNGU_BASE_URL, else http://localhost:PORT/BASE).")
    String baseUrl;

    ServeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (listen != null) {
            if (port != null || host != null) {
                throw new CliException(ExitCode.USAGE, "--listen names the host and port; give it or --host/--port, not both");
            }
            ServerSettings.Listen address;
            try {
                address = ServerSettings.Listen.parse("--listen", listen);
            } catch (CliException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage(), e);
            }
            port = address.port();
            host = address.host();
        }
        ServerSettings settings = ServerSettings.resolve(context.env, port, host, basePath, baseUrl);
        RunguServer server = RunguServer.start(context, settings);
        LOG.info("Heap up to {} MB (RUNGU_HEAP with the rungu start script; docs/operations.md#memory-and-start-up)",
                Runtime.getRuntime().maxMemory() >> 20);
        CountDownLatch stop = new CountDownLatch(1);
        StopSignals.install(stop::countDown);
        // For every other way the JVM ends; closing twice does nothing.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rungu-shutdown"));
        context.out.println("Rungu " + Version.current() + " is serving " + context.database().displayName()
                + " at " + server.publicUrl() + " (listening on " + settings.host() + ":" + server.port() + ")");
        if (server.firstAdminLink() != null) {
            context.out.println();
            context.out.println("No admin yet and no sign-in provider configured. Sign in as the first admin with this");
            context.out.println("one-time link (valid for " + Durations.describe(RunguServer.FIRST_ADMIN_LINK_TTL) + "):");
            context.out.println();
            context.out.println("    " + server.firstAdminLink());
            context.out.println();
            // The same database (and so the same data directory) lets login-link find this server's URL.
            context.out.println("More links: rungu login-link EMAIL [--admin]"
                    + (context.db == null ? "" : context.database().sqliteFile().map(f -> " --db " + f).orElse("")));
        }
        stop.await();
        server.close();
        return ExitCode.OK;
    }
}
