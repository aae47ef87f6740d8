package io.rungu.cli;

import io.rungu.model.ApiToken;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import io.rungu.oauth.IssuedToken;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu token create|list|revoke}: personal API tokens, administered on the server's machine. */
@Command(name = "token", description = "Create, list and revoke API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
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
                context.err.println("Token '" + issued.token().name() + "' (" + scope.wire() + ") for "
                        + io.rungu.model.Emails.normalize(email)
                        + "; it " + expiry + ". It is shown this once; only its hash is kept.");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "List the active API tokens of a user, or of every user (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        private final Context context;

        @Option(names = "--user", paramLabel = "EMAIL", description = "Only this user's tokens.")
        String email;

        @Option(names = "--json", description = "Print a JSON array of the REST API's token records.")
        boolean json;

        ListTokens(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                var operator = CliAccounts.operator(store);
                List<User> owners = email == null ? Pages.all(page -> store.board().listUsers(operator, page))
                        : List.of(CliAccounts.userByEmail(store, email));
                Instant now = store.config().clock.instant();
                List<Wire.ApiToken> records = new ArrayList<>();
                Table table = new Table("ID", "USER", "NAME", "PREFIX", "SCOPE", "CREATED", "LAST USED", "EXPIRES");
                for (User owner : owners) {
                    for (ApiToken t : Pages.all(page -> store.accounts().listTokens(operator, owner.id(), page))) {
                        Wire.ApiToken token = Wire.token(t, now);
                        records.add(token);
                        table.row(token.id(), owner.email(), token.name(), token.prefix(), token.scope().wire(),
                                token.createdAt(), token.lastUsedAt(),
                                token.expiresAt() == null ? "never" : Table.cell(token.expiresAt()) + (token.expired() ? " (expired)" : ""));
                    }
                }
                if (json) {
                    context.out.println(Json.write(records));
                } else if (table.isEmpty()) {
                    context.out.println("No tokens found.");
                } else {
                    table.print(context.out);
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke an API token at once; requests with it are refused from now on.")
    static final class Revoke implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The token's id (from 'token list').")
        String id;

        Revoke(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                store.accounts().revokeToken(CliAccounts.operator(store), id);
                context.out.println("Revoked token " + id);
            }
            return ExitCode.OK;
        }
    }
}
