package io.rungu.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rungu.model.OutboundAddresses;
import io.rungu.model.OutboundHttp;
import io.rungu.model.RunguException;
import io.rungu.store.OAuthGrants;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Finds an OAuth client by its id: a registered client from the store, or, for an https URL, its Client ID Metadata
 * Document, fetched through the server-side request forgery guard (public addresses only unless allowed, no
 * redirects, at most {@link #MAX_BYTES} within {@link #TIMEOUT}) and cached in the store for {@link #CACHE_TTL}.
 * The host name is resolved once, for the check, and the fetch connects to an address the check passed
 * ({@link OutboundHttp}), so a name that changes its answer in between (DNS rebinding) cannot steer it inside.
 */
public final class ClientMetadata {
    static final int MAX_BYTES = 64 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration CACHE_TTL = Duration.ofHours(1);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OAuthGrants grants;
    private final OutboundHttp http;
    private final Clock clock;

    /** @param tls the TLS context documents are fetched with; null for the JVM's default */
    public ClientMetadata(OAuthGrants grants, OutboundAddresses addresses, SSLContext tls, Clock clock) {
        this.grants = grants;
        this.http = new OutboundHttp(addresses, tls, TIMEOUT);
        this.clock = clock;
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
        OutboundHttp.Response response;
        try {
            response = http.exchange("client_id", "GET", url, Map.of("Accept", "application/json"), null, MAX_BYTES);
        } catch (IOException e) {
            throw RunguException.invalid("client_id", "The client metadata document could not be fetched: "
                    + e.getClass().getSimpleName());
        }
        if (response.status() != 200) {
            throw RunguException.invalid("client_id", "The client metadata document answered HTTP "
                    + response.status());
        }
        if (response.truncated()) {
            throw RunguException.invalid("client_id", "The client metadata document is larger than "
                    + MAX_BYTES / 1024 + " KB");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw RunguException.invalid("client_id", "The client metadata document is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw RunguException.invalid("client_id", "The client metadata document is not a JSON object");
        }
        return node;
    }
}
