package io.rungu.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rungu.model.Actor;
import io.rungu.model.NewProject;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.store.OAuthGrants;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP authorization flow against the real server, as an MCP client does it knowing only {@code <base>/mcp}:
 * the 401's resource metadata pointer, protected resource and authorization server metadata, Dynamic Client
 * Registration, the authorization endpoint and the consent API driven with a signed-in person's session cookie, the
 * code exchanged with PKCE, and tool calls with the access token; then every refusal the specification asks for.
 */
class McpOAuthFlowTest {
    private static final String REDIRECT = "http://127.0.0.1:53682/callback";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    static TestServer server;
    static String cookie;
    static String userId;

    @BeforeAll
    static void start() {
        server = TestServer.startWithAuth(dir, http -> {
            http.rateLimits.signInsPerIp = 10_000; // every test here registers and authorizes clients
            http.oauthClientResolver = McpOAuthFlowTest::resolve;
        });
        cookie = server.signIn("ada@example.com", Role.ADMIN);
        userId = server.req("GET", "/auth/me").header("Cookie", cookie).send().data().get("id").asText();
        server.board().createProject(Actor.of(userId, Role.ADMIN), new NewProject("Ideas", "ideas", ""));
    }

    /** Test names: one on a private network, one on loopback, nothing else resolves (no traffic leaves). */
    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.equals("clients.internal.example")) {
            return List.of(InetAddress.getByName("10.1.2.3"));
        }
        if (host.equals("loopback.example")) {
            return List.of(InetAddress.getByName("127.0.0.1"));
        }
        throw new UnknownHostException(host);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_client_knowing_only_the_mcp_url_authorizes_and_creates_a_post_recorded_with_its_name() {
        // 1. The unauthenticated request points at the protected resource metadata.
        TestServer.Res unauthorized = mcp(null, null, initialize());
        assertThat(unauthorized.status()).isEqualTo(401);
        String challenge = unauthorized.header("WWW-Authenticate");
        Matcher m = Pattern.compile("resource_metadata=\"([^\"]+)\"").matcher(challenge);
        assertThat(m.find()).as(challenge).isTrue();
        assertThat(challenge).contains("scope=\"read write\"");
        String resourceMetadataUrl = m.group(1);
        assertThat(resourceMetadataUrl).isEqualTo(server.base + "/.well-known/oauth-protected-resource");

        // 2. Discovery.
        JsonNode prm = server.get(resourceMetadataUrl).json();
        assertThat(prm.get("resource").asText()).isEqualTo(server.base + "/mcp");
        assertThat(server.get(server.base + "/.well-known/oauth-protected-resource/mcp").json()).isEqualTo(prm);
        String issuer = prm.get("authorization_servers").get(0).asText();
        JsonNode asm = server.get(issuer + "/.well-known/oauth-authorization-server").json();
        assertThat(asm.get("issuer").asText()).isEqualTo(issuer);
        assertThat(asm.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(asm.get("client_id_metadata_document_supported").asBoolean()).isTrue();
        TestServer.Res preflight = server.req("OPTIONS", "/oauth/token").header("Origin", "https://inspector.example")
                .header("Access-Control-Request-Method", "POST").send();
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");

        // 3. Registration, authorization (consent approved by the signed-in person), token.
        String clientId = register(asm.get("registration_endpoint").asText(), "Claude Test Connector");
        Tokens tokens = authorizeAndExchange(asm, clientId, "read write", server.base + "/mcp");
        assertThat(tokens.json.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.json.get("scope").asText()).isEqualTo("read write");

        // 4. MCP with the access token.
        String session = session(tokens.access);
        TestServer.Res created = mcp(tokens.access, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"create_post\",\"arguments\":{\"slug\":\"ideas\",\"title\":\"Posted by an agent\"}}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().at("/result/isError").asBoolean()).as(created.toString()).isFalse();

        JsonNode posts = server.req("GET", "/api/projects/ideas/posts").header("Cookie", cookie).send().data();
        assertThat(posts.toString()).contains("Posted by an agent");
        JsonNode audit = server.req("GET", "/api/audit?action=post.created").header("Cookie", cookie).send().data();
        assertThat(audit.get(0).get("client").asText()).isEqualTo("Claude Test Connector");
        assertThat(audit.get(0).get("channel").asText()).isEqualTo("mcp_http");

        // 5. The account's connected apps list it.
        JsonNode apps = server.req("GET", "/api/connected-apps").header("Cookie", cookie).send().data();
        assertThat(apps.toString()).contains("Claude Test Connector").contains("\"write\"");

        // 6. The access token is for /mcp only; API tokens keep working on /mcp.
        TestServer.Res rest = server.req("GET", "/api/projects").header("Authorization", "Bearer " + tokens.access).send();
        assertThat(rest.status()).isEqualTo(401);
        // Nor on a REST route whose URL merely ends in /mcp (a board called "mcp").
        TestServer.Res lookAlike = server.req("DELETE", "/api/projects/mcp")
                .header("Authorization", "Bearer " + tokens.access).send();
        assertThat(lookAlike.status()).isEqualTo(401);
        String apiToken = server.auth.createToken(Actor.of(userId, Role.ADMIN), "cli", TokenScope.WRITE).secret();
        assertThat(mcp(apiToken, null, initialize()).status()).isEqualTo(200);
    }

    @Test
    void a_token_for_another_resource_is_refused() {
        String clientId = register(server.base + "/oauth/register", "Other resource");
        String verifier = verifier();
        TestServer.Res authorize = server.get(authorizeUrl(clientId, challenge(verifier), "read",
                "https://other.example/mcp"));
        assertThat(authorize.status()).isEqualTo(302);
        assertThat(query(authorize.header("Location")).get("error")).isEqualTo("invalid_target");

        Tokens own = authorizeAndExchange(null, clientId, "read", server.base + "/mcp");
        assertThat(own.access).startsWith(OAuthGrants.ACCESS_PREFIX);
        // A code for this resource cannot be exchanged for another one.
        String v2 = verifier();
        String code = approve(clientId, challenge(v2), "read", null);
        TestServer.Res other = token(Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId,
                "redirect_uri", REDIRECT, "code_verifier", v2, "resource", "https://other.example/mcp"));
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("error").asText()).isEqualTo("invalid_target");

        // A grant made for another resource (another server on the same database) is refused here.
        OAuthGrants grants = server.stores.store().oauth();
        String v3 = verifier();
        String foreignCode = grants.approve(Actor.of(userId, Role.ADMIN), new OAuthGrants.AuthorizationRequest(clientId,
                REDIRECT, challenge(v3), "S256", "read", null), "https://elsewhere.example/mcp");
        String foreign = grants.exchange(foreignCode, clientId, REDIRECT, v3, null).accessToken();
        TestServer.Res refused = mcp(foreign, null, initialize());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(mcp(own.access, null, initialize()).status()).isEqualTo(200);
    }

    @Test
    void pkce_missing_or_wrong_is_refused() {
        String clientId = register(server.base + "/oauth/register", "PKCE");
        TestServer.Res noChallenge = server.get(authorizeUrl(clientId, null, "read", null));
        assertThat(noChallenge.status()).isEqualTo(302);
        assertThat(query(noChallenge.header("Location")).get("error")).isEqualTo("invalid_request");
        TestServer.Res plain = server.get(authorizeUrl(clientId, verifier(), "read", null).replace("S256", "plain"));
        assertThat(query(plain.header("Location")).get("error")).isEqualTo("invalid_request");

        String verifier = verifier();
        String code = approve(clientId, challenge(verifier), "read", null);
        TestServer.Res missing = token(Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId,
                "redirect_uri", REDIRECT));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).isEqualTo("invalid_grant");
        TestServer.Res wrong = token(Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId,
                "redirect_uri", REDIRECT, "code_verifier", verifier()));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(wrong.json().get("error_description").asText()).contains("code_verifier");
        TestServer.Res right = token(Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertThat(right.status()).as(right.toString()).isEqualTo(200);
        // The same code again: refused, and the tokens it gave are revoked.
        TestServer.Res again = token(Map.of("grant_type", "authorization_code", "code", code, "client_id", clientId,
                "redirect_uri", REDIRECT, "code_verifier", verifier));
        assertThat(again.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(mcp(right.json().get("access_token").asText(), null, initialize()).status()).isEqualTo(401);
    }

    @Test
    void a_revoked_grant_is_refused_whether_revoked_on_the_tokens_page_or_by_the_client() {
        String clientId = register(server.base + "/oauth/register", "Revoked app");
        Tokens tokens = authorizeAndExchange(null, clientId, "read write", null);
        assertThat(mcp(tokens.access, null, initialize()).status()).isEqualTo(200);
        JsonNode apps = server.req("GET", "/api/connected-apps").header("Cookie", cookie).send().data();
        String grantId = null;
        for (JsonNode app : apps) {
            if (app.get("client_id").asText().equals(clientId)) {
                grantId = app.get("id").asText();
            }
        }
        assertThat(grantId).isNotNull();
        assertThat(server.req("DELETE", "/api/connected-apps/" + grantId).header("Cookie", cookie).send().status())
                .isEqualTo(204);
        assertThat(mcp(tokens.access, null, initialize()).status()).isEqualTo(401);
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refresh, "client_id", clientId))
                .json().get("error").asText()).isEqualTo("invalid_grant");

        // RFC 7009: the client revokes its own refresh token, and the access token goes with it.
        Tokens second = authorizeAndExchange(null, clientId, "read", null);
        TestServer.Res revoked = server.req("POST", "/oauth/revoke").body("application/x-www-form-urlencoded",
                form(Map.of("token", second.refresh, "client_id", clientId))).send();
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(mcp(second.access, null, initialize()).status()).isEqualTo(401);
    }

    @Test
    void refresh_tokens_rotate_and_a_reused_one_revokes_the_grant() {
        String clientId = register(server.base + "/oauth/register", "Rotating app");
        Tokens first = authorizeAndExchange(null, clientId, "read write", null);
        TestServer.Res refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", first.refresh,
                "client_id", clientId, "scope", "read"));
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String access2 = refreshed.json().get("access_token").asText();
        String refresh2 = refreshed.json().get("refresh_token").asText();
        assertThat(refresh2).isNotEqualTo(first.refresh);
        assertThat(refreshed.json().get("scope").asText()).isEqualTo("read");
        assertThat(mcp(access2, null, initialize()).status()).isEqualTo(200);
        TestServer.Res widened = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh2,
                "client_id", clientId, "scope", "admin"));
        assertThat(widened.json().get("error").asText()).isEqualTo("invalid_scope");

        TestServer.Res reuse = token(Map.of("grant_type", "refresh_token", "refresh_token", first.refresh,
                "client_id", clientId));
        assertThat(reuse.status()).isEqualTo(400);
        assertThat(reuse.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(mcp(access2, null, initialize()).status()).as("the whole grant is revoked").isEqualTo(401);
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", refresh2, "client_id", clientId))
                .status()).isEqualTo(400);
    }

    @Test
    void client_id_metadata_documents_on_private_addresses_are_refused() {
        for (String host : List.of("clients.internal.example", "loopback.example")) {
            String clientId = "https://" + host + "/oauth/client.json";
            TestServer.Res r = server.get(authorizeUrl(clientId, challenge(verifier()), "read", null));
            assertThat(r.status()).as(r.toString()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains("private address");
            assertThat(server.stores.store().oauth().findClient(clientId)).isEmpty();
        }
    }

    @Test
    void registration_refuses_redirect_uris_that_are_not_https_or_loopback() {
        TestServer.Res r = server.req("POST", "/oauth/register").json("{\"client_name\":\"x\",\"redirect_uris\":"
                + "[\"http://evil.example/cb\"]}").send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_redirect_uri");
        String clientId = register(server.base + "/oauth/register", "Exact match");
        TestServer.Res other = server.get(authorizeUrl(clientId, challenge(verifier()), "read", null)
                .replace(URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8),
                        URLEncoder.encode(REDIRECT + "/x", StandardCharsets.UTF_8)));
        assertThat(other.status()).as("an unknown redirect URI is never redirected to").isEqualTo(400);
    }

    // --- the client's side ---

    private record Tokens(String access, String refresh, JsonNode json) {}

    private static String register(String endpoint, String name) {
        TestServer.Res r = server.req("POST", endpoint).json("{\"client_name\":\"" + name + "\",\"redirect_uris\":[\""
                + REDIRECT + "\"],\"grant_types\":[\"authorization_code\",\"refresh_token\"],"
                + "\"token_endpoint_auth_method\":\"none\"}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("client_id").asText();
    }

    private static Tokens authorizeAndExchange(JsonNode asm, String clientId, String scope, String resource) {
        String verifier = verifier();
        String code = approve(clientId, challenge(verifier), scope, resource);
        String tokenEndpoint = asm == null ? server.base + "/oauth/token" : asm.get("token_endpoint").asText();
        Map<String, String> params = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "client_id", clientId, "redirect_uri", REDIRECT, "code_verifier", verifier));
        if (resource != null) {
            params.put("resource", resource);
        }
        TestServer.Res r = server.req("POST", tokenEndpoint).body("application/x-www-form-urlencoded", form(params)).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return new Tokens(r.json().get("access_token").asText(), r.json().get("refresh_token").asText(), r.json());
    }

    /** The browser's part: the authorization endpoint sends it to the consent page, the person approves there. */
    private static String approve(String clientId, String challenge, String scope, String resource) {
        String state = verifier();
        TestServer.Res authorize = server.get(authorizeUrl(clientId, challenge, scope, resource) + "&state=" + state);
        assertThat(authorize.status()).as(authorize.toString()).isEqualTo(302);
        String consentPage = authorize.header("Location");
        assertThat(consentPage).startsWith("/authorize?");
        Map<String, String> q = query(consentPage);
        TestServer.Res info = server.req("GET", "/api/oauth/consent?" + consentPage.substring(consentPage.indexOf('?') + 1))
                .header("Cookie", cookie).send();
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.data().get("redirect_host").asText()).isEqualTo("127.0.0.1");
        StringBuilder body = new StringBuilder("{\"approve\":true");
        for (String key : List.of("client_id", "redirect_uri", "code_challenge", "code_challenge_method", "scope",
                "resource", "state")) {
            if (q.get(key) != null) {
                body.append(",\"").append(key).append("\":").append(TestServer.MAPPER.valueToTree(q.get(key)).toString());
            }
        }
        TestServer.Res consent = server.req("POST", "/api/oauth/consent").header("Cookie", cookie)
                .json(body.append('}').toString()).send();
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        Map<String, String> back = query(consent.data().get("redirect").asText());
        assertThat(consent.data().get("redirect").asText()).startsWith(REDIRECT + "?");
        assertThat(back.get("state")).isEqualTo(state);
        return back.get("code");
    }

    private static String authorizeUrl(String clientId, String challenge, String scope, String resource) {
        StringBuilder b = new StringBuilder(server.base + "/oauth/authorize?response_type=code&client_id=")
                .append(enc(clientId)).append("&redirect_uri=").append(enc(REDIRECT))
                .append("&code_challenge_method=S256&scope=").append(enc(scope));
        if (challenge != null) {
            b.append("&code_challenge=").append(challenge);
        }
        if (resource != null) {
            b.append("&resource=").append(enc(resource));
        }
        return b.toString();
    }

    private static TestServer.Res token(Map<String, String> params) {
        return server.req("POST", "/oauth/token").body("application/x-www-form-urlencoded", form(params)).send();
    }

    private static String session(String access) {
        TestServer.Res r = mcp(access, null, initialize());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.header("Mcp-Session-Id");
    }

    private static String initialize() {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"announced-name\",\"version\":\"1\"}}}";
    }

    private static TestServer.Res mcp(String bearer, String session, String json) {
        TestServer.Req req = server.req("POST", "/mcp").header("Accept", "application/json, text/event-stream").json(json);
        if (bearer != null) {
            req.header("Authorization", "Bearer " + bearer);
        }
        if (session != null) {
            req.header("Mcp-Session-Id", session);
        }
        return req.send();
    }

    private static byte[] form(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
