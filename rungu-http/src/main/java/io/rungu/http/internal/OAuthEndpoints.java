package io.rungu.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.rungu.http.internal.Route.Access;
import io.rungu.http.internal.Route.Shape;
import io.rungu.model.Actor;
import io.rungu.model.ErrorCode;
import io.rungu.model.RunguException;
import io.rungu.store.OAuthGrants;
import io.rungu.wire.Wire;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rungu as the OAuth 2.1 authorization server of its own MCP endpoint, as the MCP authorization specification
 * describes: protected resource metadata (RFC 9728), authorization server metadata (RFC 8414), the authorization
 * endpoint (which sends the browser to the web app's consent page), the token endpoint (authorization code with
 * PKCE, refresh), Dynamic Client Registration (RFC 7591), revocation (RFC 7009), the consent API the web app calls and
 * the account's connected apps. Every rule lives in {@link OAuthGrants}; this class parses and renders.
 */
public final class OAuthEndpoints {
    /** Longest form body of a token or revocation request. */
    static final int MAX_FORM_BYTES = 16 * 1024;
    private static final List<String> CONSENT_FIELDS = List.of("client_id", "redirect_uri", "code_challenge",
            "code_challenge_method", "scope", "resource", "state", "approve");

    private final OAuthGrants grants;
    private final ClientMetadata clients;
    private final Requests requests;
    private final Guard guard;
    private final boolean rootLevel;

    /** @param rootLevel true when the board is at the root, so the path-suffixed RFC 9728 URL is served too */
    public OAuthEndpoints(OAuthGrants grants, ClientMetadata clients, Requests requests, Guard guard, boolean rootLevel) {
        this.grants = grants;
        this.clients = clients;
        this.requests = requests;
        this.guard = guard;
        this.rootLevel = rootLevel;
    }

    public void register(RouteTable t) {
        t.add(HandlerType.GET, "/.well-known/oauth-protected-resource", this::resourceMetadata)
                .doc("oauth", "OAuth protected resource metadata of /mcp (RFC 9728)", Access.PUBLIC)
                .reply(200, Shape.JSON, "ProtectedResourceMetadata").anonymousOnly().done();
        if (rootLevel) {
            t.add(HandlerType.GET, "/.well-known/oauth-protected-resource/mcp", this::resourceMetadata)
                    .doc("oauth", "OAuth protected resource metadata of /mcp, path-suffixed form (RFC 9728)",
                            Access.PUBLIC).reply(200, Shape.JSON, "ProtectedResourceMetadata").anonymousOnly().done();
        }
        t.add(HandlerType.GET, "/.well-known/oauth-authorization-server", this::serverMetadata)
                .doc("oauth", "OAuth authorization server metadata (RFC 8414)", Access.PUBLIC)
                .reply(200, Shape.JSON, "AuthorizationServerMetadata").anonymousOnly().done();
        t.add(HandlerType.GET, "/oauth/authorize", this::authorize)
                .doc("oauth", "Authorization endpoint: checks the request and redirects to the consent page",
                        Access.PUBLIC).reply(302, Shape.NONE, null)
                .also(400, "Unknown client or redirect URI (shown, never redirected to)", null)
                .kind(RateLimiter.Kind.SIGN_IN).anonymousOnly().done();
        t.add(HandlerType.POST, "/oauth/token", this::token)
                .doc("oauth", "Token endpoint: authorization_code (with PKCE) or refresh_token grant, form-encoded",
                        Access.PUBLIC).reply(200, Shape.JSON, "OAuthTokens")
                .also(400, "OAuth error: invalid_grant, invalid_request, invalid_target, ...", "OAuthError")
                .kind(RateLimiter.Kind.WRITE).anonymousOnly().done();
        t.add(HandlerType.POST, "/oauth/register", this::registerClient)
                .doc("oauth", "Dynamic Client Registration (RFC 7591) of a public client", Access.PUBLIC)
                .reply(201, Shape.JSON, "ClientRegistration")
                .also(400, "invalid_redirect_uri or invalid_client_metadata", "OAuthError")
                .kind(RateLimiter.Kind.SIGN_IN).anonymousOnly().done();
        t.add(HandlerType.POST, "/oauth/revoke", this::revoke)
                .doc("oauth", "Token revocation (RFC 7009): revokes the token's grant", Access.PUBLIC)
                .reply(200, Shape.NONE, null).kind(RateLimiter.Kind.WRITE).anonymousOnly().done();
        // Browser-based MCP clients read the metadata and call the token endpoints from their own origin.
        List<String> open = new ArrayList<>(List.of("/.well-known/oauth-protected-resource",
                "/.well-known/oauth-authorization-server", "/oauth/token", "/oauth/register", "/oauth/revoke"));
        if (rootLevel) {
            open.add("/.well-known/oauth-protected-resource/mcp");
        }
        for (String path : open) {
            t.addUndocumented(HandlerType.OPTIONS, path, OAuthEndpoints::preflight, RateLimiter.Kind.READ);
        }
        t.add(HandlerType.GET, "/api/oauth/consent", this::consentInfo)
                .doc("oauth", "What the consent page shows for an authorization request (its query parameters)",
                        Access.SIGNED_IN).reply(200, Shape.DATA, "ConsentRequest").done();
        t.add(HandlerType.POST, "/api/oauth/consent", this::consent)
                .doc("oauth", "Approve or deny an authorization request; answers where the browser goes next",
                        Access.SIGNED_IN).json("ConsentDecision").reply(200, Shape.DATA, "ConsentRedirect").done();
        t.add(HandlerType.GET, "/api/connected-apps", this::connectedApps)
                .doc("tokens", "The apps the caller authorized through OAuth", Access.SIGNED_IN)
                .reply(200, Shape.LIST, "ConnectedApp").done();
        t.add(HandlerType.DELETE, "/api/connected-apps/{id}", this::disconnect)
                .doc("tokens", "Revoke a connected app's access", Access.SIGNED_IN).reply(204, Shape.NONE, null).done();
    }

