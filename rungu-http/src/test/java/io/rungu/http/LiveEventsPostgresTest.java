package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database: a vote made through one server's REST API reaches the live streams of
 * the other. The stores poll for events only every minute, so an event arriving in time was relayed by
 * LISTEN/NOTIFY; and the receiving server read the post before, so it must not answer from what it kept.
 */
class LiveEventsPostgresTest {
    private static final Duration SLOW_POLL = Duration.ofMinutes(1);

    @TempDir
    static Path dir;
    static TestServer one;
    static RunguStore otherStore;
    static Javalin other;
    static String otherBase;

    @BeforeAll
    static void start() {
        one = TestServer.startOn(TestDatabase.POSTGRES, dir, store -> store.eventPollInterval = SLOW_POLL,
                http -> {}, host -> {});
        otherStore = RunguStore.open(c -> {
            c.url = one.stores.url();
            c.eventPollInterval = SLOW_POLL;
        });
        other = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.registerPlugin(new RunguPlugin(otherStore, TestServer::resolve, http -> {}));
        }).start("127.0.0.1", 0);
        otherBase = "http://127.0.0.1:" + other.port();
    }

    @AfterAll
    static void stop() {
        other.stop();
        otherStore.close();
        one.close();
    }

    @Test
    void each_server_relays_the_events_written_through_the_other() throws Exception {
        Actor.Account admin = one.admin();
        Actor.Account viewer = one.member("Vera Viewer");
        Actor.Account voter = one.member("Victor Voter");
        String slug = one.board().createProject(admin, new NewProject("Shared", "shared", "")).slug();
        String id = one.board().createPost(admin, slug, new NewPost("Offline mode", "", null)).post().id();
        String header = TestServer.header(viewer);
        // Both servers have read the post before any vote.
        assertThat(one.get("/api/posts/" + id, viewer).data().get("vote_count").asLong()).isZero();
        assertThat(one.req("GET", otherBase + "/api/posts/" + id).as(viewer).send().data().get("vote_count").asLong())
                .isZero();
        try (SseClient atOther = SseClient.open(otherBase + "/api/projects/" + slug + "/events", Map.of("X-Test-Actor", header));
             SseClient atOne = SseClient.open(one.base + "/api/projects/" + slug + "/events", Map.of("X-Test-Actor", header))) {
            assertThat(one.req("POST", "/api/posts/" + id + "/vote").as(voter).send().status()).isEqualTo(200);
            assertThat(atOther.await("vote.changed", id).data().get("vote_count").asLong()).isEqualTo(1);
            assertThat(atOne.await("vote.changed", id).data().get("vote_count").asLong()).isEqualTo(1);

            assertThat(one.req("POST", otherBase + "/api/posts/" + id + "/vote").as(admin).send().status()).isEqualTo(200);
            assertThat(atOne.await(e -> e.name().equals("vote.changed") && e.data().get("vote_count").asLong() == 2)
                    .data().get("id").asText()).isEqualTo(id);
            atOther.await(e -> e.name().equals("vote.changed") && e.data().get("vote_count").asLong() == 2);
            assertThat(atOne.events).extracting(SseClient.Event::id)
                    .isEqualTo(atOther.events.stream().map(SseClient.Event::id).toList());
        }
    }
}
