package io.rungu.store.internal.board;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.EventTopic;
import io.rungu.model.NewWebhook;
import io.rungu.model.OutboundAddresses;
import io.rungu.model.RunguException;
import io.rungu.model.Webhook;
import io.rungu.model.WebhookAttempt;
import io.rungu.model.WebhookEdit;
import io.rungu.model.WebhookMessage;
import io.rungu.model.WebhookOutcome;
import io.rungu.model.WebhookSecret;
import io.rungu.store.WebhookQueue;
import io.rungu.store.Webhooks;
import io.rungu.store.internal.audit.Changes;
import io.rungu.store.internal.db.Timestamps;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The webhook registry (admin use cases) and the queue of messages a sender delivers. */
public final class WebhookService implements Webhooks, WebhookQueue {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = "SELECT w.id, w.url, w.events, w.enabled, w.disabled_reason, w.created_at, "
            + "w.updated_at, p.slug AS project_slug FROM webhooks w LEFT JOIN projects p ON p.id = w.project_id";
    private static final RowMapper<Webhook> WEBHOOK = (rs, ctx) -> new Webhook(rs.getString("id"), rs.getString("url"),
            topics(rs.getString("events")), rs.getString("project_slug"), rs.getInt("enabled") != 0,
            rs.getString("disabled_reason"), Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at"));
    private static final RowMapper<WebhookAttempt> ATTEMPT = (rs, ctx) -> {
        long delivery = rs.getLong("delivery_id");
        Long deliveryId = rs.wasNull() ? null : delivery;
        int status = rs.getInt("status_code");
        Integer statusCode = rs.wasNull() ? null : status;
        return new WebhookAttempt(rs.getLong("id"), deliveryId, rs.getString("message_id"), rs.getString("type"),
                Timestamps.read(rs, "attempted_at"), statusCode, rs.getString("error"), rs.getLong("duration_ms"),
                rs.getString("response"), rs.getInt("succeeded") != 0);
    };

    private final Context cx;
    private final OutboundAddresses addresses;

    WebhookService(Context cx, OutboundAddresses addresses) {
        this.cx = cx;
        this.addresses = Objects.requireNonNull(addresses, "addresses");
    }

    // ---- the registry ----

    @Override
    public List<Webhook> list(Actor actor) {
        Permissions.adminReader(actor);
        return cx.db().read(h -> h.createQuery(SELECT + " ORDER BY w.created_at, w.id").map(WEBHOOK).list());
    }

    @Override
    public Webhook get(Actor actor, String id) {
        Permissions.adminReader(actor);
        return cx.db().read(h -> find(h, id));
    }

    @Override
    public WebhookSecret create(Actor actor, NewWebhook input) {
        Actor.Account admin = Permissions.admin(actor);
        if (input == null) {
            throw RunguException.invalid("url", "url is required");
        }
        String url = checkedUrl(input.url());
        String events = events(input.events(), true);
        String secret = newSecret();
        return cx.db().write(h -> {
            long count = h.createQuery("SELECT count(*) FROM (SELECT id FROM webhooks" + cx.db().dialect().lockRows()
                    + ") w").mapTo(Long.class).one();
            if (count >= Webhook.MAX_ENDPOINTS) {
                throw RunguException.conflict("At most " + Webhook.MAX_ENDPOINTS
                        + " webhook endpoints are allowed; delete one first");
            }
            String projectId = projectId(h, input.project());
            String id = cx.newId();
            Instant now = cx.now();
            h.createUpdate("INSERT INTO webhooks (id, url, events, project_id, secret, enabled, created_by, created_at, "
                            + "updated_at) VALUES (:id, :url, :events, :project, :secret, 1, :by, :now, :now)")
                    .bind("id", id).bind("url", url).bind("events", events).bind("project", projectId)
                    .bind("secret", secret).bind("by", admin.userId()).bind("now", now).execute();
            cx.audit(h, admin, "webhook.created", "webhook", id, projectId,
                    Changes.of().added("url", url).added("events", events));
            return new WebhookSecret(find(h, id), secret);
        });
    }

    @Override
    public Webhook update(Actor actor, String id, WebhookEdit edit) {
        Actor.Account admin = Permissions.admin(actor);
        if (edit == null) {
            throw RunguException.invalid("url", "Nothing to change");
        }
        String url = edit.url() == null ? null : checkedUrl(edit.url());
        String events = edit.events() == null ? null : events(edit.events(), true);
        return cx.db().write(h -> {
            Webhook before = find(h, id);
            Changes changes = Changes.of();
            Instant now = cx.now();
            if (url != null && !url.equals(before.url())) {
                h.createUpdate("UPDATE webhooks SET url = :url WHERE id = :id").bind("url", url).bind("id", id)
                        .execute();
                changes.field("url", before.url(), url);
            }
            if (events != null) {
                String old = before.events().stream().map(EventTopic::wire).collect(Collectors.joining(","));
                if (!old.equals(events)) {
                    h.createUpdate("UPDATE webhooks SET events = :events WHERE id = :id").bind("events", events)
                            .bind("id", id).execute();
                    changes.field("events", old, events);
                }
            }
            if (edit.project() != null) {
                String projectId = edit.project().isEmpty() ? null : projectId(h, edit.project());
                h.createUpdate("UPDATE webhooks SET project_id = :project WHERE id = :id").bind("project", projectId)
                        .bind("id", id).execute();
                changes.field("project", before.projectSlug(), edit.project().isEmpty() ? null : edit.project());
            }
            if (edit.enabled() != null && edit.enabled() != before.enabled()) {
                h.createUpdate("UPDATE webhooks SET enabled = :enabled, disabled_reason = NULL WHERE id = :id")
                        .bind("enabled", edit.enabled() ? 1 : 0).bind("id", id).execute();
                if (edit.enabled()) {
                    // A fresh retry window for what waited while it was off, or it would be given up at once.
                    h.createUpdate("UPDATE webhook_deliveries SET window_start = :now, due_at = :now "
                                    + "WHERE webhook_id = :id AND state = 'pending'")
                            .bind("now", now).bind("id", id).execute();
                }
                changes.field("enabled", before.enabled(), edit.enabled());
            }
            h.createUpdate("UPDATE webhooks SET updated_at = :now WHERE id = :id").bind("now", now).bind("id", id)
                    .execute();
            cx.audit(h, admin, "webhook.edited", "webhook", id, null, changes);
            return find(h, id);
        });
    }

    @Override
    public void delete(Actor actor, String id) {
        Actor.Account admin = Permissions.admin(actor);
        cx.db().writeVoid(h -> {
            Webhook before = find(h, id);
            h.createUpdate("DELETE FROM webhook_attempts WHERE webhook_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM webhook_deliveries WHERE webhook_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM webhooks WHERE id = :id").bind("id", id).execute();
            cx.audit(h, admin, "webhook.deleted", "webhook", id, null, Changes.of().removed("url", before.url()));
        });
    }

    @Override
    public WebhookSecret rotateSecret(Actor actor, String id) {
        Actor.Account admin = Permissions.admin(actor);
        String secret = newSecret();
        return cx.db().write(h -> {
            find(h, id);
            h.createUpdate("UPDATE webhooks SET secret = :secret, updated_at = :now WHERE id = :id")
                    .bind("secret", secret).bind("now", cx.now()).bind("id", id).execute();
            cx.audit(h, admin, "webhook.secret_rotated", "webhook", id, null, Changes.of());
            return new WebhookSecret(find(h, id), secret);
        });
    }

    @Override
    public List<WebhookAttempt> attempts(Actor actor, String id) {
        Permissions.adminReader(actor);
        return cx.db().read(h -> {
            find(h, id);
            return h.createQuery("SELECT * FROM webhook_attempts WHERE webhook_id = :id ORDER BY id DESC LIMIT :limit")
                    .bind("id", id).bind("limit", Webhook.LOG_SIZE).map(ATTEMPT).list();
        });
    }

    @Override
    public String sendTest(Actor actor, String id) {
        Actor.Account admin = Permissions.admin(actor);
        return cx.db().write(h -> {
            find(h, id);
            Instant now = cx.now();
            String body = "{\"type\":\"" + Webhook.TEST_TYPE + "\",\"timestamp\":\"" + Timestamps.format(now)
                    + "\",\"data\":{\"webhook_id\":\"" + id + "\"}}";
            String messageId = messageId();
            insertDelivery(h, id, messageId, null, Webhook.TEST_TYPE, body, now);
            cx.audit(h, admin, "webhook.tested", "webhook", id, null, Changes.of());
            return messageId;
        });
    }

    @Override
    public void redeliver(Actor actor, String id, long deliveryId) {
        Actor.Account admin = Permissions.admin(actor);
        cx.db().writeVoid(h -> {
            find(h, id);
            Instant now = cx.now();
            int updated = h.createUpdate("UPDATE webhook_deliveries SET state = 'pending', due_at = :now, "
                            + "window_start = :now WHERE id = :delivery AND webhook_id = :id")
                    .bind("now", now).bind("delivery", deliveryId).bind("id", id).execute();
            if (updated == 0) {
                throw RunguException.notFound("No delivery " + deliveryId + " of this webhook");
            }
            cx.audit(h, admin, "webhook.redelivered", "webhook", id, null,
                    Changes.of().added("delivery", deliveryId));
        });
    }

    private static Webhook find(Handle h, String id) {
        if (id == null || id.length() > 100) {
            throw RunguException.notFound("Webhook not found");
        }
        return h.createQuery(SELECT + " WHERE w.id = :id").bind("id", id).map(WEBHOOK).findOne()
                .orElseThrow(() -> RunguException.notFound("Webhook not found"));
    }

    private String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw RunguException.invalid("url", "url is required");
        }
        String trimmed = url.strip();
        if (trimmed.length() > Webhook.URL_MAX) {
            throw RunguException.invalid("url", "must be at most " + Webhook.URL_MAX + " characters");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw RunguException.invalid("url", "must be a valid http or https URL");
        }
        addresses.check("url", uri);
        return trimmed;
    }

    /** The wanted types as stored: known names, no repeats, in a fixed order, comma-separated. */
    private static String events(List<String> names, boolean required) {
        if (names == null || names.isEmpty()) {
            if (required) {
                throw RunguException.invalid("events", "Choose at least one event type: " + known());
            }
            return null;
        }
        if (names.size() > EventTopic.values().length * 2) {
            throw RunguException.invalid("events", "Too many event types");
        }
        Set<EventTopic> topics = EnumSet.noneOf(EventTopic.class);
        for (String name : names) {
            topics.add(EventTopic.fromWire(name == null ? "" : name.strip()).orElseThrow(() ->
                    RunguException.invalid("events", "Unknown event type '" + truncate(name) + "'; known: " + known())));
        }
        return topics.stream().map(EventTopic::wire).collect(Collectors.joining(","));
    }

    private static String truncate(String s) {
        return s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String known() {
        return Arrays.stream(EventTopic.values()).map(EventTopic::wire).collect(Collectors.joining(", "));
    }

    private static List<EventTopic> topics(String stored) {
        List<EventTopic> topics = new ArrayList<>();
        for (String name : stored.split(",")) {
            EventTopic.fromWire(name).ifPresent(topics::add);
        }
        return topics;
    }

    private static String projectId(Handle h, String slug) {
        if (slug == null || slug.isBlank()) {
            return null;
        }
        return h.createQuery("SELECT id FROM projects WHERE slug = :slug").bind("slug", slug).mapTo(String.class)
                .findOne().orElseThrow(() -> RunguException.invalid("project", "No board '" + truncate(slug) + "'"));
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private String messageId() {
        return "msg_" + cx.newId().replace("-", "");
    }

    private void insertDelivery(Handle h, String webhookId, String messageId, Long seq, String type, String body,
            Instant now) {
        h.createUpdate("INSERT INTO webhook_deliveries (webhook_id, message_id, event_seq, type, body, state, attempts, "
                        + "created_at, window_start, due_at) VALUES (:webhook, :message, :seq, :type, :body, 'pending', 0, "
                        + ":now, :now, :now) ON CONFLICT (webhook_id, event_seq) DO NOTHING")
                .bind("webhook", webhookId).bind("message", messageId).bind("seq", seq).bind("type", type)
                .bind("body", body).bind("now", now).execute();
    }

    // ---- the queue ----

    private static final String WANTS = "SELECT id FROM webhooks WHERE enabled = 1 "
            + "AND (project_id IS NULL OR project_id = :project) AND (',' || events || ',') LIKE :pattern";

    /** Boards and topics whose last answer {@link #wants} keeps, at most; past it they are all forgotten. */
    private static final int WANTED_KEPT_MAX = 10_000;

    /**
     * An answer of {@link #wants} for a board and topic, checked after every event up to {@code upTo} had
     * committed.
     */
    private record Wanted(boolean wanted, long upTo) {}

    private final Map<String, Wanted> wanted = new ConcurrentHashMap<>();

    /**
     * Asking the database for every event cost a read each (half the event thread's CPU under vote load), so the
     * answer for a board and topic is kept with the newest event sequence that had committed before it was read,
     * and serves the events up to that sequence: for each of them the endpoints were read after it committed,
     * as a read per event would have done. A later event reads again, so an endpoint added by anyone (another
     * process too) is seen from the first event after it. Sequences follow commit order (the single writer on
     * SQLite, the outbox lock on PostgreSQL).
     */
    @Override
    public boolean wants(BoardEvent event) {
        Optional<EventTopic> topic = EventTopic.of(event.type());
        if (topic.isEmpty()) {
            return false;
        }
        String key = event.projectId() + ' ' + topic.get().wire();
        Wanted kept = wanted.get(key);
        if (kept != null && event.sequence() > 0 && event.sequence() <= kept.upTo()) {
            return kept.wanted();
        }
        Wanted read = cx.db().read(h -> {
            long upTo = h.createQuery("SELECT coalesce(max(seq), 0) FROM outbox").mapTo(Long.class).one();
            boolean any = h.createQuery(WANTS + " LIMIT 1").bind("project", event.projectId())
                    .bind("pattern", "%," + topic.get().wire() + ",%").mapTo(String.class).findOne().isPresent();
            return new Wanted(any, upTo);
        });
        if (wanted.size() >= WANTED_KEPT_MAX) {
            wanted.clear();
        }
        wanted.put(key, read);
        return read.wanted();
    }

    @Override
    public int enqueue(BoardEvent event, String type, String body) {
        Objects.requireNonNull(body, "body");
        EventTopic.fromWire(type).orElseThrow(() -> new IllegalArgumentException("Unknown event type " + type));
        return cx.db().write(h -> {
            List<String> endpoints = h.createQuery(WANTS).bind("project", event.projectId())
                    .bind("pattern", "%," + type + ",%").mapTo(String.class).list();
            Instant now = cx.now();
            for (String endpoint : endpoints) {
                insertDelivery(h, endpoint, messageId(), event.sequence(), type, body, now);
            }
            return endpoints.size();
        });
    }

    private static final String DUE = "FROM webhook_deliveries WHERE state = 'pending' AND due_at <= :now "
            + "AND webhook_id IN (SELECT id FROM webhooks WHERE enabled = 1)";

    @Override
    public List<WebhookMessage> claimDue(int limit, Duration lease) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
        }
        Instant now = cx.now();
        // Look before writing: an idle poll must not write (a write drops what the Board keeps for reads).
        if (cx.db().read(h -> h.createQuery("SELECT 1 " + DUE + " LIMIT 1").bind("now", now).mapTo(Integer.class)
                .findOne()).isEmpty()) {
            return List.of();
        }
        return cx.db().write(h -> {
            List<Long> ids = h.createQuery("SELECT id " + DUE + " ORDER BY due_at, id LIMIT :limit"
                            + cx.db().dialect().skipLockedRows())
                    .bind("now", now).bind("limit", limit).mapTo(Long.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            h.createUpdate("UPDATE webhook_deliveries SET attempts = attempts + 1, due_at = :until WHERE id IN (<ids>)")
                    .bind("until", Timestamps.truncate(now.plus(lease))).bindList("ids", ids).execute();
            return h.createQuery("SELECT d.id, d.webhook_id, d.message_id, d.type, d.body, d.attempts, d.window_start, "
                            + "w.url, w.secret FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id "
                            + "WHERE d.id IN (<ids>) ORDER BY d.due_at, d.id")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> new WebhookMessage(rs.getLong("id"), rs.getString("webhook_id"),
                            rs.getString("message_id"), rs.getString("type"), rs.getString("url"),
                            rs.getString("secret"), rs.getString("body"), rs.getInt("attempts"),
                            Timestamps.read(rs, "window_start")))
                    .list();
        });
    }

    @Override
    public Optional<Instant> nextDue() {
        return cx.db().read(h -> h.createQuery("SELECT min(due_at) AS due FROM webhook_deliveries WHERE state = 'pending' "
                        + "AND webhook_id IN (SELECT id FROM webhooks WHERE enabled = 1)")
                .map((rs, ctx) -> rs.getObject("due") == null ? null : Timestamps.read(rs, "due"))
                .findOne());
    }

    @Override
    public void delivered(WebhookMessage message, WebhookOutcome outcome) {
        report(message, outcome, h -> h.createUpdate("UPDATE webhook_deliveries SET state = 'delivered' WHERE id = :id")
                .bind("id", message.deliveryId()).execute());
    }

    @Override
    public void retryAt(WebhookMessage message, WebhookOutcome outcome, Instant at) {
        report(message, outcome, h -> h.createUpdate("UPDATE webhook_deliveries SET due_at = :at WHERE id = :id")
                .bind("at", Timestamps.truncate(at)).bind("id", message.deliveryId()).execute());
    }

    @Override
    public void giveUp(WebhookMessage message, WebhookOutcome outcome, String reason) {
        report(message, outcome, h -> {
            h.createUpdate("UPDATE webhook_deliveries SET state = 'failed' WHERE id = :id")
                    .bind("id", message.deliveryId()).execute();
            h.createUpdate("UPDATE webhooks SET enabled = 0, disabled_reason = :reason, updated_at = :now WHERE id = :id")
                    .bind("reason", reason).bind("now", cx.now()).bind("id", message.webhookId()).execute();
        });
    }

    private void report(WebhookMessage message, WebhookOutcome outcome, java.util.function.Consumer<Handle> then) {
        cx.db().writeVoid(h -> {
            boolean exists = h.createQuery("SELECT 1 FROM webhook_deliveries WHERE id = :id")
                    .bind("id", message.deliveryId()).mapTo(Integer.class).findOne().isPresent();
            if (!exists) {
                return; // the endpoint was deleted meanwhile
            }
            h.createUpdate("INSERT INTO webhook_attempts (webhook_id, delivery_id, message_id, type, attempted_at, "
                            + "status_code, error, duration_ms, response, succeeded) VALUES (:webhook, :delivery, "
                            + ":message, :type, :at, :status, :error, :duration, :response, :succeeded)")
                    .bind("webhook", message.webhookId()).bind("delivery", message.deliveryId())
                    .bind("message", message.messageId()).bind("type", message.type())
                    .bind("at", Timestamps.truncate(outcome.at())).bind("status", outcome.statusCode())
                    .bind("error", clip(outcome.error())).bind("duration", outcome.durationMs())
                    .bind("response", clip(outcome.response())).bind("succeeded", outcome.succeeded() ? 1 : 0)
                    .execute();
            then.accept(h);
            h.createUpdate("DELETE FROM webhook_attempts WHERE webhook_id = :webhook AND id <= (SELECT id FROM "
                            + "webhook_attempts WHERE webhook_id = :webhook ORDER BY id DESC LIMIT 1 OFFSET :keep)")
                    .bind("webhook", message.webhookId()).bind("keep", Webhook.LOG_SIZE).execute();
            h.createUpdate("DELETE FROM webhook_deliveries WHERE webhook_id = :webhook AND state <> 'pending' "
                            + "AND NOT EXISTS (SELECT 1 FROM webhook_attempts a WHERE a.delivery_id = webhook_deliveries.id)")
                    .bind("webhook", message.webhookId()).execute();
        });
    }

    /** At most {@link Webhook#SNIPPET_MAX_BYTES} bytes of UTF-8, cut at a character boundary. */
    static String clip(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= Webhook.SNIPPET_MAX_BYTES) {
            return text;
        }
        int end = Webhook.SNIPPET_MAX_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
