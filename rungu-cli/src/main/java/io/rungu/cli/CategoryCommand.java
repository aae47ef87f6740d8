package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.BoardCategory;
import io.rungu.model.CategoryEdit;
import io.rungu.model.NewCategory;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu category list|add|edit|delete}: a board's own categories, administered as the operator. */
@Command(name = "category", description = "List, add, edit and delete a board's categories.",
        subcommands = {CategoryCommand.ListCategories.class, CategoryCommand.Add.class, CategoryCommand.Edit.class,
                CategoryCommand.Delete.class})
final class CategoryCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    static String line(BoardCategory c) {
        return "  " + c.position() + ". " + c.slug() + " (" + c.name() + "), " + c.postCount()
                + (c.postCount() == 1 ? " post" : " posts");
    }

    @Command(name = "list", description = "List a board's categories in order, with their post counts.")
    static final class ListCategories implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Option(names = "--json", description = "Print a JSON array of the REST API's records.")
        boolean json;

        ListCategories(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                List<BoardCategory> categories = store.board().listCategories(Actor.anonymous(), slug);
                if (json) {
                    context.out.println(Json.write(categories.stream().map(Wire::category).toList()));
                } else {
                    categories.forEach(c -> context.out.println(line(c)));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "add", description = "Add a category to a board.")
    static final class Add implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "NAME", description = "The category's name.")
        String name;

        @Option(names = "--slug", paramLabel = "CATEGORY", description = "Its slug; derived from the name when left out.")
        String categorySlug;

        @Option(names = "--position", paramLabel = "N", description = "1-based place in the order (default last).")
        Integer position;

        @Option(names = "--json", description = "Print the REST API's record.")
        boolean json;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                BoardCategory c = store.board().createCategory(CliAccounts.operator(store), slug,
                        new NewCategory(categorySlug, name, position));
                context.out.println(json ? Json.write(Wire.category(c)) : "Added category: " + line(c).strip());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "edit", description = "Rename or move a category (its slug stays).")
    static final class Edit implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "CATEGORY", description = "The category's slug.")
        String category;

        @Option(names = "--name", description = "New name.")
        String name;

        @Option(names = "--position", paramLabel = "N", description = "New 1-based place in the order.")
        Integer position;

        @Option(names = "--json", description = "Print the REST API's record.")
        boolean json;

        Edit(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                BoardCategory c = store.board().updateCategory(CliAccounts.operator(store), slug, category,
                        new CategoryEdit(name, position));
                context.out.println(json ? Json.write(Wire.category(c)) : "Updated category: " + line(c).strip());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete a category; its posts move to --move-to, required when it has any.")
    static final class Delete implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "CATEGORY", description = "The category's slug.")
        String category;

        @Option(names = "--move-to", paramLabel = "CATEGORY", description = "Another category of the board for its posts.")
        String moveTo;

        Delete(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                store.board().deleteCategory(CliAccounts.operator(store), slug, category, moveTo);
                context.out.println("Deleted category: " + category
                        + (moveTo == null ? "" : "; its posts are now " + moveTo));
            }
            return ExitCode.OK;
        }
    }
}
