package io.rungu.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.store.RunguStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed between the write and the send: after the restart the email goes out, once. */
class CrashRestartTest {
    @TempDir
    Path dir;

    @Test
    void the_email_of_a_write_made_just_before_a_hard_kill_is_sent_once_after_the_restart() throws Exception {
        Path db = dir.resolve("rungu.db");
        String commenter;
        String postId;
        try (RunguStore store = open(db)) {
            Actor admin = Actor.of(store.accounts().ensureUser("ada@example.test", "Ada", Role.ADMIN).id(), Role.ADMIN);
            Actor author = Actor.of(store.accounts().ensureUser("bob@example.test", "Bob", Role.MEMBER).id(), Role.MEMBER);
            Actor voter = Actor.of(store.accounts().ensureUser("cy@example.test", "Cy", Role.MEMBER).id(), Role.MEMBER);
            commenter = store.accounts().ensureUser("di@example.test", "Di", Role.MEMBER).id();
            String slug = store.board().createProject(admin, new NewProject("App", null, "")).slug();
            postId = store.board().createPost(author, slug, new NewPost("Dark mode", "", null)).post().id();
            store.board().toggleVote(voter, postId);
        }
        try (Mailbox mailbox = new Mailbox().start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process crashing = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashingServer.class.getName(), db.toString(),
                    Integer.toString(mailbox.port), commenter, postId)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("crash.log").toFile()).start();
            assertThat(crashing.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(crashing.exitValue()).as("halted like kill -9").isEqualTo(137);
            assertThat(mailbox.received()).as("nothing was sent before the crash").isEmpty();

            try (RunguStore store = open(db);
                 RunguNotify notify = RunguNotify.start(store, n -> {
                     n.smtpUrl = mailbox.url();
                     n.from = "feedback@example.test";
                     n.publicUrl = "https://feedback.example.test";
                     n.window = Duration.ofSeconds(3);
                     n.pollInterval = Duration.ofMillis(50);
                 })) {
                List<MimeMessage> mails = mailbox.await(2);
                NotifyTest.await(() -> pending(db) == 0);
                assertThat(mailbox.received()).hasSize(2);
                assertThat(mails).extracting(Mailbox::to).anySatisfy(to -> assertThat(to).contains("bob@example.test"))
                        .anySatisfy(to -> assertThat(to).contains("cy@example.test"));
                assertThat(Mailbox.text(mails.get(0))).contains("Just before the crash");
            }
        }
    }

    /** Events not yet planned plus emails not yet sent, read straight from the database file. */
    private static long pending(Path db) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM notifications) "
                     + "+ (SELECT count(*) FROM outbox WHERE seq > (SELECT last_seq FROM event_consumers "
                     + "WHERE name = 'notifications'))")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunguStore open(Path db) {
        return RunguStore.open(c -> {
            c.url = "jdbc:sqlite:" + db;
            c.eventPollInterval = Duration.ofMillis(50);
        });
    }
}
