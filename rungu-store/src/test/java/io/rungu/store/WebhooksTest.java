package io.rungu.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.AuditQuery;
import io.rungu.model.BoardEvent;
import io.rungu.model.ErrorCode;
import io.rungu.model.EventTopic;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.NewWebhook;
import io.rungu.model.RunguException;
import io.rungu.model.Webhook;
import io.rungu.model.WebhookEdit;
import io.rungu.model.WebhookMessage;
import io.rungu.model.WebhookOutcome;
import io.rungu.model.WebhookSecret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook registry (rules, limits, the address guard, the audit log) and its message queue, on each database. */
class WebhooksTest extends OnEachDatabase {
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Map<String, List<String>> DNS = Map.of(
            "hooks.example", List.of("93.184.216.34"),
            "internal.example", List.of("10.0.0.5"),
            "metadata.example", List.of("169.254.169.254"),
            "mixed.example", List.of("93.184.216.34", "192.168.1.7"),
            "v6local.example", List.of("fd00::1"));

    Actor.Account admin;
    Actor.Account member;
    Webhooks webhooks;
    WebhookQueue queue;
    String slug;

    @Override
    protected void configure(StoreConfig config) {
        config.resolver = WebhooksTest::resolve;
    }

    static List<InetAddress> resolve(String host) throws UnknownHostException {
        List<String> names = DNS.get(host);
        if (names == null) {
            if (host.matches("[0-9.]+|[0-9a-f:]+")) {
                return List.of(InetAddress.getByName(host)); // a literal address, never a lookup
            }
            throw new UnknownHostException(host);
        }
        List<InetAddress> addresses = new java.util.ArrayList<>();
        for (String name : names) {
            addresses.add(InetAddress.getByName(name));
        }
        return addresses;
    }

    @BeforeEach
    void setUp() {
        admin = t.admin("Ada");
        member = t.member("Bob");
        webhooks = board.webhooks();
        queue = t.store().webhookQueue();
        slug = board.createProject(admin, new NewProject("App", null, "")).slug();
    }

    WebhookSecret register(String url, String... events) {
        return webhooks.create(admin, new NewWebhook(url, List.of(events), null));
    }

