import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import VoteButton from '../src/components/VoteButton.svelte';
import { api } from '../src/lib/api';
import { PENDING_VOTE_TTL_MS, completePendingVote, completedVote, rememberVote, takePendingVote } from '../src/lib/pendingVote.svelte';
import { session } from '../src/lib/session.svelte';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

let component: Record<string, unknown> | undefined;
beforeEach(() => localStorage.clear());
afterEach(() => {
  if (component) unmount(component);
  component = undefined;
  session.user = null;
  completedVote.postId = '';
  completedVote.vote = null;
  vi.unstubAllGlobals();
  localStorage.clear();
  document.body.innerHTML = '';
});

describe('the vote remembered across sign-in', () => {
  it('is taken once, and not when stale or malformed', () => {
    rememberVote('p1', 1000);
    expect(takePendingVote(2000)).toBe('p1');
    expect(takePendingVote(2000)).toBeNull();
    rememberVote('p1', 1000);
    expect(takePendingVote(1000 + PENDING_VOTE_TTL_MS + 1)).toBeNull();
    localStorage.setItem('rungu-pending-vote', '{not json');
    expect(takePendingVote()).toBeNull();
    expect(localStorage.getItem('rungu-pending-vote')).toBeNull();
  });

  it('votes once on return, and never removes a vote the user already has', async () => {
    const calls: string[] = [];
    let voted = false;
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      if ((init?.method ?? 'GET') === 'POST') voted = !voted;
      return json({ data: { voted, vote_count: voted ? 3 : 2 } });
    });
    rememberVote('p1');
    expect(await completePendingVote(api)).toEqual({ voted: true, vote_count: 3 });
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
    expect(completedVote).toEqual({ postId: 'p1', vote: { voted: true, vote_count: 3 } });
    expect(await completePendingVote(api)).toBeNull(); // cleared
    rememberVote('p1');
    expect(await completePendingVote(api)).toEqual({ voted: true, vote_count: 3 });
    expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(1); // already voted: no toggle
  });
});

describe('voting while signed out', () => {
  function render(providers: { name: string; label: string | null; login_url: string }[]) {
    vi.stubGlobal('fetch', async (url: string) => (String(url).includes('/auth/providers') ? json({ providers }) : json({ error: 'no', code: 'unauthorized' }, 401)));
    const target = document.createElement('div');
    document.body.append(target);
    const changes: unknown[] = [];
    component = mount(VoteButton, { target, props: { postId: 'p9', count: 2, voted: false, onchange: (v: unknown) => changes.push(v) } });
    flushSync();
    const button = target.querySelector<HTMLButtonElement>('[data-testid=vote-button]')!;
    return { target, button, changes };
  }
  const dialog = () => document.querySelector<HTMLElement>('[data-testid=signin-dialog]');

  it('opens an accessible sign-in dialog with the email form and the providers, remembering the vote', async () => {
    const { button } = render([
      { name: 'email', label: null, login_url: '/auth/email' },
      { name: 'github', label: 'GitHub', login_url: '/auth/github/login' },
    ]);
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    button.focus();
    button.click();
    flushSync();
    const d = dialog()!;
    expect(d.getAttribute('role')).toBe('dialog');
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(d.getAttribute('aria-labelledby')!)?.textContent).toBe('Sign in to vote');
    await vi.waitFor(() => expect(d.querySelector('[data-testid=email-form]')).not.toBeNull());
    const github = d.querySelector<HTMLAnchorElement>('[data-testid=signin-dialog-provider-github]')!;
    expect(github.getAttribute('href')).toContain('/auth/github/login?redirect=');
    expect(document.activeElement).toBe(d.querySelector('[data-testid=email-input]'));
    expect(JSON.parse(localStorage.getItem('rungu-pending-vote')!).postId).toBe('p9');
    expect(document.querySelector('[data-testid=vote-signin]')).toBeNull(); // no inline note that shifts the card
  });

  it('traps Tab inside, closes on Esc and returns focus to the vote button', async () => {
    const { button } = render([{ name: 'github', label: 'GitHub', login_url: '/auth/github/login' }]);
    button.focus();
    button.click();
    flushSync();
    const d = dialog()!;
    await vi.waitFor(() => expect(d.querySelector('[data-testid=signin-dialog-provider-github]')).not.toBeNull());
    const github = d.querySelector<HTMLAnchorElement>('[data-testid=signin-dialog-provider-github]')!;
    const close = d.querySelector<HTMLButtonElement>('[data-testid=signin-dialog-close]')!;
    await vi.waitFor(() => expect(document.activeElement).toBe(github));
    github.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(close);
    close.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(github);
    github.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    flushSync();
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('a vote completed after sign-in shows on the button already on screen', () => {
    const { changes } = render([]);
    completedVote.postId = 'p9';
    completedVote.vote = { voted: true, vote_count: 3 };
    flushSync();
    expect(changes).toEqual([{ voted: true, vote_count: 3 }]);
  });
});
