package io.rungu.oauth;

import java.time.Instant;

/**
 * A widget token for the embeddable feedback widget (see {@link RunguAuth#issueWidgetToken}).
 *
 * @param token     {@code rgw_} and a signed token; send as {@code Authorization: Bearer <token>}
 * @param expiresAt when it stops working, at the latest (it also ends with its session)
 * @param userId    whose token it is
 */
public record WidgetToken(String token, Instant expiresAt, String userId) {
    @Override
    public String toString() {
        return "WidgetToken[expiresAt=" + expiresAt + ", userId=" + userId + "]";
    }
}
