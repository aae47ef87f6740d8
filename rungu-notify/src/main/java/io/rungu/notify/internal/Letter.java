package io.rungu.notify.internal;

import io.rungu.model.BoardEvent;
import io.rungu.model.Notification;
import io.rungu.model.PostStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of one notification email: subject, plain text and simple HTML. Consecutive status changes and
 * official responses read as one ("from Open to Done"), with the latest official response.
 */
public record Letter(String subject, String text, String html, String postUrl, String unsubscribeUrl) {

    /** Writes the email for {@code n}, linking under {@code publicUrl}. */
    public static Letter of(Notification n, String publicUrl) {
        String postUrl = publicUrl + "/board/" + URLEncoder.encode(n.projectSlug(), StandardCharsets.UTF_8)
                .replace("+", "%20") + "/post/" + n.postId();
        String unsubscribeUrl = publicUrl + "/unsubscribe/" + n.unsubscribeToken();
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        String greeting = n.recipientName() == null || n.recipientName().isBlank() ? "Hello," : "Hello " + n.recipientName() + ",";
        text.append(greeting).append("\n\n");
        html.append("<p>").append(escape(greeting)).append("</p>\n");
        for (Paragraph p : paragraphs(n)) {
            text.append(p.line()).append("\n");
            html.append("<p>").append(escape(p.line())).append("</p>\n");
            if (p.quote() != null) {
                text.append(indent(p.quote())).append("\n");
                html.append("<blockquote style=\"margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc;"
                        + "white-space:pre-wrap\">").append(escape(p.quote())).append("</blockquote>\n");
            }
            text.append("\n");
        }
        text.append("See the post: ").append(postUrl).append("\n\n-- \n")
                .append("You get this email because you follow this post or board on ").append(n.projectName())
                .append(".\n")
                .append("Unsubscribe from it: ").append(unsubscribeUrl).append("\n");
        html.append("<p><a href=\"").append(escape(postUrl)).append("\">See the post</a></p>\n")
                .append("<hr><p style=\"color:#666;font-size:small\">You get this email because you follow this post or board on ")
                .append(escape(n.projectName())).append(". <a href=\"").append(escape(unsubscribeUrl))
                .append("\">Unsubscribe from it</a>.</p>\n");
        String subject = "[" + n.projectName() + "] " + n.postTitle();
        String page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(subject)
                + "</title></head><body style=\"font-family:sans-serif;line-height:1.5\">\n" + html + "</body></html>\n";
        return new Letter(subject, text.toString(), page, postUrl, unsubscribeUrl);
    }

    private record Paragraph(String line, String quote) {}

    private static List<Paragraph> paragraphs(Notification n) {
        List<Paragraph> out = new ArrayList<>();
        List<Notification.Item> items = n.items();
        for (int i = 0; i < items.size(); i++) {
            Notification.Item item = items.get(i);
            BoardEvent e = item.event();
            String who = item.actorName().isBlank() ? "Someone" : item.actorName();
            if (isStatus(e)) {
                PostStatus from = e.fromStatus();
                String response = e.response();
                boolean changed = e.type() == BoardEvent.Type.POST_STATUS_CHANGED;
                while (i + 1 < items.size() && isStatus(items.get(i + 1).event())) {
                    i++;
                    e = items.get(i).event();
                    response = e.response() != null ? e.response() : response;
                    changed |= e.type() == BoardEvent.Type.POST_STATUS_CHANGED;
                }
                PostStatus to = e.toStatus();
                String line;
                if (!changed) {
                    line = who + " gave an official response on \"" + n.postTitle() + "\" (status: " + name(to) + ").";
                } else if (from == to) {
                    line = who + " changed the status of \"" + n.postTitle() + "\" and set it back to " + name(to) + ".";
                } else {
                    line = who + " changed the status of \"" + n.postTitle() + "\" from " + name(from) + " to " + name(to) + ".";
                }
                out.add(new Paragraph(line, null));
                if (response != null && !response.isBlank()) {
                    out.add(new Paragraph("Official response:", response));
                }
            } else if (e.type() == BoardEvent.Type.POST_CREATED) {
                out.add(new Paragraph(who + " posted \"" + n.postTitle() + "\" on " + n.projectName() + ".", null));
            } else if (e.type() == BoardEvent.Type.COMMENT_CREATED) {
                out.add(new Paragraph(who + " commented on \"" + n.postTitle() + "\":", item.commentContent()));
            } else if (e.type() == BoardEvent.Type.POST_MERGED) {
                String target = item.targetTitle() == null ? "another post" : "\"" + item.targetTitle() + "\"";
                out.add(new Paragraph(who + " merged \"" + n.postTitle() + "\" into " + target + " as a duplicate: "
                        + "its votes and comments now count there, and you follow it.", null));
            }
        }
        return out;
    }

    /** A status change or an official response alone: consecutive ones read as one. */
    private static boolean isStatus(BoardEvent e) {
        return e.type() == BoardEvent.Type.POST_STATUS_CHANGED || e.type() == BoardEvent.Type.POST_RESPONDED;
    }

    /** "in_progress" reads "In progress". */
    static String name(PostStatus status) {
        if (status == null) {
            return "?";
        }
        String words = status.wire().replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String indent(String quote) {
        return "    " + quote.replace("\n", "\n    ");
    }

    /** Escapes text for HTML content and attribute values. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
