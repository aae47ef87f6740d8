package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.BoardStatus;
import io.rungu.model.NewStatus;
import io.rungu.model.StatusEdit;
import io.rungu.model.StatusKind;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu status list|add|edit|delete}: a board's own statuses, administered as the operator. */
@Command(name = "status", description = "List, add, edit and delete a board's statuses.",
        subcommands = {StatusCommand.ListStatuses.class, StatusCommand.Add.class, StatusCommand.Edit.class,
                StatusCommand.Delete.class})
final class StatusCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    static String line(BoardStatus s) {
        return "  " + s.position() + ". " + s.slug() + " (" + s.name() + ", " + s.kind().wire() + ", " + s.color()
                + "), " + s.postCount() + (s.postCount() == 1 ? " post" : " posts");
    }

    @Command(name = "list", description = "List a board's statuses in order, with their kinds and post counts.")
    static final class ListStatuses implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Option(names = "--json", description = "Print a JSON array of the REST API's records.")
        boolean json;

        ListStatuses(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                List<BoardStatus> statuses = store.board().listStatuses(Actor.anonymous(), slug);
                if (json) {
                    context.out.println(Json.write(statuses.stream().map(Wire::status).toList()));
                } else {
                    statuses.forEach(s -> context.out.println(line(s)));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "add", description = "Add a status to a board.")
    static final class Add implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "NAME", description = "The status's name.")
        String name;

        @Option(names = "--slug", paramLabel = "STATUS", description = "The status's slug; derived from the name when left out.")
        String statusSlug;

        @Option(names = "--color", paramLabel = "#RRGGBB", description = "Its colour (default grey).")
        String color;

        @Option(names = "--kind", description = "open, active (default: a roadmap column), done (the changelog) or closed.")
        String kind;

        @Option(names = "--position", paramLabel = "N", description = "1-based place in the order (default last).")
        Integer position;

        @Option(names = "--json", description = "Print the REST API's record.")
        boolean json;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            StatusKind parsed = kind == null ? null : StatusKind.parse(kind);
            try (RunguStore store = context.openStore()) {
                BoardStatus s = store.board().createStatus(CliAccounts.operator(store), slug,
                        new NewStatus(statusSlug, name, color, parsed, position));
                context.out.println(json ? Json.write(Wire.status(s)) : "Added status: " + line(s).strip());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "edit", description = "Rename, recolour, re-kind or move a status (its slug stays).")
    static final class Edit implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "STATUS", description = "The status's slug.")
        String status;

        @Option(names = "--name", description = "New name.")
        String name;

        @Option(names = "--color", paramLabel = "#RRGGBB", description = "New colour.")
        String color;

        @Option(names = "--kind", description = "open, active, done or closed.")
        String kind;

        @Option(names = "--position", paramLabel = "N", description = "New 1-based place in the order.")
        Integer position;

        @Option(names = "--json", description = "Print the REST API's record.")
        boolean json;

        Edit(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            StatusKind parsed = kind == null ? null : StatusKind.parse(kind);
            try (RunguStore store = context.openStore()) {
                BoardStatus s = store.board().updateStatus(CliAccounts.operator(store), slug, status,
                        new StatusEdit(name, color, parsed, position));
                context.out.println(json ? Json.write(Wire.status(s)) : "Updated status: " + line(s).strip());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete a status; its posts move to --move-to, required when it has any.")
    static final class Delete implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "STATUS", description = "The status's slug.")
        String status;

        @Option(names = "--move-to", paramLabel = "STATUS", description = "Another status of the board for its posts.")
        String moveTo;

        Delete(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                store.board().deleteStatus(CliAccounts.operator(store), slug, status, moveTo);
                context.out.println("Deleted status: " + status + (moveTo == null ? "" : "; its posts are now " + moveTo));
            }
            return ExitCode.OK;
        }
    }
}
