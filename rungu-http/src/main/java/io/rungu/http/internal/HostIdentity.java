package io.rungu.http.internal;

import io.javalin.http.Context;
import io.rungu.http.ActorResolver;
import io.rungu.model.Actor;
import io.rungu.model.RunguException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A host application's own login. The host's credentials are most likely cookies, so writes from a browser on
 * another site are refused by Origin (and Sec-Fetch-Site) unless the origin is one of the configured CORS origins.
 */
public final class HostIdentity implements Identity {
    private final ActorResolver resolver;
    private final List<String> corsOrigins;

    public HostIdentity(ActorResolver resolver, List<String> corsOrigins) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    @Override
    public Actor authenticate(Context ctx) {
        Actor actor = resolver.resolve(ctx);
        return actor == null ? Actor.anonymous() : actor;
    }

    @Override
    public void checkCrossSite(Context ctx, Actor actor) {
        if (!CrossSite.isSameSiteOrAllowed(ctx, corsOrigins)) {
            throw RunguException.forbidden("Cross-site request refused");
        }
    }

    @Override
    public List<Route> routes() {
        return List.of();
    }

    /** The Origin / Sec-Fetch-Site rule, shared with tests. */
    public static final class CrossSite {
        private CrossSite() {}

        /** True unless the browser says the request comes from a foreign origin that is not allowed. */
        public static boolean isSameSiteOrAllowed(Context ctx, List<String> allowedOrigins) {
            String origin = ctx.header("Origin");
            if (origin != null && !origin.equals("null")) {
                if (allowedOrigins.contains(origin)) {
                    return true;
                }
                String host = ctx.header("Host");
                try {
                    URI u = URI.create(origin);
                    String originHost = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
                    return host != null && originHost != null
                            && originHost.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            if ("null".equals(origin)) {
                return false;
            }
            String site = ctx.header("Sec-Fetch-Site");
            return site == null || !site.equalsIgnoreCase("cross-site");
        }
    }
}
