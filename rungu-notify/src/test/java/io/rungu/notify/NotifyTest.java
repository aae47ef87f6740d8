package io.rungu.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.NewComment;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.NotificationSettingsEdit;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestStores;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Email notifications end to end: the real store on SQLite, the real sender, a real SMTP server (GreenMail). The
 * store's clock is a test clock, so the notification window and the retry delays pass when the test says so.
 */
class NotifyTest {
    static final Duration WINDOW = Duration.ofMinutes(2);
    static final String PUBLIC_URL = "https://feedback.example.test/feedback";

    @TempDir
    Path dir;
    TestStores t;
    Mailbox mailbox;
    RunguNotify notify;
    Actor.Account admin;
    Actor.Account author;
    Actor.Account voter;
    Actor.Account commenter;
    String postId;

    @BeforeEach
    void board_with_a_post() {
        t = TestStores.open(TestDatabase.SQLITE, dir, c -> c.eventPollInterval = Duration.ofMillis(20));
        mailbox = new Mailbox().start();
        admin = t.admin("Ada");
        author = t.member("Bob");
        voter = t.member("Cy");
        commenter = t.member("Di");
        String slug = t.board().createProject(admin, new NewProject("Acme App", "acme", "")).slug();
        postId = t.board().createPost(author, slug, new NewPost("Dark mode", "", null)).post().id();
        t.board().toggleVote(voter, postId);
        notify = start(t);
    }

    @AfterEach
    void close() {
        if (notify != null) {
            notify.close();
        }
        t.close();
        mailbox.close();
    }

    RunguNotify start(TestStores stores) {
        return RunguNotify.start(stores.store(), n -> {
            n.smtpUrl = mailbox.url();
            n.from = "Feedback <feedback@example.test>";
            n.publicUrl = PUBLIC_URL;
            n.window = WINDOW;
            n.retryDelay = Duration.ofSeconds(5);
            n.pollInterval = Duration.ofMillis(20);
            n.timeout = Duration.ofSeconds(5);
        });
    }

