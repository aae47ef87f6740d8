package io.rungu.cli;

import io.javalin.Javalin;
import io.rungu.http.RunguPlugin;
import io.rungu.oauth.RunguAuth;
import io.rungu.store.RunguStore;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rungu serve}: the web server. Minimal version written for the browser tests (e2e branch) until the CLI's
 * own lands: flags and variables as in docs/cli.md, no first-admin link, no access log.
 */
@Command(name = "serve", description = "Run the web server: the board, the REST API, the MCP endpoint, sign-in, the web app.")
final class ServeCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Listen port (RUNGU_PORT, default 3000).")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Listen address (RUNGU_HOST, default 0.0.0.0).")
    String host;

    @Option(names = "--base-path", paramLabel = "PATH", description = "Path prefix, e.g. /feedback (RUNGU_BASE_PATH).")
    String basePath;

    @Option(names = "--base-url", paramLabel = "URL", description = "Public URL, base path included (RUNGU_BASE_URL).")
    String baseUrl;

    ServeCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = ServerSettings.resolve(context.env, port, host, basePath, baseUrl);
        RunguStore store = context.openStore();
        RunguAuth auth = context.openAuth(store, settings);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            config.registerPlugin(new RunguPlugin(store, auth, http -> {
                http.basePath = settings.basePath();
                http.corsOrigins = new java.util.ArrayList<>(settings.corsOrigins());
                http.rateLimits.enabled = settings.rateLimits();
                http.trustForwardedFor = settings.trustForwardedFor();
            }));
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            store.close();
            stopped.countDown();
        }, "rungu-shutdown"));
        app.start(settings.host(), settings.port());
        context.err.println("Rungu is listening on " + settings.baseUrl() + " (port " + app.port() + ")");
        stopped.await();
        return ExitCode.OK;
    }
}