    /** A CORS preflight of a public OAuth endpoint: any origin, no credentials. */
    private static void preflight(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "GET, POST");
        ctx.header("Access-Control-Allow-Headers", "Content-Type, Authorization, MCP-Protocol-Version");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    // --- discovery ---

    /** This board's public URL (the issuer), without a trailing slash. */
    private String issuer(Context ctx) {
        return guard.publicUrl(ctx);
    }

    /** The protected resource: the absolute URL of {@code /mcp}. */
    String resource(Context ctx) {
        return issuer(ctx) + "/mcp";
    }

    private void resourceMetadata(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", resource(ctx));
        m.put("authorization_servers", List.of(issuer(ctx)));
        m.put("scopes_supported", OAuthGrants.SCOPES);
        m.put("bearer_methods_supported", List.of("header"));
        m.put("resource_name", "Rungu feedback board (MCP)");
        m.put("resource_documentation", "https://github.com/rungu/rungu-java/blob/main/docs/mcp.md");
        publicJson(ctx, 200, m);
    }

    private void serverMetadata(Context ctx) {
        String issuer = issuer(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + "/oauth/authorize");
        m.put("token_endpoint", issuer + "/oauth/token");
        m.put("registration_endpoint", issuer + "/oauth/register");
        m.put("revocation_endpoint", issuer + "/oauth/revoke");
        m.put("scopes_supported", OAuthGrants.SCOPES);
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        m.put("token_endpoint_auth_methods_supported", List.of("none"));
        m.put("revocation_endpoint_auth_methods_supported", List.of("none"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("client_id_metadata_document_supported", true);
        m.put("authorization_response_iss_parameter_supported", true);
        publicJson(ctx, 200, m);
    }

    /** A JSON answer any origin may read (public metadata and token endpoints carry no cookies). */
    private void publicJson(Context ctx, int status, Object body) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Cache-Control", "no-store");
        guard.send(ctx, status, body);
    }

    // --- authorization ---

    private void authorize(Context ctx) {
        String clientId = ctx.queryParam("client_id");
        String redirectUri = ctx.queryParam("redirect_uri");
        OAuthGrants.Client client;
        try {
            client = clients.find(clientId);
        } catch (RunguException e) {
            throw new RunguException(ErrorCode.INVALID, "Invalid authorization request: " + e.getMessage());
        }
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            throw RunguException.invalid("redirect_uri", "Invalid authorization request: redirect_uri is not one of "
                    + "the client's registered redirect URIs");
        }
        String state = ctx.queryParam("state");
        if (!"code".equals(ctx.queryParam("response_type"))) {
            ctx.redirect(withParams(redirectUri, error("unsupported_response_type",
                    "Only response_type=code is supported", state, ctx)));
            return;
        }
        try {
            grants.check(request(ctx.queryParam("client_id"), redirectUri, ctx.queryParam("code_challenge"),
                    ctx.queryParam("code_challenge_method"), ctx.queryParam("scope"), ctx.queryParam("resource")),
                    resource(ctx));
        } catch (RunguException e) {
            ctx.redirect(withParams(redirectUri, error(oauthError(e), e.getMessage(), state, ctx)));
            return;
        }
        // The web app's consent page signs the person in first when needed, then asks.
        ctx.redirect(guard.base(ctx) + "/authorize?" + ctx.queryString());
    }