    @Test
    void a_comment_by_another_member_emails_the_author_and_voter_once_but_not_the_commenter() throws Exception {
        t.board().addComment(commenter, postId, new NewComment("Yes, *please*", null));
        planned();
        t.clock().advance(WINDOW);
        List<MimeMessage> mails = mailbox.await(2);
        sentAll();
        assertThat(mailbox.received()).hasSize(2);
        assertThat(mails).extracting(Mailbox::to).allSatisfy(to -> assertThat(to).doesNotContain("di."));
        assertThat(mails).extracting(Mailbox::to).anySatisfy(to -> assertThat(to).contains("Bob <bob."))
                .anySatisfy(to -> assertThat(to).contains("Cy <cy."));
        MimeMessage m = mails.get(0);
        assertThat(m.getSubject()).isEqualTo("[Acme App] Dark mode");
        assertThat(m.getFrom()[0].toString()).isEqualTo("Feedback <feedback@example.test>");
        String postUrl = PUBLIC_URL + "/board/acme/post/" + postId;
        assertThat(Mailbox.text(m)).contains("Di commented on \"Dark mode\":", "Yes, *please*", postUrl);
        assertThat(Mailbox.html(m)).contains("<a href=\"" + postUrl + "\">", "Yes, *please*");
        String unsubscribe = m.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).matches("<" + PUBLIC_URL + "/unsubscribe/[A-Za-z0-9_-]{20,}>");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mailbox.text(m)).contains(unsubscribe.substring(1, unsubscribe.length() - 1));
    }

    @Test
    void three_quick_status_edits_send_one_email_to_each_subscriber_and_none_to_the_admin() throws Exception {
        t.board().subscribe(admin, postId);
        t.board().editPost(admin, postId, PostEdit.status(PostStatus.PLANNED));
        t.board().editPost(admin, postId, PostEdit.status(PostStatus.IN_PROGRESS));
        t.board().editPost(admin, postId, PostEdit.status(PostStatus.DONE));
        planned();
        t.clock().advance(WINDOW);
        List<MimeMessage> mails = mailbox.await(2);
        sentAll();
        assertThat(mailbox.received()).hasSize(2);
        assertThat(mails).extracting(Mailbox::to).noneSatisfy(to -> assertThat(to).contains("ada."));
        assertThat(Mailbox.text(mails.get(0)))
                .contains("Ada changed the status of \"Dark mode\" from Open to Done.")
                .doesNotContain("In progress");
    }

    @Test
    void an_official_response_without_a_status_change_is_emailed_to_every_follower_like_a_status_change()
            throws Exception {
        t.board().editPost(admin, postId, PostEdit.status(PostStatus.OPEN, "We read every vote; **next quarter**."));
        planned();
        t.clock().advance(WINDOW);
        List<MimeMessage> mails = mailbox.await(2);
        sentAll();
        assertThat(mailbox.received()).hasSize(2);
        assertThat(mails).extracting(Mailbox::to).anySatisfy(to -> assertThat(to).contains("bob."))
                .anySatisfy(to -> assertThat(to).contains("cy.")).noneSatisfy(to -> assertThat(to).contains("ada."));
        assertThat(Mailbox.text(mails.get(0)))
                .contains("Ada gave an official response on \"Dark mode\" (status: Open).", "Official response:",
                        "We read every vote; **next quarter**.", PUBLIC_URL + "/board/acme/post/" + postId);
    }

    @Test
    void each_kind_of_email_follows_its_own_switch() throws Exception {
        String byVoter = t.board().addComment(voter, postId, new NewComment("Mine", null)).comment().id();
        planned();
        t.clock().advance(WINDOW);
        mailbox.await(1); // the author hears of the voter's comment
        sentAll();
        t.board().updateNotificationSettings(author, new NotificationSettingsEdit(false, false, null, null));
        t.board().updateNotificationSettings(voter, new NotificationSettingsEdit(null, null, false, null));
        t.board().addComment(commenter, postId, new NewComment("To the voter", byVoter));
        t.board().editPost(admin, postId, PostEdit.status(PostStatus.PLANNED, "Soon"));
        planned();
        t.clock().advance(WINDOW);
        List<MimeMessage> all = mailbox.await(3);
        sentAll();
        List<MimeMessage> mails = mailbox.received().subList(1, mailbox.received().size());
        assertThat(mails).as("the author turned comments and status changes off").hasSize(2)
                .extracting(Mailbox::to).noneSatisfy(to -> assertThat(to).contains("bob."));
        MimeMessage toVoter = mails.stream().filter(m -> Mailbox.to(m).contains("cy.")).findFirst().orElseThrow();
        assertThat(all).hasSize(3);
        assertThat(Mailbox.text(toVoter)).as("replies off, status changes on")
                .contains("from Open to Planned", "Soon").doesNotContain("To the voter");
    }

    @Test
    void the_one_click_unsubscribe_link_stops_further_emails() throws Exception {
        t.board().addComment(commenter, postId, new NewComment("First", null));
        planned();
        t.clock().advance(WINDOW);
        List<MimeMessage> first = mailbox.await(2);
        sentAll();
        MimeMessage toBob = first.stream().filter(m -> Mailbox.to(m).contains("bob.")).findFirst().orElseThrow();
        String link = toBob.getHeader("List-Unsubscribe", null);
        String token = link.substring(link.lastIndexOf('/') + 1, link.length() - 1);
        assertThat(t.board().unsubscribeByToken(Actor.anonymous(), token)).isTrue();

        t.board().addComment(commenter, postId, new NewComment("Second", null));
        planned();
        t.clock().advance(WINDOW);
        List<MimeMessage> all = mailbox.await(3);
        sentAll();
        assertThat(all).hasSize(3);
        assertThat(all).filteredOn(m -> Mailbox.to(m).contains("bob.")).hasSize(1);
        assertThat(all).filteredOn(m -> Mailbox.to(m).contains("cy.")).hasSize(2);
    }

    @Test
    void while_smtp_is_down_emails_wait_with_doubling_delays_and_each_arrives_once_when_it_is_back() throws Exception {
        mailbox.stop();
        t.board().addComment(commenter, postId, new NewComment("Anyone?", null));
        planned();
        t.clock().advance(WINDOW);
        // Both wait for the first retry, 5 s away (claimed ones would wait for the sender's lease instead).
        await(() -> retriesWithin(1, Duration.ofSeconds(5)));
        t.clock().advance(Duration.ofSeconds(5));
        await(() -> retriesWithin(2, Duration.ofSeconds(10))); // then the delay doubles
        t.clock().advance(Duration.ofSeconds(9));
        assertThat(t.number("SELECT max(attempts) FROM notifications")).as("not before the doubled delay").isEqualTo(2);

        mailbox.start();
        t.clock().advance(Duration.ofSeconds(1));
        assertThat(mailbox.await(2)).hasSize(2);
        sentAll();
        assertThat(mailbox.received()).hasSize(2);
    }

    @Test
    void an_event_written_before_a_crash_is_still_emailed_once_after_the_restart() throws Exception {
        notify.close(); // the server dies after the write commits, before anything is planned or sent
        notify = null;
        t.board().addComment(commenter, postId, new NewComment("Written just before the crash", null));
        t.clock().advance(WINDOW);
        assertThat(t.number("SELECT count(*) FROM notifications")).isZero();

        notify = start(t);
        List<MimeMessage> mails = mailbox.await(2);
        sentAll();
        assertThat(mails).hasSize(2);
        assertThat(Mailbox.text(mails.get(0))).contains("Written just before the crash");
    }

    /** Waits until the planner has handled every event written so far. */
    @Test
    void merging_a_post_tells_its_followers_where_it_went() throws Exception {
        String target = t.board().createPost(admin, "acme", new NewPost("Night theme", "", null)).post().id();
        t.board().mergePost(admin, postId, target);
        planned();
        t.clock().advance(WINDOW);
        List<MimeMessage> mails = mailbox.await(2);
        sentAll();
        assertThat(mailbox.received()).hasSize(2);
        assertThat(mails).extracting(Mailbox::to).anySatisfy(to -> assertThat(to).contains("Bob <bob."))
                .anySatisfy(to -> assertThat(to).contains("Cy <cy."));
        assertThat(Mailbox.text(mails.get(0))).contains("Ada merged \"Dark mode\" into \"Night theme\"");
    }

    @Test
    void an_internal_note_is_emailed_to_admins_only() throws Exception {
        Actor.Account eve = t.admin("Eve");
        t.board().subscribe(eve, postId);
        t.board().addComment(admin, postId, new NewComment("Looks like a duplicate", null, true));
        planned();
        t.clock().advance(WINDOW);
        List<MimeMessage> mails = mailbox.await(1);
        sentAll();
        assertThat(mailbox.received()).hasSize(1);
        assertThat(Mailbox.to(mails.get(0))).contains("Eve <eve.");
        assertThat(Mailbox.text(mails.get(0))).contains("Looks like a duplicate");
    }

    private void planned() {
        long newest = t.number("SELECT max(seq) FROM outbox");
        await(() -> t.number("SELECT last_seq FROM event_consumers WHERE name = 'notifications'") >= newest);
    }

    /** Waits until nothing is pending (sent ones are deleted), so a stray extra email would have arrived. */
    private void sentAll() {
        await(() -> t.number("SELECT count(*) FROM notifications") == 0);
    }

    /** Both notifications failed {@code attempts} times and wait for a retry at most {@code delay} away. */
    private boolean retriesWithin(int attempts, Duration delay) {
        java.time.Instant now = t.clock().peek();
        return t.number("SELECT count(*) FROM notifications WHERE open = 0 AND attempts = " + attempts) == 2
                && t.strings("SELECT due_at FROM notifications").stream().map(java.time.Instant::parse)
                        .allMatch(due -> due.isAfter(now) && !due.isAfter(now.plus(delay)));
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition met within 20 s").isNegative();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
