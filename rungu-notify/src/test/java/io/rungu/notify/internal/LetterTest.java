package io.rungu.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rungu.model.Actor;
import io.rungu.model.BoardEvent;
import io.rungu.model.Notification;
import io.rungu.model.PostStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LetterTest {
    static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void a_status_change_with_an_official_response_quotes_it_escaped_in_html() {
        BoardEvent done = new BoardEvent(7, BoardEvent.Type.POST_STATUS_CHANGED, AT, "u1", Actor.Channel.SESSION, "p1",
                "post1", null, PostStatus.IN_PROGRESS, PostStatus.DONE, "Shipped in <2.3> & later");
        Notification n = new Notification(1, 1, "u2", "bob@example.test", "Bob", "my board", "My Board", "post1",
                "Dark mode", "tok", List.of(new Notification.Item(done, "Ada", null)));
        Letter letter = Letter.of(n, "https://feedback.example.test");
        assertThat(letter.subject()).isEqualTo("[My Board] Dark mode");
        assertThat(letter.postUrl()).isEqualTo("https://feedback.example.test/board/my%20board/post/post1");
        assertThat(letter.unsubscribeUrl()).isEqualTo("https://feedback.example.test/unsubscribe/tok");
        assertThat(letter.text()).contains("Hello Bob,", "Ada changed the status of \"Dark mode\" from In progress to Done.",
                "Official response:", "    Shipped in <2.3> & later");
        assertThat(letter.html()).contains("Shipped in &lt;2.3&gt; &amp; later").doesNotContain("<2.3>");
    }

    @Test
    void a_new_post_on_a_followed_board_names_the_board() {
        BoardEvent created = new BoardEvent(8, BoardEvent.Type.POST_CREATED, AT, "u1", Actor.Channel.AGENT, "p1",
                "post2", null, null, null, null);
        Notification n = new Notification(2, 1, "u2", "ada@example.test", "", "app", "App", "post2", "Offline mode",
                "tok", List.of(new Notification.Item(created, "Bob", null)));
        assertThat(Letter.of(n, "https://f.example.test").text()).startsWith("Hello,\n\n")
                .contains("Bob posted \"Offline mode\" on App.");
    }

    @Test
    void smtp_urls_give_security_port_and_credentials_and_never_show_the_password() {
        SmtpServer plain = SmtpServer.parse("smtp://localhost:2525");
        assertThat(plain.security()).isEqualTo(SmtpServer.Security.NONE);
        assertThat(plain.port()).isEqualTo(2525);
        assertThat(plain.user()).isNull();
        SmtpServer tls = SmtpServer.parse("smtp+starttls://me%40example.com:p%3Ass@smtp.example.com");
        assertThat(tls.security()).isEqualTo(SmtpServer.Security.STARTTLS);
        assertThat(tls.port()).isEqualTo(587);
        assertThat(tls.user()).isEqualTo("me@example.com");
        assertThat(tls.password()).isEqualTo("p:ss");
        assertThat(tls.toString()).isEqualTo("smtp+starttls://me@example.com@smtp.example.com:587").doesNotContain("p:ss");
        assertThat(tls.properties(java.time.Duration.ofSeconds(3)).getProperty("mail.smtp.starttls.required"))
                .isEqualTo("true");
        assertThat(SmtpServer.parse("smtps://u:p@mail.example.com").port()).isEqualTo(465);
    }
}
