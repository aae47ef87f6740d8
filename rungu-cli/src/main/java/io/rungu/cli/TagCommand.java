package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.NewTag;
import io.rungu.model.PostView;
import io.rungu.model.Tag;
import io.rungu.model.TagEdit;
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
final class TagCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    static String line(Tag t) {
        return "  " + t.slug() + " (" + t.name() + ", " + t.color() + ")";
    }

    @Command(name = "list", description = "List a board's tags by name.")
    static final class ListTags implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Option(names = "--json", description = "Print a JSON array of the REST API's records.")
        boolean json;

        ListTags(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                List<Tag> tags = store.board().listTags(Actor.anonymous(), slug);
                if (json) {
                    context.out.println(Json.write(tags.stream().map(Wire::tag).toList()));
                } else if (tags.isEmpty()) {
                    context.out.println("No tags.");
                } else {
                    tags.forEach(t -> context.out.println(line(t)));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "add", description = "Add a tag to a board.")
    static final class Add implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "NAME", description = "The tag's name.")
        String name;

        @Option(names = "--slug", paramLabel = "TAG", description = "Its slug; derived from the name when left out.")
        String tagSlug;

        @Option(names = "--color", paramLabel = "#RRGGBB", description = "Its colour (default grey).")
        String color;

        @Option(names = "--json", description = "Print the REST API's record.")
        boolean json;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                Tag t = store.board().createTag(CliAccounts.operator(store), slug, new NewTag(tagSlug, name, color));
                context.out.println(json ? Json.write(Wire.tag(t)) : "Added tag: " + line(t).strip());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "edit", description = "Rename or recolour a tag (its slug stays).")
    static final class Edit implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "TAG", description = "The tag's slug.")
        String tag;

        @Option(names = "--name", description = "New name.")
        String name;

        @Option(names = "--color", paramLabel = "#RRGGBB", description = "New colour.")
        String color;

        @Option(names = "--json", description = "Print the REST API's record.")
        boolean json;

        Edit(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                Tag t = store.board().updateTag(CliAccounts.operator(store), slug, tag, new TagEdit(name, color));
                context.out.println(json ? Json.write(Wire.tag(t)) : "Updated tag: " + line(t).strip());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete a tag, taking it off every post.")
    static final class Delete implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
        String slug;

        @Parameters(index = "1", paramLabel = "TAG", description = "The tag's slug.")
        String tag;

        Delete(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                store.board().deleteTag(CliAccounts.operator(store), slug, tag);
                context.out.println("Deleted tag: " + tag);
            }
            return ExitCode.OK;
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
