import { t } from './i18n.svelte';
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

const SIGN_IN_ERRORS = new Set([
  'email_unverified',
  'state_mismatch',
  'link_expired',
  'link_invalid',
  'provider_error',
  'access_denied',
  'account_disabled',
  'unknown_provider',
  'rate_limited',
]);

export function signInErrorMessage(code: string): string {
  return SIGN_IN_ERRORS.has(code) ? t(`signInError.${code}`) : t('signInError.other', { code: code.slice(0, 60) });
}
