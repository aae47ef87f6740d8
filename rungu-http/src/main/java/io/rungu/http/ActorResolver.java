package io.rungu.http;

import io.javalin.http.Context;
import io.rungu.model.Actor;

/**
 * Turns a request into the {@link Actor} it acts as, for a host application that already has its own login.
 * Give one to {@link RunguPlugin} instead of a {@code RunguAuth}; Rungu then registers no sign-in routes.
 *
 * <pre>{@code
 * new RunguPlugin(store, ctx -> {
 *     HostUser u = ctx.sessionAttribute("user");
 *     return u == null ? Actor.anonymous() : Actor.of(u.runguUserId(), u.isAdmin() ? Role.ADMIN : Role.MEMBER);
 * }, http -> http.basePath = "/feedback");
 * }</pre>
 *
 * The user ids it returns must exist in the store (create them with {@code store.accounts().ensureUser(...)}).
 */
@FunctionalInterface
public interface ActorResolver {
    /**
     * The actor of this request; {@link Actor#anonymous()} when nobody is signed in. For credentials that are present
     * but invalid, throw Javalin's {@code UnauthorizedResponse} (or another {@link io.javalin.http.HttpResponseException},
     * whose status is kept) or a {@link io.rungu.model.RunguException} with {@code UNAUTHENTICATED}; either is answered
     * with Rungu's JSON error body. It also authenticates MCP requests to {@code <base>/mcp}.
     */
    Actor resolve(Context ctx);
}
