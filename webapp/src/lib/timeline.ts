import { statusLabel } from './boardData.svelte';
import { t } from './i18n.svelte';
import { type CommentDetail, type Merge, type StatusChange, type TimelineEntry } from './types';

/** One row of the post page's timeline: a comment thread (by its root), a status change or a merge. */
export type TimelineRow =
  | { kind: 'thread'; root: CommentDetail }
  | { kind: 'change'; change: StatusChange }
  | { kind: 'merge'; merge: Merge };

/** The comments, status changes and merges of a timeline, each oldest first. */
export function splitTimeline(entries: TimelineEntry[]): {
  comments: CommentDetail[];
  changes: StatusChange[];
  merges: Merge[];
} {
  const comments: CommentDetail[] = [];
  const changes: StatusChange[] = [];
  const merges: Merge[] = [];
  for (const e of entries) {
    // The key named by `type` is set, the others are null.
    if (e.type === 'comment' && e.comment) comments.push(e.comment);
    else if (e.type === 'status_change' && e.status_change) changes.push(e.status_change);
    else if (e.type === 'merge' && e.merge) merges.push(e.merge);
  }
  return { comments, changes, merges };
}

/**
 * Comment threads, status changes and merges in time order: a thread sits where its first comment was written
 * (replies stay inside it), a change or merge where it happened. Ties keep threads first, as the server orders by
 * time then id.
 */
export function interleave(roots: CommentDetail[], changes: StatusChange[], merges: Merge[] = []): TimelineRow[] {
  const events: TimelineRow[] = [
    ...changes.map((change) => ({ kind: 'change' as const, change })),
    ...merges.map((merge) => ({ kind: 'merge' as const, merge })),
  ].sort((a, b) => Date.parse(at(a)) - Date.parse(at(b)));
  const rows: TimelineRow[] = [];
  let c = 0;
  for (const root of roots) {
    // Parsed, not compared as text: the server writes fractions of a second only when there are some.
    while (c < events.length && Date.parse(at(events[c])) < Date.parse(root.created_at)) rows.push(events[c++]);
    rows.push({ kind: 'thread', root });
  }
  while (c < events.length) rows.push(events[c++]);
  return rows;
}

function at(row: TimelineRow): string {
  return row.kind === 'thread' ? row.root.created_at : row.kind === 'change' ? row.change.created_at : row.merge.created_at;
}

/** What a status change did, in words: "changed the status from Open to Done" or "gave an official response". */
export function describeChange(change: StatusChange): string {
  if (change.from === change.to) return t('timeline.response');
  return t('timeline.statusChanged', { from: statusLabel(change.from), to: statusLabel(change.to) });
}

/** What a merge did, seen from the post whose timeline shows it. */
export function describeMerge(merge: Merge, postId: string): string {
  if (merge.post_id === postId) {
    return t(merge.undone ? 'timeline.unmergedFrom' : 'timeline.mergedInto', { title: merge.into_title });
  }
  return t(merge.undone ? 'timeline.unmergedHere' : 'timeline.mergedHere', { title: merge.post_title });
}

/** The merges into this post that are still in force (the latest entry for their duplicate is not an unmerge). */
export function activeMerges(merges: Merge[], postId: string): Set<string> {
  const latest = new Map<string, Merge>();
  for (const m of merges) if (m.into_id === postId) latest.set(m.post_id, m);
  return new Set([...latest.values()].filter((m) => !m.undone).map((m) => m.id));
}
