package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.rungu.model.Actor;
import io.rungu.store.Board;

/**
 * The one-click unsubscribe link of notification emails, {@code <base>/unsubscribe/{token}}: a POST removes the
 * subscription without signing in (RFC 8058: mail clients POST {@code List-Unsubscribe=One-Click} here); a GET,
 * which link scanners also send, only shows a page with the button that POSTs. The token is the credential, so
 * these routes resolve no actor and need no cross-site check.
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
        html(ctx, "<h1>Unsubscribe</h1><p>Stop the emails about this post?</p>"
                + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    private void unsubscribe(Context ctx) {
        boolean removed = board.unsubscribeByToken(Actor.anonymous(), ctx.pathParam("token"));
        html(ctx, removed
                ? "<h1>Unsubscribed</h1><p>You will get no more emails about this post.</p>"
                : "<h1>Nothing to do</h1><p>This link was used already, or the post is gone.</p>");
    }

    private static void html(Context ctx, String body) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title>"
                + STYLE + "</head><body>" + body + "</body></html>");
    }
}
