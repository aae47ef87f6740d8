package io.rungu.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rungu.mcp.McpConfig;
import io.rungu.mcp.internal.content.BoardPrompts;
import io.rungu.mcp.internal.content.BoardResources;
import io.rungu.mcp.internal.rpc.Incoming;
import io.rungu.mcp.internal.rpc.RpcException;
import io.rungu.mcp.internal.rpc.Wire;
import io.rungu.mcp.internal.tools.Args;
import io.rungu.mcp.internal.tools.BoardTools;
import io.rungu.mcp.internal.tools.Schemas;
import io.rungu.mcp.internal.tools.ToolSpec;
import io.rungu.model.Actor;
import io.rungu.model.RunguException;
import io.rungu.store.Board;
import io.rungu.wire.WireJson;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The MCP methods over JSON-RPC, independent of the transport. Thread-safe. */
public final class McpProtocol {
    /** Stateless revisions: each request carries its version and capabilities in {@code _meta}; no session. */
    public static final List<String> STATELESS_VERSIONS = List.of("2026-07-28");
    /** Revisions negotiated by {@code initialize}, served in a session (HTTP) or for the process (stdio). */
    public static final List<String> SESSION_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /** Supported protocol versions, newest first. */
    public static final List<String> VERSIONS = java.util.stream.Stream.concat(STATELESS_VERSIONS.stream(),
            SESSION_VERSIONS.stream()).toList();
    /** What {@code initialize} offers a client asking for a version it does not know. */
    public static final String LATEST = SESSION_VERSIONS.get(0);

    /** The per-request fields of 2026-07-28, in {@code params._meta}. */
    public static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    static final String META_CLIENT = "io.modelcontextprotocol/clientInfo";
    static final String META_SERVER = "io.modelcontextprotocol/serverInfo";
    /** How long a client may reuse the lists of tools, prompts and templates, and discovery (ms). */
    static final long LIST_TTL_MS = 300_000;

    /** The answer to one stateless request: the HTTP status it calls for and the JSON-RPC message. */
    public record Reply(int status, byte[] body) {}

    private static final Logger log = LoggerFactory.getLogger(McpProtocol.class);
    private static final String INSTRUCTIONS = """
            Rungu is a product-feedback board. Boards (projects) are addressed by slug, posts and comments by id.
            Start with list_projects, then list_posts or search_posts; get_post with include_comments=true shows a \
            discussion. Boards and posts are also readable as Markdown resources (rungu://projects/{slug}, \
            rungu://posts/{id}). You act as your own account with its permissions (whoami tells them): members create \
            posts, vote, comment and edit their own posts; only admins change statuses and manage boards. A refused or \
            invalid call comes back as a tool result with isError=true and a message saying what to fix.""";

    /** The refusal of a write tool on a server configured read-only (whatever the credentials). */
    static final String READ_ONLY_SERVER = "This MCP server is read-only; only read tools are available";

    private final ObjectMapper mapper = WireJson.newMapper();
    private final ObjectMapper requests = WireJson.newRequestMapper();
    private final McpConfig config;
    private final List<ToolSpec> tools;
    private final Map<String, ToolSpec> toolsByName;
    private final BoardResources resources;
    private final BoardPrompts prompts;

    public McpProtocol(Board board, McpConfig config) {
        this.config = config;
        this.tools = java.util.stream.Stream.of(BoardTools.all(board, config.readOnly, config.basePath),
                io.rungu.mcp.internal.tools.ModerationTools.all(board),
                io.rungu.mcp.internal.tools.DefinitionTools.all(board),
                io.rungu.mcp.internal.tools.AuditTools.all(board),
                io.rungu.mcp.internal.tools.AccountTools.all(board),
                io.rungu.mcp.internal.tools.WebhookTools.all(board)).flatMap(List::stream).toList();
        this.toolsByName = tools.stream().collect(Collectors.toMap(ToolSpec::name, Function.identity()));
        this.resources = new BoardResources(board);
        this.prompts = new BoardPrompts(board, config.clock);
    }

    public Incoming parse(byte[] message) {
        return Incoming.parse(requests, message);
    }

