package io.rungu.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code rungu}: the root command with the global options. */
@Command(name = "rungu",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = Version.class,
        sortOptions = false,
        description = "Rungu: a self-hosted product-feedback board.",
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage error, 3 not found, 4 invalid input or conflict, 5 not allowed,",
            "6 database unusable."})
final class RunguCommand implements Callable<Integer> {
    /** The subcommands, in the order help lists them (added by {@link Cli}, so it can build only the one it runs). */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ServeCommand.class,
            ProjectCommand.class,
            StatusCommand.class, CategoryCommand.class, TagCommand.class,
            PostCommand.class,
            CommentCommand.class,
            UserCommand.class,
            LoginLinkCommand.class,
            TokenCommand.class,
            SeedCommand.class,
            DemoCommand.class,
            McpCommand.class,
            HealthcheckCommand.class,
            MigrateCommand.class, BackupCommand.class, MigrateSchemaCommand.class,
            AuditCommand.class,
            WebhookCommand.class,
            ExportCommand.class, ImportCommand.class,
            CompletionCommand.class);

    private final Context context;

    @Spec
    CommandSpec spec;

    RunguCommand(Context context) {
        this.context = context;
    }

    @Option(names = {"-d", "--db"}, scope = ScopeType.INHERIT, paramLabel = "PATH_OR_URL",
            description = "SQLite file, jdbc: URL or postgres:// URL. Default: $RUNGU_DB, $DATABASE_URL, "
                    + "$RUNGU_DATA_DIR/rungu.db, ~/.rungu/rungu.db.")
    void db(String db) {
        context.db = db;
    }

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    void verbose(boolean verbose) {
        context.verbose = verbose;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
