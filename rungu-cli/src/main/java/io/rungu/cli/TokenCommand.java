package io.rungu.cli;

import io.rungu.model.TokenScope;
import io.rungu.oauth.IssuedToken;
import io.rungu.store.RunguStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rungu token create}: personal API tokens made on the server's machine. */
@Command(name = "token", description = "Create API tokens.", subcommands = TokenCommand.Create.class)
final class TokenCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "create", description = {
        "Create an API token for a user (created as a member when missing) and print its secret once.",
        "Send it as 'Authorization: Bearer <token>'."})
    static final class Create implements Callable<Integer> {
        private final Context context;

        @Option(names = "--user", required = true, paramLabel = "EMAIL", description = "The token's owner.")
        String email;

        @Option(names = "--name", required = true, description = "What the token is for, e.g. \"triage agent\".")
        String name;

        @Option(names = "--scope", defaultValue = "read", converter = Converters.ScopeConverter.class,
                description = "read or write (default: ${DEFAULT-VALUE}).")
        TokenScope scope;

        @Option(names = "--expires", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
                description = "Refuse the token after this long, e.g. 90d, 12h, 30m or 1s (default: never).")
        java.time.Duration expires;

        Create(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            ServerSettings settings = ServerSettings.resolve(context.env, null, null, null, null);
            try (RunguStore store = context.openStore()) {
                IssuedToken issued = context.openAuth(store, settings).createTokenFor(email, name, scope, expires);
                context.out.println(issued.secret());
                String expiry = issued.token().expiresAt() == null ? "never expires"
                        : "expires at " + issued.token().expiresAt() + " (in " + Durations.describe(expires) + ")";
                context.err.println("Token '" + issued.token().name() + "' (" + scope.wire() + ") for " + email
                        + "; it " + expiry + ". It is shown this once; only its hash is kept.");
            }
            return ExitCode.OK;
        }
    }
}
