import type { Vote } from './types';

/**
 * A vote asked for while signed out, kept across the sign-in (a provider's redirect reloads the page; an email
 * link opens a new tab, hence localStorage) and completed once when the user comes back signed in.
 */
const KEY = 'rungu-pending-vote';
/** An intent older than this is dropped: a vote must not appear long after the click that asked for it. */
export const PENDING_VOTE_TTL_MS = 30 * 60 * 1000;

function store(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function rememberVote(postId: string, now = Date.now()): void {
  try {
    store()?.setItem(KEY, JSON.stringify({ postId: postId.slice(0, 100), at: now }));
  } catch {
    // storage full or denied: the vote is then simply not completed after sign-in
  }
}

/** Takes (and clears) the remembered vote, or null when there is none or it is stale or malformed. */
export function takePendingVote(now = Date.now()): string | null {
  const s = store();
  const raw = s?.getItem(KEY);
  if (!raw) return null;
  s?.removeItem(KEY);
  try {
    const v = JSON.parse(raw) as { postId?: unknown; at?: unknown };
    if (typeof v.postId !== 'string' || !v.postId || typeof v.at !== 'number') return null;
    if (now - v.at > PENDING_VOTE_TTL_MS || v.at > now + 60_000) return null;
    return v.postId;
  } catch {
    return null;
  }
}

/** The last vote completed after sign-in, so that a vote button already on screen shows it. */
export const completedVote = $state<{ postId: string; vote: Vote | null }>({ postId: '', vote: null });

/**
 * Completes the remembered vote for a signed-in user: votes only when the user has not voted yet (voting toggles),
 * so coming back twice never removes the vote. Returns the resulting vote, or null when nothing was pending.
 */
export async function completePendingVote(client: {
  getVote(id: string): Promise<Vote>;
  toggleVote(id: string): Promise<Vote>;
}): Promise<Vote | null> {
  const postId = takePendingVote();
  if (!postId) return null;
  const current = await client.getVote(postId);
  const vote = current.voted ? current : await client.toggleVote(postId);
  completedVote.postId = postId;
  completedVote.vote = vote;
  return vote;
}
