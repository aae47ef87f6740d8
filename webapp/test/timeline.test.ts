import { describe, expect, it } from 'vitest';
import { feedOf, feedPath } from '../src/lib/feeds';
import { activeMerges, describeChange, describeMerge, interleave, splitTimeline } from '../src/lib/timeline';
import { mergeCandidates } from '../src/lib/merge';
import type { CommentDetail, Merge, PostDetail, StatusChange, TimelineEntry } from '../src/lib/types';

const who = { id: 'u1', name: 'Ann', avatar_url: null };

function comment(id: string, at: string, parent: string | null = null): CommentDetail {
  return { id, post_id: 'p', parent_id: parent, content: id, created_by: 'u1', created_at: at, edited_at: null, creator: who, internal: false, merged_from: null, hidden: false };
}

function change(id: string, at: string, from: StatusChange['from'] = 'open', to: StatusChange['to'] = 'planned'): StatusChange {
  return { id, post_id: 'p', from, to, response: null, creator: who, created_at: at };
}

describe('splitTimeline', () => {
  it('separates comments and status changes, keeping their order', () => {
    const entries: TimelineEntry[] = [
      { type: 'comment', comment: comment('c1', '2026-01-01T00:00:00Z'), status_change: null, merge: null },
      { type: 'status_change', comment: null, status_change: change('s1', '2026-01-02T00:00:00Z'), merge: null },
      { type: 'comment', comment: comment('c2', '2026-01-03T00:00:00Z', 'c1'), status_change: null, merge: null },
    ];
    const { comments, changes } = splitTimeline(entries);
    expect(comments.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(changes.map((c) => c.id)).toEqual(['s1']);
  });
});

describe('interleave', () => {
  it('places status changes between threads by time', () => {
    const roots = [comment('c1', '2026-01-01T00:00:00Z'), comment('c2', '2026-01-03T00:00:00Z')];
    const changes = [
      change('s0', '2025-12-31T00:00:00Z'),
      change('s1', '2026-01-02T00:00:00Z'),
      change('s2', '2026-01-04T00:00:00Z'),
    ];
    const rows = interleave(roots, changes).map((r) => (r.kind === 'thread' ? r.root.id : r.kind === 'change' ? r.change.id : r.merge.id));
    expect(rows).toEqual(['s0', 'c1', 's1', 'c2', 's2']);
  });

  it('compares instants, not their text (fractions of a second are optional)', () => {
    const rows = interleave([comment('c1', '2026-01-01T00:00:05Z')], [change('s1', '2026-01-01T00:00:05.500Z')]);
    expect(rows.map((r) => r.kind)).toEqual(['thread', 'change']);
  });

  it('keeps a thread before a change made at the same instant, and handles empty sides', () => {
    const at = '2026-01-01T00:00:00Z';
    expect(interleave([comment('c1', at)], [change('s1', at)]).map((r) => r.kind)).toEqual(['thread', 'change']);
    expect(interleave([], [change('s1', at)]).map((r) => r.kind)).toEqual(['change']);
    expect(interleave([comment('c1', at)], [])).toHaveLength(1);
  });
});

function merge(id: string, at: string, undone = false): Merge {
  return { id, post_id: 'dup', post_title: 'Night theme', into_id: 'p', into_title: 'Dark mode', undone, creator: who, created_at: at };
}

describe('merges on the timeline', () => {
  it('are split out of the entries and placed between threads by time', () => {
    const entries: TimelineEntry[] = [
      { type: 'comment', comment: comment('c1', '2026-01-01T00:00:00Z'), status_change: null, merge: null },
      { type: 'merge', comment: null, status_change: null, merge: merge('m1', '2026-01-02T00:00:00Z') },
      { type: 'comment', comment: comment('c2', '2026-01-03T00:00:00Z'), status_change: null, merge: null },
    ];
    const { comments, merges } = splitTimeline(entries);
    expect(merges.map((m) => m.id)).toEqual(['m1']);
    const rows = interleave(comments, [change('s1', '2026-01-04T00:00:00Z')], merges).map((r) => r.kind);
    expect(rows).toEqual(['thread', 'merge', 'thread', 'change']);
  });

  it('read from either post and only the latest merge of a duplicate can be undone', () => {
    expect(describeMerge(merge('m', '2026-01-01T00:00:00Z'), 'p')).toContain('merged “Night theme” into this post');
    expect(describeMerge(merge('m', '2026-01-01T00:00:00Z'), 'dup')).toBe('merged this post into “Dark mode”');
    expect(describeMerge(merge('m', '2026-01-01T00:00:00Z', true), 'p')).toBe('unmerged “Night theme” from this post');
    const history = [merge('m1', '2026-01-01T00:00:00Z'), merge('m2', '2026-01-02T00:00:00Z', true)];
    expect(activeMerges(history, 'p').size).toBe(0);
    expect([...activeMerges([...history, merge('m3', '2026-01-03T00:00:00Z')], 'p')]).toEqual(['m3']);
  });

  it('never offers the post itself or a merged post as a merge target', () => {
    const p = (id: string, merged_into: string | null = null) => ({ id, merged_into }) as PostDetail;
    expect(mergeCandidates([p('a'), p('b'), p('c', 'b')], 'a').map((x) => x.id)).toEqual(['b']);
  });
});

describe('describeChange', () => {
  it('names both statuses, or says a response was given alone', () => {
    expect(describeChange(change('s', '2026-01-01T00:00:00Z', 'in_progress', 'done'))).toBe(
      'changed the status from In progress to Done',
    );
    expect(describeChange(change('s', '2026-01-01T00:00:00Z', 'planned', 'planned'))).toBe('gave an official response');
  });
});

describe('feeds', () => {
  it('builds the feed path under the base with the slug encoded', () => {
    expect(feedPath('', 'my-app', 'posts')).toBe('/feeds/my-app/posts.atom');
    expect(feedPath('/feedback', 'dé jà', 'changelog')).toBe('/feedback/feeds/d%C3%A9%20j%C3%A0/changelog.atom');
  });

  it('offers the posts feed on the board and the changelog feed on the changelog', () => {
    expect(feedOf('posts')).toBe('posts');
    expect(feedOf('changelog')).toBe('changelog');
    expect(feedOf('roadmap')).toBeNull();
  });
});
