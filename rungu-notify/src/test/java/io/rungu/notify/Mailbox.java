package io.rungu.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) on a loopback port that stays the same when it is stopped and started again. */
final class Mailbox implements AutoCloseable {
    final int port;
    private GreenMail mail;

    Mailbox() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Mailbox start() {
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return this;
    }

    void stop() {
        if (mail != null) {
            mail.stop();
            mail = null;
        }
    }

    String url() {
        return "smtp://127.0.0.1:" + port;
    }

    /** Waits until at least {@code count} messages arrived in all (at most 20 s) and returns all of them. */
    List<MimeMessage> await(int count) {
        // Not GreenMail's waitForIncomingEmail: it waits for emails arriving after the call, and these may be in.
        NotifyTest.await(() -> mail.getReceivedMessages().length >= count);
        return received();
    }

    List<MimeMessage> received() {
        return Arrays.asList(mail.getReceivedMessages());
    }

    static String to(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part. */
    static String text(MimeMessage m) {
        return part(m, 0);
    }

    /** The HTML part. */
    static String html(MimeMessage m) {
        return part(m, 1);
    }

    private static String part(MimeMessage m, int index) {
        try {
            MimeMultipart parts = (MimeMultipart) m.getContent();
            return parts.getBodyPart(index).getContent().toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
