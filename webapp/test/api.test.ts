import { describe, expect, it, vi } from 'vitest';
import { Api, ApiError, queryString } from '../src/lib/api';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function client(...responses: Response[]) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => responses.shift() ?? json({}, 500));
  return { api: new Api('/feedback', fetch), fetch };
}

const page = { page: 1, per_page: 20, total: 1, total_pages: 1 };
const post = { id: 'p1', title: 'Dark mode', vote_count: 3 };

describe('ApiError', () => {
  it('keeps status, message, code and fields', () => {
    const e = new ApiError(404, 'Post not found', 'not_found', { id: 'bad' });
    expect(e).toBeInstanceOf(Error);
    expect(e.status).toBe(404);
    expect(e.message).toBe('Post not found');
    expect(e.code).toBe('not_found');
    expect(e.fields).toEqual({ id: 'bad' });
  });
});

describe('Api', () => {
  it('lists projects under the base with same-origin credentials and returns data with pagination', async () => {
    const { api, fetch } = client(json({ data: [{ slug: 'app' }], pagination: page }));
    const res = await api.listProjects();
    expect(fetch).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/feedback/api/projects');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.method).toBe('GET');
    expect(res.data).toEqual([{ slug: 'app' }]);
    expect(res.pagination.total).toBe(1);
  });

  it('turns the server error message into the thrown message', async () => {
    const { api } = client(json({ error: 'Project not found', code: 'not_found' }, 404));
    const err = await api.getProject('nope').catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('Project not found');
    expect(err.status).toBe(404);
    expect(err.code).toBe('not_found');
  });

  it('carries per-field messages of a validation error', async () => {
    const { api } = client(json({ error: 'Invalid post', code: 'invalid', fields: { title: 'Title is required' } }, 400));
    const err = await api.createPost('app', { title: '' }).catch((e) => e);
    expect(err.fields).toEqual({ title: 'Title is required' });
  });

  it('unwraps data of a single post', async () => {
    const { api, fetch } = client(json({ data: post }));
    expect(await api.getPost('p1')).toEqual(post);
    expect(fetch.mock.calls[0][0]).toBe('/feedback/api/posts/p1');
  });

  it('creates a post with a JSON body', async () => {
    const { api, fetch } = client(json({ data: post }, 201));
    await api.createPost('my-app', { title: 'Dark mode', description: 'Please', category: 'feature' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/feedback/api/projects/my-app/posts');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(init?.body as string)).toEqual({ title: 'Dark mode', description: 'Please', category: 'feature' });
  });

  it('sets the display name with a PATCH to /api/me and unwraps the user', async () => {
    const user = { id: 'u1', name: 'Grace', role: 'member' };
    const { api, fetch } = client(json({ data: user }));
    expect(await api.updateProfile('Grace')).toEqual(user);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/feedback/api/me');
    expect(init?.method).toBe('PATCH');
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'Grace' });
  });

  it('toggles a vote with a POST and unwraps the result', async () => {
    const { api, fetch } = client(json({ data: { voted: true, vote_count: 4 } }));
    expect(await api.toggleVote('p1')).toEqual({ voted: true, vote_count: 4 });
    expect(fetch.mock.calls[0][0]).toBe('/feedback/api/posts/p1/vote');
    expect(fetch.mock.calls[0][1]?.method).toBe('POST');
  });

  it('throws "Unauthorized" on a 401 without a JSON body', async () => {
    const { api } = client(new Response('', { status: 401 }));
    await expect(api.toggleVote('p1')).rejects.toThrow('Unauthorized');
  });

  it('reports an unreachable server in words', async () => {
    const api = new Api('', async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await api.listProjects().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.message).toMatch(/could not reach the server/i);
  });

  it('builds the post list query string from every parameter', async () => {
    const { api, fetch } = client(json({ data: [], pagination: page }));
    await api.listPosts('app', { sort: 'most_votes', status: 'planned', category: 'bug', q: 'dark mode', page: 2, per_page: 50 });
    expect(fetch.mock.calls[0][0]).toBe(
      '/feedback/api/projects/app/posts?sort=most_votes&status=planned&category=bug&q=dark+mode&page=2&per_page=50',
    );
  });

  it('sends the closed-kind exclusion and the viewer filters only when set', async () => {
    const { api, fetch } = client(json({ data: [], pagination: page }));
    await api.listPosts('app', { sort: 'trending', exclude_closed: true, voted_by: 'me', author: '' });
    expect(fetch.mock.calls[0][0]).toBe('/feedback/api/projects/app/posts?sort=trending&exclude_closed=true&voted_by=me');
    const second = client(json({ data: [], pagination: page }));
    await second.api.listPosts('app', { exclude_closed: false, author: 'me' });
    expect(second.fetch.mock.calls[0][0]).toBe('/feedback/api/projects/app/posts?author=me');
  });

  it('reads the audit log with its filters, leaving out the empty ones', async () => {
    const { api, fetch } = client(json({ data: [], pagination: page }));
    await api.listAudit({ project: 'app', actor: '', action: 'post.edited', since: '7d', page: 2, per_page: 50 });
    expect(fetch.mock.calls[0][0]).toBe('/feedback/api/audit?project=app&action=post.edited&since=7d&page=2&per_page=50');
  });

  it('requests the bare list URL when there are no parameters', async () => {
    const { api, fetch } = client(json({ data: [], pagination: page }));
    await api.listPosts('app', { status: '', category: '', q: '' });
    expect(fetch.mock.calls[0][0]).toBe('/feedback/api/projects/app/posts');
  });

  it('asks for similar posts with the text and a limit and returns the list', async () => {
    const { api, fetch } = client(json({ data: [post] }));
    expect(await api.similarPosts('app', 'Please add dark mode', 5)).toEqual([post]);
    expect(fetch.mock.calls[0][0]).toBe('/feedback/api/projects/app/posts/similar?q=Please+add+dark+mode&limit=5');
  });

  it('encodes path segments', async () => {
    const { api, fetch } = client(json({ data: post }));
    await api.getPost('a/b?c');
    expect(fetch.mock.calls[0][0]).toBe('/feedback/api/posts/a%2Fb%3Fc');
  });

  it('logs out with a POST to /auth/logout', async () => {
    const { api, fetch } = client(json({ ok: true }));
    expect(await api.logout()).toEqual({ ok: true });
    expect(fetch.mock.calls[0][0]).toBe('/feedback/auth/logout');
    expect(fetch.mock.calls[0][1]?.method).toBe('POST');
  });

  it('signs out everywhere with a POST that says whether to revoke the tokens', async () => {
    const { api, fetch } = client(json({ ok: true, tokens_revoked: 2 }));
    expect(await api.logoutEverywhere(true)).toEqual({ ok: true, tokens_revoked: 2 });
    expect(fetch.mock.calls[0][0]).toBe('/feedback/auth/logout-everywhere');
    expect(fetch.mock.calls[0][1]?.method).toBe('POST');
    expect(JSON.parse(String(fetch.mock.calls[0][1]?.body))).toEqual({ revoke_tokens: true });
  });

  it('asks /auth/session who is signed in: null when anonymous, without a failing request', async () => {
    const { api, fetch } = client(json({ user: null }), json({ user: { id: 'u1', email: 'a@b.example', role: 'admin' } }));
    expect(await api.session()).toBeNull();
    expect(fetch.mock.calls[0][0]).toBe('/feedback/auth/session');
    expect(fetch.mock.calls[0][1]?.method).toBe('GET');
    expect(await api.session()).toEqual({ id: 'u1', email: 'a@b.example', role: 'admin' });
  });

  it('answers null for /auth/me when anonymous', async () => {
    const { api } = client(json({ error: 'Sign in first', code: 'unauthenticated' }, 401));
    expect(await api.me()).toBeNull();
  });

  it('returns undefined for 204 responses', async () => {
    const { api } = client(new Response(null, { status: 204 }));
    expect(await api.deleteComment('c1')).toBeUndefined();
  });

  it('loads every page of comments', async () => {
    const c = (id: string) => ({ id, parent_id: null });
    const { api, fetch } = client(
      json({ data: [c('1'), c('2')], pagination: { page: 1, per_page: 100, total: 3, total_pages: 2 } }),
      json({ data: [c('3')], pagination: { page: 2, per_page: 100, total: 3, total_pages: 2 } }),
    );
    const all = await api.listAllComments('p1');
    expect(all.map((x) => x.id)).toEqual(['1', '2', '3']);
    expect(fetch.mock.calls.map((call) => call[0])).toEqual([
      '/feedback/api/posts/p1/comments?page=1&per_page=100',
      '/feedback/api/posts/p1/comments?page=2&per_page=100',
    ]);
  });

  it('uploads an attachment as multipart with the field "file"', async () => {
    const { api, fetch } = client(json({ data: { id: 'a1' } }, 201));
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'shot.png', { type: 'image/png' });
    await api.uploadAttachment('p1', file);
    const init = fetch.mock.calls[0][1]!;
    expect(init.body).toBeInstanceOf(FormData);
    expect((init.body as FormData).get('file')).toBeInstanceOf(File);
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('builds attachment URLs under the base', () => {
    expect(new Api('/a/b').attachmentUrl({ id: 'x1' })).toBe('/a/b/api/attachments/x1');
    expect(new Api('').attachmentUrl({ id: 'x1' })).toBe('/api/attachments/x1');
  });

  it('reads the provider list', async () => {
    const { api } = client(json({ providers: [{ name: 'github', label: 'GitHub', login_url: '/auth/github/login' }] }));
    expect((await api.providers()).map((p) => p.name)).toEqual(['github']);
  });
});

describe('queryString', () => {
  it('skips empty values and encodes spaces as +', () => {
    expect(queryString({ a: 1, b: '', c: undefined, d: null, q: 'x y&z' })).toBe('?a=1&q=x+y%26z');
    expect(queryString({})).toBe('');
  });

  it('registers a webhook, reads its log and redelivers under the webhook paths', async () => {
    const made = { id: 'w1', url: 'https://hooks.example.com/x', events: ['post.created'], project: null, enabled: true,
      disabled_reason: null, created_at: '', updated_at: '', secret: 'whsec_abc' };
    const { api, fetch } = client(json({ data: made }, 201), json({ data: [] }), new Response(null, { status: 204 }));
    expect((await api.createWebhook({ url: made.url, events: made.events })).secret).toBe('whsec_abc');
    expect(fetch.mock.calls[0][0]).toBe('/feedback/api/webhooks');
    expect(JSON.parse(String(fetch.mock.calls[0][1]?.body))).toEqual({ url: made.url, events: ['post.created'] });
    expect(await api.webhookDeliveries('w1')).toEqual([]);
    expect(fetch.mock.calls[1][0]).toBe('/feedback/api/webhooks/w1/deliveries');
    await api.redeliverWebhook('w1', 7);
    expect(fetch.mock.calls[2][0]).toBe('/feedback/api/webhooks/w1/deliveries/7/redeliver');
    expect(fetch.mock.calls[2][1]?.method).toBe('POST');
  });
});
