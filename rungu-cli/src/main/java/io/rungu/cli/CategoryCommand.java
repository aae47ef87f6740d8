package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.BoardCategory;
import io.rungu.model.CategoryEdit;
import io.rungu.model.NewCategory;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu category list|add|edit|delete}: a board's own categories, administered as the operator. */
@Command(name = "category", description = "List, add, edit and delete a board's categories.",
        subcommands = {CategoryCommand.ListCategories.class, CategoryCommand.Add.class, CategoryCommand.Edit.class,
                CategoryCommand.Delete.class})
final class CategoryCommand extends DefinitionCommands.Family {
    static String line(BoardCategory c) {
        return "  " + c.position() + ". " + c.slug() + " (" + c.name() + "), " + c.postCount()
                + (c.postCount() == 1 ? " post" : " posts");
    }

    @Command(name = "list", description = "List a board's categories in order, with their post counts.")
    static final class ListCategories extends DefinitionCommands.ListAll<BoardCategory> {
        ListCategories(Context context) {
            super(context);
        }

        @Override
        List<BoardCategory> list(Board board, Actor viewer) {
            return board.listCategories(viewer, slug);
        }

        @Override
        Object wire(BoardCategory item) {
            return Wire.category(item);
        }

        @Override
        String line(BoardCategory item) {
            return CategoryCommand.line(item);
        }
    }

    /** The record of an add or edit. */
    abstract static class CategoryWrite extends DefinitionCommands.Write<BoardCategory> {
        CategoryWrite(Context context) {
            super(context);
        }

        @Override
        Object wire(BoardCategory item) {
            return Wire.category(item);
        }
    }

    @Command(name = "add", description = "Add a category to a board.")
    static final class Add extends CategoryWrite {
        @Parameters(index = "1", paramLabel = "NAME", description = "The category's name.")
        String name;

        @Option(names = "--slug", paramLabel = "CATEGORY", description = "Its slug; derived from the name when left out.")
        String categorySlug;

        @Option(names = "--position", paramLabel = "N", description = "1-based place in the order (default last).")
        Integer position;

        Add(Context context) {
            super(context);
        }

        @Override
        BoardCategory apply(Board board, Actor.Account operator) {
            return board.createCategory(operator, slug, new NewCategory(categorySlug, name, position));
        }

        @Override
        String sentence(BoardCategory item) {
            return "Added category: " + line(item).strip();
        }
    }

    @Command(name = "edit", description = "Rename or move a category (its slug stays).")
    static final class Edit extends CategoryWrite {
        @Parameters(index = "1", paramLabel = "CATEGORY", description = "The category's slug.")
        String category;

        @Option(names = "--name", description = "New name.")
        String name;

        @Option(names = "--position", paramLabel = "N", description = "New 1-based place in the order.")
        Integer position;

        Edit(Context context) {
            super(context);
        }

        @Override
        BoardCategory apply(Board board, Actor.Account operator) {
            return board.updateCategory(operator, slug, category, new CategoryEdit(name, position));
        }

        @Override
        String sentence(BoardCategory item) {
            return "Updated category: " + line(item).strip();
        }
    }

    @Command(name = "delete", description = "Delete a category; its posts move to --move-to, required when it has any.")
    static final class Delete extends DefinitionCommands.Delete {
        @Parameters(index = "1", paramLabel = "CATEGORY", description = "The category's slug.")
        String category;

        @Option(names = "--move-to", paramLabel = "CATEGORY", description = "Another category of the board for its posts.")
        String moveTo;

        Delete(Context context) {
            super(context);
        }

        @Override
        String apply(Board board, Actor.Account operator) {
            board.deleteCategory(operator, slug, category, moveTo);
            return "Deleted category: " + category + (moveTo == null ? "" : "; its posts are now " + moveTo);
        }
    }
}
