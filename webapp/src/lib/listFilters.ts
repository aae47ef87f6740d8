import { translatedRecord } from './i18n.svelte';

/**
 * The board list's server-side scope: closed-kind posts are left out unless shown or a status is chosen, and
 * "My votes" / "My posts" ask the server for the viewer's own (signed in only; signed out they are dropped).
 */
export type Mine = '' | 'votes' | 'posts';

export const MINE_LABELS: Record<Exclude<Mine, ''>, string> = translatedRecord(['votes', 'posts'], (m) => `mine.${m}`);

export function listFilters(o: { status: string; showClosed: boolean; mine: Mine; signedIn: boolean }): {
  exclude_closed?: boolean;
  author?: 'me';
  voted_by?: 'me';
} {
  const out: { exclude_closed?: boolean; author?: 'me'; voted_by?: 'me' } = {};
  if (!o.status && !o.showClosed) out.exclude_closed = true;
  if (o.signedIn && o.mine === 'posts') out.author = 'me';
  if (o.signedIn && o.mine === 'votes') out.voted_by = 'me';
  return out;
}
