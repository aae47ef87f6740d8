package io.rungu.mcp;

import io.rungu.mcp.internal.HttpTransport;
import io.rungu.mcp.internal.McpProtocol;
import io.rungu.mcp.internal.StdioTransport;
import io.rungu.model.Actor;
import io.rungu.store.Board;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An MCP server over one {@link Board}: tools for every board use case, boards and posts as Markdown resources,
 * and prompts for triage and summaries.
 *
 * <pre>{@code
 * RunguMcpServer mcp = RunguMcpServer.create(store.board(), cfg -> cfg.readOnly = true);
 * mcp.runStdio(System.in, System.out, agentActor);               // a local agent process
 * McpHttpResponse r = mcp.handleHttp(request, actorFromToken);    // Streamable HTTP, mounted by a web server
 * }</pre>
 *
 * <p>The actor passed with each call decides what is visible: write tools are listed and callable only for an
 * {@link Actor.Account} whose credentials may write, and never when {@link McpConfig#readOnly} is set. The server
 * is thread-safe; it writes nothing but JSON-RPC messages to the streams it is given and logs through slf4j.
 */
public final class RunguMcpServer {
    /**
     * Protocol versions this server speaks, newest first: 2026-07-28 (stateless: each request carries its version
     * and capabilities in {@code _meta}) and the session revisions negotiated by {@code initialize}.
     */
    public static final List<String> PROTOCOL_VERSIONS = McpProtocol.VERSIONS;

    private final int maxMessageBytes;
    private final McpProtocol protocol;
    private final HttpTransport http;

    private RunguMcpServer(McpConfig config, McpProtocol protocol) {
        this.maxMessageBytes = config.maxMessageBytes;
        this.protocol = protocol;
        this.http = new HttpTransport(protocol, config);
    }

    /**
     * Creates a server over a board.
     *
     * @param board     the board every tool, resource and prompt reads and changes
     * @param configure sets fields of a fresh {@link McpConfig}
     * @throws IllegalArgumentException listing every configuration problem and how to fix it
     */
    public static RunguMcpServer create(Board board, Consumer<McpConfig> configure) {
        Objects.requireNonNull(board, "board");
        McpConfig config = new McpConfig();
        configure.accept(config);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid Rungu MCP configuration:\n  - " + String.join("\n  - ", problems));
        }
        McpConfig fixed = config.copy(); // later changes to the caller's object do not reach a running server
        return new RunguMcpServer(fixed, new McpProtocol(board, fixed));
    }

    /** Creates a server with the default configuration. */
    public static RunguMcpServer create(Board board) {
        return create(board, cfg -> { });
    }

    /**
     * Serves one client over newline-delimited JSON-RPC until {@code in} ends. Each line is one message; a line
     * longer than {@link McpConfig#maxMessageBytes} is skipped without being held in memory and answered with
     * error -32600. Blocks the calling thread; requests are handled one at a time, in order.
     *
     * @param in    the client's messages (e.g. {@code System.in})
     * @param out   receives only JSON-RPC messages, one per line, flushed after each (e.g. {@code System.out})
     * @param actor who the agent acts as for every call
     * @throws java.io.UncheckedIOException when reading or writing the streams fails
     */
    public void runStdio(InputStream in, OutputStream out, Actor actor) {
        new StdioTransport(protocol, maxMessageBytes).run(in, out, Objects.requireNonNull(actor, "actor"));
    }

    /**
     * Answers one Streamable HTTP request to the MCP endpoint. POST carries one JSON-RPC message (a response is
     * JSON, or a single server-sent event when the client accepts only {@code text/event-stream}); GET answers 405
     * because this server starts no streams of its own; DELETE ends the session named by {@code Mcp-Session-Id}.
     * A 2026-07-28 request (its {@code _meta} or {@code MCP-Protocol-Version} says so) needs no session: it is
     * answered from what it carries, after its {@code MCP-Protocol-Version}, {@code Mcp-Method} and
     * {@code Mcp-Name} headers are checked against its body (400, error -32020, when they disagree), so any server
     * sharing the database can answer it. The caller authenticates the request first and passes the resulting
     * actor; this method checks the {@code Origin}, {@code Mcp-Session-Id} and {@code MCP-Protocol-Version} headers.
     *
     * @param request the HTTP request, header names in lower case
     * @param actor   who sent it; a session only serves the user that created it
     */
    public McpHttpResponse handleHttp(McpHttpRequest request, Actor actor) {
        return handleHttp(request, actor, () -> { });
    }

    /**
     * As {@link #handleHttp(McpHttpRequest, Actor)}, running {@code beforeWrite} before a tool that changes data
     * is called, so the host can charge the call to its write rate limit. A
     * {@link io.rungu.model.RunguException} it throws (e.g. RATE_LIMITED) refuses the call: the tool result is an
     * error ({@code isError: true}) with its message, as any other refusal.
     */
    public McpHttpResponse handleHttp(McpHttpRequest request, Actor actor, Runnable beforeWrite) {
        return http.handle(Objects.requireNonNull(request, "request"), Objects.requireNonNull(actor, "actor"),
                Objects.requireNonNull(beforeWrite, "beforeWrite"));
    }
}
