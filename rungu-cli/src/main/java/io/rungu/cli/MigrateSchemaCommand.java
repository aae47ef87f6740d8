package io.rungu.cli;

import io.rungu.store.RunguStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rungu migrate-schema}: applies the pending schema migrations and exits, for deployment pipelines. */
@Command(name = "migrate-schema", description = {
    "Apply the pending schema migrations to the database (--db, RUNGU_DB; RUNGU_DB_SCHEMA) and exit.",
    "For deployments that migrate in their pipeline and start servers with RUNGU_MIGRATE=false.",
    "Safe to run while servers of the same version run; does nothing when the database is up to date."})
final class MigrateSchemaCommand implements Callable<Integer> {
    private final Context context;

    MigrateSchemaCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DatabaseLocation location = context.database();
        List<String> applied = StoreOpener.migrate(location, context.connection(location));
        if (applied.isEmpty()) {
            context.out.println("The schema of " + location.displayName() + " is up to date");
        } else {
            context.out.println(String.format(Locale.ROOT, "Applied %d migration(s) to %s: %s", applied.size(),
                    location.displayName(), String.join(", ", applied)));
        }
        return ExitCode.OK;
    }
}
