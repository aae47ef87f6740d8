package io.rungu.cli;

import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.store.RunguStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu login-link EMAIL}: a one-time sign-in link, e.g. for the first admin when no provider is set up. */
@Command(name = "login-link", description = {
    "Print a one-time sign-in link for a user (created when missing).",
    "The link uses the server's public URL: RUNGU_BASE_URL when set, else the URL of the server running on this",
    "database (from server.properties in its data directory), else http://localhost:$RUNGU_PORT$RUNGU_BASE_PATH."})
final class LoginLinkCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "EMAIL")
    String email;

    @Option(names = "--admin", description = "Make the user an admin (never lowers an existing role).")
    boolean admin;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Display name for a user that has none yet (shown on posts and comments instead of 'Anonymous').")
    String name;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "15m", converter = Converters.DurationConverter.class,
            description = "How long the link stays valid, e.g. 15m, 2h, 1d (default: ${DEFAULT-VALUE}).")
    Duration ttl;

    LoginLinkCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        DatabaseLocation database = context.database();
        ServerSettings defaults = ServerSettings.resolve(context.env, null, null, null, null);
        String baseUrl = defaults.baseUrl();
        String source;
        Optional<String> configured = context.env.get("RUNGU_BASE_URL").map(v -> "RUNGU_BASE_URL")
                .or(() -> context.env.get("APP_URL").map(v -> "APP_URL"));
        Optional<RunningServer> running = RunningServer.find(database.dataDir(), database.displayName());
        if (configured.isPresent()) {
            source = configured.get();
        } else if (running.isPresent()) {
            baseUrl = running.get().url();
            source = "the server running as process " + running.get().pid() + ", "
                    + database.dataDir().resolve(RunningServer.FILE_NAME);
        } else {
            source = "the default: RUNGU_BASE_URL is not set and no server is running on this database";
        }
        ServerSettings settings = ServerSettings.resolve(context.env, null, null, null, baseUrl);
        try (RunguStore store = context.openStore()) {
            Role role = admin ? Role.ADMIN : Role.MEMBER;
            if (name != null) {
                store.accounts().ensureUser(email, name, role);
            }
            String link = context.openAuth(store, settings).createSignInLink(email, role, ttl);
            String address = store.accounts().findUserByEmail(email).map(User::email).orElse(email.strip());
            context.out.println(link);
            context.err.println("Signs in " + address + " once, within " + Durations.describe(ttl) + ".");
            context.err.println("The link uses " + settings.baseUrl() + " (from " + source + ").");
        }
        return ExitCode.OK;
    }
}
