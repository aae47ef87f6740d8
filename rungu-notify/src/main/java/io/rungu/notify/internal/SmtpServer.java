package io.rungu.notify.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/** An SMTP server parsed from its URL; {@link #toString()} leaves the password out. */
public record SmtpServer(Security security, String host, int port, String user, String password) {

    /** How the connection is protected. */
    public enum Security { NONE, STARTTLS, TLS }

    /** Parses {@code smtp://}, {@code smtp+starttls://} or {@code smtps://} URLs; messages never echo a password. */
    public static SmtpServer parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("smtpUrl is not a URL (smtp://host:port, smtp+starttls://user:pass@host:port "
                    + "or smtps://user:pass@host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Security security = switch (scheme) {
            case "smtp" -> Security.NONE;
            case "smtp+starttls" -> Security.STARTTLS;
            case "smtps" -> Security.TLS;
            default -> throw new IllegalArgumentException("smtpUrl must start with smtp://, smtp+starttls:// or smtps://");
        };
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("smtpUrl needs a host, e.g. smtp+starttls://user:pass@smtp.example.com:587");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : switch (security) {
            case NONE -> 25;
            case STARTTLS -> 587;
            case TLS -> 465;
        };
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
        }
        return new SmtpServer(security, uri.getHost(), port, user, password);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Session properties for Jakarta Mail's SMTP transport. */
    public Properties properties(Duration timeout) {
        Properties p = new Properties();
        String millis = Long.toString(timeout.toMillis());
        p.setProperty("mail.smtp.host", host);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.connectiontimeout", millis);
        p.setProperty("mail.smtp.timeout", millis);
        p.setProperty("mail.smtp.writetimeout", millis);
        p.setProperty("mail.smtp.auth", Boolean.toString(user != null));
        if (security == Security.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (security == Security.TLS) {
            p.setProperty("mail.smtp.ssl.enable", "true");
        }
        if (security != Security.NONE) {
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public String toString() {
        String scheme = switch (security) {
            case NONE -> "smtp";
            case STARTTLS -> "smtp+starttls";
            case TLS -> "smtps";
        };
        return scheme + "://" + (user == null ? "" : user + "@") + host + ":" + port;
    }
}
