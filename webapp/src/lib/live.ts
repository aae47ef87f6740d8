import { t } from './i18n.svelte';
import type { PostDetail, Removal } from './types';

/** The events a board's live stream sends (docs/api.md, Live updates). */
export const LIVE_EVENTS = [
  'post.created',
  'post.updated',
  'post.status_changed',
  'post.deleted',
  'post.merged',
  'comment.created',
  'comment.deleted',
  'vote.changed',
  'project.deleted',
  'resync',
] as const;

export type LiveEventName = (typeof LIVE_EVENTS)[number];

/** One received event: its name and its parsed data (a post, a removal, or `{}` for resync). */
export type LiveEvent =
  | { name: 'post.deleted' | 'project.deleted'; data: Removal }
  | { name: 'resync'; data: Record<string, never> }
  | { name: Exclude<LiveEventName, 'post.deleted' | 'project.deleted' | 'resync'>; data: PostDetail };

/** The post an event carries, or null for removals and resync. */
export function postOf(e: LiveEvent): PostDetail | null {
  return e.name === 'post.deleted' || e.name === 'project.deleted' || e.name === 'resync' ? null : (e.data as PostDetail);
}

/** The part of EventSource the client uses, so tests can pass their own. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((e: Event) => unknown) | null;
  onerror: ((e: Event) => unknown) | null;
  addEventListener(name: string, listener: (e: MessageEvent) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

/** The stream's URL under the board's base; with the event to resume after, for a fresh EventSource. */
export function liveUrl(base: string, slug: string, lastEventId?: string): string {
  const path = `${base}/api/projects/${encodeURIComponent(slug)}/events`;
  return lastEventId ? `${path}?last_event_id=${encodeURIComponent(lastEventId)}` : path;
}

/** Milliseconds before reconnect attempt `attempt` (1, 2, ...): doubling from 1 s up to 60 s, with up to 20 % jitter. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const plain = Math.min(60_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (1 + 0.2 * random()));
}

/** The list with `post` in place of the post with its id; the same array when it is not there (nothing moves). */
export function replacePost(posts: PostDetail[], post: PostDetail): PostDetail[] {
  const i = posts.findIndex((p) => p.id === post.id);
  if (i < 0) return posts;
  const next = posts.slice();
  next[i] = post;
  return next;
}

/** The list without the post `id`; the same array when it is not there. */
export function removePost(posts: PostDetail[], id: string): PostDetail[] {
  return posts.some((p) => p.id === id) ? posts.filter((p) => p.id !== id) : posts;
}

/** The filters a board list shows; a new post that does not match them is not announced. */
export interface ListFilter {
  q: string;
  status: string;
  category: string;
  tag: string;
}

/** Whether a newly created post belongs in the list as filtered (a search never announces: relevance decides). */
export function matchesList(post: PostDetail, f: ListFilter): boolean {
  if (f.q.trim() !== '') return false;
  if (f.status && post.status !== f.status) return false;
  if (f.category && post.category !== f.category) return false;
  if (f.tag && !post.tags.includes(f.tag)) return false;
  return true;
}

/** "1 new post — show", "3 new posts — show". */
export function newPostsLabel(count: number): string {
  return t('live.newPosts', { count });
}

/** Pending new posts with `post` added (newest first, once), unless it is already shown. */
export function addPending(pending: PostDetail[], shown: PostDetail[], post: PostDetail): PostDetail[] {
  if (shown.some((p) => p.id === post.id)) return pending;
  return [post, ...pending.filter((p) => p.id !== post.id)];
}

/** The shown list with the pending posts on top, each post once. */
export function showPending(shown: PostDetail[], pending: PostDetail[]): PostDetail[] {
  const ids = new Set(pending.map((p) => p.id));
  return [...pending, ...shown.filter((p) => !ids.has(p.id))];
}

export interface LiveOptions {
  base: string;
  slug: string;
  onEvent: (event: LiveEvent) => void;
  /** Called when the stream is connected (true) or lost (false). */
  onStatus?: (connected: boolean) => void;
  source?: EventSourceFactory;
  /** The document whose visibility pauses the stream; none: never paused. */
  doc?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
  random?: () => number;
}

const CLOSED = 2;

/**
 * Follows a board's live stream: reconnects with backoff when the browser gives up on it (an error answer such as
 * 429, or the server ending the stream), resuming after the last event seen; disconnects while the tab is hidden
 * and reconnects, resuming, when it is shown again. Returns the function that stops it.
 */
export function followBoard(o: LiveOptions): () => void {
  if (!o.source && typeof EventSource === 'undefined') return () => {}; // no live updates, the pages still work
  const source: EventSourceFactory = o.source ?? ((url) => new EventSource(url, { withCredentials: true }));
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));
  let es: EventSourceLike | null = null;
  let lastId = '';
  let attempt = 0;
  let timer: unknown = null;
  let stopped = false;

  const connect = () => {
    timer = null;
    if (stopped || es) return;
    const current = source(liveUrl(o.base, o.slug, lastId));
    es = current;
    current.onopen = () => {
      attempt = 0;
      o.onStatus?.(true);
    };
    current.onerror = () => {
      o.onStatus?.(false);
      // EventSource retries a dropped connection itself; once it gives up (CLOSED), so do we, for a while.
      if (current.readyState === CLOSED && es === current) {
        es = null;
        current.close();
        schedule();
      }
    };
    for (const name of LIVE_EVENTS) {
      current.addEventListener(name, (e: MessageEvent) => {
        if (e.lastEventId) lastId = e.lastEventId;
        let data: unknown;
        try {
          data = JSON.parse(e.data as string);
        } catch {
          return;
        }
        o.onEvent({ name, data } as LiveEvent);
        if (name === 'project.deleted') stop();
      });
    }
  };

  const schedule = () => {
    if (stopped || timer !== null) return;
    attempt += 1;
    timer = setTimer(connect, backoff(attempt, o.random));
  };

  const disconnect = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    es?.close();
    es = null;
  };

  const onVisibility = () => {
    if (!o.doc) return;
    if (o.doc.visibilityState === 'hidden') disconnect();
    else if (!es && timer === null) connect();
  };

  const stop = () => {
    stopped = true;
    disconnect();
    o.doc?.removeEventListener('visibilitychange', onVisibility);
  };

  o.doc?.addEventListener('visibilitychange', onVisibility);
  if (!o.doc || o.doc.visibilityState !== 'hidden') connect();
  return stop;
}