    /** The answer to one message, or empty for notifications and client responses. */
    public Optional<byte[]> answer(Incoming message, Actor actor, McpSession session) {
        return answer(message, actor, session, () -> { });
    }

    /** As above; {@code beforeWrite} runs before each write tool call, and what it throws refuses the call. */
    public Optional<byte[]> answer(Incoming message, Actor actor, McpSession session, Runnable beforeWrite) {
        if (message instanceof Incoming.Invalid invalid) {
            return Optional.of(failure(invalid.id(), invalid.error()));
        }
        if (message instanceof Incoming.Request request) {
            if (isStateless(request)) {
                return Optional.of(answerStateless(request, actor, beforeWrite).body());
            }
            return Optional.of(answer(request, actor, session, beforeWrite));
        }
        if (message instanceof Incoming.Notification n) {
            log.debug("notification {}", n.method());
        }
        return Optional.empty();
    }

    /**
     * Whether a request is a 2026-07-28 one: it carries the per-request protocol version in {@code _meta}, or is
     * {@code server/discover}, which only that revision has. {@code initialize} always starts a session.
     */
    public boolean isStateless(Incoming.Request request) {
        if (request.method().equals("initialize")) {
            return false;
        }
        if (request.method().equals("server/discover")) {
            return true;
        }
        JsonNode meta = request.params().get("_meta");
        return meta != null && meta.isObject() && meta.has(META_VERSION);
    }

    /**
     * Answers a 2026-07-28 request from what it carries alone: its {@code _meta} gives the version, the client's
     * capabilities and name; nothing is kept for later requests, so any server of a deployment can answer it.
     * Malformed or unsupported {@code _meta} is 400, an unknown method 404, anything else 200.
     */
    public Reply answerStateless(Incoming.Request request, Actor actor, Runnable beforeWrite) {
        McpSession session;
        try {
            session = requestSession(request.params());
        } catch (RpcException e) {
            return new Reply(400, failure(request.id(), e));
        }
        try {
            Object result = dispatch(request, actor, session, beforeWrite, true);
            return new Reply(200, write(new Wire.Result(request.id(), shape(request.method(), result))));
        } catch (RpcException e) {
            if (e.code() == RpcException.RESOURCE_NOT_FOUND) { // 2026-07-28 retired -32002 for invalid params
                e = new RpcException(RpcException.INVALID_PARAMS, e.getMessage(), e.data());
            }
            return new Reply(e.code() == RpcException.METHOD_NOT_FOUND ? 404 : 200, failure(request.id(), e));
        } catch (RuntimeException e) {
            return new Reply(500, internalError(request, e));
        }
    }

    /** Reads the per-request fields; the "session" lives for this one request. */
    private static McpSession requestSession(ObjectNode params) {
        JsonNode meta = params.get("_meta");
        if (meta == null || !meta.isObject()) {
            throw RpcException.invalidParams("\"params._meta\" is required: it carries " + META_VERSION + " and "
                    + META_CAPABILITIES + " on every request of protocol version " + STATELESS_VERSIONS.get(0));
        }
        JsonNode version = meta.get(META_VERSION);
        if (version == null || !version.isTextual()) {
            throw RpcException.invalidParams("\"_meta\" must carry \"" + META_VERSION + "\" as a string");
        }
        if (!STATELESS_VERSIONS.contains(version.asText())) {
            throw unsupportedVersion(version.asText());
        }
        JsonNode capabilities = meta.get(META_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            throw RpcException.invalidParams("\"_meta\" must carry \"" + META_CAPABILITIES
                    + "\" as an object ({} when the client has none)");
        }
        McpSession session = new McpSession();
        session.initialize(version.asText());
        JsonNode client = meta.get(META_CLIENT);
        if (client != null && client.path("name").isTextual()) {
            session.clientName(client.path("name").asText());
        }
        return session;
    }

    /** The UnsupportedProtocolVersion error of 2026-07-28, listing every version this server speaks. */
    public static RpcException unsupportedVersion(String requested) {
        String hint = SESSION_VERSIONS.contains(requested)
                ? " (" + requested + " is served in a session: send initialize without _meta)" : "";
        return new RpcException(RpcException.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version: "
                + requested + hint + "; supported: " + String.join(", ", VERSIONS),
                Map.of("supported", VERSIONS, "requested", requested));
    }

