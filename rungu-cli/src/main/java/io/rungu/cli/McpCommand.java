package io.rungu.cli;

import io.rungu.model.Actor;
import io.rungu.mcp.RunguMcpServer;
import io.rungu.store.RunguStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rungu mcp}: an MCP server on stdin/stdout for a local agent. Nothing but JSON-RPC goes to stdout; logs go
 * to stderr.
 */
@Command(name = "mcp", description = {
    "Serve the board to an AI agent over MCP (JSON-RPC on stdin/stdout).",
    "The agent acts as agent@rungu.local (a member) unless --as names another user."})
final class McpCommand implements Callable<Integer> {
    private final Context context;

    @Option(names = "--as", paramLabel = "EMAIL", description = "Act as this existing user, with that user's role.")
    String as;

    @Option(names = "--read-only", description = "Offer only reading tools.")
    boolean readOnly;

    McpCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (RunguStore store = context.openStore()) {
            Actor actor = as == null
                    ? CliAccounts.agent(store, readOnly)
                    : CliAccounts.existing(store, as, Actor.Channel.AGENT, readOnly);
            RunguMcpServer server;
            try {
                server = RunguMcpServer.create(store.board(), cfg -> {
                    cfg.readOnly = readOnly;
                    cfg.serverVersion = Version.current();
                });
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.INVALID, e.getMessage(), e);
            }
            server.runStdio(context.in, context.out, actor);
        }
        return ExitCode.OK;
    }
}
