package io.rungu.http.internal;

import io.javalin.http.Context;
import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import io.rungu.store.OAuthGrants;
import java.util.List;
import java.util.function.Function;

/**
 * Accepts the OAuth access tokens of Rungu's authorization server ({@code Bearer rgo_...}) on {@code /mcp}, the one
 * resource they are bound to, and hands every other request to the identity it wraps (RunguAuth's sessions and
 * {@code rgu_} API tokens, or a host's login). Such a token on any other route is refused.
 */
public final class OAuthBearer implements Identity {
    private final Identity inner;
    private final OAuthGrants grants;
    private final Function<Context, String> publicUrl;

    /** @param publicUrl this board's public URL for a request (the resource is that URL with {@code /mcp}) */
    public OAuthBearer(Identity inner, OAuthGrants grants, Function<Context, String> publicUrl) {
        this.inner = inner;
        this.grants = grants;
        this.publicUrl = publicUrl;
    }

    @Override
    public Actor authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !authorization.substring(7).strip().startsWith(OAuthGrants.ACCESS_PREFIX)) {
            return inner.authenticate(ctx);
        }
        String token = authorization.substring(7).strip();
        String base = publicUrl.apply(ctx);
        String resource = base + "/mcp";
        // The matched route, not the URL's ending: /api/projects/mcp (a board called "mcp") ends in /mcp too.
        if (!"/mcp".equals(Guard.route(ctx))) {
            throw new RunguException(ErrorCode.UNAUTHENTICATED, "This OAuth access token is for " + resource
                    + " only; use an API token (rgu_...) for the REST API");
        }
        OAuthGrants.Holder holder = grants.useAccessToken(token, resource).orElseThrow(() ->
                new RunguException(ErrorCode.UNAUTHENTICATED,
                        "The access token is unknown, expired, revoked or issued for another resource"));
        return new Actor.Account(holder.userId(), holder.role(), Actor.Channel.MCP_HTTP, holder.scope(),
                holder.clientName());
    }

    @Override
    public void checkCrossSite(Context ctx, Actor actor) {
        if (actor instanceof Actor.Account a && a.channel() == Actor.Channel.MCP_HTTP) {
            return; // a bearer token: a foreign page cannot send it
        }
        inner.checkCrossSite(ctx, actor);
    }

    @Override
    public List<Route> routes() {
        return inner.routes();
    }

    @Override
    public boolean bearerTokens() {
        return inner.bearerTokens();
    }

    /** An OAuth grant's account as it is; anything else as the wrapped identity decides. */
    @Override
    public Actor.Account mcpCaller(Actor actor) {
        if (actor instanceof Actor.Account a && a.channel() == Actor.Channel.MCP_HTTP) {
            return a;
        }
        return inner.mcpCaller(actor);
    }
}
