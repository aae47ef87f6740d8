package io.rungu.oauth;

import io.rungu.model.ApiToken;

/**
 * A newly created API token with its secret. The secret is shown to its owner this once; only its hash is kept.
 *
 * @param token  the stored token (name, prefix, scope, ...)
 * @param secret {@code rgu_} followed by 43 random URL-safe characters; send as {@code Authorization: Bearer <secret>}
 */
public record IssuedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[token=" + token + ", secret=" + token.prefix() + "...]";
    }
}
