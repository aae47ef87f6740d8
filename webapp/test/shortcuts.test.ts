import { describe, expect, it, vi } from 'vitest';
import {
  SHORTCUTS,
  ShortcutHandlers,
  dispatchShortcut,
  isActivatable,
  isInputFocused,
  normalizeKey,
  resolveShortcut,
  scopesForPath,
  shortcutsByScope,
} from '../src/lib/shortcuts';

describe('registry', () => {
  it('has valid entries', () => {
    for (const s of SHORTCUTS) {
      expect(s.key).toBe(normalizeKey(s.key));
      expect(s.description.length).toBeGreaterThan(0);
      expect(['global', 'board', 'post-detail']).toContain(s.scope);
    }
  });

  it('has no duplicate (key, scope) pair', () => {
    const pairs = SHORTCUTS.map((s) => `${s.key}@${s.scope}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('maps Escape to esc and ? to the global help', () => {
    expect(resolveShortcut({ key: 'Escape' }, ['global'])?.key).toBe('esc');
    expect(resolveShortcut({ key: '?' }, ['global'])?.scope).toBe('global');
  });

  it('partitions all entries into the three scopes', () => {
    const groups = shortcutsByScope();
    expect(Object.keys(groups)).toEqual(['global', 'board', 'post-detail']);
    expect(groups.global.length + groups.board.length + groups['post-detail'].length).toBe(SHORTCUTS.length);
  });
});

describe('resolveShortcut', () => {
  it('ignores keys with modifiers', () => {
    expect(resolveShortcut({ key: 'j', ctrlKey: true }, ['global', 'board'])).toBeUndefined();
    expect(resolveShortcut({ key: 'j', metaKey: true }, ['global', 'board'])).toBeUndefined();
    expect(resolveShortcut({ key: 'j', altKey: true }, ['global', 'board'])).toBeUndefined();
  });

  it('returns undefined for an unbound key', () => {
    expect(resolveShortcut({ key: 'x' }, ['global', 'board', 'post-detail'])).toBeUndefined();
  });

  it('resolves j in board scope', () => {
    expect(resolveShortcut({ key: 'j' }, ['global', 'board'])?.scope).toBe('board');
  });

  it('does not resolve a board key with only the global scope', () => {
    expect(resolveShortcut({ key: 'j' }, ['global'])).toBeUndefined();
  });

  it('lets the most specific scope win', () => {
    expect(resolveShortcut({ key: 'r' }, ['global', 'board', 'post-detail'])?.scope).toBe('post-detail');
  });
});

describe('scopesForPath', () => {
  it('derives scopes from the app path', () => {
    expect(scopesForPath('/')).toEqual(['global']);
    expect(scopesForPath('/board/app')).toEqual(['global', 'board']);
    expect(scopesForPath('/board/app/post/123')).toEqual(['global', 'post-detail']);
    expect(scopesForPath('/board/app/roadmap')).toEqual(['global']);
  });
});

describe('normalizeKey', () => {
  it('lower-cases, trims and names Escape "esc"', () => {
    expect(normalizeKey('Escape')).toBe('esc');
    expect(normalizeKey(' J ')).toBe('j');
    expect(normalizeKey('Enter')).toBe('enter');
  });
});

describe('isInputFocused', () => {
  it('is false for nothing and for a plain div', () => {
    expect(isInputFocused(null)).toBe(false);
    expect(isInputFocused(document.createElement('div'))).toBe(false);
  });

  it('is true for input, textarea, select, contenteditable and role=textbox', () => {
    expect(isInputFocused(document.createElement('input'))).toBe(true);
    expect(isInputFocused(document.createElement('textarea'))).toBe(true);
    expect(isInputFocused(document.createElement('select'))).toBe(true);
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    expect(isInputFocused(editable)).toBe(true);
    const box = document.createElement('div');
    box.setAttribute('role', 'textbox');
    expect(isInputFocused(box)).toBe(true);
  });

  it('treats buttons and links as activatable', () => {
    const a = document.createElement('a');
    a.href = '/x';
    expect(isActivatable(a)).toBe(true);
    expect(isActivatable(document.createElement('button'))).toBe(true);
    expect(isActivatable(document.createElement('article'))).toBe(false);
  });
});

describe('dispatchShortcut', () => {
  function key(k: string): KeyboardEvent {
    return new KeyboardEvent('keydown', { key: k, cancelable: true });
  }

  it('prevents the default only when a handler acted', () => {
    const handlers = new ShortcutHandlers();
    handlers.register({ enter: () => false, j: () => true });
    const enter = key('Enter');
    expect(dispatchShortcut(enter, { path: '/board/app', signedIn: false, handlers, active: document.body })).toBe(false);
    expect(enter.defaultPrevented).toBe(false);
    const j = key('j');
    expect(dispatchShortcut(j, { path: '/board/app', signedIn: false, handlers, active: document.body })).toBe(true);
    expect(j.defaultPrevented).toBe(true);
  });

  it('never takes Enter from a focused button or link', () => {
    const handlers = new ShortcutHandlers();
    const enter = vi.fn(() => true);
    handlers.register({ enter });
    const button = document.createElement('button');
    const event = key('Enter');
    expect(dispatchShortcut(event, { path: '/board/app', signedIn: true, handlers, active: button })).toBe(false);
    expect(enter).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(false);
  });

  it('leaves letters typed into a field alone but still handles Esc', () => {
    const handlers = new ShortcutHandlers();
    const c = vi.fn(() => true);
    const esc = vi.fn(() => true);
    handlers.register({ c, esc });
    const input = document.createElement('input');
    dispatchShortcut(key('c'), { path: '/board/app', signedIn: true, handlers, active: input });
    expect(c).not.toHaveBeenCalled();
    dispatchShortcut(key('Escape'), { path: '/board/app', signedIn: true, handlers, active: input });
    expect(esc).toHaveBeenCalledOnce();
  });

  it('skips shortcuts that need a sign-in for anonymous users', () => {
    const handlers = new ShortcutHandlers();
    const v = vi.fn(() => true);
    handlers.register({ v });
    expect(dispatchShortcut(key('v'), { path: '/board/app', signedIn: false, handlers, active: document.body })).toBe(false);
    expect(v).not.toHaveBeenCalled();
  });

  it('runs the newest handler first and unregisters cleanly', () => {
    const handlers = new ShortcutHandlers();
    const calls: string[] = [];
    handlers.register({ '?': () => (calls.push('layout'), true) });
    const off = handlers.register({ '?': () => (calls.push('page'), true) });
    handlers.run('?', key('?'));
    off();
    handlers.run('?', key('?'));
    expect(calls).toEqual(['page', 'layout']);
  });
});
