package io.rungu.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.NewWebhook;
import io.rungu.model.Webhook;
import io.rungu.model.WebhookAttempt;
import io.rungu.model.WebhookSecret;
import io.rungu.store.StoreConfig;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestStores;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook delivery end to end: the real store on SQLite with the wall clock, the real sender, and a real HTTP
 * receiver on 127.0.0.1 (private addresses allowed) that checks every signature as the specification says.
 */
class WebhooksDeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestStores t;
    WebhookReceiver receiver;
    RunguWebhooks webhooks;
    Actor.Account admin;
    Actor.Account member;
    String slug;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new WebhookReceiver();
        t = open(c -> { });
        admin = t.admin("Ada");
        member = t.member("Bob");
        slug = t.board().createProject(admin, new NewProject("Acme App", "acme", "")).slug();
    }

    TestStores open(Consumer<StoreConfig> more) {
        return TestStores.open(TestDatabase.SQLITE, dir, c -> {
            c.clock = Clock.systemUTC();
            c.eventPollInterval = Duration.ofMillis(20);
            c.webhooksAllowPrivate = true;
            c.resolver = WebhooksDeliveryTest::resolve;
            more.accept(c);
        });
    }

    /** "public.example" passes registration as a public address, then resolves to loopback for the sender. */
    static List<InetAddress> resolve(String host) throws UnknownHostException {
        return host.equals("public.example") ? List.of(InetAddress.getByName("93.184.216.34"))
                : List.of(InetAddress.getByName(host));
    }

    void start(Consumer<WebhookConfig> more) {
        webhooks = RunguWebhooks.start(t.store(), w -> {
            w.allowPrivate = true;
            w.retryDelay = Duration.ofMillis(50);
            w.pollInterval = Duration.ofMillis(50);
            w.timeout = Duration.ofSeconds(2);
            more.accept(w);
        });
    }

    @AfterEach
    void tearDown() {
        if (webhooks != null) {
            webhooks.close();
        }
        t.close();
        receiver.close();
    }

    WebhookSecret register(String path, String... events) {
        return t.board().webhooks().create(admin, new NewWebhook(receiver.url(path), List.of(events), null));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void a_new_post_reaches_the_receiver_signed_with_the_post_as_the_api_shows_it() throws Exception {
        WebhookSecret hook = register("/in", "post.created", "comment.created");
        start(w -> { });
        String postId = t.board().createPost(member, slug, new NewPost("Dark mode", "Please", null)).post().id();
        await("post.created", () -> !receiver.requests().isEmpty());

        WebhookReceiver.Request request = receiver.requests().get(0);
        assertThat(WebhookReceiver.verify(request, hook.secret())).as("a valid Standard Webhooks signature").isTrue();
        assertThat(WebhookReceiver.verify(request, t.board().webhooks().rotateSecret(admin, hook.webhook().id())
                .secret())).as("another secret does not verify it").isFalse();
        assertThat(request.id()).startsWith("msg_");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("type").asText()).isEqualTo("post.created");
        assertThat(body.get("timestamp").asText()).endsWith("Z");
        JsonNode post = body.get("data").get("post");
        assertThat(post.get("id").asText()).isEqualTo(postId);
        assertThat(post.get("title").asText()).isEqualTo("Dark mode");
        assertThat(post.get("status").asText()).isEqualTo("open");
        assertThat(post.has("vote_count")).isTrue();

        await("the log", () -> !t.board().webhooks().attempts(admin, hook.webhook().id()).isEmpty());
        WebhookAttempt attempt = t.board().webhooks().attempts(admin, hook.webhook().id()).get(0);
        assertThat(attempt.statusCode()).isEqualTo(200);
        assertThat(attempt.response()).isEqualTo("answer 200");
        assertThat(attempt.messageId()).isEqualTo(request.id());
    }

    @Test
    void a_receiver_answering_500_twice_gets_the_message_on_the_third_attempt_with_the_same_id() throws Exception {
        WebhookSecret hook = register("/flaky", "post.created");
        receiver.answer(500, 500);
        start(w -> { });
        t.board().createPost(member, slug, new NewPost("Flaky", "", null));
        await("three attempts", () -> receiver.requests().size() >= 3);
        await("the log", () -> t.board().webhooks().attempts(admin, hook.webhook().id()).size() >= 3);

        List<WebhookReceiver.Request> requests = receiver.requests();
        assertThat(requests).extracting(WebhookReceiver.Request::id).containsOnly(requests.get(0).id());
        for (WebhookReceiver.Request r : requests) {
            assertThat(WebhookReceiver.verify(r, hook.secret())).isTrue();
        }
        assertThat(requests.get(0).body()).isEqualTo(requests.get(2).body());
        assertThat(t.board().webhooks().attempts(admin, hook.webhook().id())).extracting(WebhookAttempt::statusCode)
                .containsExactly(200, 500, 500);
        Thread.sleep(300);
        assertThat(receiver.requests()).as("nothing more once delivered").hasSize(3);
    }

    @Test
    void an_endpoint_failing_for_the_whole_retry_window_is_disabled_with_the_reason() throws Exception {
        Webhook hook = register("/down", "post.created").webhook();
        receiver.answerAlways(503);
        start(w -> w.retryWindow = Duration.ofMillis(400));
        t.board().createPost(member, slug, new NewPost("Down", "", null));
        await("disabled", () -> !t.board().webhooks().get(admin, hook.id()).enabled());

        Webhook disabled = t.board().webhooks().get(admin, hook.id());
        assertThat(disabled.disabledReason()).contains("HTTP 503").contains("Deliveries failed");
        int attempts = receiver.requests().size();
        assertThat(attempts).as("retried, doubling from 50 ms, inside 400 ms").isBetween(2, 6);
        t.board().createPost(member, slug, new NewPost("Still down", "", null));
        Thread.sleep(300);
        assertThat(receiver.requests()).as("a disabled endpoint gets nothing").hasSize(attempts);

        receiver.answerAlways(200);
        t.board().webhooks().update(admin, hook.id(), new io.rungu.model.WebhookEdit(null, null, null, true));
        long redelivered = t.board().webhooks().attempts(admin, hook.id()).get(0).deliveryId();
        t.board().webhooks().redeliver(admin, hook.id(), redelivered);
        await("redelivered", () -> receiver.requests().size() > attempts);
        assertThat(receiver.requests().get(attempts).id()).isEqualTo(receiver.requests().get(0).id());
    }

    @Test
    void a_name_that_resolves_to_a_private_address_at_delivery_time_is_refused_then() throws Exception {
        t.close();
        t = open(c -> c.webhooksAllowPrivate = false);
        admin = t.admin("Root");
        member = t.member("Bob");
        slug = t.board().createProject(admin, new NewProject("Other", "other", "")).slug();
        int port = Integer.parseInt(receiver.url("").replaceAll(".*:", ""));
        Webhook hook = t.board().webhooks().create(admin, new NewWebhook("http://public.example:" + port + "/in",
                List.of("post.created"), null)).webhook();
        // The sender resolves the same name to loopback, as a rebinding DNS server would answer later.
        webhooks = RunguWebhooks.start(t.store(), w -> {
            w.retryDelay = Duration.ofMillis(50);
            w.pollInterval = Duration.ofMillis(50);
            w.resolver = host -> List.of(InetAddress.getLoopbackAddress());
        });
        t.board().createPost(member, slug, new NewPost("Rebound", "", null));
        await("a refused attempt", () -> !t.board().webhooks().attempts(admin, hook.id()).isEmpty());
        WebhookAttempt attempt = t.board().webhooks().attempts(admin, hook.id()).get(0);
        assertThat(attempt.statusCode()).isNull();
        assertThat(attempt.error()).startsWith("Refused").contains("private address");
        assertThat(receiver.requests()).as("no request left the server").isEmpty();
    }

    @Test
    void a_test_event_is_delivered_on_request() throws Exception {
        WebhookSecret hook = register("/test", "project.created");
        start(w -> { });
        String messageId = t.board().webhooks().sendTest(admin, hook.webhook().id());
        await("the test event", () -> !receiver.requests().isEmpty());
        WebhookReceiver.Request request = receiver.requests().get(0);
        assertThat(request.id()).isEqualTo(messageId);
        assertThat(WebhookReceiver.verify(request, hook.secret())).isTrue();
        assertThat(JSON.readTree(request.body()).get("type").asText()).isEqualTo("webhook.test");

        t.board().createProject(admin, new NewProject("Second", "second", ""));
        await("project.created", () -> receiver.requests().size() == 2);
        assertThat(receiver.requests().get(1).id()).as("a new message").isNotEqualTo(messageId);
        JsonNode body = JSON.readTree(receiver.requests().get(1).body());
        assertThat(body.get("type").asText()).isEqualTo("project.created");
        assertThat(body.get("data").get("project").get("slug").asText()).isEqualTo("second");
    }

    @Test
    void each_event_type_carries_the_rest_records_or_the_ids_of_what_is_gone() throws Exception {
        register("/all", "post.created", "post.updated", "post.status_changed", "post.deleted", "comment.created",
                "comment.deleted", "vote.changed", "project.deleted");
        start(w -> { });
        var board = t.board();
        String postId = board.createPost(member, slug, new NewPost("Everything", "", null)).post().id();
        board.toggleVote(admin, postId);
        board.editPost(admin, postId, io.rungu.model.PostEdit.status(io.rungu.model.PostStatus.PLANNED));
        String commentId = board.addComment(member, postId, new io.rungu.model.NewComment("Hello", null)).comment().id();
        board.deleteComment(admin, commentId);
        board.deletePost(admin, postId);
        await("six messages", () -> receiver.requests().size() >= 6);

        java.util.Map<String, JsonNode> byType = new java.util.LinkedHashMap<>();
        for (WebhookReceiver.Request r : receiver.requests()) {
            JsonNode body = JSON.readTree(r.body());
            byType.putIfAbsent(body.get("type").asText(), body.get("data"));
        }
        assertThat(byType.keySet()).containsExactlyInAnyOrder("post.created", "vote.changed", "post.status_changed",
                "comment.created", "comment.deleted", "post.deleted");
        assertThat(byType.get("post.status_changed").get("to").asText()).isEqualTo("planned");
        assertThat(byType.get("post.status_changed").get("from").asText()).isEqualTo("open");
        assertThat(byType.get("comment.deleted").get("comment_id").asText()).isEqualTo(commentId);
        assertThat(byType.get("post.deleted").get("post_id").asText()).isEqualTo(postId);
        JsonNode comment = byType.get("comment.created");
        assertThat(comment.has("comment") ? comment.get("comment").get("content").asText() : comment.get("comment_id")
                .asText()).isIn("Hello", commentId);
        JsonNode vote = byType.get("vote.changed");
        assertThat(vote.has("post") ? vote.get("post").get("id").asText() : vote.get("post_id").asText())
                .isEqualTo(postId);
    }
}
