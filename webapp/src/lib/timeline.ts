import { STATUS_LABELS, type CommentDetail, type StatusChange, type TimelineEntry } from './types';

/** One row of the post page's timeline: a comment thread (by its root) or a status change. */
export type TimelineRow = { kind: 'thread'; root: CommentDetail } | { kind: 'change'; change: StatusChange };

/** The comments and the status changes of a timeline, each oldest first. */
export function splitTimeline(entries: TimelineEntry[]): { comments: CommentDetail[]; changes: StatusChange[] } {
  const comments: CommentDetail[] = [];
  const changes: StatusChange[] = [];
  for (const e of entries) {
    // The key named by `type` is set, the other is null.
    if (e.type === 'comment' && e.comment) comments.push(e.comment);
    else if (e.type === 'status_change' && e.status_change) changes.push(e.status_change);
  }
  return { comments, changes };
}

/**
 * Comment threads and status changes in time order: a thread sits where its first comment was written (replies
 * stay inside it), a status change where it happened. Ties keep threads first, as the server orders by time then id.
 */
export function interleave(roots: CommentDetail[], changes: StatusChange[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let c = 0;
  for (const root of roots) {
    // Parsed, not compared as text: the server writes fractions of a second only when there are some.
    while (c < changes.length && Date.parse(changes[c].created_at) < Date.parse(root.created_at)) {
      rows.push({ kind: 'change', change: changes[c++] });
    }
    rows.push({ kind: 'thread', root });
  }
  while (c < changes.length) rows.push({ kind: 'change', change: changes[c++] });
  return rows;
}

/** What a status change did, in words: "changed the status from Open to Done" or "gave an official response". */
export function describeChange(change: StatusChange): string {
  if (change.from === change.to) return 'gave an official response';
  return `changed the status from ${STATUS_LABELS[change.from]} to ${STATUS_LABELS[change.to]}`;
}
