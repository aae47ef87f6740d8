package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.RunguException;
import io.rungu.oauth.WidgetToken;
import io.rungu.wire.Wire;
import java.util.List;

/**
 * The embeddable feedback widget: its script ({@code <base>/widget.js}, built by the web app) and the hand-over of
 * a widget token to an allowed embedding site ({@code POST <base>/auth/widget-token}, called by the board's own
 * widget sign-in page with the session cookie).
 */
public final class WidgetRoutes {
    static final String SCRIPT = "widget.js";
    /** Longest {@code origin} accepted in the body. */
    private static final int ORIGIN_MAX = 300;
    static final String NOT_ALLOWED = "This site is not allowed to embed the widget; the operator lists the sites "
            + "that may in RUNGU_WIDGET_ORIGINS (HttpConfig.widgetOrigins)";

    private final Precompressed files;
    private final List<String> widgetOrigins;
    private final Guard guard;
    private final Requests requests;

    public WidgetRoutes(ClasspathFiles files, List<String> widgetOrigins, Guard guard, Requests requests) {
        this.files = new Precompressed(files);
        this.widgetOrigins = widgetOrigins;
        this.guard = guard;
        this.requests = requests;
    }

    /** {@code GET /widget.js}. */
    public void registerScript(RouteTable t) {
        t.add(GET, "/" + SCRIPT, this::script)
                .doc("widget", "The feedback widget's script, for a <script> tag on an allowed site", Access.NONE)
                .reply(200, Shape.SCRIPT, null).anonymousOnly().done();
    }

    /** {@code POST /auth/widget-token}: only with Rungu's own sign-in, whose session the token comes from. */
    public void registerSignIn(RouteTable t, AuthIdentity auth) {
        t.add(POST, "/auth/widget-token", ctx -> widgetToken(ctx, auth))
                .doc("auth", "A short-lived widget token of this session for an allowed embedding site", Access.SIGNED_IN)
                .json("WidgetOrigin").reply(200, Shape.DATA, "WidgetToken").done();
    }

    private void script(Context ctx) {
        if (!files.send(ctx, WebApp.ROOT, SCRIPT)) {
            throw RunguException.notFound("The widget is not built into this server's web app");
        }
        // Not content-hashed (its URL is in other sites' pages), so kept briefly; a new release reaches them soon.
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
    }

    private void widgetToken(Context ctx, AuthIdentity auth) {
        String origin = Requests.string(requests.object(ctx, List.of("origin")), "origin");
        if (origin == null || origin.isBlank()) {
            throw RunguException.invalid("origin", "Give the origin of the site embedding the widget, e.g. https://example.com");
        }
        if (origin.length() > ORIGIN_MAX || !widgetOrigins.contains(origin)) {
            throw RunguException.forbidden(NOT_ALLOWED);
        }
        WidgetToken token = auth.widgetToken(ctx);
        ctx.header("Cache-Control", "no-store");
        guard.send(ctx, 200, new Wire.Data<>(new Wire.WidgetToken(token.token(), token.expiresAt(), origin)));
    }
}
