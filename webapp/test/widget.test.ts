import { afterEach, describe, expect, it, vi } from 'vitest';
import '../src/widget/widget';

const BOARD = 'https://board.example';

function respond(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('the feedback widget', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.replaceChildren();
  });

  it('defines one custom element and lists posts without credentials', async () => {
    const calls: [string, RequestInit][] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return respond({ data: [{ id: 'p1', title: 'Dark mode', vote_count: 3, user_voted: false, status: 'open' }] });
    });
    const el = document.createElement('rungu-feedback');
    el.setAttribute('base', BOARD + '/fb/');
    el.setAttribute('board', 'ideas');
    document.body.append(el);
    const root = el.shadowRoot!;
    expect(customElements.get('rungu-feedback')).toBeDefined();
    (root.querySelector('.launcher') as HTMLButtonElement).click();
    await settle();

    expect(calls[0][0]).toBe(`${BOARD}/fb/api/projects/ideas/posts?per_page=10&sort=most_votes`);
    expect(calls[0][1].credentials).toBe('omit');
    expect((calls[0][1].headers as Record<string, string>).Authorization).toBeUndefined();
    expect(root.querySelector('li a')?.textContent).toBe('Dark mode');
    expect((root.querySelector('form.new') as HTMLElement).hidden).toBe(true);
    // Styles stay in the shadow root.
    expect(document.querySelectorAll('style').length).toBe(0);
    expect(root.querySelectorAll('style').length).toBe(1);
  });

  it('ignores a token handed over by any origin but the board', async () => {
    vi.stubGlobal('fetch', async () => respond({ data: [] }));
    const popup = {} as Window;
    vi.stubGlobal('open', () => popup);
    const el = document.createElement('rungu-feedback');
    el.setAttribute('base', BOARD);
    el.setAttribute('board', 'ideas');
    document.body.append(el);
    const root = el.shadowRoot!;
    (root.querySelector('.launcher') as HTMLButtonElement).click();
    await settle();
    (root.querySelector('.sign-in') as HTMLButtonElement).click();

    const handover = { type: 'rungu-widget-token', token: 'rgw_x', expires_at: new Date(Date.now() + 3600e3).toISOString() };
    window.dispatchEvent(new MessageEvent('message', { data: handover, origin: 'https://evil.example', source: popup as never }));
    await settle();
    expect((root.querySelector('form.new') as HTMLElement).hidden).toBe(true);

    window.dispatchEvent(new MessageEvent('message', { data: handover, origin: BOARD, source: popup as never }));
    await settle();
    expect((root.querySelector('form.new') as HTMLElement).hidden).toBe(false);
  });
});
