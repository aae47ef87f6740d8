package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.Project;
import io.rungu.store.Board;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu project add|list|delete}: boards, administered as the operator. */
@Command(name = "project", description = "Create, list, edit and delete boards (projects) and manage their members.",
        subcommands = {ProjectCommand.Add.class, ProjectCommand.ListProjects.class, ProjectCommand.Delete.class,
            ProjectCommand.Edit.class, ProjectMembersCommand.class})
final class ProjectCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "add", description = "Create a board.")
    static final class Add implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "NAME", description = "The board's name.")
        String name;

        @Option(names = {"-s", "--slug"}, description = "URL name: lower-case letters, digits and inner hyphens; derived from the name when left out.")
        String slug;

        @Option(names = "--description", description = "What the board collects feedback about.")
        String description = "";

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                Project project = store.board().createProject(CliAccounts.operator(store), new NewProject(name, slug, description));
                context.out.println("Created project: " + project.name() + " (" + project.slug() + ")");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "List the boards, newest first.")
    static final class ListProjects implements Callable<Integer> {
        private final Context context;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        ListProjects(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                Board board = store.board();
                // The operator sees every board, private ones included.
                Actor.Account operator = CliAccounts.operator(store);
                List<Project> projects = Pages.all(page -> board.listProjects(operator, page));
                if (json) {
                    context.out.println(Json.write(projects.stream().map(Wire::project).toList()));
                } else if (projects.isEmpty()) {
                    context.out.println("No projects found.");
                } else {
                    for (Project p : projects) {
                        context.out.println("  " + p.name() + " (" + p.slug() + "), " + p.postCount()
                                + (p.postCount() == 1 ? " post" : " posts"));
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete a board with all its posts, votes, comments and attachments.")
    static final class Delete implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG")
        String slug;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
        boolean yes;

        Delete(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                Actor.Account operator = CliAccounts.operator(store);
                Project project = store.board().getProject(operator, slug);
                if (!yes && !Confirm.ask(context, "Delete project " + project.slug() + " with " + project.postCount()
                        + " posts? [y/N] ")) {
                    throw new CliException(ExitCode.FAILURE, "Not deleted (pass --yes to delete without asking)");
                }
                store.board().deleteProject(operator, slug);
                context.out.println("Deleted project: " + project.name() + " (" + project.slug() + ")");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "edit", description = "Rename or re-describe a board, or set who may see it and whether new posts "
            + "wait for approval.")
    static final class Edit implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "SLUG")
        String slug;

        @Option(names = "--name", description = "The new name.")
        String name;

        @Option(names = "--description", description = "The new description.")
        String description;

        @Option(names = "--visibility", paramLabel = "WHO",
                description = "public (anyone), signed_in (any signed-in user) or members (its members and admins).")
        String visibility;

        @Option(names = "--moderation", paramLabel = "MODE",
                description = "none, or new_posts: members' new posts wait for an admin's approval.")
        String moderation;

        @Option(names = "--json", description = "Print the REST API's record of the board.")
        boolean json;

        Edit(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            var edit = new io.rungu.model.ProjectEdit(name, description,
                    visibility == null ? null : io.rungu.model.BoardVisibility.parse(visibility),
                    moderation == null ? null : io.rungu.model.Moderation.parse(moderation));
            try (RunguStore store = context.openStore()) {
                Project project = store.board().updateProject(CliAccounts.operator(store), slug, edit);
                context.out.println(json ? Json.write(Wire.project(project)) : "Updated project: " + project.name()
                        + " (" + project.slug() + "), visibility " + project.visibility().wire() + ", moderation "
                        + project.moderation().wire());
            }
            return ExitCode.OK;
        }
    }
}
