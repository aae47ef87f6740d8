package io.rungu.notify.internal;

import io.rungu.model.OutboundAddresses;
import io.rungu.model.RunguException;
import io.rungu.model.Webhook;
import io.rungu.model.WebhookMessage;
import io.rungu.model.WebhookOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one webhook message attempt as the Standard Webhooks specification describes: a POST of the JSON body with
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} ({@code v1,} and the base64
 * HMAC-SHA256 of {@code id.timestamp.body}, keyed with the secret's base64-decoded part after {@code whsec_}).
 * Redirects are not followed; the address guard runs right before the connection.
 */
public final class WebhookSender {
    /** Made on first use: building one sets up TLS, which a server start need not wait for. */
    private volatile HttpClient client;
    private final OutboundAddresses addresses;
    private final Duration timeout;
    private final String userAgent;
    private final Clock clock;

    public WebhookSender(OutboundAddresses addresses, Duration timeout, String userAgent, Clock clock) {
        this.addresses = addresses;
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** Makes one attempt; never throws for a failure of the receiver, which the outcome describes. */
    public WebhookOutcome send(WebhookMessage message) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        try {
            URI url = URI.create(message.url());
            addresses.check("url", url);
            String timestamp = Long.toString(at.getEpochSecond());
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", userAgent)
                    .header("webhook-id", message.messageId())
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", signature(message.secret(), message.messageId(), timestamp,
                            message.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            String snippet;
            try (InputStream body = response.body()) {
                snippet = new String(body.readNBytes(Webhook.SNIPPET_MAX_BYTES), StandardCharsets.UTF_8);
            }
            return new WebhookOutcome(at, response.statusCode(), null, millis(start), snippet);
        } catch (RunguException e) {
            return new WebhookOutcome(at, null, "Refused: " + e.getMessage(), millis(start), null);
        } catch (HttpTimeoutException e) {
            return new WebhookOutcome(at, null, "Timed out after " + timeout.toMillis() + " ms", millis(start), null);
        } catch (IOException | IllegalArgumentException e) {
            String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new WebhookOutcome(at, null, text, millis(start), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookOutcome(at, null, "Interrupted (the server is stopping)", millis(start), null);
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The {@code webhook-signature} header value: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. */
    public static String signature(String secret, String messageId, String timestamp, String body) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
