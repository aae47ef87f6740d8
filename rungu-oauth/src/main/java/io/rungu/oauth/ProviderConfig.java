package io.rungu.oauth;

import java.util.ArrayList;
import java.util.List;

/**
 * One sign-in provider. Made by {@link AuthConfig#github}, {@link AuthConfig#google}, {@link AuthConfig#keycloak}
 * or {@link AuthConfig#oidc}, which fill in the provider's documented endpoints; every endpoint can be changed
 * afterwards (a GitHub Enterprise server, a test double). A provider whose credentials are all blank is left out;
 * one that is only partly configured makes {@link RunguAuth#create} fail with the missing values named.
 */
public final class ProviderConfig {
    /** How the provider proves who signed in. */
    public enum Kind {
        /** OpenID Connect: the ID token is verified against the provider's keys and the nonce. */
        OIDC,
        /** GitHub's OAuth apps: the user and their verified emails come from GitHub's REST API. */
        GITHUB
    }

    /** URL-safe name used in routes ({@code /auth/<name>/login}); lower-case letters, digits and dashes. */
    public String name;
    /** Button text shown by the web app, e.g. "GitHub". */
    public String label;
    /** How identities are read. */
    public Kind kind;
    /** OAuth client id. */
    public String clientId;
    /** OAuth client secret. */
    public String clientSecret;
    /** OIDC issuer; ID tokens must carry exactly this {@code iss}. */
    public String issuer;
    /** OIDC: read the endpoints left null from {@code <issuer>/.well-known/openid-configuration} at first use. */
    public boolean discover;
    /** Where the browser is sent to sign in. */
    public String authorizationEndpoint;
    /** Where the authorization code is exchanged for tokens. */
    public String tokenEndpoint;
    /** OIDC userinfo endpoint, or GitHub's {@code /user}. */
    public String userinfoEndpoint;
    /** GitHub only: {@code /user/emails}, where the primary verified address is chosen. */
    public String emailsEndpoint;
    /** OIDC: the provider's public keys (JWKS). */
    public String jwksUri;
    /** Space-separated scopes asked for. */
    public String scopes;
    /** Send the client secret in the form body instead of HTTP Basic (GitHub needs this). */
    public boolean clientSecretInBody;
    /** Send a PKCE (S256) challenge; every provider Rungu ships accepts it. */
    public boolean pkce = true;
    /** Issuer values accepted besides {@link #issuer} (Google also signs {@code accounts.google.com}). */
    public List<String> alternateIssuers = new ArrayList<>();
    /** For Keycloak: the server URL and realm the endpoints were built from, kept for error messages. */
    String keycloakUrl;
    String keycloakRealm;

    ProviderConfig() {}

    /** The values the factory method was given (credentials, URLs); all blank means the provider is not enabled. */
    final List<String> inputs = new ArrayList<>();

    /** True when no setting was given at all: the provider is simply not enabled. */
    boolean unused() {
        return inputs.stream().allMatch(ProviderConfig::blank);
    }

    /** Problems that stop this provider from working, each naming what to set. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        String who = "provider '" + name + "'";
        if (blank(name) || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            problems.add(who + ": name must be 1-40 lower-case letters, digits or dashes");
        } else if (List.of("link", "logout", "logout-everywhere", "me", "providers").contains(name)) {
            problems.add(who + ": name '" + name + "' is reserved for a route; choose another");
        }
        if (kind == null) {
            problems.add(who + ": kind is required (OIDC or GITHUB)");
        }
        if (keycloakUrl != null || keycloakRealm != null) {
            if (blank(keycloakUrl)) {
                problems.add(who + ": the Keycloak server URL is missing");
            }
            if (blank(keycloakRealm)) {
                problems.add(who + ": the Keycloak realm is missing");
            }
        }
        if (blank(clientId)) {
            problems.add(who + ": client id is missing");
        }
        if (blank(clientSecret)) {
            problems.add(who + ": client secret is missing");
        }
        if (blank(label)) {
            problems.add(who + ": label is missing");
        }
        if (kind == Kind.OIDC) {
            if (blank(issuer)) {
                problems.add(who + ": issuer URL is missing");
            } else if (!isHttpUrl(issuer)) {
                problems.add(who + ": issuer must be an http(s) URL, got '" + issuer + "'");
            }
            if (!discover && (blank(authorizationEndpoint) || blank(tokenEndpoint) || blank(jwksUri))) {
                problems.add(who + ": set authorizationEndpoint, tokenEndpoint and jwksUri, or discover = true");
            }
        }
        if (kind == Kind.GITHUB && (blank(authorizationEndpoint) || blank(tokenEndpoint)
                || blank(userinfoEndpoint) || blank(emailsEndpoint))) {
            problems.add(who + ": authorizationEndpoint, tokenEndpoint, userinfoEndpoint and emailsEndpoint are required");
        }
        for (String url : new String[] {authorizationEndpoint, tokenEndpoint, userinfoEndpoint, emailsEndpoint, jwksUri}) {
            if (!blank(url) && !isHttpUrl(url)) {
                problems.add(who + ": endpoint '" + url + "' is not an http(s) URL");
            }
        }
        return problems;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static boolean isHttpUrl(String s) {
        try {
            java.net.URI uri = new java.net.URI(s);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static String trimSlash(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
