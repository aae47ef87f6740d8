package io.rungu.http.internal;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.NewWebhook;
import io.rungu.model.RunguException;
import io.rungu.model.WebhookEdit;
import io.rungu.store.Board;
import io.rungu.wire.Wire;
import java.util.List;

/** Webhook endpoints (admins, docs/webhooks.md): each handler parses, makes one Board call and renders. */
public final class WebhookRoutes {
    static final List<String> NEW_WEBHOOK = List.of("url", "events", "project");
    static final List<String> WEBHOOK_EDIT = List.of("url", "events", "project", "enabled");

    private final Board board;
    private final Requests requests;
    private final Guard guard;

    public WebhookRoutes(Board board, Requests requests, Guard guard) {
        this.board = board;
        this.requests = requests;
        this.guard = guard;
    }

    public void register(RouteTable t) {
        String base = "/api/webhooks";
        t.add(GET, base, ctx -> ok(ctx, board.webhooks().list(Guard.actor(ctx)).stream().map(Wire::webhook).toList()))
                .doc("webhooks", "Every webhook endpoint (its secret is never shown again)", Access.ADMIN)
                .reply(200, Shape.LIST, "Webhook").done();
        t.add(POST, base, ctx -> {
            JsonNode body = requests.object(ctx, NEW_WEBHOOK);
            var input = new NewWebhook(Requests.string(body, "url"), Requests.stringList(body, "events"),
                    Requests.string(body, "project"));
            created(ctx, Wire.webhookWithSecret(board.webhooks().create(Guard.actor(ctx), input)));
        }).doc("webhooks", "Register a webhook endpoint; the answer carries its signing secret, this once",
                Access.ADMIN).json("NewWebhook").reply(201, Shape.DATA, "WebhookWithSecret").done();
        t.add(GET, base + "/{id}", ctx -> ok(ctx, Wire.webhook(board.webhooks().get(Guard.actor(ctx), id(ctx)))))
                .doc("webhooks", "One webhook endpoint", Access.ADMIN).reply(200, Shape.DATA, "Webhook").done();
        t.add(PATCH, base + "/{id}", ctx -> {
            JsonNode body = requests.object(ctx, WEBHOOK_EDIT);
            List<String> events = body.has("events") && !body.get("events").isNull()
                    ? Requests.stringList(body, "events") : null;
            var edit = new WebhookEdit(Requests.string(body, "url"), events, Requests.string(body, "project"),
                    Requests.optionalBoolean(body, "enabled"));
            if (edit.url() == null && edit.events() == null && edit.project() == null && edit.enabled() == null) {
                throw RunguException.invalid("url", "Give url, events, project or enabled");
            }
            ok(ctx, Wire.webhook(board.webhooks().update(Guard.actor(ctx), id(ctx), edit)));
        }).doc("webhooks", "Change an endpoint's URL, events or board, or pause (enabled: false) or resume it",
                Access.ADMIN).json("WebhookEdit").reply(200, Shape.DATA, "Webhook").done();
        t.add(DELETE, base + "/{id}", ctx -> {
            board.webhooks().delete(Guard.actor(ctx), id(ctx));
            ctx.status(204);
        }).doc("webhooks", "Delete an endpoint with its pending messages and log", Access.ADMIN)
                .reply(204, Shape.NONE, null).done();
        t.add(POST, base + "/{id}/rotate", ctx -> ok(ctx, Wire.webhookWithSecret(
                        board.webhooks().rotateSecret(Guard.actor(ctx), id(ctx)))))
                .doc("webhooks", "Replace the signing secret at once; the answer carries the new one, this once",
                        Access.ADMIN).reply(200, Shape.DATA, "WebhookWithSecret").done();
        t.add(GET, base + "/{id}/deliveries", ctx -> ok(ctx, board.webhooks().attempts(Guard.actor(ctx), id(ctx))
                        .stream().map(Wire::webhookAttempt).toList()))
                .doc("webhooks", "The endpoint's last 100 delivery attempts, newest first", Access.ADMIN)
                .reply(200, Shape.LIST, "WebhookAttempt").done();
        t.add(POST, base + "/{id}/test", ctx -> created(ctx, new Wire.WebhookTestSent(
                        board.webhooks().sendTest(Guard.actor(ctx), id(ctx)))))
                .doc("webhooks", "Queue a webhook.test message to the endpoint", Access.ADMIN)
                .reply(201, Shape.DATA, "WebhookTestSent").done();
        t.add(POST, base + "/{id}/deliveries/{delivery}/redeliver", ctx -> {
            long delivery;
            try {
                delivery = Long.parseLong(ctx.pathParam("delivery"));
            } catch (NumberFormatException e) {
                throw RunguException.notFound("No such delivery");
            }
            board.webhooks().redeliver(Guard.actor(ctx), id(ctx), delivery);
            ctx.status(204);
        }).doc("webhooks", "Send a delivery again now, with the same webhook-id and body", Access.ADMIN)
                .reply(204, Shape.NONE, null).done();
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private void ok(Context ctx, Object data) {
        guard.send(ctx, 200, new Wire.Data<>(data));
    }

    private void created(Context ctx, Object data) {
        guard.send(ctx, 201, new Wire.Data<>(data));
    }
}
