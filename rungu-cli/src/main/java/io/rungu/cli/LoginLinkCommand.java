package io.rungu.cli;

import io.rungu.model.Role;
import io.rungu.store.RunguStore;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu login-link EMAIL}: a one-time sign-in link, e.g. for the first admin when no provider is set up. */
@Command(name = "login-link", description = {
    "Print a one-time sign-in link for a user (created when missing).",
    "The link uses the server's public URL (RUNGU_BASE_URL, else http://localhost:$RUNGU_PORT$RUNGU_BASE_PATH)."})
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
        ServerSettings settings = ServerSettings.resolve(context.env, null, null, null, null);
        try (RunguStore store = context.openStore()) {
            Role role = admin ? Role.ADMIN : Role.MEMBER;
            if (name != null) {
                store.accounts().ensureUser(email, name, role);
            }
            String link = context.openAuth(store, settings).createSignInLink(email, role, ttl);
            context.out.println(link);
            context.err.println("Signs in " + email + " once, within " + Durations.describe(ttl) + ".");
        }
        return ExitCode.OK;
    }
}
