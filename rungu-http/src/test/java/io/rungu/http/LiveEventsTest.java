package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.Moderation;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostEdit;
import io.rungu.model.ProjectEdit;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live event stream over the real server and a real SSE client: what a viewer receives (and what not), resuming,
 * heartbeats and the limits. One server for the class, under a base path; each test uses boards of its own, and
 * closes its streams before the next starts, so the per-IP limit is the limit test's alone.
 */
class LiveEventsTest {
    private static final int PER_IP = 4;
    private static final int QUEUE = 16;

    @TempDir
    static java.nio.file.Path dir;
    static TestServer s;
    static Actor.Account admin;
    static Actor.Account viewer;
    static Actor.Account voter;

    @BeforeAll
    static void start() {
        s = TestServer.start(dir, http -> {
            http.basePath = "/feedback";
            http.metrics = true;
            http.live.streamsPerIp = PER_IP;
            http.live.queueEvents = QUEUE;
            http.live.heartbeat = Duration.ofMillis(200);
        }, host -> {});
        admin = s.admin();
        viewer = s.member("Vera Viewer");
        voter = s.member("Victor Voter");
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static SseClient stream(String slug, Actor as) {
        return stream(slug, as, Map.of());
    }

    static SseClient stream(String slug, Actor as, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        String h = TestServer.header(as);
        if (h != null) {
            all.put("X-Test-Actor", h);
        }
        SseClient c = SseClient.open(s.base + "/api/projects/" + slug + "/events", all);
        return c;
    }

    static String board(String slug) {
        s.board().createProject(admin, new NewProject("Board " + slug, slug, ""));
        return slug;
    }

    static String post(String slug, String title) {
        return s.board().createPost(admin, slug, new NewPost(title, "", null)).post().id();
    }

    /** Waits until the server counts {@code n} open streams (a closed client is noticed at its next heartbeat). */
    static void awaitOpenStreams(int n) throws InterruptedException {
        await(() -> metric("rungu_live_streams") == n);
    }

    static long metric(String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)").matcher(s.get("/metrics").text());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 15 s").isNegative();
            Thread.sleep(10);
        }
    }

    @Test
    void a_vote_through_rest_by_another_user_reaches_a_viewer_as_vote_changed_with_the_post_as_they_see_it()
            throws Exception {
        String slug = board("live-votes");
        String id = post(slug, "Dark mode");
        s.board().toggleVote(viewer, id); // the viewer's own vote shows in what they receive
        try (SseClient c = stream(slug, viewer)) {
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            long at = System.nanoTime();
            assertThat(s.req("POST", "/api/posts/" + id + "/vote").as(voter).send().status()).isEqualTo(200);
            // The viewer's own vote, made just before the stream opened, may still be on its way to it: wait for the
            // event that carries the voter's vote.
            SseClient.Event e = c.await(x -> x.name().equals("vote.changed") && id.equals(x.data().path("id").asText())
                    && x.data().path("vote_count").asLong() == 2);
            System.out.printf("vote.changed arrived %d ms after the vote's answer was sent%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - at));
            assertThat(e.data().get("vote_count").asLong()).isEqualTo(2);
            assertThat(e.data().get("user_voted").asBoolean()).isTrue();
            // The same JSON as GET /api/posts/{id} gives this viewer.
            assertThat(e.data()).isEqualTo(s.get("/api/posts/" + id, viewer).data());
            assertThat(Long.parseLong(e.id())).isPositive();
            await(() -> !c.comments.stream().filter(x -> x.startsWith(": heartbeat")).toList().isEmpty());
        }
    }

    @Test
    void new_posts_status_changes_and_comments_arrive_named_by_topic() throws Exception {
        String slug = board("live-topics");
        String id = post(slug, "Export");
        try (SseClient c = stream(slug, null)) {
            String created = post(slug, "Import");
            c.await("post.created", created);
            s.json("PATCH", "/api/posts/" + id, admin, "{\"status\":\"planned\"}");
            assertThat(c.await("post.status_changed", id).data().get("status").asText()).isEqualTo("planned");
            s.json("POST", "/api/posts/" + id + "/comments", voter, "{\"content\":\"Yes please\"}");
            assertThat(c.await("comment.created", id).data().get("comment_count").asLong()).isEqualTo(1);
            s.req("DELETE", "/api/posts/" + created).as(admin).send();
            SseClient.Event gone = c.await("post.deleted", created);
            assertThat(gone.data().get("project_id").asText()).isEqualTo(s.board().getProject(admin, slug).id());
            assertThat(gone.data().size()).isEqualTo(2);
            List<Long> ids = c.events.stream().map(SseClient.Event::sequence).toList();
            assertThat(ids).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void a_private_board_answers_outsiders_as_its_other_reads_do_and_its_events_reach_no_other_board() throws Exception {
        String open = board("live-open");
        String secret = board("live-secret");
        s.board().updateProject(admin, secret, new ProjectEdit(null, null, io.rungu.model.BoardVisibility.MEMBERS, null));
        try (SseClient anonymous = stream(secret, null); SseClient outsider = stream(secret, viewer)) {
            assertThat(anonymous.status()).isEqualTo(s.get("/api/projects/" + secret).status());
            assertThat(outsider.status()).isEqualTo(s.get("/api/projects/" + secret, viewer).status()).isEqualTo(404);
            assertThat(outsider.error().get("code").asText()).isEqualTo("not_found");
        }
        try (SseClient onOpen = stream(open, viewer); SseClient member = stream(secret, admin)) {
            String hidden = post(secret, "Secret plan");
            s.board().toggleVote(admin, hidden);
            member.await("vote.changed", hidden);
            String marker = post(open, "Marker");
            onOpen.await("post.created", marker);
            assertThat(onOpen.events).hasSize(1);
        }
    }

    @Test
    void hidden_posts_waiting_posts_and_internal_notes_never_reach_non_admins() throws Exception {
        String slug = board("live-hidden");
        String id = post(slug, "Spam maybe");
        String noted = post(slug, "Noted");
        try (SseClient everyone = stream(slug, viewer); SseClient admins = stream(slug, admin)) {
            s.req("POST", "/api/posts/" + id + "/hide").as(admin).send();
            // The viewer learns only that it is gone from their board; admins get it, marked hidden.
            assertThat(everyone.await("post.deleted", id).data().size()).isEqualTo(2);
            assertThat(admins.await("post.updated", id).data().get("hidden").asBoolean()).isTrue();
            s.board().toggleVote(admin, id);
            s.board().editPost(admin, id, new PostEdit("Spam for sure", null, null, null, null));
            s.board().addComment(admin, noted, new NewComment("Internal: dupe of #12", null, true));
            s.board().updateProject(admin, slug, new ProjectEdit(null, null, null, Moderation.NEW_POSTS));
            String pending = s.board().createPost(voter, slug, new NewPost("Waiting", "", null)).post().id();
            admins.await("post.created", pending);
            admins.await("comment.created", noted);
            admins.await("vote.changed", id);
            s.board().updateProject(admin, slug, new ProjectEdit(null, null, null, Moderation.NONE));
            String marker = post(slug, "Marker");
            everyone.await("post.created", marker);
            assertThat(everyone.about(id)).extracting(SseClient.Event::name).containsExactly("post.deleted");
            assertThat(everyone.about(noted)).isEmpty();
            assertThat(everyone.about(pending)).isEmpty();
            assertThat(everyone.events.toString()).doesNotContain("Spam for sure", "Waiting", "Internal");

            // Deleting the hidden post and the waiting one tells admins; the viewer never knew either (the hidden
            // one left their board when it was hidden), so they learn nothing, not even the ids.
            s.board().deletePost(admin, id);
            s.board().deletePost(admin, pending);
            admins.await("post.deleted", id);
            admins.await("post.deleted", pending);
            String after = post(slug, "After the deletions");
            everyone.await("post.created", after);
            assertThat(everyone.about(id)).extracting(SseClient.Event::name).containsExactly("post.deleted");
            assertThat(everyone.about(pending)).isEmpty();
        }
    }

    @Test
    void last_event_id_resumes_after_the_event_it_names_by_header_or_query() throws Exception {
        String slug = board("live-resume");
        String first;
        long seen;
        try (SseClient c = stream(slug, viewer)) {
            first = post(slug, "First");
            seen = c.await("post.created", first).sequence();
        }
        String second = post(slug, "Second");
        String third = post(slug, "Third");
        awaitOpenStreams(0); // the two resuming streams must fit under the per-IP limit beside any not yet noticed closed
        try (SseClient header = stream(slug, viewer, Map.of("Last-Event-ID", Long.toString(seen)));
             SseClient query = SseClient.open(s.base + "/api/projects/" + slug + "/events?last_event_id=" + seen,
                     Map.of("X-Test-Actor", TestServer.header(viewer)))) {
            for (SseClient c : List.of(header, query)) {
                c.await("post.created", third);
                assertThat(c.events).extracting(e -> e.data().get("id").asText()).containsExactly(second, third);
            }
            String fourth = post(slug, "Fourth");
            header.await("post.created", fourth);
            assertThat(header.events).hasSize(3);
        }
        try (SseClient bad = stream(slug, viewer, Map.of("Last-Event-ID", "yesterday"))) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.error().get("fields").has("last_event_id")).isTrue();
        }
    }

    @Test
    void streams_past_the_per_ip_limit_get_a_clear_429_and_a_closed_stream_frees_its_place() throws Exception {
        String slug = board("live-limit");
        awaitOpenStreams(0);
        List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < PER_IP; i++) {
                open.add(stream(slug, null));
                assertThat(open.get(i).status()).isEqualTo(200);
            }
            try (SseClient refused = stream(slug, viewer)) {
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.response.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.error().get("error").asText()).contains("Too many live streams from your address");
            }
            open.remove(0).close();
            awaitOpenStreams(PER_IP - 1);
            open.add(stream(slug, null));
            assertThat(open.get(PER_IP - 1).status()).isEqualTo(200);
        } finally {
            open.forEach(SseClient::close);
        }
        awaitOpenStreams(0);
    }

    @Test
    void a_client_that_stops_reading_is_dropped_instead_of_buffered() throws Exception {
        String slug = board("live-slow");
        String id = post(slug, "Big");
        awaitOpenStreams(0);
        long droppedBefore = metric("rungu_live_streams_dropped_total");
        String big = "x".repeat(19_000);
        int edits = 0;
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", s.app.port()));
            socket.getOutputStream().write(("GET /feedback/api/projects/" + slug + "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            awaitOpenStreams(1);
            // Nothing is read meanwhile: the socket buffers fill, then the stream's queue, and the server ends it.
            while (metric("rungu_live_streams_dropped_total") == droppedBefore) {
                assertThat(edits).as("edits without the stream being dropped").isLessThan(5_000);
                for (int i = 0; i < 20; i++) {
                    s.board().editPost(admin, id, new PostEdit(null, big + edits++, null, null, null));
                }
            }
            assertThat(metric("rungu_live_streams")).isZero();
            // The stream ends (the connection closes) once the client reads what was sent before the drop.
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(15_000);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            int received = all.toString(StandardCharsets.UTF_8).split("event: post.updated", -1).length - 1;
            assertThat(received).isLessThan(edits);
        }
        assertThat(metric("rungu_live_streams_dropped_total")).isEqualTo(droppedBefore + 1);
    }
}
