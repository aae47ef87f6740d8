package io.rungu.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.mcp.McpConfig;
import io.rungu.mcp.McpHttpRequest;
import io.rungu.mcp.McpHttpResponse;
import io.rungu.mcp.internal.rpc.Incoming;
import io.rungu.mcp.internal.rpc.RpcException;
import io.rungu.model.Actor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Streamable HTTP transport as a plain request/response function: session ids, the protocol-version header,
 * Origin checks and content negotiation. The hosting server authenticates and passes the actor.
 */
public final class HttpTransport {
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String METHOD_HEADER = "Mcp-Method";
    static final String NAME_HEADER = "Mcp-Name";

    private final McpProtocol protocol;
    private final McpConfig config;
    private final SessionRegistry sessions;

    public HttpTransport(McpProtocol protocol, McpConfig config) {
        this.protocol = protocol;
        this.config = config;
        this.sessions = new SessionRegistry(config.clock, config.sessionIdleTimeout, config.maxSessions);
    }

    public McpHttpResponse handle(McpHttpRequest request, Actor actor, Runnable beforeWrite) {
        String origin = request.header("origin");
        if (origin != null && !config.allowedOrigins.contains(origin)) {
            return error(403, new RpcException(RpcException.INVALID_REQUEST, "Origin not allowed: " + origin), false);
        }
        return switch (request.method().toUpperCase(Locale.ROOT)) {
            case "POST" -> post(request, actor, beforeWrite);
            case "DELETE" -> delete(request, actor);
            default -> new McpHttpResponse(405, Map.of("Allow", "POST, DELETE"), new byte[0]);
        };
    }