    /** A result as 2026-07-28 shapes it: resultType, the server's identity, and cache hints on lists and reads. */
    private ObjectNode shape(String method, Object result) {
        ObjectNode node = mapper.valueToTree(result);
        node.put("resultType", "complete");
        switch (method) {
            // Tools depend on the caller's permissions and reads on what the caller may see: private caches only.
            case "tools/list", "prompts/list", "resources/templates/list" -> cache(node, LIST_TTL_MS, "private");
            case "resources/list", "resources/read" -> cache(node, 0, "private");
            case "server/discover" -> cache(node, LIST_TTL_MS, "public");
            default -> { }
        }
        ObjectNode meta = node.putObject("_meta");
        meta.set(META_SERVER, mapper.valueToTree(serverInfo()));
        return node;
    }

    private static void cache(ObjectNode node, long ttlMs, String scope) {
        node.put("ttlMs", ttlMs);
        node.put("cacheScope", scope);
    }

    private Wire.Implementation serverInfo() {
        return new Wire.Implementation("rungu", "Rungu", config.serverVersion);
    }

    private byte[] internalError(Incoming.Request request, RuntimeException e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        log.error("MCP {} failed (reference {})", request.method(), reference, e);
        return failure(request.id(), new RpcException(RpcException.INTERNAL_ERROR,
                "Internal error (reference " + reference + ")"));
    }

    private byte[] answer(Incoming.Request request, Actor actor, McpSession session, Runnable beforeWrite) {
        try {
            return write(new Wire.Result(request.id(), dispatch(request, actor, session, beforeWrite, false)));
        } catch (RpcException e) {
            return failure(request.id(), e);
        } catch (RuntimeException e) {
            return internalError(request, e);
        }
    }

    /** A JSON-RPC error message. */
    public byte[] failure(JsonNode id, RpcException e) {
        return write(new Wire.Failure(id, e));
    }

    private byte[] write(Object message) {
        try {
            return mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object dispatch(Incoming.Request request, Actor actor, McpSession session, Runnable beforeWrite,
                            boolean stateless) {
        ObjectNode params = request.params();
        String method = request.method();
        if (stateless ? method.equals("initialize") || method.equals("ping") : method.equals("server/discover")) {
            throw new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found: " + method + (stateless
                    ? " (protocol version " + STATELESS_VERSIONS.get(0) + " has no " + method + ")"
                    : " (server/discover belongs to protocol version " + STATELESS_VERSIONS.get(0) + ")"));
        }
        return switch (method) {
            case "initialize" -> initialize(params, session);
            case "server/discover" -> new Wire.DiscoverResult(STATELESS_VERSIONS, capabilities(), serverInfo(),
                    instructions());
            case "ping" -> Map.of();
            case "tools/list" -> new Wire.ListToolsResult(visibleTools(actor).stream()
                    .map(t -> describe(t, session.structuredOutput())).toList(), null);
            case "tools/call" -> callTool(params, actor, session, beforeWrite);
            case "resources/list" -> resources.list(actor, optionalText(params, "cursor"));
            case "resources/templates/list" -> resources.templates();
            case "resources/read" -> resources.read(actor, requiredText(params, "uri"));
            case "prompts/list" -> prompts.list();
            case "prompts/get" -> prompts.get(actor, requiredText(params, "name"), promptArguments(params));
            default -> throw new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found: " + request.method());
        };
    }

    /** Negotiates a session's protocol version: the client's when it is a session revision, else the latest. */
    public static String negotiate(String requested) {
        return SESSION_VERSIONS.contains(requested) ? requested : LATEST;
    }

    Wire.InitializeResult initialize(ObjectNode params, McpSession session) {
        String requested = requiredText(params, "protocolVersion");
        String version = negotiate(requested);
        session.initialize(version);
        JsonNode clientInfo = params.get("clientInfo");
        if (clientInfo != null && clientInfo.path("name").isTextual()) {
            session.clientName(clientInfo.path("name").asText());
        }
        return new Wire.InitializeResult(version, capabilities(), serverInfo(), instructions());
    }

