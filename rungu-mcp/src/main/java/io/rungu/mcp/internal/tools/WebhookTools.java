package io.rungu.mcp.internal.tools;

import io.rungu.model.NewWebhook;
import io.rungu.model.Webhook;
import io.rungu.model.WebhookEdit;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;

/** Webhook endpoints (admins, docs/webhooks.md). */
public final class WebhookTools {
    private WebhookTools() {}

    /** Every endpoint. */
    public record WebhookList(List<Wire.Webhook> webhooks) {}

    /** One endpoint. */
    public record WebhookResult(Wire.Webhook webhook) {}

    /** An endpoint with its signing secret, shown this once. */
    public record WebhookSecretResult(Wire.WebhookWithSecret webhook) {}

    /** An endpoint's last delivery attempts, newest first. */
    public record WebhookDeliveries(List<Wire.WebhookAttempt> attempts) {}

    /** What a delete, test or redeliver did. */
    public record WebhookDone(String id, String action, @io.rungu.wire.Nullable String messageId) {}

    private static final String EVENTS = "post.created, post.updated, post.status_changed, post.deleted, post.merged, "
            + "comment.created, comment.deleted, vote.changed, project.created, project.deleted";
    private static final Param ID = Param.string("id", "The webhook's id").maxLength(100).asRequired().asAddress();

    /** The webhook tools over {@code board}. */
    public static List<ToolSpec> all(Board board) {
        return List.of(
                ToolSpec.read("list_webhooks", "List webhooks",
                        "Every webhook endpoint (admins only): URL, event types, board, enabled, and why it was "
                                + "disabled if deliveries kept failing. Secrets are never shown again.",
                        List.of(), WebhookList.class,
                        (actor, a) -> new WebhookList(board.webhooks().list(actor).stream().map(Wire::webhook).toList())),
                ToolSpec.write("create_webhook", "Register a webhook",
                        "Register an endpoint that receives signed Standard Webhooks POSTs for the chosen event types ("
                                + EVENTS + "), optionally of one board (admins only). The answer carries the signing "
                                + "secret (whsec_...) this once.", false, false,
                        List.of(Param.string("url", "http(s) URL; private addresses are refused unless the server "
                                        + "allows them").maxLength(Webhook.URL_MAX).asRequired(),
                                Param.stringList("events", "Event types: " + EVENTS).asRequired(),
                                Param.string("project", "Only this board's events (its slug)").maxLength(200)),
                        WebhookSecretResult.class,
                        (actor, a) -> new WebhookSecretResult(Wire.webhookWithSecret(board.webhooks().create(actor,
                                new NewWebhook(a.string("url"), a.list("events"), a.string("project")))))),
                ToolSpec.write("update_webhook", "Change a webhook",
                        "Change an endpoint's URL, event types or board (\"\" for every board), or pause "
                                + "(enabled=false) or resume it (admins only).", false, true,
                        List.of(ID, Param.string("url", "New URL").maxLength(Webhook.URL_MAX),
                                Param.stringList("events", "New event types"),
                                Param.string("project", "A board's slug, or \"\" for every board").maxLength(200),
                                Param.bool("enabled", "false pauses deliveries, true resumes them")),
                        WebhookResult.class,
                        (actor, a) -> new WebhookResult(Wire.webhook(board.webhooks().update(actor, a.string("id"),
                                new WebhookEdit(a.string("url"), a.list("events"), a.string("project"),
                                        a.bool("enabled")))))),
                ToolSpec.write("delete_webhook", "Delete a webhook",
                        "Delete an endpoint with its pending messages and delivery log (admins only).", true, false,
                        List.of(ID), WebhookDone.class,
                        (actor, a) -> {
                            board.webhooks().delete(actor, a.string("id"));
                            return new WebhookDone(a.string("id"), "deleted", null);
                        }),
                ToolSpec.write("rotate_webhook_secret", "Rotate a webhook's secret",
                        "Replace an endpoint's signing secret at once (admins only); the answer carries the new one "
                                + "this once.", true, false, List.of(ID), WebhookSecretResult.class,
                        (actor, a) -> new WebhookSecretResult(Wire.webhookWithSecret(
                                board.webhooks().rotateSecret(actor, a.string("id"))))),
                ToolSpec.read("list_webhook_deliveries", "Read a webhook's delivery log",
                        "An endpoint's last 100 delivery attempts, newest first (admins only): type, webhook-id, HTTP "
                                + "status or error, duration, and the start of the answer.",
                        List.of(ID), WebhookDeliveries.class,
                        (actor, a) -> new WebhookDeliveries(board.webhooks().attempts(actor, a.string("id")).stream()
                                .map(Wire::webhookAttempt).toList())),
                ToolSpec.write("send_webhook_test", "Send a test event",
                        "Queue a webhook.test message to an endpoint (admins only); the server sends it like any "
                                + "other.", false, false, List.of(ID), WebhookDone.class,
                        (actor, a) -> new WebhookDone(a.string("id"), "test_queued",
                                board.webhooks().sendTest(actor, a.string("id")))),
                ToolSpec.write("redeliver_webhook", "Redeliver a webhook message",
                        "Queue a delivery from the log again now, with the same webhook-id and body (admins only).",
                        false, true, List.of(ID, Param.string("delivery_id", "The delivery id from the log")
                                .maxLength(20).asRequired()), WebhookDone.class,
                        (actor, a) -> {
                            long delivery;
                            try {
                                delivery = Long.parseLong(a.string("delivery_id"));
                            } catch (NumberFormatException e) {
                                throw io.rungu.model.RunguException.invalid("delivery_id", "must be a number");
                            }
                            board.webhooks().redeliver(actor, a.string("id"), delivery);
                            return new WebhookDone(a.string("id"), "redelivery_queued", null);
                        }));
    }
}
