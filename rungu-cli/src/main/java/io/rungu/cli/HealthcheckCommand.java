package io.rungu.cli;

import io.rungu.store.RunguStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rungu healthcheck}: opens the existing database and checks that it answers. Never creates one: a
 * mistyped path must fail, not report a new empty database as healthy. With {@code --url} it asks a running server
 * instead (a container's HEALTHCHECK, where there is no curl): healthy only on a 200.
 */
@Command(name = "healthcheck", description = "Check that the existing database opens and answers, or with --url that a "
        + "running server answers 200; prints OK.")
final class HealthcheckCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--url", paramLabel = "URL",
            description = "Ask this URL (e.g. http://127.0.0.1:3000/health) instead of opening the database.")
    URI url;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "With --url: how long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    HealthcheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (url != null) {
            return checkUrl();
        }
        try (RunguStore store = context.openStore(true)) {
            try {
                store.checkHealth();
            } catch (RuntimeException e) {
                throw new CliException(ExitCode.DATABASE, StoreOpener.describe(context.database(), e), e);
            }
        }
        context.out.println("OK");
        return ExitCode.OK;
    }

    private int checkUrl() {
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            throw new CliException(ExitCode.USAGE, "--url must be an http or https URL such as http://127.0.0.1:3000/health, got '"
                    + url + "'");
        }
        if (timeoutSeconds < 1) {
            throw new CliException(ExitCode.USAGE, "--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        int status;
        try {
            status = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot reach " + url + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "interrupted while asking " + url, e);
        }
        if (status != 200) {
            throw new CliException(ExitCode.FAILURE, url + " answered " + status + ", not 200");
        }
        context.out.println("OK");
        return ExitCode.OK;
    }
}
