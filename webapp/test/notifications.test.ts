import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import EmailSignIn from '../src/components/EmailSignIn.svelte';
import FollowButton from '../src/components/FollowButton.svelte';
import NotificationSettings from '../src/components/NotificationSettings.svelte';
import { Api } from '../src/lib/api';
import Login from '../src/pages/Login.svelte';
import { session } from '../src/lib/session.svelte';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

type Call = { url: string; method: string; body: unknown };
const calls: Call[] = [];
let answer: (c: Call) => Response | Promise<Response>;
const mounted: Record<string, unknown>[] = [];

beforeEach(() => {
  session.user = { id: 'u1', email: 'ann@example.com', name: 'Ann', avatar_url: null, role: 'member' };
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const c = { url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(c);
    return answer(c);
  });
});

afterEach(() => {
  mounted.splice(0).forEach((c) => unmount(c));
  calls.length = 0;
  vi.unstubAllGlobals();
  session.user = null;
  document.body.innerHTML = '';
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function render(component: any, props: Record<string, unknown> = {}): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  mounted.push(mount(component, { target, props }));
  flushSync();
  return target;
}

const q = <T extends HTMLElement = HTMLElement>(root: HTMLElement, id: string) => root.querySelector<T>(`[data-testid="${id}"]`);
const writes = () => calls.filter((c) => c.method !== 'GET');

describe('Api: subscriptions, notification settings, email sign-in', () => {
  it('calls the documented routes under the base', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => json({ data: { subscribed: true } }));
    const api = new Api('/feedback', fetch);
    expect(await api.getSubscription('p 1')).toEqual({ subscribed: true });
    await api.setSubscription('p1', true);
    await api.setSubscription('p1', false);
    await api.getNotificationSettings();
    await api.updateNotificationSettings({ comments: false });
    await api.requestEmailSignIn('a@b.example');
    expect(fetch.mock.calls.map(([url, init]) => `${init?.method} ${url} ${init?.body ?? ''}`.trim())).toEqual([
      'GET /feedback/api/posts/p%201/subscription',
      'PUT /feedback/api/posts/p1/subscription',
      'DELETE /feedback/api/posts/p1/subscription',
      'GET /feedback/api/me/notifications',
      'PATCH /feedback/api/me/notifications {"comments":false}',
      'POST /feedback/auth/email {"email":"a@b.example"}',
    ]);
  });
});

describe('FollowButton', () => {
  it('shows the current state and follows, then unfollows', async () => {
    answer = (c) => json({ data: { subscribed: c.method === 'PUT' ? true : false } });
    const root = render(FollowButton, { postId: 'p1' });
    await vi.waitFor(() => expect(q(root, 'follow-button')).not.toBeNull());
    const button = q<HTMLButtonElement>(root, 'follow-button')!;
    expect(button.textContent).toBe('Follow');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    // The accessible name is the visible text.
    expect(button.hasAttribute('aria-label')).toBe(false);

    button.click();
    flushSync();
    expect(button.textContent).toBe('Following');
    await vi.waitFor(() => expect(writes()).toHaveLength(1));
    expect(writes()[0]).toMatchObject({ method: 'PUT' });
    expect(writes()[0].url).toMatch(/\/api\/posts\/p1\/subscription$/);
    await vi.waitFor(() => expect(button.getAttribute('aria-busy')).toBe('false'));
    expect(button.getAttribute('aria-pressed')).toBe('true');

    button.click();
    flushSync();
    expect(button.textContent).toBe('Follow');
    await vi.waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1].method).toBe('DELETE');
  });

  it('rolls back and explains when the change fails', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    answer = async (c) => {
      if (c.method === 'GET') return json({ data: { subscribed: true } });
      await held;
      return json({ error: 'Database unavailable', code: 'internal' }, 503);
    };
    const root = render(FollowButton, { postId: 'p1' });
    await vi.waitFor(() => expect(q(root, 'follow-button')?.textContent).toBe('Following'));
    q<HTMLButtonElement>(root, 'follow-button')!.click();
    flushSync();
    expect(q(root, 'follow-button')!.textContent).toBe('Follow'); // optimistic
    release();
    await vi.waitFor(() => expect(q(root, 'follow-error')?.textContent).toContain('Database unavailable'));
    expect(q(root, 'follow-button')!.textContent).toBe('Following');
    expect(q(root, 'follow-button')!.getAttribute('aria-pressed')).toBe('true');
  });
});

