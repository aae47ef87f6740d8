package io.rungu.http.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.mcp.McpHttpRequest;
import io.rungu.mcp.McpHttpResponse;
import io.rungu.mcp.RunguMcpServer;
import io.rungu.model.Actor;
import io.rungu.model.RunguException;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Mounts the MCP Streamable-HTTP transport at {@code /mcp}: with RunguAuth only API-token callers get through, with
 * a host's login whoever its resolver names.
 */
public final class McpEndpoint {
    private final RunguMcpServer mcp;
    private final Requests requests;
    private final int maxMessageBytes;
    private final Guard guard;
    private final Identity identity;

    public McpEndpoint(RunguMcpServer mcp, Requests requests, int maxMessageBytes, Guard guard, Identity identity) {
        this.mcp = mcp;
        this.requests = requests;
        this.maxMessageBytes = maxMessageBytes;
        this.guard = guard;
        this.identity = identity;
    }

    public void register(RouteTable t) {
        t.add(HandlerType.POST, "/mcp", this::handle).doc("mcp", "MCP Streamable HTTP: one JSON-RPC message",
                Access.API_TOKEN).json("JsonRpc").reply(200, Shape.JSON, "JsonRpc")
                .also(202, "A notification or client response, accepted (no body)", null)
                .also(400, "Not a JSON-RPC message, an unsupported protocol version (-32022), no session header "
                        + "(2025-11-25), missing _meta fields (-32602) or MCP-Protocol-Version, Mcp-Method or Mcp-Name "
                        + "headers that disagree with the body (-32020; 2026-07-28)", "JsonRpc")
                .also(404, "Session not found or expired: initialize again; or (2026-07-28) an unknown method "
                        + "(-32601)", "JsonRpc")
                .also(406, "Accept allows neither application/json nor text/event-stream", "JsonRpc")
                .also(413, "Message too large", "JsonRpc")
                .also(415, "Content-Type is not application/json", "JsonRpc")
                .kind(RateLimiter.Kind.READ).done();
        t.add(HandlerType.GET, "/mcp", this::handle).doc("mcp", "MCP Streamable HTTP: server stream (not offered, 405)",
                Access.API_TOKEN).reply(405, Shape.JSON, null).done();
        t.add(HandlerType.DELETE, "/mcp", this::handle).doc("mcp", "MCP Streamable HTTP: end the session",
                Access.API_TOKEN).reply(204, Shape.NONE, null)
                .also(404, "Session not found or expired", "JsonRpc").done();
    }

    private void handle(Context ctx) {
        Actor.Account account;
        try {
            account = identity.mcpCaller(Guard.actor(ctx));
        } catch (RunguException e) {
            String challenge = guard.bearerChallenge(ctx, true);
            if (challenge != null) {
                ctx.header("WWW-Authenticate", challenge);
            }
            throw e;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<String> names = ctx.req().getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            headers.merge(name.toLowerCase(Locale.ROOT), String.join(", ", java.util.Collections.list(ctx.req().getHeaders(name))),
                    (a, b) -> a + ", " + b);
        }
        byte[] body = ctx.method() == HandlerType.POST
                ? requests.bounded(ctx, maxMessageBytes, "MCP message") : new byte[0];
        // The token's holder, acting through MCP: events and notifications name the channel. An OAuth grant's
        // account already is, and carries the authorized client's name for the audit log.
        Actor.Account agent = account.channel() == Actor.Channel.MCP_HTTP ? account
                : new Actor.Account(account.userId(), account.role(), Actor.Channel.MCP_HTTP, account.scope());
        // The POST itself counts as a read; each tool call that writes also counts against the write limit.
        McpHttpResponse r = mcp.handleHttp(new McpHttpRequest(ctx.method().name(), headers, body), agent,
                () -> guard.chargeWrite(ctx, agent));
        ctx.status(r.status());
        r.headers().forEach(ctx::header);
        ctx.result(r.body());
    }
}
