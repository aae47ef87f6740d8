package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.model.ProjectMember;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rungu project members SLUG add|remove|list [EMAIL]}: who may see a board whose visibility is
 * {@code members}, administered as the operator.
 */
@Command(name = "members", description = "List, add or remove the members of a board (who may see it when its "
        + "visibility is members).")
final class ProjectMembersCommand implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "SLUG", description = "The board.")
    String slug;

    @Parameters(index = "1", paramLabel = "ACTION", description = "list, add or remove.")
    String action;

    @Parameters(index = "2", paramLabel = "EMAIL", arity = "0..1",
            description = "The user (email address or id) to add or remove.")
    String user;

    @Option(names = "--json", description = "Print the REST API's records.")
    boolean json;

    ProjectMembersCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!List.of("list", "add", "remove").contains(action)) {
            throw new CliException(ExitCode.USAGE, "Unknown action '" + action + "': use list, add or remove");
        }
        if (!action.equals("list") && (user == null || user.isBlank())) {
            throw new CliException(ExitCode.USAGE, "Name the user to " + action + ": rungu project members " + slug
                    + " " + action + " EMAIL");
        }
        try (RunguStore store = context.openStore()) {
            Actor.Account operator = CliAccounts.operator(store);
            switch (action) {
                case "add" -> {
                    ProjectMember m = store.board().addProjectMember(operator, slug, user);
                    context.out.println(json ? Json.write(Wire.projectMember(m))
                            : "Added " + m.email() + " to " + slug);
                }
                case "remove" -> {
                    store.board().removeProjectMember(operator, slug, user);
                    context.out.println("Removed " + user + " from " + slug);
                }
                default -> {
                    List<ProjectMember> members = Pages.all(page -> store.board().listProjectMembers(operator, slug,
                            page));
                    if (json) {
                        context.out.println(Json.write(members.stream().map(Wire::projectMember).toList()));
                    } else if (members.isEmpty()) {
                        context.out.println("No members.");
                    } else {
                        members.forEach(m -> context.out.println("  " + m.email() + " (" + m.name() + ")"));
                    }
                }
            }
        }
        return ExitCode.OK;
    }
}
