package io.rungu.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of {@link RunguAuth#create}. Public fields with working defaults; {@link #secret} and {@link #baseUrl}
 * are required. Checked once in {@code create()}, which lists every problem in one exception.
 */
public final class AuthConfig {
    /** Minimum length of the signing secret in bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * Session-signing secret as text (its UTF-8 bytes are the key), at least 32 bytes, e.g. the output of
     * {@code openssl rand -hex 32}. Set this or {@link #secretBytes}.
     */
    public String secret;
    /** Session-signing secret as raw bytes, at least 32; set this or {@link #secret}. */
    public byte[] secretBytes;
    /**
     * Public URL of the mount, base path included and no trailing slash, e.g. {@code https://feedback.example.com}
     * or {@code https://example.com/feedback}. Used for redirect URIs, sign-in links and the cookie path.
     */
    public String baseUrl;
    /** Mark cookies {@code Secure}; turn off only for plain-HTTP local use. */
    public boolean secureCookies = true;
    /** Emails promoted to admin when they sign in (case-insensitive); nobody is demoted when removed. */
    public Set<String> adminEmails = new HashSet<>();
    /** How long a session lasts after sign-in. */
    public Duration sessionTtl = Duration.ofDays(7);
    /**
     * How long a widget token (the feedback widget's credential, handed to an embedding site) lasts; it also ends
     * with the session it was issued from. Between one minute and one day.
     */
    public Duration widgetTokenTtl = Duration.ofHours(1);
    /** How long a started provider login may take before its state expires. */
    public Duration loginTimeout = Duration.ofMinutes(10);
    /** Connect and read timeout of calls to providers. */
    public Duration providerTimeout = Duration.ofSeconds(15);
    /** Name of the session cookie. */
    public String cookieName = "session";
    /** Source of the current time; inject a fixed clock in tests. */
    public Clock clock = Clock.systemUTC();
    /**
     * Sign-in by email: when set, {@code POST <base>/auth/email} with {@code {"email"}} mails a one-time sign-in
     * link through this callback ({@code (address, link)}), and {@code /auth/providers} lists {@code "email"}. It
     * runs on the request thread, so hand the mail over rather than wait for the SMTP server; rungu-notify's
     * {@code RunguNotify::sendSignInLink} does. Null (the default) turns email sign-in off.
     */
    public java.util.function.BiConsumer<String, String> emailSignIn;
    /** How long an emailed sign-in link works (it works once). */
    public Duration emailLinkTtl = Duration.ofMinutes(15);
    /** Most sign-in links mailed to one address per hour; further requests are answered alike and send nothing. */
    public int emailLinksPerAddressPerHour = 5;
    /** The configured providers, in the order the web app shows them. */
    public final List<ProviderConfig> providers = new ArrayList<>();

    /** Adds GitHub (an OAuth app; callback URL {@code <baseUrl>/auth/github/callback}). */
    public ProviderConfig github(String clientId, String clientSecret) {
        ProviderConfig p = provider("github", "GitHub", ProviderConfig.Kind.GITHUB, clientId, clientSecret);
        p.authorizationEndpoint = "https://github.com/login/oauth/authorize";
        p.tokenEndpoint = "https://github.com/login/oauth/access_token";
        p.userinfoEndpoint = "https://api.github.com/user";
        p.emailsEndpoint = "https://api.github.com/user/emails";
        p.scopes = "read:user user:email";
        p.clientSecretInBody = true;
        return p;
    }

    /** Adds Google (OpenID Connect; callback URL {@code <baseUrl>/auth/google/callback}). */
    public ProviderConfig google(String clientId, String clientSecret) {
        ProviderConfig p = provider("google", "Google", ProviderConfig.Kind.OIDC, clientId, clientSecret);
        p.issuer = "https://accounts.google.com";
        p.alternateIssuers.add("accounts.google.com");
        p.authorizationEndpoint = "https://accounts.google.com/o/oauth2/v2/auth";
        p.tokenEndpoint = "https://oauth2.googleapis.com/token";
        p.userinfoEndpoint = "https://openidconnect.googleapis.com/v1/userinfo";
        p.jwksUri = "https://www.googleapis.com/oauth2/v3/certs";
        p.scopes = "openid email profile";
        return p;
    }

    /** Adds a Keycloak realm (callback URL {@code <baseUrl>/auth/keycloak/callback}). */
    public ProviderConfig keycloak(String serverUrl, String realm, String clientId, String clientSecret) {
        ProviderConfig p = provider("keycloak", "Keycloak", ProviderConfig.Kind.OIDC, clientId, clientSecret);
        p.inputs.add(serverUrl);
        p.inputs.add(realm);
        p.keycloakUrl = serverUrl == null ? "" : serverUrl;
        p.keycloakRealm = realm == null ? "" : realm;
        if (!ProviderConfig.blank(serverUrl) && !ProviderConfig.blank(realm)) {
            p.issuer = ProviderConfig.trimSlash(serverUrl) + "/realms/" + realm.strip();
            String oidc = p.issuer + "/protocol/openid-connect";
            p.authorizationEndpoint = oidc + "/auth";
            p.tokenEndpoint = oidc + "/token";
            p.userinfoEndpoint = oidc + "/userinfo";
            p.jwksUri = oidc + "/certs";
        }
        p.scopes = "openid email profile";
        return p;
    }

    /**
     * Adds any OpenID Connect provider by its issuer URL; endpoints come from its discovery document
     * (callback URL {@code <baseUrl>/auth/<name>/callback}).
     */
    public ProviderConfig oidc(String name, String label, String issuerUrl, String clientId, String clientSecret) {
        ProviderConfig p = provider(ProviderConfig.blank(name) ? "oidc" : name.strip(),
                ProviderConfig.blank(label) ? "Single sign-on" : label.strip(), ProviderConfig.Kind.OIDC,
                clientId, clientSecret);
        p.inputs.add(issuerUrl);
        p.issuer = ProviderConfig.blank(issuerUrl) ? null : ProviderConfig.trimSlash(issuerUrl);
        p.discover = true;
        p.scopes = "openid email profile";
        return p;
    }

    private ProviderConfig provider(String name, String label, ProviderConfig.Kind kind, String id, String secret) {
        ProviderConfig p = new ProviderConfig();
        p.name = name;
        p.label = label;
        p.kind = kind;
        p.clientId = id == null ? null : id.strip();
        p.clientSecret = secret == null ? null : secret.strip();
        p.inputs.add(id);
        p.inputs.add(secret);
        providers.add(p);
        return p;
    }

    /** The key bytes, or null when no secret is set. */
    byte[] key() {
        if (secretBytes != null) {
            return secretBytes.clone();
        }
        return secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Every problem with these settings, each saying how to fix it; empty when usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (secret != null && secretBytes != null) {
            problems.add("Set secret or secretBytes, not both");
        }
        byte[] key = key();
        if (key == null || key.length == 0) {
            problems.add("secret is required (at least " + MIN_SECRET_BYTES
                    + " bytes); generate one with: openssl rand -hex 32");
        } else if (key.length < MIN_SECRET_BYTES) {
            problems.add("secret is " + key.length + " bytes but must be at least " + MIN_SECRET_BYTES
                    + "; generate one with: openssl rand -hex 32");
        }
        if (ProviderConfig.blank(baseUrl)) {
            problems.add("baseUrl is required: the public URL of the mount, e.g. https://feedback.example.com");
        } else {
            try {
                URI uri = new URI(baseUrl.strip());
                if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                        || uri.getQuery() != null || uri.getFragment() != null) {
                    problems.add("baseUrl must be an http(s) URL without query or fragment, got '" + baseUrl + "'");
                }
            } catch (URISyntaxException e) {
                problems.add("baseUrl is not a valid URL: '" + baseUrl + "'");
            }
        }
        if (sessionTtl == null || sessionTtl.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add("sessionTtl must be at least one minute");
        }
        if (widgetTokenTtl == null || widgetTokenTtl.compareTo(Duration.ofMinutes(1)) < 0
                || widgetTokenTtl.compareTo(Duration.ofDays(1)) > 0) {
            problems.add("widgetTokenTtl must be between one minute and one day, e.g. one hour");
        }
        if (loginTimeout == null || loginTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add("loginTimeout must be at least one minute");
        }
        if (providerTimeout == null || providerTimeout.isNegative() || providerTimeout.isZero()) {
            problems.add("providerTimeout must be positive");
        }
        if (clock == null) {
            problems.add("clock must not be null");
        }
        if (adminEmails == null) {
            problems.add("adminEmails must not be null (use an empty set)");
        }
        if (ProviderConfig.blank(cookieName) || !cookieName.matches("[A-Za-z0-9_.-]+")) {
            problems.add("cookieName must be letters, digits, '_', '.' or '-'");
        }
        Set<String> names = new HashSet<>();
        for (ProviderConfig p : providers) {
            if (p.unused()) {
                continue;
            }
            problems.addAll(p.problems());
            if (p.name != null && !names.add(p.name)) {
                problems.add("provider '" + p.name + "' is configured twice");
            }
        }
        return problems;
    }
}
