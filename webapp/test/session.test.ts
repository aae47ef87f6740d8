import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSession, session } from '../src/lib/session.svelte';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  session.user = null;
  vi.unstubAllGlobals();
});

describe('loadSession', () => {
  it('asks /auth/session, never /auth/me (whose 401 would log a console error on every anonymous load)', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(String(url));
      return json({ user: null });
    });
    await loadSession();
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/\/auth\/session$/);
    expect(session).toMatchObject({ user: null, loading: false, error: '' });
  });

  it('keeps the signed-in user the server names', async () => {
    const me = { id: 'u1', email: 'ada@example.com', name: 'Ada', avatar_url: null, role: 'member' };
    vi.stubGlobal('fetch', async () => json({ user: me }));
    await loadSession();
    expect(session.user).toEqual(me);
    expect(session.loading).toBe(false);
  });
});
