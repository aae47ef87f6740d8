// A throwaway in-memory stand-in for rungu-http, for trying the built app before the real server runs:
//   npm run build && node dev/mock-server.mjs [--base /feedback] [--port 5174]
// It follows the REST contract in README.md loosely; it is not a reference implementation.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { randomUUID } from 'node:crypto';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const BASE = (args.base ?? '').replace(/\/+$/, '');
const PORT = Number(args.port ?? 5174);
const DIR = args.dir ?? 'target/classes/io/rungu/webapp';
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";

const now = () => new Date().toISOString();
const users = [
  { id: 'u-admin', email: 'admin@example.com', name: 'Ada Admin', avatar_url: null, role: 'admin', created_at: now(), last_login: now() },
  { id: 'u-member', email: 'member@example.com', name: 'Max Member', avatar_url: null, role: 'member', created_at: now(), last_login: null },
];
const projects = [];
const posts = [];
const comments = [];
const votes = new Set();
const attachments = [];
const tokens = [];

function seed() {
  const p = { id: randomUUID(), slug: 'demo', name: 'Demo board', description: 'Ideas for the demo product.', created_at: now() };
  projects.push(p);
  const titles = ['Dark mode', 'Export to CSV', 'Keyboard shortcuts', '<img src=x onerror=alert(1)>', 'Faster search', 'Mobile layout'];
  const statuses = ['open', 'planned', 'in_progress', 'done', 'declined', 'done'];
  for (let i = 0; i < 45; i++) {
    const t = new Date(Date.now() - i * 3_600_000 * 7).toISOString();
    posts.push({
      id: randomUUID(), project_id: p.id, title: `${titles[i % titles.length]}${i >= titles.length ? ` #${i}` : ''}`,
      description: i === 0 ? 'Please add **dark mode**.\n\n- follows the OS\n- `toggle` in the nav\n\nSee https://example.com.' : `Description ${i}`,
      status: statuses[i % statuses.length], category: ['feedback', 'bug', 'feature', 'question'][i % 4],
      vote_count: (i * 7) % 13, comment_count: 0, created_by: i % 2 ? 'u-member' : 'u-admin', created_at: t, updated_at: t,
      done_at: statuses[i % statuses.length] === 'done' ? t : null,
    });
  }
  const first = posts[0];
  const c1 = { id: randomUUID(), post_id: first.id, parent_id: null, content: 'Yes *please*!', created_by: 'u-member', created_at: now(), edited_at: null };
  const c2 = { id: randomUUID(), post_id: first.id, parent_id: c1.id, content: 'Agreed.', created_by: 'u-admin', created_at: now(), edited_at: null };
  comments.push(c1, c2);
  first.comment_count = 2;
}
seed();

class HttpError extends Error {
  constructor(status, code, message, fields) {
    super(message);
    Object.assign(this, { status, code, fields });
  }
}
const fail = (status, code, message, fields) => {
  throw new HttpError(status, code, message, fields);
};

const summary = (id) => {
  const u = users.find((x) => x.id === id);
  return { id, name: u?.name ?? null, avatar_url: null };
};
const detail = (p, viewer) => ({ ...p, response: p.response ?? null, creator: summary(p.created_by), user_voted: !!viewer && votes.has(`${viewer.id}:${p.id}`) });
const statusChanges = [];
const commentDetail = (c) => ({ ...c, creator: summary(c.created_by) });
const paged = (items, url, map = (x) => x) => {
  const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
  const per = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page')) || 20));
  const total = items.length;
  return { data: items.slice((page - 1) * per, page * per).map(map), pagination: { page, per_page: per, total, total_pages: Math.max(1, Math.ceil(total / per)) } };
};
const projectView = (p) => ({ ...p, post_count: posts.filter((x) => x.project_id === p.id).length });
const findProject = (slug) => projects.find((p) => p.slug === slug) ?? fail(404, 'not_found', 'Project not found');
const findPost = (id) => posts.find((p) => p.id === id) ?? fail(404, 'not_found', 'Post not found');
const need = (viewer) => viewer ?? fail(401, 'unauthenticated', 'Sign in first');
const admin = (viewer) => (need(viewer).role === 'admin' ? viewer : fail(403, 'forbidden', 'Admin access required'));
const owner = (viewer, id) => (need(viewer).role === 'admin' || viewer.id === id ? viewer : fail(403, 'forbidden', 'Not yours'));

