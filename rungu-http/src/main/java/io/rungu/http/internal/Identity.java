package io.rungu.http.internal;

import io.javalin.http.Context;
import io.rungu.model.Actor;
import java.util.List;

/** How the plugin learns who is asking: RunguAuth, or a host's own resolver. */
public interface Identity {
    /** The actor of this request; throws UNAUTHENTICATED for present but invalid credentials. */
    Actor authenticate(Context ctx);

    /** Refuses a state-changing request that a browser sent from another site with ambient credentials. */
    void checkCrossSite(Context ctx, Actor actor);

    /** Routes this identity provider serves itself (sign-in, tokens), relative to the base path. */
    List<Route> routes();

    /** True when callers authenticate with Rungu's own session cookie and bearer API tokens (RunguAuth). */
    boolean bearerTokens();

    /**
     * The account an MCP request acts as, given the request's actor.
     *
     * @throws io.rungu.model.RunguException UNAUTHENTICATED when this actor may not use MCP over HTTP
     */
    Actor.Account mcpCaller(Actor actor);
}
