package io.rungu.http.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.mcp.McpHttpRequest;
import io.rungu.mcp.McpHttpResponse;
import io.rungu.mcp.RunguMcpServer;
import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Mounts the MCP Streamable-HTTP transport at {@code /mcp}; only API-token callers get through. */
public final class McpEndpoint {
    private final RunguMcpServer mcp;
    private final int maxMessageBytes;

    public McpEndpoint(RunguMcpServer mcp, int maxMessageBytes) {
        this.mcp = mcp;
        this.maxMessageBytes = maxMessageBytes;
    }

    public void register(RouteTable t) {
        t.add(HandlerType.POST, "/mcp", this::handle).doc("mcp", "MCP Streamable HTTP: one JSON-RPC message",
                Access.API_TOKEN).json("JsonRpc").reply(200, Shape.JSON, null).kind(RateLimiter.Kind.READ).done();
        t.add(HandlerType.GET, "/mcp", this::handle).doc("mcp", "MCP Streamable HTTP: server stream (not offered, 405)",
                Access.API_TOKEN).reply(405, Shape.JSON, null).done();
        t.add(HandlerType.DELETE, "/mcp", this::handle).doc("mcp", "MCP Streamable HTTP: end the session",
                Access.API_TOKEN).reply(204, Shape.NONE, null).done();
    }

    private void handle(Context ctx) {
        Actor actor = Guard.actor(ctx);
        if (!(actor instanceof Actor.Account account) || account.channel() != Actor.Channel.API_TOKEN) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"rungu\"");
            throw new RunguException(ErrorCode.UNAUTHENTICATED,
                    "The MCP endpoint needs an API token: send Authorization: Bearer rgu_...");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<String> names = ctx.req().getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            headers.merge(name.toLowerCase(Locale.ROOT), String.join(", ", java.util.Collections.list(ctx.req().getHeaders(name))),
                    (a, b) -> a + ", " + b);
        }
        byte[] body = ctx.method() == HandlerType.POST
                ? Requests.bounded(ctx, maxMessageBytes, "MCP message") : new byte[0];
        // The token's holder, acting through MCP: events and notifications name the channel.
        Actor.Account agent = new Actor.Account(account.userId(), account.role(), Actor.Channel.MCP_HTTP,
                account.scope());
        McpHttpResponse r = mcp.handleHttp(new McpHttpRequest(ctx.method().name(), headers, body), agent);
        ctx.status(r.status());
        r.headers().forEach(ctx::header);
        ctx.result(r.body());
    }
}