    private static OAuthGrants.AuthorizationRequest request(String clientId, String redirectUri, String challenge,
                                                            String method, String scope, String resource) {
        return new OAuthGrants.AuthorizationRequest(clientId, redirectUri, challenge, method, scope, resource);
    }

    private void consentInfo(Context ctx) {
        signedIn(ctx);
        OAuthGrants.Client client = clients.find(ctx.queryParam("client_id"));
        OAuthGrants.AuthorizationRequest r = grants.check(request(client.id(), ctx.queryParam("redirect_uri"),
                ctx.queryParam("code_challenge"), ctx.queryParam("code_challenge_method"), ctx.queryParam("scope"),
                ctx.queryParam("resource")), resource(ctx));
        guard.send(ctx, 200, new Wire.Data<>(new Wire.ConsentRequest(client.id(), client.name(),
                URI.create(r.redirectUri()).getHost(), List.of(r.scope().split(" ")), r.resource())));
    }

    private void consent(Context ctx) {
        Actor actor = Guard.actor(ctx);
        signedIn(ctx);
        JsonNode body = requests.object(ctx, CONSENT_FIELDS);
        String clientId = Requests.string(body, "client_id");
        OAuthGrants.Client client = clients.find(clientId);
        OAuthGrants.AuthorizationRequest r = request(client.id(), Requests.string(body, "redirect_uri"),
                Requests.string(body, "code_challenge"), Requests.string(body, "code_challenge_method"),
                Requests.string(body, "scope"), Requests.string(body, "resource"));
        String state = Requests.string(body, "state");
        OAuthGrants.AuthorizationRequest checked = grants.check(r, resource(ctx));
        Map<String, String> params;
        if (Requests.requiredBoolean(body, "approve")) {
            String code = grants.approve(actor, checked, resource(ctx));
            params = new LinkedHashMap<>();
            params.put("code", code);
            if (state != null) {
                params.put("state", state);
            }
            params.put("iss", issuer(ctx));
        } else {
            params = error("access_denied", "The person declined the request", state, ctx);
        }
        guard.send(ctx, 200, new Wire.Data<>(new Wire.ConsentRedirect(withParams(checked.redirectUri(), params))));
    }

    private static Actor.Account signedIn(Context ctx) {
        if (Guard.actor(ctx) instanceof Actor.Account account) {
            return account;
        }
        throw RunguException.unauthenticated();
    }

    private Map<String, String> error(String code, String description, String state, Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", code);
        params.put("error_description", description);
        if (state != null) {
            params.put("state", state);
        }
        params.put("iss", issuer(ctx));
        return params;
    }