    private McpHttpResponse post(McpHttpRequest request, Actor actor, Runnable beforeWrite) {
        boolean sse = wantsEventStream(request.header("accept"));
        if (!sse && !acceptsJson(request.header("accept"))) {
            return error(406, new RpcException(RpcException.INVALID_REQUEST,
                    "Not acceptable: this endpoint answers application/json or text/event-stream"), false);
        }
        String contentType = request.header("content-type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return error(415, new RpcException(RpcException.INVALID_REQUEST,
                    "Unsupported Content-Type: send application/json"), sse);
        }
        if (request.body().length > config.maxMessageBytes) {
            return error(413, StdioTransport.tooLarge(config.maxMessageBytes), sse);
        }
        String version = request.header(VERSION_HEADER);
        if (version != null && !McpProtocol.VERSIONS.contains(version.trim())) {
            return error(400, McpProtocol.unsupportedVersion(version.trim()), sse);
        }
        Incoming message = protocol.parse(request.body());
        if (message instanceof Incoming.Invalid invalid) {
            return respond(400, protocol.failure(invalid.id(), invalid.error()), sse, Map.of());
        }
        boolean stateless = version != null && McpProtocol.STATELESS_VERSIONS.contains(version.trim())
                || message instanceof Incoming.Request r && protocol.isStateless(r);
        if (stateless) {
            return stateless(request, message, version == null ? null : version.trim(), actor, beforeWrite, sse);
        }
        if (message instanceof Incoming.Request r && r.method().equals("initialize")) {
            McpSession session = new McpSession();
            byte[] answer = protocol.answer(message, actor, session).orElseThrow();
            if (session.protocolVersion() == null) { // initialize was refused (invalid params): no session
                return respond(200, answer, sse, Map.of());
            }
            String id = sessions.create(actor.userId(), session);
            return respond(200, answer, sse, Map.of(SESSION_HEADER, id));
        }
        String sessionId = request.header(SESSION_HEADER.toLowerCase(Locale.ROOT));
        if (sessionId == null || sessionId.isBlank()) {
            return error(400, new RpcException(RpcException.INVALID_REQUEST,
                    "Missing " + SESSION_HEADER + " header: send initialize first"), sse);
        }
        McpSession session = sessions.find(sessionId.trim(), actor.userId());
        if (session == null) {
            return error(404, new RpcException(RpcException.INVALID_REQUEST,
                    "Session not found or expired: send initialize to start a new session"), sse);
        }
        Optional<byte[]> answer = protocol.answer(message, actor, session, beforeWrite);
        return answer.map(bytes -> respond(200, bytes, sse, Map.of()))
                .orElseGet(() -> new McpHttpResponse(202, Map.of(), new byte[0]));
    }

    /**
     * A 2026-07-28 message: no session (an {@code Mcp-Session-Id} is ignored), and the headers that mirror the body
     * for intermediaries ({@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name}) must be present and
     * agree with it, so nothing routed on a header can act on another body.
     */
    private McpHttpResponse stateless(McpHttpRequest request, Incoming message, String version, Actor actor,
                                      Runnable beforeWrite, boolean sse) {
        if (!(message instanceof Incoming.Request r)) {
            return new McpHttpResponse(202, Map.of(), new byte[0]); // notifications and responses: nothing to answer
        }
        JsonNode meta = r.params().get("_meta");
        JsonNode bodyVersion = meta == null ? null : meta.get(McpProtocol.META_VERSION);
        if (bodyVersion != null && bodyVersion.isTextual()) { // without it, the protocol refuses the _meta itself
            String mismatch = mismatch(request, r, bodyVersion.asText(), version);
            if (mismatch != null) {
                return respond(400, protocol.failure(r.id(), new RpcException(RpcException.HEADER_MISMATCH,
                        "Header mismatch: " + mismatch)), sse, Map.of());
            }
        }
        McpProtocol.Reply reply = protocol.answerStateless(r, actor, beforeWrite);
        return respond(reply.status(), reply.body(), sse, Map.of());
    }

    /** What is wrong with the mirrored headers, or null when they match the body. */
    private static String mismatch(McpHttpRequest request, Incoming.Request r, String bodyVersion, String version) {
        if (version == null) {
            return VERSION_HEADER + " header is required";
        }
        if (!version.equals(bodyVersion)) {
            return VERSION_HEADER + " header value '" + version + "' does not match body value '" + bodyVersion + "'";
        }
        String method = request.header(METHOD_HEADER);
        if (method == null) {
            return METHOD_HEADER + " header is required";
        }
        if (!method.trim().equals(r.method())) {
            return METHOD_HEADER + " header value '" + method.trim() + "' does not match body value '" + r.method() + "'";
        }
        String field = switch (r.method()) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
        JsonNode source = field == null ? null : r.params().get(field);
        if (source == null || !source.isTextual()) {
            return null; // nothing to mirror; the method refuses a missing name or uri itself
        }
        String raw = request.header(NAME_HEADER);
        if (raw == null) {
            return NAME_HEADER + " header is required for " + r.method();
        }
        String name = decode(raw.trim());
        if (name == null) {
            return NAME_HEADER + " header is not valid Base64 inside =?base64?...?=";
        }
        if (!name.equals(source.asText())) {
            return NAME_HEADER + " header value '" + printable(name) + "' does not match body value '"
                    + printable(source.asText()) + "'";
        }
        return null;
    }

    /** A header value as sent, or the UTF-8 text inside the {@code =?base64?...?=} sentinel; null when malformed. */
    static String decode(String value) {
        if (!value.startsWith("=?base64?") || !value.endsWith("?=") || value.length() < 11) {
            return value;
        }
        try {
            return new String(Base64.getDecoder().decode(value.substring(9, value.length() - 2)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String printable(String value) {
        String shown = value.length() > 200 ? value.substring(0, 200) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private McpHttpResponse delete(McpHttpRequest request, Actor actor) {
        String sessionId = request.header(SESSION_HEADER.toLowerCase(Locale.ROOT));
        if (sessionId == null || sessionId.isBlank()) {
            return error(400, new RpcException(RpcException.INVALID_REQUEST, "Missing " + SESSION_HEADER + " header"), false);
        }
        if (!sessions.end(sessionId.trim(), actor.userId())) {
            return error(404, new RpcException(RpcException.INVALID_REQUEST, "Session not found or expired"), false);
        }
        return new McpHttpResponse(204, Map.of(), new byte[0]);
    }

    /** Missing, wildcard or JSON Accept headers all get JSON. */
    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        return a.contains("application/json") || a.contains("*/*") || a.contains("application/*");
    }

    /** Only a client that accepts the event stream but not JSON gets its answer as one server-sent event. */
    private static boolean wantsEventStream(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream") && !acceptsJson(accept);
    }

    private McpHttpResponse error(int status, RpcException e, boolean sse) {
        return respond(status, protocol.failure(null, e), sse, Map.of());
    }

    private static McpHttpResponse respond(int status, byte[] json, boolean sse, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        if (sse) {
            headers.put("Content-Type", "text/event-stream");
            headers.put("Cache-Control", "no-cache");
            byte[] body = ("event: message\ndata: " + new String(json, StandardCharsets.UTF_8) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            return new McpHttpResponse(status, headers, body);
        }
        headers.put("Content-Type", "application/json");
        return new McpHttpResponse(status, headers, json);
    }
}
