package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.rungu.store.OAuthGrants;
import io.rungu.store.SelfSignedTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client ID Metadata Documents fetched over real TLS from a server on loopback, reached by a name only the injected
 * resolver knows (so the fetch connects to the address the guard checked): a valid document makes a client; a
 * document that names another client id, is too large or is missing is refused with the reason.
 */
class ClientMetadataDocumentTest {
    private static final String HOST = "clients.rungu.test";
    private static final String REDIRECT = "http://127.0.0.1:53682/callback";
    private static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;
    static TestServer server;
    static HttpsServer documents;

    @BeforeAll
    static void start() throws Exception {
        SelfSignedTls tls = SelfSignedTls.forHost(dir, HOST);
        documents = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        documents.setHttpsConfigurator(new HttpsConfigurator(tls.server()));
        documents.createContext("/", exchange -> {
            String doc = DOCUMENTS.get(exchange.getRequestURI().getPath());
            byte[] body = (doc == null ? "{}" : doc).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(doc == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        documents.start();
        server = TestServer.startWithAuth(dir, http -> {
            http.oauthAllowPrivateClients = true; // the document server is on loopback
            http.oauthClientResolver = host -> {
                if (!host.equals(HOST)) {
                    throw new java.net.UnknownHostException(host);
                }
                return List.of(InetAddress.getLoopbackAddress());
            };
            http.oauthClientTls = tls.client();
        });
    }

    @AfterAll
    static void stop() {
        server.close();
        documents.stop(0);
    }

    private static String clientId(String path) {
        return "https://" + HOST + ":" + documents.getAddress().getPort() + path;
    }

    private static TestServer.Res authorize(String clientId) {
        return server.get(server.base + "/oauth/authorize?response_type=code&client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge_method=S256&scope=read&code_challenge=" + "a".repeat(43));
    }

    @Test
    void a_valid_document_makes_a_client_with_its_name_and_redirect_uris() {
        String clientId = clientId("/agent.json");
        DOCUMENTS.put("/agent.json", "{\"client_id\":\"" + clientId + "\",\"client_name\":\"Doc Agent\","
                + "\"redirect_uris\":[\"" + REDIRECT + "\"],\"token_endpoint_auth_method\":\"none\"}");
        TestServer.Res r = authorize(clientId);
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        assertThat(r.header("Location")).startsWith("/authorize?");
        OAuthGrants.Client client = server.stores.store().oauth().findClient(clientId).orElseThrow();
        assertThat(client.name()).isEqualTo("Doc Agent");
        assertThat(client.redirectUris()).containsExactly(REDIRECT);
    }

    @Test
    void a_document_naming_another_client_id_or_too_large_or_missing_is_refused_with_the_reason() {
        String other = clientId("/other.json");
        DOCUMENTS.put("/other.json", "{\"client_id\":\"https://elsewhere.example/x.json\",\"redirect_uris\":[\""
                + REDIRECT + "\"]}");
        String large = clientId("/large.json");
        DOCUMENTS.put("/large.json", "{\"client_id\":\"" + large + "\",\"padding\":\"" + "x".repeat(70_000) + "\"}");
        Map<String, String> reasons = Map.of(other, "must equal its URL", large, "larger than 64 KB",
                clientId("/missing.json"), "answered HTTP 404");
        reasons.forEach((clientId, reason) -> {
            TestServer.Res r = authorize(clientId);
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as(r.toString()).contains(reason);
            assertThat(server.stores.store().oauth().findClient(clientId)).isEmpty();
        });
    }
}
