package io.rungu.mcp.internal;

import io.rungu.mcp.internal.rpc.RpcException;
import io.rungu.model.Actor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Newline-delimited JSON-RPC over a pair of streams: one message per line, answers written in order. */
public final class StdioTransport {
    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);

    private final McpProtocol protocol;
    private final int maxMessageBytes;

    public StdioTransport(McpProtocol protocol, int maxMessageBytes) {
        this.protocol = protocol;
        this.maxMessageBytes = maxMessageBytes;
    }

    public void run(InputStream in, OutputStream out, Actor actor) {
        McpSession session = new McpSession();
        BoundedLineReader reader = new BoundedLineReader(in, maxMessageBytes);
        log.debug("MCP stdio session started");
        try {
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                if (line.oversized()) {
                    log.warn("Dropped an MCP message larger than {} bytes", maxMessageBytes);
                    send(out, protocol.failure(null, tooLarge(maxMessageBytes)));
                    continue;
                }
                if (line.blank()) {
                    continue;
                }
                Optional<byte[]> answer = protocol.answer(protocol.parse(line.bytes()), actor, session);
                if (answer.isPresent()) {
                    send(out, answer.get());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("MCP stdio stream failed", e);
        }
        log.debug("MCP stdio session ended (end of input)");
    }

    static RpcException tooLarge(int maxBytes) {
        return new RpcException(RpcException.INVALID_REQUEST,
                "Message too large: the limit is " + maxBytes + " bytes per JSON-RPC message");
    }

    private static void send(OutputStream out, byte[] message) throws IOException {
        out.write(message);
        out.write('\n');
        out.flush();
    }
}
