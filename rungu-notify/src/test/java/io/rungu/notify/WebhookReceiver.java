package io.rungu.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request and answers with the next queued
 * status (200 once the queue is empty). {@link #verify} checks a request as the Standard Webhooks specification
 * says a receiver must, written here from the specification, independent of the sender's code.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Request(String id, String timestamp, String signature, String contentType, String body,
            Instant receivedAt) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private volatile int defaultStatus = 200;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            requests.add(new Request(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), h.getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8), Instant.now()));
            Integer status = answers.poll();
            byte[] answer = ("answer " + (status == null ? defaultStatus : status)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? defaultStatus : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers the next requests with these statuses, in order. */
    public void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    /** The status answered once the queued ones are used up. */
    public void answerAlways(int status) {
        defaultStatus = status;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /**
     * True when {@code request} carries a valid signature for {@code secret}: the key is the base64-decoded part
     * after {@code whsec_}; the signed content is {@code id.timestamp.body}; the header holds space-separated
     * {@code v1,<base64>} signatures, one of which must match (compared in constant time).
     */
    public static boolean verify(Request request, String secret) throws Exception {
        if (request.id() == null || request.timestamp() == null || request.signature() == null) {
            return false;
        }
        long timestamp = Long.parseLong(request.timestamp());
        if (Math.abs(Instant.now().getEpochSecond() - timestamp) > 5 * 60) {
            return false; // the spec's tolerance against replays
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((request.id() + "." + request.timestamp() + "." + request.body())
                .getBytes(StandardCharsets.UTF_8));
        for (String part : request.signature().split(" ")) {
            String[] versioned = part.split(",", 2);
            if (versioned.length == 2 && versioned[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
