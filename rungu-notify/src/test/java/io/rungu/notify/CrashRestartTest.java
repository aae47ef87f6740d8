package io.rungu.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestStores;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server killed between the write and the send (a separate JVM halted like {@code kill -9}, nothing closed):
 * after the restart the email goes out, once. On SQLite and on PostgreSQL.
 */
class CrashRestartTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void the_email_of_a_write_made_just_before_a_hard_kill_is_sent_once_after_the_restart(TestDatabase database)
            throws Exception {
        try (TestStores t = TestStores.open(database, dir)) {
            Actor.Account admin = t.admin("Ada");
            Actor.Account author = t.member("Bob");
            Actor.Account voter = t.member("Cy");
            String commenter = t.member("Di").userId();
            String slug = t.board().createProject(admin, new NewProject("App", null, "")).slug();
            String postId = t.board().createPost(author, slug, new NewPost("Dark mode", "", null)).post().id();
            t.board().toggleVote(voter, postId);

            try (Mailbox mailbox = new Mailbox().start()) {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                Process crashing = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashingServer.class.getName(), t.url(),
                        Integer.toString(mailbox.port), commenter, postId)
                        .redirectErrorStream(true).redirectOutput(dir.resolve("crash.log").toFile()).start();
                assertThat(crashing.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(crashing.exitValue()).as("halted like kill -9").isEqualTo(137);
                assertThat(mailbox.received()).as("nothing was sent before the crash").isEmpty();
                assertThat(t.number("SELECT count(*) FROM comments")).as("the write committed").isEqualTo(1);

                try (RunguStore store = RunguStore.open(c -> {
                         c.url = t.url();
                         c.eventPollInterval = Duration.ofMillis(50);
                     });
                     RunguNotify notify = RunguNotify.start(store, n -> {
                         n.smtpUrl = mailbox.url();
                         n.from = "feedback@example.test";
                         n.publicUrl = "https://feedback.example.test";
                         n.window = Duration.ofSeconds(3);
                         n.pollInterval = Duration.ofMillis(50);
                     })) {
                    List<MimeMessage> mails = mailbox.await(2);
                    NotifyTest.await(() -> pending(t) == 0);
                    assertThat(mailbox.received()).hasSize(2);
                    assertThat(mails).extracting(Mailbox::to).anySatisfy(to -> assertThat(to).contains("bob."))
                            .anySatisfy(to -> assertThat(to).contains("cy."));
                    assertThat(Mailbox.text(mails.get(0))).contains("Just before the crash");
                }
            }
        }
    }

    /** Events not yet planned plus emails not yet sent. */
    private static long pending(TestStores t) {
        return t.number("SELECT (SELECT count(*) FROM notifications) + (SELECT count(*) FROM outbox WHERE seq > "
                + "coalesce((SELECT last_seq FROM event_consumers WHERE name = 'notifications'), 0))");
    }
}
