package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.compression.CompressionStrategy;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * List pages and posts are answered from kept bytes, plain or gzip (internal.KeptAnswers): the same answers as
 * rendering and compressing them per request would give, compressed as the host's Javalin is configured, and never
 * out of date for the viewer's own votes.
 */
class KeptAnswersTest {
    private static final String LIST = "/api/projects/app/posts?sort=most_votes";

    @TempDir
    static Path dir;
    static TestServer s;
    static TestServer plainHost;
    static Actor.Account admin;
    static Actor.Account member;
    static String first;

    @BeforeAll
    static void start() {
        s = TestServer.start(dir.resolve("gzip"), http -> http.rateLimits.enabled = false, host -> {});
        plainHost = TestServer.start(dir.resolve("plain"), http -> http.rateLimits.enabled = false,
                host -> host.http.compressionStrategy = CompressionStrategy.NONE);
        for (TestServer server : new TestServer[] {s, plainHost}) {
            Actor.Account a = server.admin();
            server.board().createProject(a, new NewProject("App", "app", ""));
            for (int i = 0; i < 12; i++) {
                String id = server.board().createPost(a, "app", new NewPost("Post number " + i,
                        "A description long enough that a page of them is worth compressing, " + i, null)).post().id();
                if (server == s && i == 0) {
                    first = id;
                }
            }
        }
        admin = s.admin();
        member = s.member("Mia Member");
    }

    @AfterAll
    static void stop() {
        s.close();
        plainHost.close();
    }

    @Test
    void a_list_page_comes_gzipped_to_a_client_that_accepts_it_with_the_same_json_as_plain() throws IOException {
        TestServer.Res plain = s.get(LIST, member);
        TestServer.Res gzip = s.req("GET", LIST).as(member).header("Accept-Encoding", "gzip").send();
        TestServer.Res again = s.req("GET", LIST).as(member).header("Accept-Encoding", "gzip, deflate, br").send();

        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.bytes().length).isGreaterThan(1500);
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzip.header("Content-Type")).isEqualTo(plain.header("Content-Type"));
        assertThat(gunzip(gzip.bytes())).isEqualTo(plain.text());
        assertThat(gunzip(again.bytes())).isEqualTo(plain.text());
    }

    @Test
    void an_answer_below_javalins_smallest_size_and_a_host_without_compression_get_plain_json() {
        TestServer.Res post = s.req("GET", "/api/posts/" + first).as(member).header("Accept-Encoding", "gzip").send();
        TestServer.Res list = plainHost.req("GET", LIST).header("Accept-Encoding", "gzip").send();

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.bytes().length).isLessThan(1500);
        assertThat(post.header("Content-Encoding")).isNull();
        assertThat(post.data().get("title").asText()).isEqualTo("Post number 0");
        assertThat(list.header("Content-Encoding")).isNull();
        assertThat(list.json().get("data")).hasSize(12);
    }

    @Test
    void a_kept_page_never_hides_the_viewers_own_vote_from_them_nor_shows_it_to_others() throws IOException {
        String before = gunzip(s.req("GET", LIST).as(admin).header("Accept-Encoding", "gzip").send().bytes());
        s.req("GET", LIST).header("Accept-Encoding", "gzip").send();

        TestServer.Res voted = s.req("POST", "/api/posts/" + first + "/vote").as(admin).send();
        TestServer.Res mine = s.req("GET", "/api/posts/" + first).as(admin).send();
        TestServer.Res mineInList = s.req("GET", LIST).as(admin).header("Accept-Encoding", "gzip").send();
        TestServer.Res anonymous = s.req("GET", LIST).header("Accept-Encoding", "gzip").send();

        assertThat(voted.status()).as(voted.toString()).isEqualTo(200);
        assertThat(mine.data().get("user_voted").asBoolean()).isEqualTo(!before.contains("\"user_voted\":true"));
        String page = gunzip(mineInList.bytes());
        assertThat(page).isNotEqualTo(before);
        String anonymousPage = gunzip(anonymous.bytes());
        assertThat(anonymousPage).doesNotContain("\"user_voted\":true");
        assertThat(TestServer.MAPPER.readTree(page).get("data").findValuesAsText("id")).contains(first);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
