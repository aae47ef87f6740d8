package io.rungu.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rungu.model.OutboundAddresses;
import io.rungu.model.RunguException;
import io.rungu.store.OAuthGrants;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds an OAuth client by its id: a registered client from the store, or, for an https URL, its Client ID Metadata
 * Document, fetched through the server-side request forgery guard (public addresses only unless allowed, no
 * redirects, at most {@link #MAX_BYTES} within {@link #TIMEOUT}) and cached in the store for {@link #CACHE_TTL}.
 * The host name is resolved for the check and again by the HTTP client; a name that changes its answer in between
 * (DNS rebinding) is a known limit of this guard.
 */
public final class ClientMetadata {
    static final int MAX_BYTES = 64 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration CACHE_TTL = Duration.ofHours(1);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OAuthGrants grants;
    private final OutboundAddresses addresses;
    private final Clock clock;
    /** Made on first use: building one sets up TLS, which a server start need not wait for. */
    private volatile HttpClient http;

    public ClientMetadata(OAuthGrants grants, OutboundAddresses addresses, Clock clock) {
        this.grants = grants;
        this.addresses = addresses;
        this.clock = clock;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }

    /**
     * The client named by {@code clientId}.
     *
     * @throws RunguException INVALID (field {@code client_id}) for an unknown client or a document that cannot be
     *                        fetched or is not valid
     */
    public OAuthGrants.Client find(String clientId) {
        Optional<OAuthGrants.Client> known = grants.findClient(clientId);
        if (!OAuthGrants.isClientIdUrl(clientId)) {
            return known.orElseThrow(() -> RunguException.invalid("client_id",
                    "Unknown client_id; register the client first (POST /oauth/register) or use a client id metadata "
                            + "document URL"));
        }
        if (known.isPresent() && known.get().fetchedAt() != null
                && known.get().fetchedAt().plus(CACHE_TTL).isAfter(clock.instant())) {
            return known.get();
        }
        JsonNode doc = fetch(URI.create(clientId));
        if (!clientId.equals(doc.path("client_id").asText(null))) {
            throw RunguException.invalid("client_id", "The client metadata document's client_id must equal its URL");
        }
        String method = doc.path("token_endpoint_auth_method").asText("none");
        if (!method.equals("none")) {
            throw RunguException.invalid("client_id", "Only public clients (token_endpoint_auth_method \"none\") are "
                    + "supported, the document asks for " + method);
        }
        List<String> uris = new ArrayList<>();
        doc.path("redirect_uris").forEach(u -> uris.add(u.asText()));
        return grants.saveMetadataClient(clientId, doc.path("client_name").asText(null), uris);
    }

    private JsonNode fetch(URI url) {
        addresses.check("client_id", url);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Accept", "application/json").GET()
                .build();
        try {
            HttpResponse<InputStream> response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw RunguException.invalid("client_id", "The client metadata document answered HTTP "
                            + response.statusCode());
                }
                byte[] body = in.readNBytes(MAX_BYTES + 1);
                if (body.length > MAX_BYTES) {
                    throw RunguException.invalid("client_id", "The client metadata document is larger than "
                            + MAX_BYTES / 1024 + " KB");
                }
                JsonNode node = MAPPER.readTree(body);
                if (node == null || !node.isObject()) {
                    throw RunguException.invalid("client_id", "The client metadata document is not a JSON object");
                }
                return node;
            }
        } catch (IOException e) {
            throw RunguException.invalid("client_id", "The client metadata document could not be fetched: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RunguException.invalid("client_id", "The client metadata document could not be fetched");
        }
    }
}
