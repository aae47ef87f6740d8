package io.rungu.examples;

import io.rungu.mcp.RunguMcpServer;
import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import io.rungu.store.RunguStore;
import java.nio.file.Path;

/**
 * Serves a board to a local AI agent over MCP on stdin/stdout, in-process on the same store the host uses. The
 * agent acts as its own member account; with {@code --read-only} it gets only reading tools. Nothing but JSON-RPC
 * may be written to stdout, so the host logs to stderr.
 *
 * <p>Configure an MCP client with the command {@code java -cp ... io.rungu.examples.McpStdioExample rungu.db}.
 */
public final class McpStdioExample {
    private McpStdioExample() {}

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "rungu.db").toAbsolutePath();
        boolean readOnly = args.length > 1 && args[1].equals("--read-only");

        try (RunguStore store = RunguStore.open(db -> db.url = "jdbc:sqlite:" + file)) {
            User agent = store.accounts().ensureUser("agent@example.com", "Triage agent", Role.MEMBER);
            Actor actor = new Actor.Account(agent.id(), agent.role(), Actor.Channel.AGENT,
                    readOnly ? TokenScope.READ : TokenScope.WRITE);

            RunguMcpServer server = RunguMcpServer.create(store.board(), mcp -> mcp.readOnly = readOnly);
            server.runStdio(System.in, System.out, actor);
        }
    }
}
