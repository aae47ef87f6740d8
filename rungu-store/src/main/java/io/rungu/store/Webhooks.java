package io.rungu.store;

import io.rungu.model.Actor;
import io.rungu.model.NewWebhook;
import io.rungu.model.Webhook;
import io.rungu.model.WebhookAttempt;
import io.rungu.model.WebhookEdit;
import io.rungu.model.WebhookSecret;
import java.util.List;

/**
 * The registry of webhook endpoints (docs/webhooks.md), for admins only: every method refuses anyone else
 * (FORBIDDEN). Every write goes into the audit log. A sender (rungu-notify's {@code RunguWebhooks}) delivers what
 * is queued through {@link WebhookQueue}.
 */
public interface Webhooks {

    /** Every endpoint, oldest first. */
    List<Webhook> list(Actor actor);

    /** One endpoint; NOT_FOUND when there is none with that id. */
    Webhook get(Actor actor, String id);

    /**
     * Registers an endpoint with a new signing secret, returned this once.
     *
     * @throws io.rungu.model.RunguException INVALID for a bad URL (also one resolving to a private address unless
     *         allowed), an unknown event type or board; CONFLICT past {@link Webhook#MAX_ENDPOINTS}
     */
    WebhookSecret create(Actor actor, NewWebhook input);

    /** Changes an endpoint; re-enabling one clears its disabled reason and restarts its pending messages' window. */
    Webhook update(Actor actor, String id, WebhookEdit edit);

    /** Deletes an endpoint with its pending messages and log. */
    void delete(Actor actor, String id);

    /** Replaces the endpoint's signing secret at once and returns the new one, this once. */
    WebhookSecret rotateSecret(Actor actor, String id);

    /** The endpoint's last {@link Webhook#LOG_SIZE} delivery attempts, newest first. */
    List<WebhookAttempt> attempts(Actor actor, String id);

    /**
     * Queues a {@link Webhook#TEST_TYPE} message to the endpoint, delivered (and retried) like any other.
     *
     * @return the message id ({@code webhook-id})
     */
    String sendTest(Actor actor, String id);

    /**
     * Queues a delivery again now (with the same message id and body), whether it succeeded or was given up.
     *
     * @param deliveryId a delivery id from the endpoint's log; NOT_FOUND when that delivery is gone
     */
    void redeliver(Actor actor, String id, long deliveryId);
}
