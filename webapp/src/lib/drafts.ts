/**
 * Unsent text kept in localStorage, so that Esc, Cancel, a reload or a closed tab does not lose it: the new post
 * being written per board, and an edit of a post per post.
 */
import type { PostCategory } from './types';

export interface PostDraft {
  title: string;
  description: string;
  category: PostCategory;
}

const PREFIX = 'rungu.draft.';

export const newPostDraftKey = (slug: string) => `${PREFIX}post.${slug}`;
export const editDraftKey = (postId: string) => `${PREFIX}edit.${postId}`;

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage can be disabled: drafts then live only while the page is open
  }
}

/** True when nothing worth keeping was typed. */
export function isBlank(draft: Pick<PostDraft, 'title' | 'description'>): boolean {
  return draft.title.trim() === '' && draft.description.trim() === '';
}

/** The draft kept under `key`, if a well-formed one is there. */
export function loadDraft(key: string): PostDraft | undefined {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return undefined;
    const d = JSON.parse(raw) as Partial<PostDraft>;
    if (typeof d.title !== 'string' || typeof d.description !== 'string' || typeof d.category !== 'string') return undefined;
    return { title: d.title, description: d.description, category: d.category as PostCategory };
  } catch {
    return undefined;
  }
}

/** Keeps `draft` under `key`; a blank draft removes what was kept. */
export function saveDraft(key: string, draft: PostDraft): void {
  try {
    if (isBlank(draft)) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // a full storage only costs the convenience
  }
}

export function clearDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing to clear
  }
}
