import type { Provider } from './types';

/** An app path that is safe to return to after sign-in: same-site and not the login page itself. */
export function safeRedirect(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f]/.test(value)) return '/';
  if (/^\/login(\/|\?|#|$)/.test(value)) return '/';
  return value;
}

/** A provider's login URL with the path to come back to (relative to the base). */
export function loginUrl(providerUrl: string, redirect: string): string {
  const sep = providerUrl.includes('?') ? '&' : '?';
  return `${providerUrl}${sep}redirect=${encodeURIComponent(redirect)}`;
}

/**
 * The host application's own login when it is the only way to sign in (a board embedded with the host's login
 * and its sign-in URL): the sign-in page goes straight there instead of offering a single button.
 */
export function hostSignIn(providers: Provider[]): Provider | null {
  return providers.length === 1 && providers[0].name === 'host' ? providers[0] : null;
}

const SIGN_IN_ERRORS: Record<string, string> = {
  email_unverified: 'Your account with this provider has no verified email address. Verify your email there, then try again.',
  state_mismatch: 'The sign-in took too long or was started in another tab. Please try again.',
  link_expired: 'This sign-in link has expired or was already used. Request a new one.',
  link_invalid: 'This sign-in link is not valid. Request a new one.',
  provider_error: 'The sign-in provider reported a problem. Please try again.',
  access_denied: 'Sign-in was cancelled.',
  account_disabled: 'This account is disabled.',
  unknown_provider: 'That sign-in method is not available on this server.',
  rate_limited: 'Too many sign-in attempts. Wait a minute and try again.',
};

export function signInErrorMessage(code: string): string {
  return SIGN_IN_ERRORS[code] ?? `Sign-in failed (${code.slice(0, 60)}). Please try again.`;
}
