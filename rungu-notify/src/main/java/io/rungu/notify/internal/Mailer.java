package io.rungu.notify.internal;

import io.rungu.model.Notification;
import io.rungu.store.Notifications;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of sending: claims the due notifications, sends them over one SMTP connection and reports each
 * outcome to the store. When the server cannot be reached, every claimed notification waits for its retry,
 * first after the retry delay, doubling with each failed attempt up to the maximum.
 */
public final class Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final Notifications queue;
    private final SmtpServer server;
    private final Session session;
    private final InternetAddress from;
    private final String publicUrl;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final Duration lease;
    private final int batchSize;
    private final Clock clock;

    public Mailer(Notifications queue, SmtpServer server, Duration timeout, String from, String publicUrl,
            Duration retryDelay, Duration maxRetryDelay, int batchSize, Clock clock) {
        this.queue = queue;
        this.server = server;
        this.session = Session.getInstance(server.properties(timeout));
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("from is not an email address", e);
        }
        this.publicUrl = publicUrl;
        this.retryDelay = retryDelay;
        this.maxRetryDelay = maxRetryDelay;
        // Long enough for a whole batch at the connection timeout, so no second server takes one meanwhile.
        this.lease = timeout.multipliedBy(batchSize + 2L);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Sends what is due; returns how many were claimed (a full batch means more may be waiting). */
    public int sendDue() {
        List<Notification> due = queue.claimDue(batchSize, lease);
        if (due.isEmpty()) {
            return 0;
        }
        Transport transport;
        try {
            transport = session.getTransport("smtp");
            transport.connect(server.host(), server.port(), server.user(), server.password());
        } catch (MessagingException e) {
            LOG.warn("Cannot reach the SMTP server {}: {}; {} notification(s) wait for a retry", server, e.getMessage(),
                    due.size());
            due.forEach(this::retryLater);
            return due.size();
        }
        try {
            for (int i = 0; i < due.size(); i++) {
                Notification n = due.get(i);
                try {
                    MimeMessage message = message(n);
                    transport.sendMessage(message, message.getAllRecipients());
                    queue.sent(n.id());
                } catch (SendFailedException e) {
                    if (e.getValidSentAddresses() == null && e.getValidUnsentAddresses() == null
                            && e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                        LOG.warn("The SMTP server refused the address of user {}; notification {} dropped",
                                n.recipientId(), n.id());
                        queue.sent(n.id());
                    } else {
                        retryLater(n);
                    }
                } catch (MessagingException | RuntimeException e) {
                    LOG.warn("Sending notification {} failed: {}", n.id(), e.toString());
                    retryLater(n);
                    if (!transport.isConnected()) {
                        due.subList(i + 1, due.size()).forEach(this::retryLater);
                        return due.size();
                    }
                }
            }
        } finally {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing the SMTP connection failed", e);
            }
        }
        return due.size();
    }

    private void retryLater(Notification n) {
        Duration delay = retryDelay.multipliedBy(1L << Math.min(Math.max(n.attempts() - 1, 0), 30));
        if (delay.compareTo(maxRetryDelay) > 0) {
            delay = maxRetryDelay;
        }
        queue.retryAt(n.id(), clock.instant().plus(delay));
    }

    /** Sends one sign-in link now, over its own connection; a failure is logged (the person can ask again). */
    public void sendSignInLink(String to, String link) {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            m.setSubject("Your sign-in link", StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(Instant.now(clock)));
            String text = "Hello,\n\nOpen this link to sign in. It works once and expires soon:\n\n" + link
                    + "\n\nIf you did not ask for it, ignore this email: nothing happens without the link.\n";
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText("<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\"><p>Hello,</p>"
                    + "<p><a href=\"" + Letter.escape(link) + "\">Sign in</a> (the link works once and expires soon)."
                    + "</p><p style=\"color:#666\">If you did not ask for it, ignore this email: nothing happens "
                    + "without the link.</p></body></html>\n", "UTF-8", "html");
            m.setContent(new MimeMultipart("alternative", plain, html));
            m.setHeader("Auto-Submitted", "auto-generated");
            m.saveChanges();
            Transport transport = session.getTransport("smtp");
            try {
                transport.connect(server.host(), server.port(), server.user(), server.password());
                transport.sendMessage(m, m.getAllRecipients());
            } finally {
                transport.close();
            }
        } catch (MessagingException e) {
            LOG.warn("Sending a sign-in link failed: {}", e.toString());
        }
    }

    MimeMessage message(Notification n) throws MessagingException {
        Letter letter = Letter.of(n, publicUrl);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(from);
        try {
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(n.recipientEmail(),
                    n.recipientName() == null || n.recipientName().isBlank() ? null : n.recipientName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        m.setSubject(letter.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(Instant.now(clock)));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(letter.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(letter.html(), "UTF-8", "html");
        MimeMultipart body = new MimeMultipart("alternative", text, html);
        m.setContent(body);
        m.setHeader("List-Unsubscribe", "<" + letter.unsubscribeUrl() + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        m.setHeader("Auto-Submitted", "auto-generated");
        m.saveChanges();
        return m;
    }
}
