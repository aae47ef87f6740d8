package io.rungu.http.internal;

import io.javalin.http.Context;
import io.rungu.http.ActorResolver;
import io.rungu.model.Actor;
import io.rungu.model.CrossSite;
import java.util.List;
import java.util.Objects;

/**
 * A host application's own login. The host's credentials are most likely cookies, so writes from a browser on
 * another site are refused by the one rule of {@link CrossSite} (this site is the request's Host) unless the origin
 * is one of the configured CORS origins.
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
        CrossSite.check(ctx.header("Origin"), ctx.header("Sec-Fetch-Site"), ctx.header("Host"), List.of(),
                corsOrigins);
    }

    @Override
    public List<Route> routes() {
        return List.of();
    }
}