describe('NotificationSettings', () => {
  it('shows the four kinds as separate switches and saves each change with a confirmation', async () => {
    const ALL = { status_changes: true, comments: true, replies: true, new_posts: true };
    answer = (c) => json({ data: c.method === 'PATCH' ? { ...ALL, ...(c.body as object) } : ALL });
    const root = render(NotificationSettings);
    await vi.waitFor(() => expect(q(root, 'notification-settings')).not.toBeNull());
    const status = q<HTMLInputElement>(root, 'notify-status-changes')!;
    const comments = q<HTMLInputElement>(root, 'notify-comments')!;
    const replies = q<HTMLInputElement>(root, 'notify-replies')!;
    const newPosts = q<HTMLInputElement>(root, 'notify-new-posts')!;
    expect(status.closest('label')!.textContent).toContain('Status changes and official responses on posts I follow');
    expect(comments.closest('label')!.textContent).toContain('Comments on my posts and on posts I follow');
    expect(replies.closest('label')!.textContent).toContain('Replies to my comments');
    expect(newPosts.closest('label')!.textContent).toContain('New posts on boards I follow');
    expect([status, comments, replies, newPosts].every((box) => box.checked)).toBe(true);
    expect(q(root, 'notify-saved')!.textContent).toBe('');

    replies.click();
    flushSync();
    await vi.waitFor(() => expect(q(root, 'notify-saved')!.textContent).toBe('Saved'));
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({ method: 'PATCH', body: { replies: false } });
    expect(writes()[0].url).toMatch(/\/api\/me\/notifications$/);
    expect(replies.checked).toBe(false);
    expect(comments.checked).toBe(true);

    newPosts.click();
    flushSync();
    await vi.waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1]).toMatchObject({ method: 'PATCH', body: { new_posts: false } });
    await vi.waitFor(() => expect(newPosts.checked).toBe(false));
    expect(status.checked).toBe(true);
  });

  it('puts the box back and says so when saving fails', async () => {
    answer = (c) =>
      c.method === 'PATCH'
        ? json({ error: 'Your API token is read-only', code: 'forbidden' }, 403)
        : json({ data: { status_changes: true, comments: true, replies: true, new_posts: true } });
    const root = render(NotificationSettings);
    await vi.waitFor(() => expect(q(root, 'notification-settings')).not.toBeNull());
    q<HTMLInputElement>(root, 'notify-status-changes')!.click();
    flushSync();
    await vi.waitFor(() => expect(q(root, 'notify-error')?.textContent).toContain('read-only'));
    expect(q<HTMLInputElement>(root, 'notify-status-changes')!.checked).toBe(true);
    expect(q(root, 'notify-saved')!.textContent).toBe('');
  });
});

describe('EmailSignIn', () => {
  const submit = (root: HTMLElement, address: string) => {
    const input = q<HTMLInputElement>(root, 'email-input')!;
    input.value = address;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    q<HTMLButtonElement>(root, 'email-submit')!.click();
    flushSync();
  };

  it('posts the address and answers the same way whatever the server knows', async () => {
    answer = () => json({ message: 'If this address can receive email, a sign-in link is on its way' }, 202);
    const root = render(EmailSignIn);
    expect(q(root, 'email-submit')!.textContent).toBe('Email me a sign-in link');
    submit(root, '  new@example.com ');
    await vi.waitFor(() => expect(q(root, 'email-sent')).not.toBeNull());
    expect(q(root, 'email-sent')!.textContent).toBe('Check your inbox: if the address can sign in, a link is on its way.');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', body: { email: 'new@example.com' } });
    expect(calls[0].url).toMatch(/\/auth\/email$/);
  });

  it('shows the server\'s message for a malformed address and stays on the form', async () => {
    answer = () => json({ error: 'Invalid email', code: 'validation', fields: { email: 'Not an email address' } }, 400);
    const root = render(EmailSignIn);
    submit(root, 'x@');
    await vi.waitFor(() => expect(q(root, 'email-error')?.textContent).toBe('Not an email address'));
    expect(q(root, 'email-sent')).toBeNull();
  });
});

describe('Login page', () => {
  beforeEach(() => {
    session.user = null;
    session.loading = true;
  });

  it('shows the email form for the email provider instead of a link, next to the other providers', async () => {
    answer = () =>
      json({
        providers: [
          { name: 'github', label: 'GitHub', login_url: '/auth/login/github' },
          { name: 'email', label: 'Email', login_url: 'http://localhost/auth/email' },
        ],
      });
    const root = render(Login);
    await vi.waitFor(() => expect(q(root, 'email-form')).not.toBeNull());
    expect(q(root, 'login-provider-github')).not.toBeNull();
    expect(q(root, 'login-provider-email')).toBeNull();
  });

  it('offers no email form when the server does not send email', async () => {
    answer = () => json({ providers: [{ name: 'github', label: 'GitHub', login_url: '/auth/login/github' }] });
    const root = render(Login);
    await vi.waitFor(() => expect(q(root, 'login-provider-github')).not.toBeNull());
    expect(q(root, 'email-form')).toBeNull();
  });
});
