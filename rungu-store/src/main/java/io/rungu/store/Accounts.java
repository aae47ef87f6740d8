package io.rungu.store;

import io.rungu.model.Actor;
import io.rungu.model.ApiToken;
import io.rungu.model.Page;
import io.rungu.model.PageRequest;
import io.rungu.model.ProviderIdentity;
import io.rungu.model.Role;
import io.rungu.model.TokenScope;
import io.rungu.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Accounts and credentials: users, provider identities, server-side sessions, one-time sign-in links, OAuth
 * flow state and API tokens. Used by rungu-oauth and the CLI; secrets arrive here already hashed, so nothing
 * stored can be replayed.
 */
public interface Accounts {

    /**
     * Signs a person in through a provider: finds the user by (provider, subject), else by the provider-verified
     * email, else creates one; refreshes name, avatar and last login; promotes to admin when the email is in
     * {@code adminEmails}. An unverified email never links to an existing account.
     *
     * @throws io.rungu.model.RunguException FORBIDDEN when the provider gives no verified email
     */
    User signIn(ProviderIdentity identity, Collection<String> adminEmails);

    /**
     * Finds or creates the user with this email; raises the role to {@code atLeast} (never lowers it) and gives
     * {@code name} to a user that has no name yet (an existing name is kept).
     */
    User ensureUser(String email, String name, Role atLeast);

    /** The user with this email, compared exactly after lower-casing ASCII letters (see {@link io.rungu.model.Emails}). */
    Optional<User> findUserByEmail(String email);

    /** The user with this id. */
    Optional<User> findUser(String userId);

    /** True when at least one admin exists. */
    boolean hasAdmin();

    /** The admin whose account is oldest (the first admin), as the CLI's default actor for writes. */
    Optional<User> firstAdmin();

    // --- sessions ---

    /** Records a new session for the user, valid for {@code ttl}; returns its id. */
    String createSession(String userId, Duration ttl);

    /** An active (not expired, not revoked) session with the user's current role. */
    Optional<ActiveSession> findSession(String sessionId);

    /**
     * The actor of a widget token (the embeddable widget's short-lived credential, issued from a session): the
     * session's user as a {@link Role#MEMBER} whatever their role, on {@link Actor.Channel#WIDGET} with
     * {@link TokenScope#WIDGET}, so it may read, post, vote and comment and nothing else (the Board refuses the rest).
     * Empty when the session is no longer active (signed out, signed out everywhere, expired) or is another user's.
     */
    Optional<Actor.Account> widgetActor(String sessionId, String userId);

    /** Ends one session at once. */
    void revokeSession(String sessionId);

    /** Ends every session of the user ("sign out everywhere"); returns how many were active. */
    int revokeAllSessions(String userId);

    // --- one-time sign-in links ---

    /** Stores a sign-in link by the hash of its secret. */
    void createSignInLink(String secretHash, String userId, Instant expiresAt);

    /**
     * Stores a sign-in link for an email address, by the hash of its secret. No account is made now: the member is
     * created when the link is used ({@link #consumeSignInLink}), so an address that never opens it leaves no user.
     */
    void createEmailSignInLink(String secretHash, String email, Instant expiresAt);

    /**
     * Uses a sign-in link: returns its user once, and never again; empty when unknown, used or expired. A link made
     * for an email address creates that address's member now if it has no account yet.
     */
    Optional<String> consumeSignInLink(String secretHash);

    // --- OAuth flows (state, PKCE verifier, nonce) kept server-side so any server can finish a login ---

    /** Stores a started login keyed by the hash of its state value. */
    void saveLoginFlow(LoginFlow flow);

    /** Removes and returns a started login; a second call with the same state finds nothing. */
    Optional<LoginFlow> takeLoginFlow(String stateHash);

    // --- API tokens ---

    /** Creates a token for the actor itself (write access required); {@code secretHash} is stored, not the secret. */
    default ApiToken createToken(Actor actor, String name, TokenScope scope, String prefix, String secretHash) {
        return createToken(actor, name, scope, prefix, secretHash, null);
    }

    /**
     * Creates a token for the actor itself that is refused from {@code expiresAt} on (null: never expires).
     *
     * @throws io.rungu.model.RunguException INVALID when {@code expiresAt} is not in the future
     */
    ApiToken createToken(Actor actor, String name, TokenScope scope, String prefix, String secretHash, Instant expiresAt);

    /** Creates a token for any user, as the CLI does on the server's machine. */
    default ApiToken createTokenFor(String userId, String name, TokenScope scope, String prefix, String secretHash) {
        return createTokenFor(userId, name, scope, prefix, secretHash, null);
    }

    /** Creates a token for any user that is refused from {@code expiresAt} on (null: never expires). */
    ApiToken createTokenFor(String userId, String name, TokenScope scope, String prefix, String secretHash,
                            Instant expiresAt);

    /**
     * The owner of an active token, with the owner's current role; records the use time. Empty for an unknown or
     * revoked token.
     *
     * @throws io.rungu.model.RunguException UNAUTHENTICATED for a token past its expiry, saying when it expired
     */
    Optional<TokenOwner> useToken(String secretHash);

    /** Revokes every active token of the user ("sign out everywhere" with tokens); returns how many. */
    int revokeAllTokens(String userId);

    /** The actor's own tokens (an admin may pass another user's id; null means the actor). */
    Page<ApiToken> listTokens(Actor actor, String userId, PageRequest page);

    /** Revokes a token (its owner or an admin). */
    void revokeToken(Actor actor, String tokenId);

    /** A live session. */
    record ActiveSession(String sessionId, String userId, Role role, Instant expiresAt) {}

    /** A started OAuth login. */
    record LoginFlow(String stateHash, String provider, String codeVerifier, String nonce, String redirect,
                     Instant expiresAt) {}

    /**
     * Who a token belongs to and what it may do.
     *
     * @param name the token's name (null when not read), recorded as the client of the writes made with it
     */
    record TokenOwner(String tokenId, String userId, Role role, TokenScope scope, String name) {
        /** An owner without the token's name. */
        public TokenOwner(String tokenId, String userId, Role role, TokenScope scope) {
            this(tokenId, userId, role, scope, null);
        }
    }
}
