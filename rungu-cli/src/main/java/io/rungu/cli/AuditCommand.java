package io.rungu.cli;

import io.rungu.model.AuditEntry;
import io.rungu.model.AuditQuery;
import io.rungu.model.Page;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rungu audit}: the audit log, newest first, read as the operator. */
@Command(name = "audit", description = "Show the audit log, newest first: who changed what, when and through which "
        + "channel.")
final class AuditCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--project", paramLabel = "SLUG", description = "Only entries of this board.")
    String project;

    @Option(names = "--actor", paramLabel = "USER",
            description = "Only writes of this user: their id, or their email.")
    String actor;

    @Option(names = "--action", paramLabel = "ACTION",
            description = "Only this action (post.edited) or every action on a target type (post).")
    String action;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only entries at or after an RFC 3339 instant, or within a duration back from now "
                    + "(24h, 7d, PT1H).")
    String since;

    @Option(names = "--json", description = "Print a JSON array of the REST API's audit entries.")
    boolean json;

    @Mixin
    PostCommand.Paging paging;

    AuditCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (RunguStore store = context.openStore()) {
            String actorId = actor != null && actor.contains("@") ? CliAccounts.userByEmail(store, actor).id() : actor;
            Page<AuditEntry> page = store.board().auditLog(CliAccounts.operator(store),
                    new AuditQuery(project, actorId, action, since, paging.request()));
            if (json) {
                context.out.println(Json.write(page.items().stream().map(Wire::auditEntry).toList()));
            } else {
                print(page);
            }
        }
        return ExitCode.OK;
    }

    private void print(Page<AuditEntry> page) {
        if (page.items().isEmpty()) {
            context.out.println(page.total() == 0 ? "No audit entries found." : "No entries on page " + page.page()
                    + "; there are " + page.totalPages() + " pages.");
            return;
        }
        Table table = new Table("AT", "ACTOR", "CHANNEL", "CLIENT", "ACTION", "TARGET", "CHANGES");
        for (AuditEntry e : page.items()) {
            table.row(e.at(), actor(e),
                    e.channel() == null ? null : e.channel().wire(), e.client(), e.action(),
                    e.target().type() + " " + (e.target().id() == null ? "" : e.target().id()),
                    e.changes().isEmpty() ? null : e.changes().stream()
                            .map(c -> c.field() + ": " + Table.cell(c.before()) + " -> " + Table.cell(c.after()))
                            .collect(Collectors.joining("; ")));
        }
        table.print(context.out);
        context.out.println(Pages.footer(page, "entry", "entries"));
    }

    /** The actor's name; an account without one (never named, or erased) by the start of its id. */
    static String actor(AuditEntry e) {
        if (e.actor() == null) {
            return "(system)";
        }
        String name = e.actor().name();
        if (name != null && !name.isBlank()) {
            return name;
        }
        String id = e.actor().id();
        return "user " + (id.length() > 8 ? id.substring(0, 8) : id);
    }
}
