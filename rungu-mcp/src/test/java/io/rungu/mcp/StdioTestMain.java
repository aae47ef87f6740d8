package io.rungu.mcp;

import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.store.RunguStore;

/**
 * A stdio MCP server process for the SDK client test: {@code StdioTestMain <db-file> <user-id> <role>}.
 * Everything it logs goes to stderr (slf4j-simple), so stdout carries only JSON-RPC.
 */
public final class StdioTestMain {
    private StdioTestMain() {}

    public static void main(String[] args) {
        try (RunguStore store = RunguStore.open(c -> c.url = "jdbc:sqlite:" + args[0])) {
            Actor actor = new Actor.Account(args[1], Role.parse(args[2]), Actor.Channel.AGENT, TokenScope.WRITE);
            RunguMcpServer.create(store.board(), cfg -> cfg.serverVersion = "sdk-test").runStdio(System.in, System.out, actor);
        }
    }
}
