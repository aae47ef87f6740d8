package io.rungu.cli;

import io.rungu.store.RunguStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code rungu healthcheck}: opens the existing database and checks that it answers. Never creates one: a
 * mistyped path must fail, not report a new empty database as healthy.
 */
@Command(name = "healthcheck", description = "Check that the existing database opens and answers; prints OK.")
final class HealthcheckCommand implements Callable<Integer> {
    private final Context context;

    HealthcheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
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
}
