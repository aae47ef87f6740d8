package io.rungu.http.internal;

import io.javalin.http.Context;
import io.rungu.http.ActorResolver;
import io.rungu.model.Actor;
import io.rungu.model.CrossSite;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
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

    @Override
    public boolean bearerTokens() {
        return false;
    }

    /** Whoever the host's resolver names, acting as an agent (MCP tools see the agent channel). */
    @Override
    public Actor.Account mcpCaller(Actor actor) {
        if (actor instanceof Actor.Account account) {
            return new Actor.Account(account.userId(), account.role(), Actor.Channel.AGENT, account.scope());
        }
        throw new RunguException(ErrorCode.UNAUTHENTICATED,
                "The MCP endpoint needs a signed-in caller: sign in to the host application first");
    }
}
