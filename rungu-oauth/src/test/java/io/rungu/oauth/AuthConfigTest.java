package io.rungu.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rungu.store.RunguStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigTest {
    @TempDir
    Path dir;
    RunguStore store;

    @BeforeEach
    void open() {
        store = RunguStore.open(c -> c.url = "jdbc:sqlite:" + dir.resolve("rungu.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void create_lists_every_problem_at_once_with_how_to_fix_it() {
        assertThatThrownBy(() -> RunguAuth.create(store, a -> {
            a.secret = "too-short";
            a.baseUrl = "feedback.example.com";
            a.github("id-only", null);
            a.keycloak("https://sso.example", null, "kc", "kc-secret");
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret is 9 bytes but must be at least 32")
                .hasMessageContaining("openssl rand -hex 32")
                .hasMessageContaining("baseUrl must be an http(s) URL")
                .hasMessageContaining("provider 'github': client secret is missing")
                .hasMessageContaining("provider 'keycloak': the Keycloak realm is missing");
    }

    @Test
    void a_missing_secret_and_base_url_are_reported() {
        assertThatThrownBy(() -> RunguAuth.create(store, a -> { }))
                .hasMessageContaining("secret is required")
                .hasMessageContaining("baseUrl is required");
    }

    @Test
    void providers_without_any_setting_are_simply_not_enabled() {
        RunguAuth auth = RunguAuth.create(store, a -> {
            a.secretBytes = new byte[32];
            a.baseUrl = "https://feedback.example.com/";
            a.github("", "");
            a.google(null, null);
            a.keycloak(null, null, null, null);
            a.oidc(null, null, null, null, null);
        });
        assertThat(auth.providers()).isEmpty();
    }

    @Test
    void each_fully_configured_provider_is_listed_with_its_login_url() {
        RunguAuth auth = RunguAuth.create(store, a -> {
            a.secret = AuthHarness.SECRET;
            a.baseUrl = "https://example.com/feedback/";
            a.github("gh", "gh-secret");
            a.google("g", "g-secret");
            a.keycloak("https://sso.example/", "staff", "kc", "kc-secret");
            a.oidc("okta", "Okta", "https://acme.okta.example", "o", "o-secret");
        });
        assertThat(auth.providers()).extracting(ProviderInfo::name).containsExactly("github", "google", "keycloak", "okta");
        assertThat(auth.providers().get(0).loginUrl()).isEqualTo("https://example.com/feedback/auth/github/login");
        assertThat(auth.providers().get(3).label()).isEqualTo("Okta");
        assertThat(auth.routes()).extracting(AuthRoute::path).contains("/auth/providers", "/auth/{provider}/login",
                "/auth/{provider}/callback", "/auth/link/{secret}", "/auth/me", "/auth/session", "/auth/logout",
                "/auth/logout-everywhere", "/api/tokens", "/api/tokens/{id}");
    }

    @Test
    void keycloak_endpoints_are_derived_from_the_server_url_and_realm() {
        AuthConfig config = new AuthConfig();
        ProviderConfig kc = config.keycloak("https://sso.example/", "staff", "kc", "kc-secret");
        assertThat(kc.issuer).isEqualTo("https://sso.example/realms/staff");
        assertThat(kc.authorizationEndpoint).isEqualTo("https://sso.example/realms/staff/protocol/openid-connect/auth");
        assertThat(kc.tokenEndpoint).isEqualTo("https://sso.example/realms/staff/protocol/openid-connect/token");
        assertThat(kc.jwksUri).isEqualTo("https://sso.example/realms/staff/protocol/openid-connect/certs");
        assertThat(kc.userinfoEndpoint).isEqualTo("https://sso.example/realms/staff/protocol/openid-connect/userinfo");
    }

    @Test
    void reserved_or_duplicate_provider_names_are_refused() {
        assertThatThrownBy(() -> RunguAuth.create(store, a -> {
            a.secret = AuthHarness.SECRET;
            a.baseUrl = "https://example.com";
            a.oidc("link", "Link", "https://sso.example", "a", "b");
            a.oidc("corp", "Corp", "https://sso.example", "a", "b");
            a.oidc("corp", "Corp", "https://sso2.example", "a", "b");
        })).hasMessageContaining("'link' is reserved").hasMessageContaining("'corp' is configured twice");
    }
}
