import { api, errorMessage } from './api';
import { withBase } from './base';
import type { Me } from './types';

/** The signed-in user, shared by every page. */
export const session = $state<{ user: Me | null; loading: boolean; error: string }>({
  user: null,
  loading: true,
  error: '',
});

export async function loadSession(): Promise<void> {
  session.loading = true;
  session.error = '';
  try {
    session.user = await api.session();
  } catch (e) {
    session.user = null;
    session.error = errorMessage(e);
  } finally {
    session.loading = false;
  }
}

/** Reloads the signed-in user after a change to the account, without showing the loading state. */
export async function refreshSession(): Promise<void> {
  session.user = await api.session();
}

export function isAdmin(): boolean {
  return session.user?.role === 'admin';
}

/** True when the signed-in user may edit something created by `ownerId`. */
export function canModify(ownerId: string | null | undefined): boolean {
  const u = session.user;
  return !!u && (u.role === 'admin' || u.id === ownerId);
}

/** Signs out of every browser (and, when asked, revokes every API token), then reloads as anonymous. */
export async function logoutEverywhere(revokeTokens: boolean): Promise<void> {
  await api.logoutEverywhere(revokeTokens);
  location.assign(withBase(api.base, '/'));
}

export async function logout(): Promise<void> {
  await api.logout();
  // A full reload drops every piece of state that belonged to the signed-in user.
  location.assign(withBase(api.base, '/'));
}
