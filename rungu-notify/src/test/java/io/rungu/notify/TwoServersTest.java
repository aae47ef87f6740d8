package io.rungu.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.store.RunguStore;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestStores;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two servers on one PostgreSQL database, each planning and sending: every notification is sent once. */
class TwoServersTest {
    @TempDir
    Path dir;

    @Test
    void two_servers_on_one_postgres_database_send_each_notification_exactly_once() throws Exception {
        int posts = 12;
        try (Mailbox mailbox = new Mailbox().start();
             TestStores t = TestStores.open(TestDatabase.POSTGRES, dir);
             RunguStore a = open(t.url());
             RunguStore b = open(t.url());
             RunguNotify notifyA = start(a, mailbox);
             RunguNotify notifyB = start(b, mailbox)) {
            Actor.Account author = t.member("Bob");
            Actor.Account voter = t.member("Cy");
            Actor.Account commenter = t.member("Di");
            String slug = t.board().createProject(t.admin("Ada"), new NewProject("App", null, "")).slug();
            for (int i = 0; i < posts; i++) {
                RunguStore via = i % 2 == 0 ? a : b;
                String id = via.board().createPost(author, slug, new NewPost("Post " + i, "", null)).post().id();
                via.board().toggleVote(voter, id);
                via.board().addComment(commenter, id, new NewComment("Comment " + i, null));
            }
            List<MimeMessage> mails = mailbox.await(2 * posts);
            long newest = t.number("SELECT max(seq) FROM outbox");
            NotifyTest.await(() -> t.number("SELECT last_seq FROM event_consumers WHERE name = 'notifications'")
                    >= newest && t.number("SELECT count(*) FROM notifications") == 0);
            List<String> keys = new ArrayList<>();
            for (MimeMessage m : mailbox.received()) {
                keys.add(Mailbox.to(m) + " / " + subject(m));
            }
            assertThat(keys).hasSize(2 * posts).doesNotHaveDuplicates();
            assertThat(mails).extracting(Mailbox::to).noneSatisfy(to -> assertThat(to).contains("di."));
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunguStore open(String url) {
        return RunguStore.open(c -> {
            c.url = url;
            c.eventPollInterval = Duration.ofMillis(20);
        });
    }

    private static RunguNotify start(RunguStore store, Mailbox mailbox) {
        return RunguNotify.start(store, n -> {
            n.smtpUrl = mailbox.url();
            n.from = "feedback@example.test";
            n.publicUrl = "https://feedback.example.test";
            n.window = Duration.ZERO;
            n.pollInterval = Duration.ofMillis(20);
            n.batchSize = 3;
        });
    }
}
