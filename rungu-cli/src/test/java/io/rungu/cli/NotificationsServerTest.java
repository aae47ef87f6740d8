package io.rungu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.rungu.model.Actor;
import io.rungu.model.NewPost;
import io.rungu.model.NewProject;
import io.rungu.model.PostEdit;
import io.rungu.model.PostStatus;
import io.rungu.model.Role;
import io.rungu.store.Board;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server with RUNGU_SMTP_URL: a status change is emailed to the voters through a real SMTP server
 * (GreenMail), its link opens the post, and the one-click unsubscribe POST works without signing in.
 */
class NotificationsServerTest {
    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_status_change_is_emailed_to_voters_with_a_working_link_and_one_click_unsubscribe() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> env = new HashMap<>();
        env.put("RUNGU_DATA_DIR", home.toString());
        env.put("RUNGU_SMTP_URL", "smtp://127.0.0.1:" + mail.getSmtp().getPort());
        env.put("RUNGU_MAIL_FROM", "Feedback <feedback@example.test>");
        env.put("RUNGU_NOTIFY_DELAY", "1s");
        Context context = new Context(Environment.of(env, home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        ServerSettings settings = ServerSettings.resolve(context.env, 0, "127.0.0.1", "/feedback", null);
        try (RunguServer server = RunguServer.start(context, settings)) {
            Board board = server.store().board();
            Actor.Account admin = Actor.of(server.store().accounts().ensureUser("ada@example.test", "Ada", Role.ADMIN).id(),
                    Role.ADMIN);
            Actor.Account author = member(server, "bob@example.test", "Bob");
            Actor.Account voter = member(server, "cy@example.test", "Cy");
            String slug = board.createProject(admin, new NewProject("Acme", "acme", "")).slug();
            String postId = board.createPost(author, slug, new NewPost("Dark mode", "", null)).post().id();
            board.toggleVote(voter, postId);

            board.editPost(admin, postId, PostEdit.status(PostStatus.DONE));
            assertThat(mail.waitForIncomingEmail(20_000, 2)).isTrue();
            MimeMessage toVoter = to(mail, "cy@example.test").get(0);
            String text = ((MimeMultipart) toVoter.getContent()).getBodyPart(0).getContent().toString();
            assertThat(text).contains("Ada changed the status of \"Dark mode\" from Open to Done.");
            String postUrl = server.publicUrl() + "/board/acme/post/" + postId;
            assertThat(text).contains(postUrl);
            assertThat(get(postUrl).statusCode()).isEqualTo(200);

            String header = toVoter.getHeader("List-Unsubscribe", null);
            String unsubscribe = header.substring(1, header.length() - 1);
            assertThat(unsubscribe).startsWith(server.publicUrl() + "/unsubscribe/");
            assertThat(get(unsubscribe).body()).as("a GET only shows the button").contains("<form method=\"post\">");
            assertThat(board.isSubscribed(voter, postId)).isTrue();
            HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(local(unsubscribe))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(oneClick.statusCode()).isEqualTo(200);
            assertThat(board.isSubscribed(voter, postId)).isFalse();

            board.editPost(admin, postId, PostEdit.status(PostStatus.PLANNED));
            assertThat(mail.waitForIncomingEmail(20_000, 3)).isTrue();
            assertThat(to(mail, "bob@example.test")).hasSize(2);
            assertThat(to(mail, "cy@example.test")).as("unsubscribed").hasSize(1);
        } finally {
            mail.stop();
        }
    }

    @Test
    void email_sign_in_answers_202_for_any_address_and_mails_a_link_that_signs_in() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (RunguServer server = start(mail, Map.of())) {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            String base = server.publicUrl();
            assertThat(get(base + "/auth/providers").body()).contains("\"name\":\"email\"");
            HttpResponse<String> asked = post(browser, base + "/auth/email", "{\"email\": \"New.Person@example.test\"}");
            assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
            assertThat(post(browser, base + "/auth/email", "{\"email\": \"not-an-address\"}").statusCode()).isEqualTo(400);

            assertThat(post(browser, base + "/auth/email", "{\"email\": \"never.clicks@example.test\"}").statusCode())
                    .isEqualTo(202);

            awaitTrue(() -> mail.getReceivedMessages().length == 2, 20);
            assertThat(server.store().accounts().findUserByEmail("new.person@example.test"))
                    .as("mailing the link makes no account").isEmpty();
            assertThat(users()).as("no user row for either address before a link is used").isZero();
            assertThat(number("SELECT count(*) FROM email_sign_in_links")).as("only the links wait").isEqualTo(2);
            MimeMessage letter = to(mail, "new.person@example.test").get(0);
            String text = ((MimeMultipart) letter.getContent()).getBodyPart(0).getContent().toString();
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://\\S+/auth/link/\\S+").matcher(text);
            assertThat(link.find()).as(text).isTrue();
            String path = URI.create(link.group()).getRawPath();
            HttpResponse<String> signIn = browser.send(HttpRequest.newBuilder(local(base.substring(0,
                    base.indexOf('/', "http://".length())) + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isBetween(300, 399);
            HttpResponse<String> me = browser.send(HttpRequest.newBuilder(local(base + "/auth/me")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains("new.person@example.test", "member", "\"name\":null");
            assertThat(server.store().accounts().findUserByEmail("new.person@example.test"))
                    .as("created at the first sign-in").isPresent();
            assertThat(server.store().accounts().findUserByEmail("never.clicks@example.test"))
                    .as("an address that never used its link").isEmpty();
            assertThat(users()).isEqualTo(1);
        } finally {
            mail.stop();
        }
    }

    @Test
    void with_smtp_down_for_a_few_seconds_every_notification_arrives_once_retried_at_the_configured_delay()
            throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail down = new GreenMail(smtp);
        down.start();
        try (RunguServer server = start(down, Map.of("RUNGU_NOTIFY_DELAY", "500ms", "RUNGU_MAIL_RETRY_DELAY", "200ms"))) {
            down.stop(); // the SMTP server goes away before anything is sent
            Board board = server.store().board();
            Actor.Account admin = Actor.of(server.store().accounts().ensureUser("ada@example.test", "Ada", Role.ADMIN)
                    .id(), Role.ADMIN);
            Actor.Account author = member(server, "bob@example.test", "Bob");
            Actor.Account voter = member(server, "cy@example.test", "Cy");
            String slug = board.createProject(admin, new NewProject("Acme", "acme", "")).slug();
            String first = board.createPost(author, slug, new NewPost("Dark mode", "", null)).post().id();
            String second = board.createPost(author, slug, new NewPost("Offline mode", "", null)).post().id();
            board.toggleVote(voter, first);
            board.toggleVote(voter, second);
            board.editPost(admin, first, PostEdit.status(PostStatus.DONE, "Shipped in 2.3"));
            board.editPost(admin, second, PostEdit.status(PostStatus.PLANNED));

            // At 200 ms doubling, four failed attempts take about 3 s (at the 5 s default they would take 75 s).
            awaitTrue(() -> number("SELECT count(*) FROM notifications WHERE attempts >= 4") == 4, 20);
            GreenMail back = new GreenMail(smtp);
            back.start();
            try {
                assertThat(back.waitForIncomingEmail(20_000, 4)).isTrue();
                awaitTrue(() -> number("SELECT count(*) FROM notifications") == 0, 20);
                List<String> keys = Arrays.stream(back.getReceivedMessages()).map(m -> {
                    try {
                        return m.getRecipients(Message.RecipientType.TO)[0] + " / " + m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
                assertThat(keys).as("each notification once").containsExactlyInAnyOrder(
                        "Bob <bob@example.test> / [Acme] Dark mode", "Cy <cy@example.test> / [Acme] Dark mode",
                        "Bob <bob@example.test> / [Acme] Offline mode", "Cy <cy@example.test> / [Acme] Offline mode");
                assertThat(((MimeMultipart) to(back, "cy@example.test").stream().filter(m -> subject(m)
                        .endsWith("Dark mode")).findFirst().orElseThrow().getContent()).getBodyPart(0).getContent()
                        .toString()).contains("Shipped in 2.3");
            } finally {
                back.stop();
            }
        }
    }

    @Test
    void rungu_email_signin_false_turns_email_sign_in_off() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try (RunguServer server = start(mail, Map.of("RUNGU_EMAIL_SIGNIN", "false"))) {
            assertThat(get(server.publicUrl() + "/auth/providers").body()).doesNotContain("email");
        } finally {
            mail.stop();
        }
    }

    private RunguServer start(GreenMail mail, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(more);
        env.put("RUNGU_DATA_DIR", home.toString());
        env.put("RUNGU_SMTP_URL", "smtp://127.0.0.1:" + mail.getSmtp().getPort());
        env.put("RUNGU_MAIL_FROM", "Feedback <feedback@example.test>");
        Context context = new Context(Environment.of(env, home), InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        return RunguServer.start(context, ServerSettings.resolve(context.env, 0, "127.0.0.1", "/feedback", null));
    }

    /** A number read straight from the server's SQLite file (WAL: readable while the server runs). */
    private long number(String sql) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + home.resolve("rungu.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long users() {
        return number("SELECT count(*) FROM users WHERE email IN ('new.person@example.test', "
                + "'never.clicks@example.test')");
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition met within " + seconds + " s").isNegative();
            Thread.sleep(20);
        }
    }

    private HttpResponse<String> post(HttpClient client, String url, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(local(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Actor.Account member(RunguServer server, String email, String name) {
        return Actor.of(server.store().accounts().ensureUser(email, name, Role.MEMBER).id(), Role.MEMBER);
    }

    private static List<MimeMessage> to(GreenMail mail, String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().contains(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(local(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The public URL names localhost; the server listens on 127.0.0.1. */
    private static URI local(String url) {
        return URI.create(url.replace("://localhost:", "://127.0.0.1:"));
    }
}
