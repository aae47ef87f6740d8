package io.rungu.cli;

import io.rungu.model.NewWebhook;
import io.rungu.model.Webhook;
import io.rungu.model.WebhookAttempt;
import io.rungu.model.WebhookSecret;
import io.rungu.store.RunguStore;
import io.rungu.wire.Wire;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rungu webhook add|list|delete|rotate|deliveries|test|redeliver}: webhook endpoints (docs/webhooks.md). */
@Command(name = "webhook", description = "Register, list and delete webhook endpoints; rotate secrets, read logs.",
        subcommands = {WebhookCommand.Add.class, WebhookCommand.ListWebhooks.class, WebhookCommand.Delete.class,
                WebhookCommand.Rotate.class, WebhookCommand.Deliveries.class, WebhookCommand.Test.class,
                WebhookCommand.Redeliver.class})
final class WebhookCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    static String line(Webhook w) {
        String events = w.events().stream().map(io.rungu.model.EventTopic::wire).collect(Collectors.joining(","));
        return "  " + w.id() + "  " + w.url() + "  " + events + (w.projectSlug() == null ? "" : "  board " + w.projectSlug())
                + (w.enabled() ? "" : "  DISABLED" + (w.disabledReason() == null ? "" : ": " + w.disabledReason()));
    }

    @Command(name = "add", description = {"Register an endpoint and print its signing secret once.",
        "Events: post.created, post.updated, post.status_changed, post.deleted, post.merged, comment.created,",
        "comment.deleted, vote.changed, project.created, project.deleted."})
    static final class Add implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "URL", description = "Where events are POSTed (http or https).")
        String url;

        @Option(names = "--events", required = true, split = ",", paramLabel = "TYPE[,TYPE...]",
                description = "The event types to send.")
        List<String> events;

        @Option(names = "--project", paramLabel = "SLUG", description = "Only this board's events (default: every board).")
        String project;

        @Option(names = "--json", description = "Print the REST API's record, with the secret.")
        boolean json;

        Add(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                WebhookSecret created = store.board().webhooks().create(CliAccounts.operator(store),
                        new NewWebhook(url, events, project));
                if (json) {
                    context.out.println(Json.write(Wire.webhookWithSecret(created)));
                } else {
                    context.out.println(created.secret());
                    context.err.println("Registered webhook " + created.webhook().id() + " for " + url
                            + ". Its signing secret (above) is shown this once.");
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "List the endpoints (never their secrets).")
    static final class ListWebhooks implements Callable<Integer> {
        private final Context context;

        @Option(names = "--json", description = "Print a JSON array of the REST API's records.")
        boolean json;

        ListWebhooks(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                List<Webhook> hooks = store.board().webhooks().list(CliAccounts.operator(store));
                if (json) {
                    context.out.println(Json.write(hooks.stream().map(Wire::webhook).toList()));
                } else if (hooks.isEmpty()) {
                    context.out.println("No webhooks.");
                } else {
                    hooks.forEach(w -> context.out.println(line(w)));
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete an endpoint with its pending messages and log.")
    static final class Delete implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The endpoint's id.")
        String id;

        Delete(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                store.board().webhooks().delete(CliAccounts.operator(store), id);
                context.out.println("Deleted webhook " + id);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "rotate", description = "Replace an endpoint's signing secret now and print the new one once.")
    static final class Rotate implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The endpoint's id.")
        String id;

        Rotate(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                context.out.println(store.board().webhooks().rotateSecret(CliAccounts.operator(store), id).secret());
                context.err.println("The old secret no longer signs anything; give the receiver the new one.");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "deliveries", description = "Show an endpoint's last 100 delivery attempts, newest first.")
    static final class Deliveries implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The endpoint's id.")
        String id;

        @Option(names = "--json", description = "Print a JSON array of the REST API's records.")
        boolean json;

        Deliveries(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                List<WebhookAttempt> attempts = store.board().webhooks().attempts(CliAccounts.operator(store), id);
                if (json) {
                    context.out.println(Json.write(attempts.stream().map(Wire::webhookAttempt).toList()));
                } else if (attempts.isEmpty()) {
                    context.out.println("No delivery attempts yet.");
                } else {
                    for (WebhookAttempt a : attempts) {
                        context.out.println("  " + a.at() + "  " + a.type() + "  " + a.messageId() + "  delivery "
                                + a.deliveryId() + "  " + (a.statusCode() != null ? "HTTP " + a.statusCode() : a.error())
                                + "  " + a.durationMs() + " ms");
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "test", description = "Queue a webhook.test message to an endpoint (a running server sends it).")
    static final class Test implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The endpoint's id.")
        String id;

        Test(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                context.out.println(store.board().webhooks().sendTest(CliAccounts.operator(store), id));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "redeliver", description = "Queue a delivery again now, with the same webhook-id and body.")
    static final class Redeliver implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "ID", description = "The endpoint's id.")
        String id;

        @Parameters(index = "1", paramLabel = "DELIVERY", description = "A delivery id from 'rungu webhook deliveries'.")
        long delivery;

        Redeliver(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (RunguStore store = context.openStore()) {
                store.board().webhooks().redeliver(CliAccounts.operator(store), id, delivery);
                context.out.println("Queued delivery " + delivery + " again");
            }
            return ExitCode.OK;
        }
    }
}
