package io.rungu.notify.internal;

import io.rungu.model.OutboundAddresses;
import io.rungu.model.OutboundHttp;
import io.rungu.model.RunguException;
import io.rungu.model.Webhook;
import io.rungu.model.WebhookMessage;
import io.rungu.model.WebhookOutcome;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * Sends one webhook message attempt as the Standard Webhooks specification describes: a POST of the JSON body with
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} ({@code v1,} and the base64
 * HMAC-SHA256 of {@code id.timestamp.body}, keyed with the secret's base64-decoded part after {@code whsec_}).
 * Redirects are not followed; the address guard runs right before the connection, which goes to an address the
 * guard checked ({@link OutboundHttp}).
 */
public final class WebhookSender {
    private final OutboundHttp http;
    private final Duration timeout;
    private final String userAgent;
    private final Clock clock;

    /**
     * @param tls the TLS context of https endpoints; null for the JVM's default
     */
    public WebhookSender(OutboundAddresses addresses, SSLContext tls, Duration timeout, String userAgent,
            Clock clock) {
        this.http = new OutboundHttp(addresses, tls, timeout);
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.clock = clock;
    }

    /** Makes one attempt; never throws for a failure of the receiver, which the outcome describes. */
    public WebhookOutcome send(WebhookMessage message) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        try {
            URI url = URI.create(message.url());
            String timestamp = Long.toString(at.getEpochSecond());
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", userAgent);
            headers.put("webhook-id", message.messageId());
            headers.put("webhook-timestamp", timestamp);
            headers.put("webhook-signature", signature(message.secret(), message.messageId(), timestamp,
                    message.body()));
            OutboundHttp.Response response = http.exchange("url", "POST", url, headers,
                    message.body().getBytes(StandardCharsets.UTF_8), Webhook.SNIPPET_MAX_BYTES);
            String snippet = new String(response.body(), StandardCharsets.UTF_8);
            return new WebhookOutcome(at, response.status(), null, millis(start), snippet);
        } catch (RunguException e) {
            return new WebhookOutcome(at, null, "Refused: " + e.getMessage(), millis(start), null);
        } catch (SocketTimeoutException e) {
            return new WebhookOutcome(at, null, "Timed out after " + timeout.toMillis() + " ms", millis(start), null);
        } catch (IOException | IllegalArgumentException e) {
            String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new WebhookOutcome(at, null, text, millis(start), null);
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
