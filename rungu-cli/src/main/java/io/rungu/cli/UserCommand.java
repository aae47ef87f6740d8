package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.Page;
import io.rungu.model.Role;
import io.rungu.model.User;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu user list|show|role|rename|delete}: accounts, administered as the operator. */
@Command(name = "user", description = "List and show users, change their role or display name, erase an account.",
        subcommands = {UserCommand.ListUsers.class, UserCommand.Show.class, UserCommand.SetRole.class,
            UserCommand.Rename.class, UserCommand.Delete.class, UserCommand.Block.class, UserCommand.Unblock.class})
final class UserCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "list", description = "List the users, newest first: all of them, or one page with --page or "
            + "--per-page.")
    static final class ListUsers implements Callable<Integer> {
        private final Context context;

        @Option(names = {"-q", "--query"}, paramLabel = "TEXT",
                description = "Only users whose name or email contains TEXT, ignoring case (the REST API's q).")
        String query;

        @Mixin
        PostCommand.Paging paging;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        ListUsers(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            boolean onePage = paging.page != null || paging.perPage != null;
            var first = paging.request();
            try (RunguStore store = context.openStore()) {
                Board board = store.board();
                var operator = CliAccounts.operator(store);
                Page<User> page = onePage ? board.listUsers(operator, query, first) : null;
                List<User> users = onePage ? page.items() : Pages.all(p -> board.listUsers(operator, query, p));
                if (json) {
                    context.out.println(Json.write(users.stream().map(Wire::user).toList()));
                    return ExitCode.OK;
                }
                if (users.isEmpty()) {
                    context.out.println(page == null || page.total() == 0 ? "No users found."
                            : "No users on page " + page.page() + "; there are " + page.totalPages() + " pages.");
                    return ExitCode.OK;
                }
                for (User u : users) {
                    context.out.println("  " + u.email() + "  " + u.role().wire() + "  " + u.name());
                }
                if (page != null) {
                    context.out.println(Pages.footer(page, "user", "users"));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Show one user as an admin sees them.")
    static final class Show implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Option(names = "--json", description = "Print the REST API's user record.")
        boolean json;

        Show(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                Wire.User u = Wire.user(CliAccounts.userByEmail(store, email));
                if (json) {
                    context.out.println(Json.write(u));
                } else {
                    context.out.println(u.email());
                    context.out.println("  id:          " + u.id());
                    context.out.println("  name:        " + Table.cell(u.name()));
                    context.out.println("  role:        " + u.role().wire());
                    context.out.println("  created:     " + Table.cell(u.createdAt()));
                    context.out.println("  last login:  " + (u.lastLogin() == null ? "never" : Table.cell(u.lastLogin())));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "role", description = "Make a user an admin or a member.")
    static final class SetRole implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Parameters(index = "1", paramLabel = "ROLE", description = "admin or member")
        String role;

        SetRole(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            // The model's one role parser and message, as REST answers a bad role (exit 4, invalid).
            Role parsed = Role.parse(role.toLowerCase(Locale.ROOT));
            try (RunguStore store = context.openStore()) {
                User user = CliAccounts.userByEmail(store, email);
                User changed = store.board().setRole(CliAccounts.operator(store), user.id(), parsed);
                context.out.println(changed.email() + " is now " + changed.role().wire());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "block", description = "Block a member from writing board content; they can still read.")
    static final class Block implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        Block(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                User user = CliAccounts.userByEmail(store, email);
                store.board().setBlocked(CliAccounts.operator(store), user.id(), true);
                context.out.println(user.email() + " is blocked from posting");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "unblock", description = "Let a blocked member write again.")
    static final class Unblock implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        Unblock(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                User user = CliAccounts.userByEmail(store, email);
                store.board().setBlocked(CliAccounts.operator(store), user.id(), false);
                context.out.println(user.email() + " is no longer blocked");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "rename", description = "Change a user's display name (as the user would on the Account page).")
    static final class Rename implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Parameters(index = "1", paramLabel = "NAME", description = "the new display name, 1 to 100 characters")
        String name;

        Rename(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                // The same Board rule a person meets on their Account page (trimmed, 1..100 characters).
                var user = CliAccounts.existing(store, email, Actor.Channel.CLI, false);
                User renamed = store.board().updateProfile(user, name);
                context.out.println(renamed.email() + " is now named " + renamed.name());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = {
        "Erase a user's account (GDPR); their posts and comments stay as \"Deleted user\".",
        "Their votes, sessions, tokens and sign-in identities go; their email and name are scrubbed."})
    static final class Delete implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
        boolean yes;

        Delete(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                User user = CliAccounts.userByEmail(store, email);
                if (!yes && !Confirm.ask(context, "Erase the account of " + user.email() + "? [y/N] ")) {
                    throw new CliException(ExitCode.FAILURE, "Not deleted (pass --yes to delete without asking)");
                }
                store.board().deleteUser(CliAccounts.operator(store), user.id());
                context.out.println("Deleted user " + user.email() + "; their posts and comments now show \""
                        + io.rungu.store.Board.DELETED_USER_NAME + "\"");
            }
            return ExitCode.OK;
        }
    }
}
