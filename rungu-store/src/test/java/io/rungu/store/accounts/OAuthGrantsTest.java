package io.rungu.store.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.model.Actor;
import io.rungu.model.RunguException;
import io.rungu.model.TokenScope;
import io.rungu.store.OAuthGrants;
import io.rungu.store.TestDatabase;
import io.rungu.store.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The authorization server's rules in the store, on SQLite and on PostgreSQL (where several servers share them). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OAuthGrantsTest {
    private static final String RESOURCE = "https://feedback.example.com/mcp";
    private static final String REDIRECT = "https://app.example.com/callback";

    @Parameter
    TestDatabase database;

    TestStores t;
    OAuthGrants oauth;
    Actor.Account member;

    @BeforeParameterizedClassInvocation(injectArguments = false)
    void open(@TempDir Path dir) {
        t = TestStores.open(database, dir);
        oauth = t.store().oauth();
        member = t.member("Mia");
    }

    @AfterAll
    void close() {
        t.close();
    }

    @Test
    void a_code_becomes_tokens_once_and_the_refresh_token_rotates() {
        var client = oauth.register("  Agent\u0007 ", List.of(REDIRECT));
        assertThat(client.name()).isEqualTo("Agent");
        String verifier = "x".repeat(50);
        var request = new OAuthGrants.AuthorizationRequest(client.id(), REDIRECT, s256(verifier), "S256", null, null);
        assertThat(oauth.check(request, RESOURCE).scope()).isEqualTo("read write");
        String code = oauth.approve(member, request, RESOURCE);

        var tokens = oauth.exchange(code, client.id(), REDIRECT, verifier, RESOURCE + "/");
        var holder = oauth.useAccessToken(tokens.accessToken(), RESOURCE).orElseThrow();
        assertThat(holder.userId()).isEqualTo(member.userId());
        assertThat(holder.scope()).isEqualTo(TokenScope.WRITE);
        assertThat(holder.clientName()).isEqualTo("Agent");
        assertThat(oauth.useAccessToken(tokens.accessToken(), "https://other.example.com/mcp")).isEmpty();

        var next = oauth.refresh(tokens.refreshToken(), client.id(), "read", null);
        assertThat(oauth.useAccessToken(next.accessToken(), RESOURCE).orElseThrow().scope()).isEqualTo(TokenScope.READ);
        assertThatThrownBy(() -> oauth.refresh(tokens.refreshToken(), client.id(), null, null))
                .isInstanceOf(RunguException.class).hasMessageContaining("already used");
        assertThat(oauth.useAccessToken(next.accessToken(), RESOURCE)).as("reuse revokes the grant").isEmpty();
        assertThat(oauth.listGrants(member)).noneMatch(g -> g.clientId().equals(client.id()));
    }

    @Test
    void requests_outside_the_rules_are_refused_naming_the_parameter() {
        var client = oauth.register("Strict", List.of(REDIRECT));
        String challenge = s256("y".repeat(43));
        assertThat(field(() -> oauth.check(new OAuthGrants.AuthorizationRequest(client.id(), REDIRECT + "/", challenge,
                "S256", "read", null), RESOURCE))).isEqualTo("redirect_uri");
        assertThat(field(() -> oauth.check(new OAuthGrants.AuthorizationRequest(client.id(), REDIRECT, challenge,
                "plain", "read", null), RESOURCE))).isEqualTo("code_challenge_method");
        assertThat(field(() -> oauth.check(new OAuthGrants.AuthorizationRequest(client.id(), REDIRECT, challenge,
                "S256", "admin", null), RESOURCE))).isEqualTo("scope");
        assertThat(field(() -> oauth.check(new OAuthGrants.AuthorizationRequest(client.id(), REDIRECT, challenge,
                "S256", "read", "https://other.example.com/mcp"), RESOURCE))).isEqualTo("resource");
        assertThat(field(() -> oauth.register("x", List.of("http://app.example.com/cb")))).isEqualTo("redirect_uris");
        assertThat(field(() -> oauth.register("x", List.of("https://app.example.com/cb#frag")))).isEqualTo("redirect_uris");
        assertThat(oauth.register("x", List.of("http://127.0.0.1:8080/cb", "http://localhost/cb")).redirectUris())
                .hasSize(2);
        assertThat(field(() -> oauth.approve(Actor.anonymous(), new OAuthGrants.AuthorizationRequest(client.id(),
                REDIRECT, challenge, "S256", "read", null), RESOURCE))).isNull();
    }

    @Test
    void a_metadata_document_client_is_cached_and_refreshed_in_place() {
        String id = "https://agent.example.com/oauth/client.json";
        assertThat(OAuthGrants.isClientIdUrl(id)).isTrue();
        assertThat(OAuthGrants.isClientIdUrl("https://agent.example.com")).isFalse();
        oauth.saveMetadataClient(id, "Agent v1", List.of(REDIRECT));
        var again = oauth.saveMetadataClient(id, "Agent v2", List.of(REDIRECT, "http://127.0.0.1/cb"));
        assertThat(again.kind()).isEqualTo(OAuthGrants.Client.Kind.METADATA);
        assertThat(again.name()).isEqualTo("Agent v2");
        assertThat(again.redirectUris()).hasSize(2);
    }

    private static String field(Runnable r) {
        try {
            r.run();
        } catch (RunguException e) {
            return e.fields() == null || e.fields().isEmpty() ? null : e.fields().keySet().iterator().next();
        }
        throw new AssertionError("not refused");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
