package io.rungu.cli;

import io.rungu.store.RunguStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rungu healthcheck}: opens the database read-write, migrates it and checks that it answers. */
@Command(name = "healthcheck", description = "Check that the database opens and answers; prints OK.")
final class HealthcheckCommand implements Callable<Integer> {
    private final Context context;

    HealthcheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (RunguStore store = context.openStore()) {
            store.checkHealth();
        }
        context.out.println("OK");
        return ExitCode.OK;
    }
}
