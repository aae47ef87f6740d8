package io.rungu.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rungu.model.Actor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client talking to {@link RunguMcpServer#runStdio} over pipes, one line at a time. */
final class StdioConversation implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final PipedOutputStream toServer = new PipedOutputStream();
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1000);
    private final Thread server;
    private final Thread reader;
    private volatile Throwable failure;
    private int nextId = 1;

    StdioConversation(RunguMcpServer mcp, Actor actor) {
        try {
            PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
            PipedOutputStream serverOut = new PipedOutputStream();
            PipedInputStream fromServer = new PipedInputStream(serverOut, 1 << 16);
            server = new Thread(() -> {
                try (serverOut) {
                    mcp.runStdio(serverIn, serverOut, actor);
                } catch (Throwable t) {
                    failure = t;
                }
            }, "mcp-stdio-server");
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.put(line);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed its end
                }
            }, "mcp-stdio-reader");
            server.start();
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a raw line (a newline is added). */
    void send(String line) {
        try {
            toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void sendBytes(byte[] bytes) {
        try {
            toServer.write(bytes);
            toServer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line the server wrote, parsed; fails after 10 s of silence. */
    JsonNode receive() {
        try {
            String line = lines.poll(10, TimeUnit.SECONDS);
            if (line == null) {
                throw new AssertionError("no answer from the server within 10 s" + (failure == null ? "" : ": " + failure));
            }
            return JSON.readTree(line);
        } catch (InterruptedException | IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The next line, or null when none arrives within the wait. */
    String poll(long millis) throws InterruptedException {
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends a request with a fresh numeric id and returns the answer to it. */
    JsonNode request(String method, Object params) {
        int id = nextId++;
        var message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            message.set("params", JSON.valueToTree(params));
        }
        send(message.toString());
        JsonNode answer = receive();
        if (answer.path("id").asInt(-1) != id) {
            throw new AssertionError("expected the answer to request " + id + ", got " + answer);
        }
        return answer;
    }

    /** initialize + notifications/initialized with the given version; returns the initialize result. */
    JsonNode initialize(String version) {
        JsonNode result = request("initialize", java.util.Map.of("protocolVersion", version,
                "capabilities", java.util.Map.of(), "clientInfo", java.util.Map.of("name", "test", "version", "1")));
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return result.get("result");
    }

    /** tools/call; returns the CallToolResult. */
    JsonNode call(String tool, Object arguments) {
        JsonNode answer = request("tools/call", java.util.Map.of("name", tool, "arguments", arguments));
        if (!answer.has("result")) {
            throw new AssertionError("tools/call " + tool + " failed at protocol level: " + answer);
        }
        return answer.get("result");
    }

    /** Ends the input and waits for the server to return. */
    @Override
    public void close() {
        try {
            toServer.close();
            server.join(10_000);
            reader.join(10_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (failure != null) {
            throw new AssertionError("server failed", failure);
        }
    }

    boolean serverFinished() {
        return !server.isAlive();
    }
}
