package io.rungu.http.internal;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.rungu.http.HttpConfig;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Param;
import io.rungu.http.internal.Route.Shape;
import io.rungu.wire.Wire;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sign-in in host-login mode: {@code /auth/providers} names the host's login (when {@link HttpConfig#signInUrl} is
 * set) as the one provider, whose login route sends the browser to the host's sign-in page with the path to come
 * back to. The web app treats it like any provider, so it needs no mode of its own.
 */
public final class HostSignIn {
    /** The provider name the web app sees; it goes straight to a single provider of this name. */
    static final String PROVIDER = "host";
    private static final String PLACEHOLDER = "{return_to}";

    private final HttpConfig config;
    private final Guard guard;

    public HostSignIn(HttpConfig config, Guard guard) {
        this.config = config;
        this.guard = guard;
    }

    public void register(RouteTable t) {
        t.add(GET, "/auth/providers", this::providers)
                .doc("auth", "Sign-in providers: the host application's login when it set signInUrl, else none",
                        Access.PUBLIC).reply(200, Shape.JSON, "Providers").done();
        if (config.signInUrl != null) {
            t.add(GET, "/auth/" + PROVIDER + "/login", this::login)
                    .doc("auth", "Sign in with the host application (redirect to its sign-in page)", Access.PUBLIC)
                    .query(new Param("redirect", "string", "The board page to come back to, e.g. /board/app"))
                    .reply(302, Shape.NONE, null).kind(RateLimiter.Kind.SIGN_IN).done();
        }
    }

    private void providers(Context ctx) {
        List<Wire.Provider> providers = config.signInUrl == null ? List.of()
                : List.of(new Wire.Provider(PROVIDER, config.signInLabel, guard.base(ctx) + "/auth/" + PROVIDER + "/login"));
        guard.send(ctx, 200, new Wire.Providers(providers));
    }

    private void login(Context ctx) {
        String back = guard.base(ctx) + safePath(ctx.queryParam("redirect"));
        String encoded = URLEncoder.encode(back, StandardCharsets.UTF_8);
        String url = config.signInUrl;
        String target = url.contains(PLACEHOLDER) ? url.replace(PLACEHOLDER, encoded)
                : url + (url.contains("?") ? "&" : "?") + config.signInReturnParameter + "=" + encoded;
        ctx.header("Cache-Control", "no-store");
        ctx.redirect(target, HttpStatus.FOUND);
    }

    /** A page of the board to return to: a path within it, never another site or the sign-in page. */
    static String safePath(String redirect) {
        if (redirect == null || !redirect.startsWith("/") || redirect.startsWith("//") || redirect.startsWith("/\\")
                || redirect.chars().anyMatch(c -> c < 0x20 || c == 0x7f) || redirect.matches("/login([/?#].*)?")) {
            return "/";
        }
        return redirect;
    }
}
