package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.BoardStatus;
import io.rungu.model.NewStatus;
import io.rungu.model.StatusEdit;
import io.rungu.model.StatusKind;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu status list|add|edit|delete}: a board's own statuses, administered as the operator. */
@Command(name = "status", description = "List, add, edit and delete a board's statuses.",
        subcommands = {StatusCommand.ListStatuses.class, StatusCommand.Add.class, StatusCommand.Edit.class,
                StatusCommand.Delete.class})
final class StatusCommand extends DefinitionCommands.Family {
    static String line(BoardStatus s) {
        return "  " + s.position() + ". " + s.slug() + " (" + s.name() + ", " + s.kind().wire() + ", " + s.color()
                + "), " + s.postCount() + (s.postCount() == 1 ? " post" : " posts");
    }

    private static StatusKind kind(String kind) {
        return kind == null ? null : StatusKind.parse(kind);
    }

    @Command(name = "list", description = "List a board's statuses in order, with their kinds and post counts.")
    static final class ListStatuses extends DefinitionCommands.ListAll<BoardStatus> {
        ListStatuses(Context context) {
            super(context);
        }

        @Override
        List<BoardStatus> list(Board board, Actor viewer) {
            return board.listStatuses(viewer, slug);
        }

        @Override
        Object wire(BoardStatus item) {
            return Wire.status(item);
        }

        @Override
        String line(BoardStatus item) {
            return StatusCommand.line(item);
        }
    }

    /** The record and sentence of an add or edit. */
    abstract static class StatusWrite extends DefinitionCommands.Write<BoardStatus> {
        StatusWrite(Context context) {
            super(context);
        }

        @Override
        Object wire(BoardStatus item) {
            return Wire.status(item);
        }
    }

    @Command(name = "add", description = "Add a status to a board.")
    static final class Add extends StatusWrite {
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

        Add(Context context) {
            super(context);
        }

        @Override
        BoardStatus apply(Board board, Actor.Account operator) {
            StatusKind parsed = kind(kind);
            return board.createStatus(operator, slug, new NewStatus(statusSlug, name, color, parsed, position));
        }

        @Override
        String sentence(BoardStatus item) {
            return "Added status: " + line(item).strip();
        }
    }

    @Command(name = "edit", description = "Rename, recolour, re-kind or move a status (its slug stays).")
    static final class Edit extends StatusWrite {
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

        Edit(Context context) {
            super(context);
        }

        @Override
        BoardStatus apply(Board board, Actor.Account operator) {
            StatusKind parsed = kind(kind);
            return board.updateStatus(operator, slug, status, new StatusEdit(name, color, parsed, position));
        }

        @Override
        String sentence(BoardStatus item) {
            return "Updated status: " + line(item).strip();
        }
    }

    @Command(name = "delete", description = "Delete a status; its posts move to --move-to, required when it has any.")
    static final class Delete extends DefinitionCommands.Delete {
        @Parameters(index = "1", paramLabel = "STATUS", description = "The status's slug.")
        String status;

        @Option(names = "--move-to", paramLabel = "STATUS", description = "Another status of the board for its posts.")
        String moveTo;

        Delete(Context context) {
            super(context);
        }

        @Override
        String apply(Board board, Actor.Account operator) {
            board.deleteStatus(operator, slug, status, moveTo);
            return "Deleted status: " + status + (moveTo == null ? "" : "; its posts are now " + moveTo);
        }
    }
}