    private static Map<String, Object> capabilities() {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("tools", Map.of("listChanged", false));
        capabilities.put("resources", Map.of("subscribe", false, "listChanged", false));
        capabilities.put("prompts", Map.of("listChanged", false));
        return capabilities;
    }

    private String instructions() {
        return config.readOnly ? INSTRUCTIONS + "\nThis server is read-only: only read tools are available." : INSTRUCTIONS;
    }

    private boolean mayWrite(Actor actor) {
        return !config.readOnly && actor instanceof Actor.Account account && account.canWrite();
    }

    private List<ToolSpec> visibleTools(Actor actor) {
        boolean write = mayWrite(actor);
        return tools.stream().filter(t -> write || !t.write()).toList();
    }

    private Wire.Tool describe(ToolSpec t, boolean structured) {
        var annotations = new Wire.ToolAnnotations(t.title(), !t.write(), t.destructive(), t.idempotent(), false);
        return new Wire.Tool(t.name(), structured ? t.title() : null, t.description(), Schemas.input(t.params()),
                structured ? Schemas.output(t.output()) : null, annotations);
    }

    private Wire.CallToolResult callTool(ObjectNode params, Actor actor, McpSession session, Runnable beforeWrite) {
        String name = requiredText(params, "name");
        ToolSpec tool = toolsByName.get(name);
        if (tool == null) {
            throw RpcException.invalidParams("Unknown tool: " + name + " (tools/list shows the tools)");
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw RpcException.invalidParams("\"arguments\" must be an object");
        }
        ObjectNode args = arguments == null || arguments.isNull() ? mapper.createObjectNode() : (ObjectNode) arguments;
        if (actor instanceof Actor.Account account && account.client() == null && session.clientName() != null) {
            // The audit log names the MCP client: the OAuth client the person authorized, else the one it announced.
            actor = account.withClient(session.clientName());
        }
        log.debug("MCP tool {} called by {}", name, actor.userId());
        try {
            if (tool.write() && config.readOnly) {
                throw RunguException.forbidden(READ_ONLY_SERVER);
            }
            // Read-only or anonymous credentials reach the Board, which refuses a write with its one message;
            // only calls that may write are charged to the write limit.
            if (tool.write() && mayWrite(actor)) {
                beforeWrite.run();
            }
            Record output = tool.handler().call(actor, Args.parse(tool.params(), args));
            String text = mapper.writeValueAsString(output);
            return new Wire.CallToolResult(List.of(new Wire.TextContent(text)),
                    session.structuredOutput() ? output : null, false);
        } catch (RunguException e) {
            log.debug("MCP tool {} refused: {} ({})", name, e.getMessage(), e.code().wire());
            return new Wire.CallToolResult(List.of(new Wire.TextContent(errorText(e))), null, true);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message, the kind of failure and, when they add something, the problems per field. */
    static String errorText(RunguException e) {
        StringBuilder text = new StringBuilder(e.getMessage()).append(" (").append(e.code().wire()).append(')');
        String details = e.fields().entrySet().stream()
                .filter(f -> !f.getValue().equals(e.getMessage()))
                .map(f -> f.getKey() + ": " + f.getValue())
                .collect(Collectors.joining("; "));
        if (!details.isEmpty()) {
            text.append(". ").append(details);
        }
        return text.toString();
    }

    private static String requiredText(ObjectNode params, String name) {
        JsonNode node = params.get(name);
        if (node == null || !node.isTextual()) {
            throw RpcException.invalidParams("\"" + name + "\" is required and must be a string");
        }
        return node.asText();
    }

    private static String optionalText(ObjectNode params, String name) {
        JsonNode node = params.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw RpcException.invalidParams("\"" + name + "\" must be a string");
        }
        return node.asText();
    }

    private static Map<String, String> promptArguments(ObjectNode params) {
        JsonNode node = params.get("arguments");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw RpcException.invalidParams("\"arguments\" must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var f : node.properties()) {
            if (f.getValue().isNull()) {
                continue;
            }
            if (!f.getValue().isTextual()) {
                throw RpcException.invalidParams("Prompt argument '" + f.getKey() + "' must be a string");
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }
}
