package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.NewTag;
import io.rungu.model.PostView;
import io.rungu.model.Tag;
import io.rungu.model.TagEdit;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu tag list|add|edit|delete|set}: a board's tags and the tags of a post. */
@Command(name = "tag", description = "List, add, edit and delete a board's tags; set a post's tags.",
        subcommands = {TagCommand.ListTags.class, TagCommand.Add.class, TagCommand.Edit.class, TagCommand.Delete.class,
                TagCommand.Set.class})
final class TagCommand extends DefinitionCommands.Family {
    static String line(Tag t) {
        return "  " + t.slug() + " (" + t.name() + ", " + t.color() + ")";
    }

    @Command(name = "list", description = "List a board's tags by name.")
    static final class ListTags extends DefinitionCommands.ListAll<Tag> {
        ListTags(Context context) {
            super(context);
        }

        @Override
        List<Tag> list(Board board, Actor viewer) {
            return board.listTags(viewer, slug);
        }

        @Override
        Object wire(Tag item) {
            return Wire.tag(item);
        }

        @Override
        String line(Tag item) {
            return TagCommand.line(item);
        }

        @Override
        String empty() {
            return "No tags.";
        }
    }

    /** The record of an add or edit. */
    abstract static class TagWrite extends DefinitionCommands.Write<Tag> {
        TagWrite(Context context) {
            super(context);
        }

        @Override
        Object wire(Tag item) {
            return Wire.tag(item);
        }
    }

    @Command(name = "add", description = "Add a tag to a board.")
    static final class Add extends TagWrite {
        @Parameters(index = "1", paramLabel = "NAME", description = "The tag's name.")
        String name;

        @Option(names = "--slug", paramLabel = "TAG", description = "Its slug; derived from the name when left out.")
        String tagSlug;

        @Option(names = "--color", paramLabel = "#RRGGBB", description = "Its colour (default grey).")
        String color;

        Add(Context context) {
            super(context);
        }

        @Override
        Tag apply(Board board, Actor.Account operator) {
            return board.createTag(operator, slug, new NewTag(tagSlug, name, color));
        }

        @Override
        String sentence(Tag item) {
            return "Added tag: " + line(item).strip();
        }
    }

    @Command(name = "edit", description = "Rename or recolour a tag (its slug stays).")
    static final class Edit extends TagWrite {
        @Parameters(index = "1", paramLabel = "TAG", description = "The tag's slug.")
        String tag;

        @Option(names = "--name", description = "New name.")
        String name;

        @Option(names = "--color", paramLabel = "#RRGGBB", description = "New colour.")
        String color;

        Edit(Context context) {
            super(context);
        }

        @Override
        Tag apply(Board board, Actor.Account operator) {
            return board.updateTag(operator, slug, tag, new TagEdit(name, color));
        }

        @Override
        String sentence(Tag item) {
            return "Updated tag: " + line(item).strip();
        }
    }

    @Command(name = "delete", description = "Delete a tag, taking it off every post.")
    static final class Delete extends DefinitionCommands.Delete {
        @Parameters(index = "1", paramLabel = "TAG", description = "The tag's slug.")
        String tag;

        Delete(Context context) {
            super(context);
        }

        @Override
        String apply(Board board, Actor.Account operator) {
            board.deleteTag(operator, slug, tag);
            return "Deleted tag: " + tag;
        }
    }

    @Command(name = "set", description = "Set a post's tags (replaces them; no TAG removes them all).")
    static final class Set implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The post's id.")
        String id;

        @Parameters(index = "1..*", paramLabel = "TAG", description = "Tag slugs of the post's board.")
        List<String> tags = new ArrayList<>();

        @Mixin
        PostCommand.WriteAs as;

        @Mixin
        PostCommand.WriteJson output;

        Set(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                PostView post = store.board().setPostTags(CliAccounts.actingAs(store, as.email), id, tags);
                context.out.println(output.json ? Json.write(Wire.post(post)) : "Post " + post.post().id()
                        + " has tags: " + (post.post().tags().isEmpty() ? "none" : String.join(", ", post.post().tags())));
            }
            return ExitCode.OK;
        }
    }
}
