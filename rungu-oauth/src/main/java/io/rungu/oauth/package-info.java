/**
 * Sign-in for Rungu: {@link io.rungu.oauth.RunguAuth} (providers, sessions, sign-in links, API tokens),
 * its settings {@link io.rungu.oauth.AuthConfig}, and the standalone {@link io.rungu.oauth.RunguAuthPlugin}.
 * Everything under {@code io.rungu.oauth.internal} may change without notice.
 */
package io.rungu.oauth;
