package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.rungu.model.Actor;
import io.rungu.model.UnsubscribeLink;
import io.rungu.store.Board;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one-click unsubscribe link of notification emails, {@code <base>/unsubscribe/{token}}: a POST removes the
 * subscription without signing in (RFC 8058: mail clients POST {@code List-Unsubscribe=One-Click} here); a GET,
 * which link scanners also send, only shows a page with the button that POSTs. The token is the credential, so
 * these routes resolve no actor and need no cross-site check. The pages name what the link stops and link back to
 * the post (to follow it again) and to the account page (the notification settings); links are relative to the
 * page, so they work under any base path.
 */
public final class UnsubscribePage {
    private static final String STYLE = "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;"
            + "padding:0 1rem;line-height:1.5}button{font:inherit;padding:.5rem 1rem}</style>";
    private final Board board;

    public UnsubscribePage(Board board) {
        this.board = board;
    }

    /** Pages, not API routes: left out of the OpenAPI document (docs/api.md lists them). */
    public void register(RouteTable t) {
        t.addUndocumented(GET, "/unsubscribe/{token}", this::show, RateLimiter.Kind.READ);
        t.addUndocumented(POST, "/unsubscribe/{token}", this::unsubscribe, RateLimiter.Kind.WRITE);
    }

    private void show(Context ctx) {
        Optional<UnsubscribeLink> link = board.unsubscribeLink(ctx.pathParam("token"));
        if (link.isEmpty()) {
            html(ctx, nothingToDo());
            return;
        }
        html(ctx, "<h1>Unsubscribe</h1><p>Stop the emails about " + what(link.get()) + "?</p>"
                + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>"
                + "<p><a href=\"../account\">Notification settings</a> turn whole kinds of emails off.</p>");
    }

    private void unsubscribe(Context ctx) {
        String token = ctx.pathParam("token");
        Optional<UnsubscribeLink> link = board.unsubscribeLink(token);
        boolean removed = board.unsubscribeByToken(Actor.anonymous(), token);
        if (!removed || link.isEmpty()) {
            html(ctx, nothingToDo());
            return;
        }
        UnsubscribeLink l = link.get();
        String back = l.postId() == null
                ? "<a href=\"../board/" + slug(l) + "\">Open the board</a> (an admin follows it again from there)"
                : "<a href=\"../board/" + slug(l) + "/post/" + escape(l.postId()) + "\">Open the post</a> "
                        + "and choose Follow to get its emails again";
        html(ctx, "<h1>Unsubscribed</h1><p role=\"status\">You will get no more emails about " + what(l) + ".</p>"
                + "<p>Changed your mind? " + back + ".</p>"
                + "<p><a href=\"../account\">Notification settings</a>: choose which kinds of emails you get.</p>");
    }

    private static String nothingToDo() {
        return "<h1>Nothing to do</h1><p>This link was used already, or what it was about is gone.</p>"
                + "<p><a href=\"../account\">Notification settings</a></p>";
    }

    private static String what(UnsubscribeLink l) {
        return l.postId() == null
                ? "new posts on the board &ldquo;" + escape(l.projectName()) + "&rdquo;"
                : "&ldquo;" + escape(l.postTitle()) + "&rdquo; on " + escape(l.projectName());
    }

    private static String slug(UnsubscribeLink l) {
        return escape(URLEncoder.encode(l.projectSlug(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void html(Context ctx, String body) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title>"
                + "<meta name=\"robots\" content=\"noindex\">" + STYLE + "</head><body>" + body + "</body></html>");
    }
}
