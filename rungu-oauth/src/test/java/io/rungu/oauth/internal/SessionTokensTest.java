package io.rungu.oauth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Session tokens: signature, algorithm and expiry are checked, and a token read once is read the same again. */
class SessionTokensTest {
    static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    final SessionTokens tokens = new SessionTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void aValidTokenGivesItsClaimsEveryTime() {
        String token = tokens.issue("u1", "s1", NOW, NOW.plusSeconds(60));

        assertThat(tokens.verify(token, NOW)).contains(new SessionTokens.Claims("u1", "s1", null));
        assertThat(tokens.verify(token, NOW.plusSeconds(59))).contains(new SessionTokens.Claims("u1", "s1", null));
    }

    @Test
    void aTokenIsRefusedFromItsExpiryOnEvenAfterItWasAccepted() {
        String token = tokens.issue("u1", "s1", NOW, NOW.plusSeconds(60));
        assertThat(tokens.verify(token, NOW)).isPresent();

        assertThat(tokens.verify(token, NOW.plusSeconds(60))).isEmpty();
        assertThat(tokens.verify(token, NOW.plusSeconds(30))).isPresent();
    }

    @Test
    void aTamperedTokenIsRefusedAfterTheGenuineOneWasAccepted() {
        String token = tokens.issue("u1", "s1", NOW, NOW.plusSeconds(60));
        assertThat(tokens.verify(token, NOW)).isPresent();
        String forged = tokens.issue("u2", "s2", NOW, NOW.plusSeconds(60));
        String[] genuine = token.split("\\.");
        String[] other = forged.split("\\.");

        assertThat(tokens.verify(genuine[0] + "." + other[1] + "." + genuine[2], NOW)).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 2) + "xx", NOW)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyOrWithoutSignatureIsRefused() {
        SessionTokens foreign = new SessionTokens("another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8));
        String token = foreign.issue("u1", "s1", NOW, NOW.plusSeconds(60));
        String[] parts = token.split("\\.");
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";

        assertThat(tokens.verify(token, NOW)).isEmpty();
        assertThat(tokens.verify(unsigned, NOW)).isEmpty();
        assertThat(tokens.verify("not a token", NOW)).isEmpty();
        assertThat(tokens.verify("", NOW)).isEmpty();
    }
}
