package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Server-Sent Events client for the tests: one HTTP request whose body a thread parses as the SSE format
 * (fields {@code id}, {@code event}, {@code data}; comment lines counted), as a browser's EventSource does.
 */
final class SseClient implements AutoCloseable {
    /** One received event; {@code data} parsed as JSON. */
    record Event(String id, String name, JsonNode data) {
        long sequence() {
            return Long.parseLong(id);
        }
    }

    final HttpResponse<InputStream> response;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    private volatile boolean ended;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens a stream at {@code url} with these request headers (name, value, ...); answers even when refused. */
    static SseClient open(String url, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(b::header);
        try {
            return new SseClient(HttpClient.newHttpClient().send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    /** The refusal's JSON body (for a status other than 200). */
    JsonNode error() throws IOException {
        try (InputStream in = response.body()) {
            return TestServer.MAPPER.readTree(in.readAllBytes());
        }
    }

    boolean ended() {
        return ended;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name == null ? "message" : name, TestServer.MAPPER.readTree(data.toString())));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        } finally {
            ended = true;
        }
    }

    /** The first event matching {@code match}, waiting up to 10 s for it. */
    Event await(Predicate<Event> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            for (Event e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            assertThat(System.nanoTime() - deadline).as("waited 10 s for an event; got " + events).isNegative();
            Thread.sleep(5);
        }
    }

    /** The first event named {@code name} about post {@code postId}. */
    Event await(String name, String postId) throws InterruptedException {
        return await(e -> e.name().equals(name) && postId.equals(text(e.data(), "id", "post_id")));
    }

    private static String text(JsonNode data, String... fields) {
        for (String f : fields) {
            if (data.hasNonNull(f)) {
                return data.get(f).asText();
            }
        }
        return null;
    }

    /** Every event received about post {@code postId}, by its id or post_id. */
    List<Event> about(String postId) {
        return events.stream().filter(e -> postId.equals(text(e.data(), "post_id")) || postId.equals(text(e.data(), "id")))
                .toList();
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
