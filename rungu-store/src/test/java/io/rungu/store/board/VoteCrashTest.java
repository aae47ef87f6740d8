package io.rungu.store.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.store.TestStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed like {@code kill -9} in the middle of group-committed vote toggles loses none it acknowledged,
 * and what it committed is consistent: counts equal the vote rows, one event per vote (SQLite file).
 */
class VoteCrashTest {
    @TempDir
    Path dir;

    @Test
    void no_acknowledged_toggle_is_lost_when_the_process_is_killed_during_a_batch() throws Exception {
        String url;
        List<String> users = new ArrayList<>();
        List<String> posts = new ArrayList<>();
        try (TestStores t = TestStores.open(dir)) {
            url = t.url();
            Actor.Account admin = t.admin("Admin");
            t.board().createProject(admin, new NewProject("App", "app", ""));
            for (int i = 0; i < 16; i++) {
                users.add(t.member("Voter " + i).userId());
            }
            for (int i = 0; i < 200; i++) {
                String post = t.board().createPost(admin, "app", new NewPost("Post " + i, "", null)).post().id();
                t.board().setVote(admin, post, false);
                posts.add(post);
            }
        }
        Files.write(dir.resolve("users.txt"), users);
        Files.write(dir.resolve("posts.txt"), posts);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the toggling process must not share this JVM's store: it is killed, this one reads what it left
        Process voting = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", VotingProcess.class.getName(), url,
                dir.resolve("users.txt").toString(), dir.resolve("posts.txt").toString())
                .redirectError(dir.resolve("voting.err").toFile()).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(voting.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 1000 && (line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            voting.destroyForcibly(); // SIGKILL: no shutdown hook, no close, batches cut wherever they are
            assertThat(voting.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(acknowledged).as("acknowledged toggles; see voting.err").hasSize(1000);

        // read the file as the next server would find it, with no store code in between
        org.jdbi.v3.core.Jdbi db = org.jdbi.v3.core.Jdbi.create(url);
        for (String ack : acknowledged) {
            String[] key = ack.split(" ");
            assertThat(number(db, "SELECT count(*) FROM votes WHERE user_id = '" + key[0] + "' AND post_id = '"
                    + key[1] + "'")).as(ack).isEqualTo(1);
        }
        long votes = number(db, "SELECT count(*) FROM votes");
        assertThat(votes).isGreaterThanOrEqualTo(acknowledged.size());
        assertThat(number(db, "SELECT count(*) FROM posts p WHERE vote_count <> "
                + "(SELECT count(*) FROM votes v WHERE v.post_id = p.id)")).isZero();
        assertThat(number(db, "SELECT count(*) FROM outbox WHERE type = 'VOTE_ADDED'")).isEqualTo(votes);
    }

    private static long number(org.jdbi.v3.core.Jdbi db, String sql) {
        return db.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