const SORTS = {
  newest: (a, b) => b.created_at.localeCompare(a.created_at),
  oldest: (a, b) => a.created_at.localeCompare(b.created_at),
  most_votes: (a, b) => b.vote_count - a.vote_count || b.created_at.localeCompare(a.created_at),
  least_votes: (a, b) => a.vote_count - b.vote_count || b.created_at.localeCompare(a.created_at),
  recently_updated: (a, b) => b.updated_at.localeCompare(a.updated_at),
};

async function api(method, path, url, body, viewer) {
  let m;
  if (path === '/projects' && method === 'GET') return paged([...projects].reverse(), url, projectView);
  if (path === '/projects' && method === 'POST') {
    admin(viewer);
    if (!body.name?.trim()) fail(400, 'invalid', 'Invalid project', { name: 'Name is required' });
    const slug = body.slug || body.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    if (projects.some((p) => p.slug === slug)) fail(409, 'conflict', `A board with slug "${slug}" exists`, { slug: 'Taken' });
    const p = { id: randomUUID(), slug, name: body.name.trim(), description: body.description ?? null, created_at: now() };
    projects.push(p);
    return [201, { data: projectView(p) }];
  }
  if ((m = path.match(/^\/projects\/([^/]+)$/))) {
    const p = findProject(decodeURIComponent(m[1]));
    if (method === 'GET') return { data: projectView(p) };
    admin(viewer);
    if (method === 'PATCH') return Object.assign(p, body), { data: projectView(p) };
    if (method === 'DELETE') return projects.splice(projects.indexOf(p), 1), [204, null];
  }
  if ((m = path.match(/^\/projects\/([^/]+)\/(posts|roadmap|changelog|stats)$/))) {
    const p = findProject(decodeURIComponent(m[1]));
    const mine = posts.filter((x) => x.project_id === p.id);
    const view = (x) => detail(x, viewer);
    if (m[2] === 'posts' && method === 'POST') {
      need(viewer);
      if (!body.title?.trim()) fail(400, 'invalid', 'Invalid post', { title: 'Title is required' });
      const t = now();
      const post = { id: randomUUID(), project_id: p.id, title: body.title.trim(), description: body.description ?? null, status: 'open', category: body.category ?? 'feedback', vote_count: 0, comment_count: 0, created_by: viewer.id, created_at: t, updated_at: t, done_at: null };
      posts.push(post);
      return [201, { data: view(post) }];
    }
    if (m[2] === 'posts') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const st = url.searchParams.get('status');
      const cat = url.searchParams.get('category');
      let list = mine.filter((x) => (!st || x.status === st) && (!cat || x.category === cat));
      list = list.filter((x) => q.every((w) => `${x.title} ${x.description ?? ''}`.toLowerCase().includes(w)));
      list.sort(SORTS[url.searchParams.get('sort')] ?? SORTS.newest);
      return paged(list, url, view);
    }
    if (m[2] === 'roadmap') {
      const limit = Math.min(50, Number(url.searchParams.get('limit')) || 10);
      const bucket = (s) => mine.filter((x) => x.status === s).sort(SORTS.most_votes);
      const out = { limit };
      for (const s of ['planned', 'in_progress', 'done']) Object.assign(out, { [s]: bucket(s).slice(0, limit).map(view), [`${s}_total`]: bucket(s).length });
      return { data: out };
    }
    if (m[2] === 'changelog') return paged(mine.filter((x) => x.status === 'done').sort((a, b) => b.done_at.localeCompare(a.done_at)), url, view);
    const count = (k) => mine.reduce((acc, x) => ({ ...acc, [x[k]]: (acc[x[k]] ?? 0) + 1 }), {});
    return { data: { total_posts: mine.length, by_status: count('status'), by_category: count('category'), total_votes: 0, total_comments: 0 } };
  }
  if ((m = path.match(/^\/posts\/([^/]+)$/))) {
    const post = findPost(m[1]);
    if (method === 'GET') return { data: detail(post, viewer) };
    owner(viewer, post.created_by);
    if (method === 'DELETE') return posts.splice(posts.indexOf(post), 1), [204, null];
    if (body.status && viewer.role !== 'admin') fail(403, 'forbidden', 'Only admins change the status');
    if (body.title !== undefined && !body.title.trim()) fail(400, 'invalid', 'Title is required', { title: 'Title is required' });
    const from = post.status;
    for (const k of ['title', 'description', 'category', 'status']) if (body[k] !== undefined) post[k] = body[k] === '' && k === 'description' ? null : body[k];
    post.updated_at = now();
    const response = body.response?.trim() || null;
    if (response) post.response = { text: response, author: summary(viewer.id), created_at: now() };
    if (response || post.status !== from) {
      statusChanges.push({ id: randomUUID(), post_id: post.id, from, to: post.status, response, creator: summary(viewer.id), created_at: now() });
    }
    if (body.status === 'done') post.done_at = now();
    return { data: detail(post, viewer) };
  }
  if ((m = path.match(/^\/posts\/([^/]+)\/vote$/))) {
    const post = findPost(m[1]);
    const key = `${need(viewer).id}:${post.id}`;
    if (method === 'POST') {
      if (votes.has(key)) votes.delete(key), post.vote_count--;
      else votes.add(key), post.vote_count++;
    }
    return { data: { voted: votes.has(key), vote_count: post.vote_count } };
  }
  if ((m = path.match(/^\/posts\/([^/]+)\/timeline$/))) {
    const post = findPost(m[1]);
    const entries = [
      ...comments.filter((c) => c.post_id === post.id).map((c) => ({ type: 'comment', comment: commentDetail(c), status_change: null })),
      ...statusChanges.filter((c) => c.post_id === post.id).map((c) => ({ type: 'status_change', comment: null, status_change: c })),
    ].sort((a, b) => (a.comment ?? a.status_change).created_at.localeCompare((b.comment ?? b.status_change).created_at));
    return paged(entries, url, (x) => x);
  }
  if ((m = path.match(/^\/posts\/([^/]+)\/comments$/))) {
    const post = findPost(m[1]);
    if (method === 'GET') return paged(comments.filter((c) => c.post_id === post.id), url, commentDetail);
    need(viewer);
    if (!body.content?.trim()) fail(400, 'invalid', 'Comment content is required', { content: 'Comment content is required' });
    const c = { id: randomUUID(), post_id: post.id, parent_id: body.parent_id ?? null, content: body.content.trim(), created_by: viewer.id, created_at: now(), edited_at: null };
    comments.push(c);
    post.comment_count++;
    return [201, { data: commentDetail(c) }];
  }
  if ((m = path.match(/^\/comments\/([^/]+)$/))) {
    const c = comments.find((x) => x.id === m[1]) ?? fail(404, 'not_found', 'Comment not found');
    if (method === 'PATCH') {
      if (need(viewer).id !== c.created_by) fail(403, 'forbidden', 'Only the author edits a comment');
      Object.assign(c, { content: body.content, edited_at: now() });
      return { data: commentDetail(c) };
    }
    owner(viewer, c.created_by);
    const gone = new Set([c.id]);
    for (const x of comments) if (gone.has(x.parent_id)) gone.add(x.id);
    for (const id of gone) comments.splice(comments.findIndex((x) => x.id === id), 1);
    findPost(c.post_id).comment_count -= gone.size;
    return [204, null];
  }
  if ((m = path.match(/^\/posts\/([^/]+)\/attachments$/))) {
    const post = findPost(m[1]);
    const view = ({ bytes, ...a }) => a;
    if (method === 'GET') return paged(attachments.filter((a) => a.post_id === post.id), url, view);
    owner(viewer, post.created_by);
    const file = body.file ?? fail(400, 'invalid', 'No file field');
    const id = randomUUID();
    const a = { id, post_id: post.id, filename: file.filename, mime: file.mime, size: file.bytes.length, created_by: viewer.id, created_at: now(), url: `api/attachments/${id}`, bytes: file.bytes };
    attachments.push(a);
    return [201, { data: view(a) }];
  }
  if ((m = path.match(/^\/attachments\/([^/]+)$/))) {
    const a = attachments.find((x) => x.id === m[1]) ?? fail(404, 'not_found', 'Attachment not found');
    if (method === 'GET') return { raw: a.bytes, mime: a.mime };
    owner(viewer, a.created_by);
    return attachments.splice(attachments.indexOf(a), 1), [204, null];
  }
  if (path === '/users' && method === 'GET') return admin(viewer), paged(users, url);
  if ((m = path.match(/^\/users\/([^/]+)$/))) {
    admin(viewer);
    const u = users.find((x) => x.id === m[1]) ?? fail(404, 'not_found', 'User not found');
    return (u.role = body.role), { data: u };
  }
  if (path === '/me' && method === 'PATCH') {
    const u = need(viewer);
    const name = String(body.name ?? '').trim();
    if (!name) fail(400, 'invalid', 'Name is required', { name: 'Name is required' });
    return (u.name = name), { data: u };
  }
  if (path === '/tokens' && method === 'GET') return paged(tokens.filter((t) => t.user_id === need(viewer).id), url, ({ user_id, ...t }) => t);
  if (path === '/tokens' && method === 'POST') {
    need(viewer);
    const secret = `rgu_${randomUUID().replace(/-/g, '')}`;
    const t = { id: randomUUID(), name: body.name, prefix: secret.slice(0, 10), scope: body.scope, created_at: now(), last_used_at: null, user_id: viewer.id };
    tokens.push(t);
    const { user_id, ...token } = t;
    return [201, { data: { token, secret } }];
  }
  if ((m = path.match(/^\/tokens\/([^/]+)$/))) return tokens.splice(tokens.findIndex((t) => t.id === m[1]), 1), [204, null];
  fail(404, 'not_found', `No route ${method} ${path}`);
}

