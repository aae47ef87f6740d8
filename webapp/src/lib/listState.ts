import { t } from './i18n.svelte';
/**
 * Where a reader was in a board's lists, so that Back (and "← Back to board") returns to the same place: the posts
 * already loaded for a list URL with its scroll position (in memory, for this tab's visit), and the last list
 * (board with its search and filters, or roadmap) seen per board (in sessionStorage, so a reload keeps it).
 */

/** A post list as it was on screen. */
export interface ListSnapshot<T, P = unknown> {
  /** The board the list belongs to, so that it shows at once, header included. */
  project?: P;
  posts: T[];
  page: number;
  totalPages: number;
  total: number;
  scrollY: number;
}

/** Lists kept; older ones are dropped first. */
export const MAX_LISTS = 10;

const lists = new Map<string, ListSnapshot<unknown>>();

/** Keeps the list shown at `key` (an app path with its query). */
export function saveList<T, P>(key: string, snapshot: ListSnapshot<T, P>): void {
  lists.delete(key);
  lists.set(key, snapshot);
  while (lists.size > MAX_LISTS) lists.delete(lists.keys().next().value as string);
}

/** The list kept for `key`, if any. */
export function savedList<T, P = unknown>(key: string): ListSnapshot<T, P> | undefined {
  return lists.get(key) as ListSnapshot<T, P> | undefined;
}

export function clearLists(): void {
  lists.clear();
}

const LAST_KEY = 'rungu.lastList.';

function storage(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined; // storage can be disabled; the app then falls back to the plain board
  }
}

/** Records the list (app path with query) a reader of board `slug` last looked at. */
export function rememberListPath(slug: string, path: string): void {
  try {
    storage()?.setItem(LAST_KEY + slug, path);
  } catch {
    // a full or disabled storage only costs the convenience
  }
}

/** The list to go back to from a post of board `slug`: the last one seen, else the board's post list. */
export function listPathOf(slug: string): string {
  const board = `/board/${encodeURIComponent(slug)}`;
  const last = storage()?.getItem(LAST_KEY + slug);
  // Only this board's own lists: the stored value is a path the app wrote, but the storage is the user's.
  return last && (last === board || last.startsWith(`${board}?`) || last === `${board}/roadmap`) ? last : board;
}

/** "Back to roadmap" or "Back to board", for the link to `listPathOf`. */
export function backLabel(path: string): string {
  return t(path.endsWith('/roadmap') ? 'back.roadmap' : 'back.board');
}
