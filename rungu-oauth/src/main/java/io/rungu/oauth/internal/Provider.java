package io.rungu.oauth.internal;

import io.rungu.model.ProviderIdentity;

/** One configured sign-in provider. */
public interface Provider {

    /** Route name, e.g. {@code github}. */
    String name();

    /** Button text. */
    String label();

    /** Whether an ID token with a nonce proves the sign-in. */
    boolean usesNonce();

    /**
     * The provider URL that starts a sign-in.
     *
     * @throws LoginFailure when the provider cannot be reached (discovery)
     */
    String authorizationUrl(String state, String codeVerifier, String nonce);

    /**
     * Exchanges the code and reads who signed in.
     *
     * @throws LoginFailure with {@code provider_error} for anything the provider did wrong
     */
    ProviderIdentity identity(String code, String codeVerifier, String nonce);
}
