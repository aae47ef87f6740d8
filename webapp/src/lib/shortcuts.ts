import { t, translatedRecord } from './i18n.svelte';
/** Keyboard shortcuts: one registry that drives both the key handling and the help overlay. */

export type Scope = 'global' | 'board' | 'post-detail';

export interface Shortcut {
  /** Normalized key (see normalizeKey). */
  key: string;
  /** How the key is shown in the help overlay. */
  label: string;
  scope: Scope;
  description: string;
  authRequired?: boolean;
  hint?: string;
}

export const SCOPES: readonly Scope[] = ['global', 'board', 'post-detail'];

export const SCOPE_LABELS: Record<Scope, string> = translatedRecord(SCOPES, (s) => `shortcuts.scope.${s}`);

/** One shortcut whose description and hint (`shortcuts.<id>`, `shortcuts.<id>.hint`) follow the language. */
function shortcut(id: string, key: string, label: string, scope: Scope, extra: { authRequired?: boolean; hint?: boolean } = {}): Shortcut {
  return {
    key,
    get label() {
      return key === 'esc' || key === 'enter' ? t(`shortcuts.key.${key}`) : label;
    },
    scope,
    get description() {
      return t(`shortcuts.${id}`);
    },
    get hint() {
      return extra.hint ? t(`shortcuts.${id}.hint`) : undefined;
    },
    ...(extra.authRequired ? { authRequired: true } : {}),
  };
}

export const SHORTCUTS: readonly Shortcut[] = [
  shortcut('help', '?', '?', 'global', { hint: true }),
  shortcut('close', 'esc', 'Esc', 'global'),
  shortcut('search', '/', '/', 'board'),
  shortcut('compose', 'c', 'c', 'board', { authRequired: true }),
  shortcut('next', 'j', 'j', 'board', { hint: true }),
  shortcut('previous', 'k', 'k', 'board', { hint: true }),
  shortcut('open', 'enter', 'Enter', 'board'),
  shortcut('vote', 'v', 'v', 'board', { authRequired: true }),
  shortcut('comment', 'r', 'r', 'post-detail', { authRequired: true }),
];

const SPECIFICITY: Record<Scope, number> = { global: 0, board: 1, 'post-detail': 2 };

/** "Escape" → "esc"; otherwise trimmed and lower-cased ("Enter" → "enter", "J" → "j"). */
export function normalizeKey(key: string): string {
  const k = key === ' ' ? 'space' : key.trim().toLowerCase();
  return k === 'escape' ? 'esc' : k;
}

/** Scopes active on an app path: post pages add post-detail, other board pages add board. */
export function scopesForPath(path: string): Scope[] {
  if (/^\/board\/[^/]+\/post\/[^/]+\/?$/.test(path)) return ['global', 'post-detail'];
  if (/^\/board\/[^/]+\/?$/.test(path)) return ['global', 'board'];
  return ['global'];
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/** The shortcut a key press means in the given scopes (most specific scope wins), or undefined. */
export function resolveShortcut(event: KeyLike, scopes: readonly Scope[]): Shortcut | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const key = normalizeKey(event.key);
  return SHORTCUTS.filter((s) => s.key === key && scopes.includes(s.scope)).sort(
    (a, b) => SPECIFICITY[b.scope] - SPECIFICITY[a.scope],
  )[0];
}

/** True when the element takes typed text, so letters must reach it rather than trigger shortcuts. */
export function isInputFocused(el: Element | null | undefined = globalThis.document?.activeElement): boolean {
  if (!el || !(el instanceof HTMLElement)) return false;
  const tag = el.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (el.isContentEditable || el.getAttribute('contenteditable') === 'true' || el.getAttribute('contenteditable') === '') return true;
  return el.getAttribute('role') === 'textbox';
}

/**
 * True when the element already does something with Enter or Space (links, buttons, form controls,
 * summaries, ARIA widgets), so those keys must keep their native meaning.
 */
export function isActivatable(el: Element | null | undefined = globalThis.document?.activeElement): boolean {
  if (!el || !(el instanceof HTMLElement)) return false;
  if (isInputFocused(el)) return true;
  if (el.closest('a[href], button, summary, label, [role="button"], [role="link"], [role="menuitem"], [role="option"], [role="tab"], [role="checkbox"], [role="radio"], [role="switch"]')) return true;
  return false;
}

export function shortcutsByScope(): Record<Scope, Shortcut[]> {
  const groups: Record<Scope, Shortcut[]> = { global: [], board: [], 'post-detail': [] };
  for (const s of SHORTCUTS) groups[s.scope].push(s);
  return groups;
}

/** A page's reaction to a shortcut; returns true only when it did something (the key is then consumed). */
export type ShortcutHandler = (event: KeyboardEvent) => boolean;

/** Handlers registered by the pages and the layout, keyed by normalized key. */
export class ShortcutHandlers {
  private readonly handlers = new Map<string, ShortcutHandler[]>();

  register(map: Record<string, ShortcutHandler>): () => void {
    for (const [key, fn] of Object.entries(map)) {
      const list = this.handlers.get(key) ?? [];
      list.unshift(fn);
      this.handlers.set(key, list);
    }
    return () => {
      for (const [key, fn] of Object.entries(map)) {
        const list = this.handlers.get(key);
        if (list) this.handlers.set(key, list.filter((f) => f !== fn));
      }
    };
  }

  /** Runs the newest handler for the key that accepts the event. */
  run(key: string, event: KeyboardEvent): boolean {
    for (const fn of this.handlers.get(key) ?? []) {
      if (fn(event)) return true;
    }
    return false;
  }
}

export interface DispatchContext {
  path: string;
  signedIn: boolean;
  handlers: ShortcutHandlers;
  active?: Element | null;
}

/**
 * Handles a keydown: finds the shortcut, runs the handlers, and prevents the browser default only when a
 * handler acted. Keys typed into text fields are left alone (except Esc), and so are Enter and Space on
 * anything that already reacts to them.
 */
export function dispatchShortcut(event: KeyboardEvent, ctx: DispatchContext): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  const active = ctx.active === undefined ? globalThis.document?.activeElement : ctx.active;
  const shortcut = resolveShortcut(event, scopesForPath(ctx.path));
  if (!shortcut) return false;
  if (shortcut.key !== 'esc' && isInputFocused(active)) return false;
  if (shortcut.key === 'enter' && isActivatable(active)) return false;
  if (shortcut.authRequired && !ctx.signedIn) return false;
  const handled = ctx.handlers.run(shortcut.key, event);
  if (handled) event.preventDefault();
  return handled;
}
