package io.rungu.model;

/**
 * What a sign-in provider says about a person.
 *
 * @param provider      provider name, e.g. {@code github}
 * @param subject       the provider's stable user id
 * @param email         may be null when the provider gives none
 * @param emailVerified whether the provider vouches for the email; only verified emails link accounts
 */
public record ProviderIdentity(String provider, String subject, String email, boolean emailVerified, String name,
                               String avatarUrl) {}
