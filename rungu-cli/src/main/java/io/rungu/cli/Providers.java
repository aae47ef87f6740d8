package io.rungu.cli;

import io.rungu.oauth.AuthConfig;

/**
 * Sign-in providers from the environment. A provider is passed on when any of its variables is set; RunguAuth
 * then names whatever is missing. The original's variable names are read as fallbacks.
 */
final class Providers {
    private Providers() {}

    static void configure(AuthConfig auth, Environment env) {
        String githubId = var(env, "RUNGU_GITHUB_CLIENT_ID", "GITHUB_CLIENT_ID");
        String githubSecret = var(env, "RUNGU_GITHUB_CLIENT_SECRET", "GITHUB_CLIENT_SECRET");
        if (githubId != null || githubSecret != null) {
            auth.github(githubId, githubSecret);
        }
        String googleId = var(env, "RUNGU_GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_ID");
        String googleSecret = var(env, "RUNGU_GOOGLE_CLIENT_SECRET", "GOOGLE_CLIENT_SECRET");
        if (googleId != null || googleSecret != null) {
            auth.google(googleId, googleSecret);
        }
        String keycloakUrl = var(env, "RUNGU_KEYCLOAK_URL", "KEYCLOAK_URL");
        String keycloakRealm = var(env, "RUNGU_KEYCLOAK_REALM", "KEYCLOAK_REALM");
        String keycloakId = var(env, "RUNGU_KEYCLOAK_CLIENT_ID", "KEYCLOAK_CLIENT_ID");
        String keycloakSecret = var(env, "RUNGU_KEYCLOAK_CLIENT_SECRET", "KEYCLOAK_CLIENT_SECRET");
        if (keycloakUrl != null || keycloakRealm != null || keycloakId != null || keycloakSecret != null) {
            auth.keycloak(keycloakUrl, keycloakRealm, keycloakId, keycloakSecret);
        }
        String issuer = var(env, "RUNGU_OIDC_ISSUER");
        String oidcId = var(env, "RUNGU_OIDC_CLIENT_ID");
        String oidcSecret = var(env, "RUNGU_OIDC_CLIENT_SECRET");
        if (issuer != null || oidcId != null || oidcSecret != null) {
            auth.oidc(var(env, "RUNGU_OIDC_NAME"), var(env, "RUNGU_OIDC_LABEL"), issuer, oidcId, oidcSecret);
        }
    }

    private static String var(Environment env, String... names) {
        return ServerSettings.first(env, names).orElse(null);
    }
}
