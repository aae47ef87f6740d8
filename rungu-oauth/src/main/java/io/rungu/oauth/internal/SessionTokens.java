package io.rungu.oauth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import io.rungu.store.internal.cache.BoundedCache;
import java.util.Optional;

/**
 * Session cookies as HS256-signed tokens carrying the user id and the server-side session id. A token proves
 * nothing alone: the session it names must still be active in the store.
 */
public final class SessionTokens {
    private static final String ISSUER = "rungu";
    /** Tokens whose signature was checked, kept; when full, the least recently used is dropped. */
    static final int VERIFIED_MAX = 10_000;

    private final MACSigner signer;
    private final MACVerifier verifier;
    /**
     * Parsing a token and checking its signature is about half the cost of a signed-in request, and a browser sends
     * the same token with every request. A token's signature and claims never change, so what was read from this
     * exact text is kept by it; the expiry is still compared with the time of every use.
     */
    private final BoundedCache<String, Verified> verified = BoundedCache.ofEntries(VERIFIED_MAX);

    private record Verified(Claims claims, Instant expiresAt) {}

    /** @param key at least 32 bytes (checked by AuthConfig) */
    public SessionTokens(byte[] key) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("The session secret must be at least 32 bytes", e);
        }
    }

    /** What a valid token says; {@code use} is null for a session cookie, {@value #WIDGET_USE} for a widget token. */
    public record Claims(String userId, String sessionId, String use) {}

    /** What a widget token carries in its {@code use} claim; a session cookie carries none. */
    static final String WIDGET_USE = "widget";

    /** A signed token for the session. */
    public String issue(String userId, String sessionId, Instant issuedAt, Instant expiresAt) {
        return issue(userId, sessionId, issuedAt, expiresAt, null);
    }

    /**
     * A signed widget token for the session: the same claims plus {@code use: widget}, so a widget token is never
     * taken for a session cookie, nor a cookie for a widget token.
     */
    public String issueWidget(String userId, String sessionId, Instant issuedAt, Instant expiresAt) {
        return issue(userId, sessionId, issuedAt, expiresAt, WIDGET_USE);
    }

    private String issue(String userId, String sessionId, Instant issuedAt, Instant expiresAt, String use) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(userId).claim("sid", sessionId)
                .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt));
        if (use != null) {
            builder.claim("use", use);
        }
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a session token failed", e);
        }
        return jwt.serialize();
    }

    /** The claims of a session cookie signed with this key, of algorithm HS256, not expired at {@code now}; else empty. */
    public Optional<Claims> verify(String token, Instant now) {
        return verifyAny(token, now).filter(c -> c.use() == null);
    }

    /** The claims of a widget token signed with this key, not expired at {@code now}; else empty. */
    public Optional<Claims> verifyWidget(String token, Instant now) {
        return verifyAny(token, now).filter(c -> WIDGET_USE.equals(c.use()));
    }

    private Optional<Claims> verifyAny(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Optional.empty();
        }
        Verified known = verified.get(token);
        if (known != null) {
            if (known.expiresAt.isAfter(now)) {
                return Optional.of(known.claims);
            }
            verified.remove(token, known);
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            Object sid = claims.getClaim("sid");
            Object use = claims.getClaim("use");
            if (exp == null || !exp.toInstant().isAfter(now) || !ISSUER.equals(claims.getIssuer())
                    || claims.getSubject() == null || !(sid instanceof String sessionId)
                    || use != null && !(use instanceof String)) {
                return Optional.empty();
            }
            Claims valid = new Claims(claims.getSubject(), sessionId, (String) use);
            verified.put(token, new Verified(valid, exp.toInstant()));
            return Optional.of(valid);
        } catch (ParseException | JOSEException | IllegalStateException e) {
            // A malformed, unsigned (alg=none) or foreign token is simply no session.
            return Optional.empty();
        }
    }
}
