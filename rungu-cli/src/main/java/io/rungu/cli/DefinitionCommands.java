package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The one shape of {@code rungu status|category|tag list|add|edit|delete}: each subcommand names a board, acts as
 * the operator (lists read as an anonymous visitor), and prints the REST API's records with {@code --json} or a line
 * per definition for people. A command family fills in what is its own: the Board call, its record and its line.
 */
final class DefinitionCommands {
    private DefinitionCommands() {}

    /** Prints usage: a family's command without a subcommand does nothing else. */
    abstract static class Family implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return ExitCode.USAGE;
        }
    }

    /** {@code list SLUG [--json]}. */
    abstract static class ListAll<T> implements Callable<Integer> {
        final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Option(names = "--json", description = "Print a JSON array of the REST API's records.")
        boolean json;

        ListAll(Context context) {
            this.context = context;
        }

        abstract List<T> list(Board board, Actor viewer);

        abstract Object wire(T item);

        abstract String line(T item);

        /** What an empty list prints, or null for nothing. */
        String empty() {
            return null;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                List<T> items = list(store.board(), Actor.anonymous());
                if (json) {
                    context.out.println(Json.write(items.stream().map(this::wire).toList()));
                } else if (items.isEmpty() && empty() != null) {
                    context.out.println(empty());
                } else {
                    items.forEach(item -> context.out.println(line(item)));
                }
            }
            return ExitCode.OK;
        }
    }

    /** {@code add SLUG NAME ...} and {@code edit SLUG DEFINITION ...}: one write that answers the record. */
    abstract static class Write<T> implements Callable<Integer> {
        final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Option(names = "--json", description = "Print the REST API's record.")
        boolean json;

        Write(Context context) {
            this.context = context;
        }

        abstract T apply(Board board, Actor.Account operator);

        abstract Object wire(T item);

        /** The sentence for people, e.g. "Added status: 3. beta (Beta, active, #6b7280), 0 posts". */
        abstract String sentence(T item);

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                T item = apply(store.board(), CliAccounts.operator(store));
                context.out.println(json ? Json.write(wire(item)) : sentence(item));
            }
            return ExitCode.OK;
        }
    }

    /** {@code delete SLUG DEFINITION ...}. */
    abstract static class Delete implements Callable<Integer> {
        final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        Delete(Context context) {
            this.context = context;
        }

        /** Deletes, and says what was done. */
        abstract String apply(Board board, Actor.Account operator);

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                context.out.println(apply(store.board(), CliAccounts.operator(store)));
            }
            return ExitCode.OK;
        }
    }
}