function multipartFile(buf, type) {
  const boundary = `--${type.split('boundary=')[1]}`;
  const text = buf.toString('latin1');
  const start = text.indexOf('\r\n\r\n') + 4;
  const head = text.slice(0, start);
  const end = text.indexOf(`\r\n${boundary}`, start);
  return {
    filename: /filename="([^"]*)"/.exec(head)?.[1] ?? 'file',
    mime: /Content-Type: ([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream',
    bytes: buf.subarray(start, end),
  };
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml' };

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const path = BASE && url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) || '/' : url.pathname;
  const viewer = users.find((u) => (req.headers.cookie ?? '').includes(`mock_user=${u.id}`)) ?? null;
  const send = (status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Security-Policy': CSP, ...headers });
    res.end(body);
  };
  try {
    if (BASE && !url.pathname.startsWith(BASE)) return send(404, 'outside the base path');
    if (path.startsWith('/assets/')) {
      const file = normalize(join(DIR, path));
      if (!file.startsWith(normalize(DIR))) return send(404, '');
      return send(200, await readFile(file), { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'public, max-age=31536000, immutable' });
    }
    if (path === '/auth/providers') return send(200, JSON.stringify({ providers: [
      { name: 'github', label: 'GitHub (mock admin)', login_url: `${BASE}/auth/mock/login?as=u-admin` },
      { name: 'google', label: 'Google (mock member)', login_url: 'auth/mock/login?as=u-member' },
    ] }), { 'Content-Type': 'application/json' });
    if (path === '/auth/mock/login') {
      const redirect = url.searchParams.get('redirect') ?? '/';
      return send(302, '', { Location: `${BASE}${redirect.startsWith('/') ? redirect : '/'}`, 'Set-Cookie': `mock_user=${url.searchParams.get('as')}; Path=/; HttpOnly; SameSite=Lax` });
    }
    if (path === '/auth/me') {
      return viewer ? send(200, JSON.stringify({ data: viewer }), { 'Content-Type': 'application/json' }) : send(401, JSON.stringify({ error: 'Not signed in', code: 'unauthenticated' }), { 'Content-Type': 'application/json' });
    }
    if (path === '/auth/session') return send(200, JSON.stringify({ user: viewer ?? null }), { 'Content-Type': 'application/json' });
    if (path === '/auth/logout') return send(200, '{"ok":true}', { 'Content-Type': 'application/json', 'Set-Cookie': 'mock_user=; Path=/; Max-Age=0' });
    if (path.startsWith('/api/')) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const raw = Buffer.concat(chunks);
      const type = req.headers['content-type'] ?? '';
      const body = type.startsWith('multipart/') ? { file: multipartFile(raw, type) } : raw.length ? JSON.parse(raw) : {};
      await new Promise((r) => setTimeout(r, 120)); // a little latency makes loading states visible
      const out = await api(req.method, path.slice(4), url, body, viewer);
      if (out?.raw) return send(200, out.raw, { 'Content-Type': out.mime });
      const [status, payload] = Array.isArray(out) ? out : [200, out];
      return send(status, payload === null ? '' : JSON.stringify(payload), { 'Content-Type': 'application/json' });
    }
    const html = (await readFile(join(DIR, 'index.html'), 'utf8')).replaceAll('%RUNGU_BASE%', BASE);
    return send(200, html, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  } catch (e) {
    if (e instanceof HttpError) return send(e.status, JSON.stringify({ error: e.message, code: e.code, fields: e.fields ?? {} }), { 'Content-Type': 'application/json' });
    console.error(e);
    return send(500, JSON.stringify({ error: 'Internal error', code: 'internal' }), { 'Content-Type': 'application/json' });
  }
}).listen(PORT, '127.0.0.1', () => console.log(`mock server on http://127.0.0.1:${PORT}${BASE}/`));
