import { describe, expect, it } from 'vitest';
import {
  addPending,
  backoff,
  followBoard,
  liveUrl,
  matchesList,
  newPostsLabel,
  removePost,
  replacePost,
  showPending,
  type EventSourceLike,
  type LiveEvent,
} from '../src/lib/live';
import type { PostDetail } from '../src/lib/types';

function post(id: string, over: Partial<PostDetail> = {}): PostDetail {
  return {
    id, project_id: 'p1', title: `Post ${id}`, description: null, status: 'open', category: 'feature', vote_count: 0,
    comment_count: 0, created_by: 'u1', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z',
    done_at: null, creator: { id: 'u1', name: 'Ann', avatar_url: null }, user_voted: false, response: null,
    merged_into: null, pinned: false, locked: false, hidden: false, approval: 'approved', tags: [], ...over,
  };
}

/** A stand-in for the browser's EventSource: the test opens, fails and feeds it. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: ((e: Event) => unknown) | null = null;
  onerror: ((e: Event) => unknown) | null = null;
  closed = false;
  listeners = new Map<string, (e: MessageEvent) => void>();
  constructor(readonly url: string) {}
  addEventListener(name: string, listener: (e: MessageEvent) => void) {
    this.listeners.set(name, listener);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(name: string, id: string, data: unknown) {
    this.listeners.get(name)?.(new MessageEvent(name, { data: JSON.stringify(data), lastEventId: id }));
  }
  fail(giveUp: boolean) {
    this.readyState = giveUp ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

function harness(visible = true) {
  const sources: FakeSource[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const events: LiveEvent[] = [];
  const listeners = new Map<string, () => void>();
  const doc = {
    visibilityState: (visible ? 'visible' : 'hidden') as DocumentVisibilityState,
    addEventListener: (name: string, fn: () => void) => listeners.set(name, fn),
    removeEventListener: (name: string) => listeners.delete(name),
  };
  const stop = followBoard({
    base: '/fb', slug: 'my board', onEvent: (e) => events.push(e),
    source: (url) => { const s = new FakeSource(url); sources.push(s); return s; },
    setTimer: (fn, ms) => { timers.push({ fn, ms }); return timers.length; },
    clearTimer: () => {},
    random: () => 0,
    doc: doc as never,
  });
  const setVisible = (v: boolean) => {
    doc.visibilityState = v ? 'visible' : 'hidden';
    listeners.get('visibilitychange')?.();
  };
  return { sources, timers, events, stop, setVisible, listeners };
}

describe('live list helpers', () => {
  it('replaces a post in place and keeps the same array when it is absent', () => {
    const list = [post('a'), post('b'), post('c')];
    const next = replacePost(list, post('b', { vote_count: 7 }));
    expect(next.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(next[1].vote_count).toBe(7);
    expect(replacePost(list, post('z'))).toBe(list);
    expect(removePost(list, 'b').map((p) => p.id)).toEqual(['a', 'c']);
    expect(removePost(list, 'z')).toBe(list);
  });

  it('announces a new post only when it fits the filters and is not shown yet, then shows it on top once', () => {
    const none = { q: '', status: '', category: '', tag: '' };
    expect(matchesList(post('n'), none)).toBe(true);
    expect(matchesList(post('n'), { ...none, q: 'dark' })).toBe(false);
    expect(matchesList(post('n'), { ...none, status: 'planned' })).toBe(false);
    expect(matchesList(post('n', { tags: ['ui'] }), { ...none, tag: 'ui' })).toBe(true);
    const shown = [post('a')];
    let pending = addPending([], shown, post('n1'));
    pending = addPending(pending, shown, post('n2'));
    pending = addPending(pending, shown, post('n1'));
    expect(addPending(pending, shown, post('a'))).toBe(pending);
    expect(pending.map((p) => p.id)).toEqual(['n1', 'n2']);
    expect(newPostsLabel(1)).toBe('1 new post — show');
    expect(newPostsLabel(2)).toBe('2 new posts — show');
    expect(showPending([post('n1'), post('a')], pending).map((p) => p.id)).toEqual(['n1', 'n2', 'a']);
  });

  it('builds the stream URL under the base, with the event to resume after', () => {
    expect(liveUrl('/fb', 'my board')).toBe('/fb/api/projects/my%20board/events');
    expect(liveUrl('', 'b', '42')).toBe('/api/projects/b/events?last_event_id=42');
  });

  it('backs off from 1 s doubling to at most 60 s, with jitter', () => {
    expect([1, 2, 3, 7, 20].map((n) => backoff(n, () => 0))).toEqual([1000, 2000, 4000, 60000, 60000]);
    expect(backoff(1, () => 1)).toBe(1200);
  });
});

describe('followBoard', () => {
  it('passes events on parsed, and reconnects with backoff, resuming after the last event, once the browser gives up', () => {
    const h = harness();
    expect(h.sources[0].url).toBe('/fb/api/projects/my%20board/events');
    h.sources[0].open();
    h.sources[0].emit('vote.changed', '17', post('a', { vote_count: 3 }));
    expect(h.events).toHaveLength(1);
    expect(h.events[0].name).toBe('vote.changed');
    expect((h.events[0].data as PostDetail).vote_count).toBe(3);

    h.sources[0].fail(false); // the browser retries by itself: nothing to do
    expect(h.timers).toHaveLength(0);
    h.sources[0].fail(true); // it gave up (an error answer, e.g. 429)
    expect(h.sources[0].closed).toBe(true);
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    h.timers[0].fn();
    expect(h.sources[1].url).toBe('/fb/api/projects/my%20board/events?last_event_id=17');
    h.sources[1].fail(true);
    expect(h.timers.map((t) => t.ms)).toEqual([1000, 2000]);
    h.timers[1].fn();
    h.sources[2].open(); // connected again: the next failure starts the backoff over
    h.sources[2].fail(true);
    expect(h.timers[2].ms).toBe(1000);
    h.stop();
  });

  it('disconnects while the tab is hidden and resumes when it is shown', () => {
    const h = harness();
    h.sources[0].open();
    h.sources[0].emit('post.created', '5', post('n'));
    h.setVisible(false);
    expect(h.sources[0].closed).toBe(true);
    h.setVisible(true);
    expect(h.sources).toHaveLength(2);
    expect(h.sources[1].url).toContain('last_event_id=5');
    h.stop();
    expect(h.sources[1].closed).toBe(true);
    expect(h.listeners.size).toBe(0);
  });

  it('does not connect in a hidden tab, and stops for good when the board is deleted', () => {
    const h = harness(false);
    expect(h.sources).toHaveLength(0);
    h.setVisible(true);
    h.sources[0].emit('project.deleted', '9', { project_id: 'p1', post_id: null });
    expect(h.events[0].name).toBe('project.deleted');
    expect(h.sources[0].closed).toBe(true);
    h.setVisible(false);
    h.setVisible(true);
    expect(h.sources).toHaveLength(1);
  });
});
