package io.rungu.store;

import io.rungu.model.Actor;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules and storage of Rungu's own OAuth 2.1 authorization server, which guards the MCP endpoint: clients
 * (Dynamic Client Registration and cached Client ID Metadata Documents), one-time authorization codes with PKCE
 * (S256 only), grants bound to one resource (RFC 8707), opaque access tokens and rotating refresh tokens, all stored
 * by SHA-256 hash so that any server on the same database can check them and a revocation takes effect everywhere.
 *
 * <p>The HTTP endpoints (rungu-http) only parse and render; every check lives here. Failures are
 * {@link io.rungu.model.RunguException}s whose single field names the OAuth parameter at fault
 * ({@code code}, {@code code_verifier}, {@code refresh_token}, {@code redirect_uri}, {@code scope},
 * {@code resource}, {@code client_id}, ...), so an endpoint can answer with the OAuth error code.
 */
public interface OAuthGrants {
    /** Access tokens start with this, refresh tokens with {@link #REFRESH_PREFIX}; both differ from API tokens. */
    String ACCESS_PREFIX = "rgo_";
    /** The start of every refresh token. */
    String REFRESH_PREFIX = "rgr_";
    /** The scopes a client may ask for. */
    List<String> SCOPES = List.of("read", "write");
    /** How long an access token is accepted. */
    Duration ACCESS_TTL = Duration.ofHours(1);
    /** How long an unused refresh token stays valid; every refresh starts a new one. */
    Duration REFRESH_TTL = Duration.ofDays(30);
    /** How long an authorization code can be exchanged. */
    Duration CODE_TTL = Duration.ofMinutes(5);
    /** Most redirect URIs a client may register. */
    int REDIRECT_URIS_MAX = 10;
    /** Longest redirect URI or client id accepted. */
    int URI_MAX = 2000;
    /** Longest client name kept. */
    int CLIENT_NAME_MAX = 100;
    /** Most connected apps (active grants) one account can have. */
    int GRANTS_PER_USER_MAX = 100;

    /**
     * Registers a client (RFC 7591): a public client (no secret) with exact redirect URIs, each https or http on a
     * loopback host.
     *
     * @throws io.rungu.model.RunguException INVALID ({@code redirect_uris} or {@code client_name}) for bad metadata
     */
    Client register(String name, List<String> redirectUris);

    /**
     * Records what a Client ID Metadata Document said (its URL is the client id): name and redirect URIs are
     * checked as for a registration and kept, with the fetch time, for the next requests.
     */
    Client saveMetadataClient(String clientIdUrl, String name, List<String> redirectUris);

    /**
     * True for a client id that names a Client ID Metadata Document: an https URL with a path, without fragment or
     * user info, at most {@link #URI_MAX} characters.
     */
    static boolean isClientIdUrl(String clientId) {
        return io.rungu.store.internal.accounts.OAuthService.isMetadataUrl(clientId);
    }

    /** A registered client, or the cached metadata document of one. */
    Optional<Client> findClient(String clientId);

    /**
     * Checks an authorization request before the person is asked: the client is known, the redirect URI is one of
     * its own (exactly), the PKCE challenge is S256, the scope is known and the resource (when given) is
     * {@code ownResource}.
     *
     * @param ownResource this server's protected resource (the absolute {@code /mcp} URL)
     * @return the request with its scope normalised ("read write" when none was asked) and its resource set
     * @throws io.rungu.model.RunguException INVALID naming the bad parameter
     */
    AuthorizationRequest check(AuthorizationRequest request, String ownResource);

    /**
     * The signed-in person approves a request: returns a one-time code (valid {@link #CODE_TTL}) for the client to
     * exchange. A read-only actor can approve only {@code read}.
     *
     * @throws io.rungu.model.RunguException UNAUTHENTICATED for anonymous, INVALID as {@link #check}
     */
    String approve(Actor actor, AuthorizationRequest request, String ownResource);

    /**
     * Exchanges a code for tokens: the code must be unused and unexpired, for this client and redirect URI, and
     * SHA-256 of the verifier must match the challenge; a second exchange of a code revokes what the first made.
     *
     * @param resource the resource asked for again (may be null: the code's own)
     * @throws io.rungu.model.RunguException INVALID with field {@code code}, {@code code_verifier},
     *                                       {@code redirect_uri}, {@code client_id} or {@code resource}
     */
    Tokens exchange(String code, String clientId, String redirectUri, String codeVerifier, String resource);

    /**
     * Uses a refresh token once: returns a new access and refresh token (the old refresh token is spent). Using a
     * spent refresh token again revokes the whole grant, as it means the token leaked.
     *
     * @param scope null for the grant's scope, or a subset of it
     * @throws io.rungu.model.RunguException INVALID with field {@code refresh_token}, {@code scope} or
     *                                       {@code resource}
     */
    Tokens refresh(String refreshToken, String clientId, String scope, String resource);

    /**
     * The holder of an access token presented to {@code resource}: empty for an unknown, expired or revoked
     * token or one issued for another resource.
     */
    Optional<Holder> useAccessToken(String accessToken, String resource);

    /**
     * Revokes the grant of an access or refresh token (RFC 7009); unknown tokens are ignored. With a client id,
     * only that client's tokens are revoked.
     */
    void revokeToken(String token, String clientId);

    /** The account's active grants ("connected apps"), newest first. */
    List<ConnectedApp> listGrants(Actor actor);

    /**
     * Revokes a grant (its owner or an admin): its access and refresh tokens stop working at once.
     *
     * @throws io.rungu.model.RunguException NOT_FOUND, FORBIDDEN
     */
    void revokeGrant(Actor actor, String grantId);

    /** An OAuth client. */
    record Client(String id, Kind kind, String name, List<String> redirectUris, Instant createdAt, Instant fetchedAt) {
        /** How the client became known. */
        public enum Kind { REGISTERED, METADATA }
    }

    /**
     * An authorization request as the client sent it.
     *
     * @param scope space-separated scopes ({@link #SCOPES}); null or blank: all of them
     */
    record AuthorizationRequest(String clientId, String redirectUri, String codeChallenge, String codeChallengeMethod,
                                String scope, String resource) {}

    /** The answer of a token request. */
    record Tokens(String accessToken, String refreshToken, long expiresInSeconds, String scope) {}

    /** Who an access token acts for. */
    record Holder(String grantId, String userId, Role role, TokenScope scope, String clientName) {}

    /** An active grant as its owner sees it. */
    record ConnectedApp(String id, String clientId, String clientName, String scope, Instant createdAt,
                        Instant lastUsedAt) {}
}