    @Test
    void an_admin_registers_an_endpoint_and_sees_its_secret_once() {
        WebhookSecret created = register("https://hooks.example/in", "post.created", "vote.changed", "post.created");
        assertThat(created.secret()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(created.secret().substring(6))).hasSize(32);
        Webhook hook = created.webhook();
        assertThat(hook.events()).containsExactly(EventTopic.POST_CREATED, EventTopic.VOTE_CHANGED);
        assertThat(hook.enabled()).isTrue();
        assertThat(hook.projectSlug()).isNull();
        assertThat(webhooks.list(admin)).containsExactly(hook);

        WebhookSecret rotated = webhooks.rotateSecret(admin, hook.id());
        assertThat(rotated.secret()).startsWith("whsec_").isNotEqualTo(created.secret());

        Webhook edited = webhooks.update(admin, hook.id(), new WebhookEdit(null, List.of("comment.created"), slug, null));
        assertThat(edited.events()).containsExactly(EventTopic.COMMENT_CREATED);
        assertThat(edited.projectSlug()).isEqualTo(slug);

        assertThat(board.auditLog(admin, new AuditQuery(null, null, "webhook", null, null)).items())
                .extracting(io.rungu.model.AuditEntry::action)
                .containsExactly("webhook.edited", "webhook.secret_rotated", "webhook.created");
        webhooks.delete(admin, hook.id());
        assertThat(webhooks.list(admin)).isEmpty();
        assertThatThrownBy(() -> webhooks.get(admin, hook.id())).extracting(e -> ((RunguException) e).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void only_admins_manage_webhooks() {
        String id = register("https://hooks.example/in", "post.created").webhook().id();
        assertThatThrownBy(() -> webhooks.list(member)).extracting(e -> ((RunguException) e).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> webhooks.create(member, new NewWebhook("https://hooks.example/x",
                List.of("post.created"), null))).extracting(e -> ((RunguException) e).code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> webhooks.delete(Actor.anonymous(), id)).extracting(e -> ((RunguException) e).code())
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThatThrownBy(() -> webhooks.rotateSecret(TestStores.readOnly(admin), id))
                .extracting(e -> ((RunguException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void bad_input_gets_a_clear_error() {
        assertInvalid("url", "ftp://hooks.example/in", "post.created");
        assertInvalid("url", "hooks.example/in", "post.created");
        assertInvalid("url", "https://user:pw@hooks.example/in", "post.created");
        assertInvalid("url", "https://hooks.example/" + "a".repeat(Webhook.URL_MAX), "post.created");
        assertInvalid("url", "https://nowhere.example/in", "post.created");
        assertInvalid("events", "https://hooks.example/in");
        assertInvalid("events", "https://hooks.example/in", "post.exploded");
        assertThatThrownBy(() -> webhooks.create(admin, new NewWebhook("https://hooks.example/in",
                List.of("post.created"), "no-such-board")))
                .satisfies(e -> assertThat(((RunguException) e).fields()).containsKey("project"));
    }

    void assertInvalid(String field, String url, String... events) {
        assertThatThrownBy(() -> register(url, events)).as(url + " " + List.of(events))
                .isInstanceOf(RunguException.class)
                .satisfies(e -> {
                    assertThat(((RunguException) e).code()).isEqualTo(ErrorCode.INVALID);
                    assertThat(((RunguException) e).fields()).containsKey(field);
                });
    }

    @Test
    void private_link_local_and_metadata_addresses_are_refused_after_resolution() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://[::1]/hook", "https://internal.example/hook",
                "https://metadata.example/latest", "http://169.254.169.254/latest", "https://mixed.example/hook",
                "https://v6local.example/hook", "http://0.0.0.0/hook")) {
            assertThatThrownBy(() -> register(url, "post.created")).as(url)
                    .isInstanceOf(RunguException.class)
                    .hasMessageContaining("private address")
                    .satisfies(e -> assertThat(((RunguException) e).fields()).containsKey("url"));
        }
        Webhook hook = register("https://hooks.example/in", "post.created").webhook();
        assertThatThrownBy(() -> webhooks.update(admin, hook.id(),
                new WebhookEdit("https://internal.example/in", null, null, null)))
                .hasMessageContaining("private address");
    }

    @Test
    void a_server_that_allows_private_addresses_accepts_loopback() {
        try (TestStores other = TestStores.open(database, dir.resolve("other"), c -> c.webhooksAllowPrivate = true)) {
            Actor.Account otherAdmin = other.admin("Root");
            Webhook hook = other.board().webhooks().create(otherAdmin,
                    new NewWebhook("http://127.0.0.1:9/hook", List.of("post.created"), null)).webhook();
            assertThat(hook.url()).isEqualTo("http://127.0.0.1:9/hook");
        }
    }

    @Test
    void an_installation_has_at_most_twenty_endpoints() {
        for (int i = 0; i < Webhook.MAX_ENDPOINTS; i++) {
            register("https://hooks.example/" + i, "post.created");
        }
        assertThatThrownBy(() -> register("https://hooks.example/one-more", "post.created"))
                .extracting(e -> ((RunguException) e).code()).isEqualTo(ErrorCode.CONFLICT);
    }

    BoardEvent newPostEvent() {
        board.createPost(member, slug, new NewPost("Dark mode", "", null));
        return t.store().events().after(0, 1000).stream().filter(e -> e.type() == BoardEvent.Type.POST_CREATED)
                .reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void an_event_is_queued_once_per_matching_endpoint_and_claimed_by_one_sender_at_a_time() {
        Webhook all = register("https://hooks.example/all", "post.created").webhook();
        register("https://hooks.example/votes", "vote.changed");
        Webhook other = webhooks.create(admin, new NewWebhook("https://hooks.example/other", List.of("post.created"),
                board.createProject(admin, new NewProject("Other", null, "")).slug())).webhook();
        BoardEvent event = newPostEvent();
        assertThat(queue.wants(event)).isTrue();

        assertThat(queue.enqueue(event, "post.created", "{\"type\":\"post.created\"}")).isEqualTo(1);
        queue.enqueue(event, "post.created", "{\"type\":\"post.created\"}");
        assertThat(t.number("SELECT count(*) FROM webhook_deliveries")).as("a repeated event is queued once")
                .isEqualTo(1);

        List<WebhookMessage> claimed = queue.claimDue(10, LEASE);
        assertThat(claimed).singleElement().satisfies(m -> {
            assertThat(m.webhookId()).isEqualTo(all.id());
            assertThat(m.messageId()).startsWith("msg_");
            assertThat(m.attempt()).isEqualTo(1);
            assertThat(m.secret()).startsWith("whsec_");
        });
        assertThat(queue.claimDue(10, LEASE)).as("leased").isEmpty();
        assertThat(other.id()).isNotEqualTo(all.id());

        t.clock().advance(LEASE.plusSeconds(1));
        WebhookMessage again = queue.claimDue(10, LEASE).get(0);
        assertThat(again.messageId()).as("the same webhook-id on every attempt").isEqualTo(claimed.get(0).messageId());
        assertThat(again.attempt()).isEqualTo(2);
        queue.delivered(again, new WebhookOutcome(t.clock().instant(), 204, null, 12, ""));
        t.clock().advance(LEASE.plusSeconds(1));
        assertThat(queue.claimDue(10, LEASE)).isEmpty();
        assertThat(webhooks.attempts(admin, all.id())).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).isEqualTo(204);
            assertThat(a.succeeded()).isTrue();
            assertThat(a.messageId()).isEqualTo(again.messageId());
        });
    }

    @Test
    void an_endpoint_registered_elsewhere_is_wanted_from_the_first_event_after_it() {
        BoardEvent before = newPostEvent();
        assertThat(queue.wants(before)).as("no endpoint yet").isFalse();
        BoardEvent stillBefore = newPostEvent();
        try (RunguStore elsewhere = RunguStore.open(c -> { // as the CLI would: its own store on the same database
            c.url = t.url();
            c.clock = t.clock();
            c.resolver = WebhooksTest::resolve;
        })) {
            elsewhere.board().webhooks().create(admin, new NewWebhook("https://hooks.example/in",
                    List.of("post.created"), null));
        }
        BoardEvent after = newPostEvent();
        assertThat(queue.wants(after)).as("the first event after the endpoint").isTrue();
        assertThat(queue.wants(stillBefore)).as("an event committed before the answer read after it").isTrue();
        assertThat(queue.wants(before)).isTrue();
        webhooks.update(admin, webhooks.list(admin).get(0).id(), new WebhookEdit(null, null, null, false));
        assertThat(queue.wants(newPostEvent())).as("disabled").isFalse();
    }

    @Test
    void a_failing_endpoint_is_retried_then_given_up_and_disabled_with_its_reason() {
        Webhook hook = register("https://hooks.example/in", "post.created").webhook();
        queue.enqueue(newPostEvent(), "post.created", "{}");
        WebhookMessage first = queue.claimDue(10, LEASE).get(0);
        queue.retryAt(first, new WebhookOutcome(t.clock().instant(), 500, null, 3, "x".repeat(5000)),
                t.clock().instant().plusSeconds(5));
        assertThat(queue.claimDue(10, LEASE)).as("not due yet").isEmpty();
        t.clock().advance(Duration.ofSeconds(5));
        WebhookMessage second = queue.claimDue(10, LEASE).get(0);
        queue.giveUp(second, new WebhookOutcome(t.clock().instant(), null, "connection refused", 1, null),
                "Deliveries failed for 24 hours; last: connection refused");

        Webhook disabled = webhooks.get(admin, hook.id());
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).contains("connection refused");
        assertThat(webhooks.attempts(admin, hook.id())).hasSize(2).first().satisfies(a -> {
            assertThat(a.error()).isEqualTo("connection refused");
            assertThat(a.succeeded()).isFalse();
        });
        assertThat(webhooks.attempts(admin, hook.id()).get(1).response()).hasSize(Webhook.SNIPPET_MAX_BYTES);

        queue.enqueue(newPostEvent(), "post.created", "{}");
        assertThat(t.number("SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'"))
                .as("a disabled endpoint gets nothing new").isZero();

        webhooks.redeliver(admin, hook.id(), second.deliveryId());
        assertThat(queue.claimDue(10, LEASE)).as("nothing is sent to a disabled endpoint").isEmpty();
        Webhook enabled = webhooks.update(admin, hook.id(), new WebhookEdit(null, null, null, true));
        assertThat(enabled.disabledReason()).isNull();
        assertThat(queue.claimDue(10, LEASE)).singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(second.messageId()));
        assertThatThrownBy(() -> webhooks.redeliver(admin, hook.id(), 999_999))
                .extracting(e -> ((RunguException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void a_test_event_is_queued_for_the_endpoint_and_the_log_keeps_the_last_hundred_attempts() {
        Webhook hook = register("https://hooks.example/in", "post.created").webhook();
        String messageId = webhooks.sendTest(admin, hook.id());
        WebhookMessage test = queue.claimDue(10, LEASE).get(0);
        assertThat(test.messageId()).isEqualTo(messageId);
        assertThat(test.type()).isEqualTo(Webhook.TEST_TYPE);
        assertThat(test.body()).contains("\"type\":\"webhook.test\"").contains(hook.id());
        for (int i = 0; i < Webhook.LOG_SIZE + 5; i++) {
            queue.retryAt(test, new WebhookOutcome(t.clock().instant(), 503, null, 1, null), t.clock().instant());
        }
        assertThat(webhooks.attempts(admin, hook.id())).hasSize(Webhook.LOG_SIZE);
        assertThat(t.number("SELECT count(*) FROM webhook_attempts")).isEqualTo(Webhook.LOG_SIZE);
    }

    @Test
    void two_servers_on_one_database_never_claim_the_same_message() throws Exception {
        register("https://hooks.example/in", "post.created");
        for (int i = 0; i < 40; i++) {
            BoardEvent event = newPostEvent();
            queue.enqueue(event, "post.created", "{\"n\":" + i + "}");
        }
        try (RunguStore other = RunguStore.open(c -> {
            c.url = t.url();
            c.clock = t.clock();
            c.resolver = WebhooksTest::resolve;
        })) {
            List<WebhookQueue> queues = List.of(queue, other.webhookQueue());
            List<java.util.concurrent.Future<List<Long>>> claims = new java.util.ArrayList<>();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (int i = 0; i < 8; i++) {
                    WebhookQueue q = queues.get(i % 2);
                    claims.add(pool.submit(() -> q.claimDue(7, LEASE).stream().map(WebhookMessage::deliveryId).toList()));
                }
                List<Long> all = new java.util.ArrayList<>();
                for (var f : claims) {
                    all.addAll(f.get());
                }
                assertThat(all).as("each message claimed once").doesNotHaveDuplicates().hasSize(40);
            } finally {
                pool.shutdown();
            }
        }
    }
}
