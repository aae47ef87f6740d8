package io.rungu.oauth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.scribejava.core.model.OAuth2AccessToken;
import io.rungu.model.ProviderIdentity;
import io.rungu.oauth.ProviderConfig;
import java.time.Duration;

/**
 * GitHub OAuth apps: the user from {@code /user}, the email from {@code /user/emails} (the primary address, and
 * only when GitHub marks it verified).
 */
final class GitHubProvider implements Provider {
    private static final String GITHUB_JSON = "application/vnd.github+json";
    private final ProviderConfig config;
    private final OAuthClient client;

    GitHubProvider(ProviderConfig config, String redirectUri, Duration timeout) {
        this.config = config;
        this.client = new OAuthClient(config.name, config.clientId, config.clientSecret, redirectUri, config.scopes,
                config.authorizationEndpoint, config.tokenEndpoint, config.clientSecretInBody, config.pkce, timeout);
    }

    @Override
    public String name() {
        return config.name;
    }

    @Override
    public String label() {
        return config.label;
    }

    @Override
    public boolean usesNonce() {
        return false;
    }

    @Override
    public String authorizationUrl(String state, String codeVerifier, String nonce) {
        return client.authorizationUrl(state, codeVerifier, null);
    }

    @Override
    public ProviderIdentity identity(String code, String codeVerifier, String nonce) {
        OAuth2AccessToken token = client.exchange(code, codeVerifier);
        JsonNode user = client.getJson(token, config.userinfoEndpoint, GITHUB_JSON);
        String id = Json.text(user, "id");
        if (id == null || id.isBlank()) {
            throw new LoginFailure("provider_error", config.name + ": /user has no id");
        }
        JsonNode emails = client.getJson(token, config.emailsEndpoint, GITHUB_JSON);
        String email = null;
        boolean verified = false;
        if (emails.isArray()) {
            for (JsonNode entry : emails) {
                if (Json.bool(entry, "primary") && Json.bool(entry, "verified") && Json.text(entry, "email") != null) {
                    email = Json.text(entry, "email");
                    verified = true;
                    break;
                }
            }
        }
        if (email == null) {
            email = Json.text(user, "email");
        }
        String name = Json.text(user, "name");
        if (name == null || name.isBlank()) {
            name = Json.text(user, "login");
        }
        return new ProviderIdentity(config.name, id, email, verified, name, Json.text(user, "avatar_url"));
    }
}
