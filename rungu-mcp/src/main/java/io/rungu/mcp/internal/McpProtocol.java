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
    /** Supported protocol versions, newest first. */
    public static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    public static final String LATEST = VERSIONS.get(0);

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
                io.rungu.mcp.internal.tools.AuditTools.all(board)).flatMap(List::stream).toList();
        this.toolsByName = tools.stream().collect(Collectors.toMap(ToolSpec::name, Function.identity()));
        this.resources = new BoardResources(board);
        this.prompts = new BoardPrompts(board);
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
            return Optional.of(answer(request, actor, session, beforeWrite));
        }
        if (message instanceof Incoming.Notification n) {
            log.debug("notification {}", n.method());
        }
        return Optional.empty();
    }

    private byte[] answer(Incoming.Request request, Actor actor, McpSession session, Runnable beforeWrite) {
        try {
            return write(new Wire.Result(request.id(), dispatch(request, actor, session, beforeWrite)));
        } catch (RpcException e) {
            return failure(request.id(), e);
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            log.error("MCP {} failed (reference {})", request.method(), reference, e);
            return failure(request.id(), new RpcException(RpcException.INTERNAL_ERROR,
                    "Internal error (reference " + reference + ")"));
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

    private Object dispatch(Incoming.Request request, Actor actor, McpSession session, Runnable beforeWrite) {
        ObjectNode params = request.params();
        return switch (request.method()) {
            case "initialize" -> initialize(params, session);
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

    /** Negotiates the protocol version: the client's when supported, else the latest. */
    public static String negotiate(String requested) {
        return VERSIONS.contains(requested) ? requested : LATEST;
    }

    Wire.InitializeResult initialize(ObjectNode params, McpSession session) {
        String requested = requiredText(params, "protocolVersion");
        String version = negotiate(requested);
        session.initialize(version);
        JsonNode clientInfo = params.get("clientInfo");
        if (clientInfo != null && clientInfo.path("name").isTextual()) {
            session.clientName(clientInfo.path("name").asText());
        }
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("tools", Map.of("listChanged", false));
        capabilities.put("resources", Map.of("subscribe", false, "listChanged", false));
        capabilities.put("prompts", Map.of("listChanged", false));
        return new Wire.InitializeResult(version, capabilities,
                new Wire.Implementation("rungu", "Rungu", config.serverVersion),
                config.readOnly ? INSTRUCTIONS + "\nThis server is read-only: only read tools are available." : INSTRUCTIONS);
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