    private static String withParams(String uri, Map<String, String> params) {
        StringBuilder b = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            b.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    // --- token, registration, revocation ---

    private void token(Context ctx) {
        Map<String, String> form;
        try {
            form = form(ctx);
        } catch (RunguException e) {
            oauthFailure(ctx, 400, "invalid_request", e.getMessage());
            return;
        }
        String grantType = form.get("grant_type");
        try {
            OAuthGrants.Tokens tokens;
            if ("authorization_code".equals(grantType)) {
                tokens = grants.exchange(form.get("code"), form.get("client_id"), form.get("redirect_uri"),
                        form.get("code_verifier"), form.get("resource"));
            } else if ("refresh_token".equals(grantType)) {
                tokens = grants.refresh(form.get("refresh_token"), form.get("client_id"), form.get("scope"),
                        form.get("resource"));
            } else {
                oauthFailure(ctx, 400, "unsupported_grant_type",
                        "grant_type must be authorization_code or refresh_token");
                return;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("access_token", tokens.accessToken());
            m.put("token_type", "Bearer");
            m.put("expires_in", tokens.expiresInSeconds());
            m.put("refresh_token", tokens.refreshToken());
            m.put("scope", tokens.scope());
            ctx.header("Pragma", "no-cache");
            publicJson(ctx, 200, m);
        } catch (RunguException e) {
            if (e.code() == ErrorCode.RATE_LIMITED || e.code() == ErrorCode.UNAVAILABLE) {
                throw e;
            }
            oauthFailure(ctx, 400, oauthError(e), e.getMessage());
        }
    }

    /** The OAuth error code for a refusal of the store, from the parameter it names. */
    private static String oauthError(RunguException e) {
        String field = e.fields() == null || e.fields().isEmpty() ? "" : e.fields().keySet().iterator().next();
        return switch (field) {
            case "code", "code_verifier", "refresh_token", "redirect_uri" -> "invalid_grant";
            case "resource" -> "invalid_target";
            case "scope" -> "invalid_scope";
            case "client_id" -> "invalid_client";
            default -> e.code() == ErrorCode.UNAUTHENTICATED ? "invalid_grant" : "invalid_request";
        };
    }

    private void oauthFailure(Context ctx, int status, String error, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("error_description", description);
        m.put("code", "invalid"); // Rungu's error code beside OAuth's, as every other error answer has one
        publicJson(ctx, status, m);
    }

    private void registerClient(Context ctx) {
        JsonNode body;
        try {
            body = requests.anyObject(ctx); // RFC 7591: metadata the server does not understand is ignored
        } catch (RunguException e) {
            if (e.code() == ErrorCode.TOO_LARGE || e.code() == ErrorCode.UNSUPPORTED_MEDIA_TYPE) {
                throw e;
            }
            oauthFailure(ctx, 400, "invalid_client_metadata", e.getMessage());
            return;
        }
        String method = body.path("token_endpoint_auth_method").asText("none");
        if (!method.equals("none")) {
            oauthFailure(ctx, 400, "invalid_client_metadata",
                    "Only public clients are supported: token_endpoint_auth_method must be \"none\"");
            return;
        }
        for (JsonNode g : body.path("grant_types")) {
            if (!List.of("authorization_code", "refresh_token").contains(g.asText())) {
                oauthFailure(ctx, 400, "invalid_client_metadata", "Unsupported grant type " + g.asText());
                return;
            }
        }
        List<String> uris = new ArrayList<>();
        body.path("redirect_uris").forEach(u -> uris.add(u.isTextual() ? u.asText() : u.toString()));
        OAuthGrants.Client client;
        try {
            String name = body.path("client_name").asText("").strip();
            if (name.isEmpty() && !uris.isEmpty()) {
                name = "Unnamed app" + hostOf(uris.get(0)).map(h -> " (" + h + ")").orElse("");
            }
            client = grants.register(name, uris);
        } catch (RunguException e) {
            oauthFailure(ctx, 400, "redirect_uris".equals(e.fields().keySet().stream().findFirst().orElse(""))
                    ? "invalid_redirect_uri" : "invalid_client_metadata", e.getMessage());
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", client.id());
        m.put("client_id_issued_at", client.createdAt().getEpochSecond());
        m.put("client_name", client.name());
        m.put("redirect_uris", client.redirectUris());
        m.put("grant_types", List.of("authorization_code", "refresh_token"));
        m.put("response_types", List.of("code"));
        m.put("token_endpoint_auth_method", "none");
        m.put("scope", String.join(" ", OAuthGrants.SCOPES));
        publicJson(ctx, 201, m);
    }

    private void revoke(Context ctx) {
        Map<String, String> form;
        try {
            form = form(ctx);
        } catch (RunguException e) {
            oauthFailure(ctx, 400, "invalid_request", e.getMessage());
            return;
        }
        if (form.get("token") == null) {
            oauthFailure(ctx, 400, "invalid_request", "token is required");
            return;
        }
        grants.revokeToken(form.get("token"), form.get("client_id"));
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.status(200);
    }

    /** The form parameters of an application/x-www-form-urlencoded body; a repeated parameter is refused. */
    private Map<String, String> form(Context ctx) {
        String type = ctx.header("Content-Type");
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/x-www-form-urlencoded")) {
            throw RunguException.invalid("body", "Send the request as application/x-www-form-urlencoded");
        }
        String body = new String(requests.bounded(ctx, MAX_FORM_BYTES, "token request"), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw RunguException.invalid("body", "Malformed form encoding");
            }
            if (params.put(name, value) != null) {
                throw RunguException.invalid(name, "Parameter " + name + " is repeated");
            }
        }
        return params;
    }

    // --- connected apps ---

    private void connectedApps(Context ctx) {
        List<Wire.ConnectedApp> apps = grants.listGrants(Guard.actor(ctx)).stream()
                .map(a -> new Wire.ConnectedApp(a.id(), a.clientId(), a.clientName(), List.of(a.scope().split(" ")),
                        a.createdAt(), a.lastUsedAt()))
                .toList();
        guard.send(ctx, 200, new Wire.Data<>(apps));
    }

    private void disconnect(Context ctx) {
        grants.revokeGrant(Guard.actor(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }

    private static java.util.Optional<String> hostOf(String uri) {
        try {
            return java.util.Optional.ofNullable(new URI(uri).getHost());
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.empty();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
