import { readBase, withBase } from './base';
import { setBoard } from './boardData.svelte';
import type {
  Webhook,
  WebhookAttempt,
  WebhookTestSent,
  WebhookWithSecret,
  ApiToken,
  ConnectedApp,
  ConsentRedirect,
  ConsentRequest,
  BoardVisibility,
  Moderation,
  ProjectMember,
  Attachment,
  AuditEntry,
  CommentDetail,
  Me,
  NotificationSettings,
  Category,
  Paged,
  PostCategory,
  PostDetail,
  PostQuery,
  PostStatus,
  Project,
  ProjectDetail,
  Provider,
  Roadmap,
  Role,
  Session,
  Stats,
  Status,
  StatusKind,
  Subscription,
  Tag,
  TimelineEntry,
  TokenScope,
  WidgetToken,
  User,
  Vote,
} from './types';
import { t } from './i18n.svelte';

/** A failed request: the server's `error` message, its `code` and per-field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = '',
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The statuses with a message of their own when the server sent none (`http.<status>` in the catalogue). */
const FALLBACK_STATUSES = [400, 401, 403, 404, 409, 413, 415, 429];

function fallbackMessage(status: number): string {
  if (FALLBACK_STATUSES.includes(status)) return t(`http.${status}`);
  // Not formatted as a number: "HTTP 503", never "HTTP 503,0" or the like.
  if (status >= 500) return t('http.server', { status: String(status) });
  return `HTTP ${status}`;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page, an empty body): fall back to the status.
  }
  const b = (body ?? {}) as { error?: unknown; code?: unknown; fields?: unknown };
  const message = typeof b.error === 'string' && b.error.trim() !== '' ? b.error : fallbackMessage(res.status);
  const code = typeof b.code === 'string' ? b.code : '';
  const fields = b.fields && typeof b.fields === 'object' ? (b.fields as Record<string, string>) : {};
  return new ApiError(res.status, message, code, fields);
}

type Query = Record<string, string | number | undefined | null>;

/** Builds "?a=1&b=x+y" from the defined, non-empty values; "" when none. */
export function queryString(params: Query): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    qs.set(key, String(value));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

const seg = encodeURIComponent;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class Api {
  constructor(
    readonly base: string,
    private readonly fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init),
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      // Marks the request as the app's own; cross-site forms cannot set it.
      'X-Requested-With': 'XMLHttpRequest',
    };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await this.fetchImpl(withBase(this.base, path), {
        method,
        headers,
        body: payload,
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, t('http.network'), 'network');
    }
    if (!res.ok) throw await toError(res);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async data<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request<{ data: T }>(method, path, body);
    return res.data;
  }

  // Projects
  listProjects(p: { page?: number; per_page?: number } = {}): Promise<Paged<Project>> {
    return this.request('GET', `/api/projects${queryString(p)}`);
  }
  /** A board with its statuses, categories and tags, which then name and colour its posts (boardData). */
  async getProject(slug: string): Promise<ProjectDetail> {
    const project = await this.data<ProjectDetail>('GET', `/api/projects/${seg(slug)}`);
    setBoard(project);
    return project;
  }
  createStatus(slug: string, body: { name: string; slug?: string; color?: string; kind?: StatusKind; position?: number }): Promise<Status> {
    return this.data('POST', `/api/projects/${seg(slug)}/statuses`, body);
  }
  updateStatus(slug: string, status: string, body: { name?: string; color?: string; kind?: StatusKind; position?: number }): Promise<Status> {
    return this.data('PATCH', `/api/projects/${seg(slug)}/statuses/${seg(status)}`, body);
  }
  async deleteStatus(slug: string, status: string, moveTo?: string): Promise<void> {
    await this.request('DELETE', `/api/projects/${seg(slug)}/statuses/${seg(status)}`, moveTo ? { move_to: moveTo } : {});
  }
  createCategory(slug: string, body: { name: string; slug?: string; position?: number }): Promise<Category> {
    return this.data('POST', `/api/projects/${seg(slug)}/categories`, body);
  }
  updateCategory(slug: string, category: string, body: { name?: string; position?: number }): Promise<Category> {
    return this.data('PATCH', `/api/projects/${seg(slug)}/categories/${seg(category)}`, body);
  }
  async deleteCategory(slug: string, category: string, moveTo?: string): Promise<void> {
    await this.request('DELETE', `/api/projects/${seg(slug)}/categories/${seg(category)}`, moveTo ? { move_to: moveTo } : {});
  }
  createTag(slug: string, body: { name: string; slug?: string; color?: string }): Promise<Tag> {
    return this.data('POST', `/api/projects/${seg(slug)}/tags`, body);
  }
  updateTag(slug: string, tag: string, body: { name?: string; color?: string }): Promise<Tag> {
    return this.data('PATCH', `/api/projects/${seg(slug)}/tags/${seg(tag)}`, body);
  }
  async deleteTag(slug: string, tag: string): Promise<void> {
    await this.request('DELETE', `/api/projects/${seg(slug)}/tags/${seg(tag)}`);
  }
  setPostTags(postId: string, tags: string[]): Promise<PostDetail> {
    return this.data('PUT', `/api/posts/${seg(postId)}/tags`, { tags });
  }
  createProject(body: { name: string; slug?: string; description?: string }): Promise<Project> {
    return this.data('POST', '/api/projects', body);
  }
  updateProject(
    slug: string,
    body: { name?: string; description?: string; visibility?: BoardVisibility; moderation?: Moderation },
  ): Promise<Project> {
    return this.data('PATCH', `/api/projects/${seg(slug)}`, body);
  }
  deleteProject(slug: string): Promise<void> {
    return this.request('DELETE', `/api/projects/${seg(slug)}`);
  }
  getStats(slug: string): Promise<Stats> {
    return this.data('GET', `/api/projects/${seg(slug)}/stats`);
  }

  // Posts
  listPosts(slug: string, q: PostQuery = {}): Promise<Paged<PostDetail>> {
    const { sort, status, category, tag, q: text, page, per_page, author, voted_by } = q;
    const exclude_closed = q.exclude_closed ? 'true' : undefined;
    return this.request(
      'GET',
      `/api/projects/${seg(slug)}/posts${queryString({ sort, status, category, tag, q: text, exclude_closed, author, voted_by, page, per_page })}`,
    );
  }
  /** Posts like a text, best first: any word but common ones matches (duplicate suggestions while composing). */
  similarPosts(slug: string, text: string, limit?: number): Promise<PostDetail[]> {
    return this.data('GET', `/api/projects/${seg(slug)}/posts/similar${queryString({ q: text, limit })}`);
  }
  createPost(slug: string, body: { title: string; description?: string; category?: PostCategory }): Promise<PostDetail> {
    return this.data('POST', `/api/projects/${seg(slug)}/posts`, body);
  }
  getRoadmap(slug: string, limit?: number): Promise<Roadmap> {
    return this.data('GET', `/api/projects/${seg(slug)}/roadmap${queryString({ limit })}`);
  }
  getChangelog(slug: string, p: { page?: number; per_page?: number; since?: string } = {}): Promise<Paged<PostDetail>> {
    return this.request('GET', `/api/projects/${seg(slug)}/changelog${queryString(p)}`);
  }
  getPost(id: string): Promise<PostDetail> {
    return this.data('GET', `/api/posts/${seg(id)}`);
  }
  updatePost(
    id: string,
    body: {
      title?: string;
      description?: string;
      category?: PostCategory;
      status?: PostStatus;
      response?: string;
      pinned?: boolean;
      locked?: boolean;
    },
  ): Promise<PostDetail> {
    return this.data('PATCH', `/api/posts/${seg(id)}`, body);
  }
  /** Merges a duplicate into another post (admin); answers the target. */
  mergePost(id: string, into: string): Promise<PostDetail> {
    return this.data('POST', `/api/posts/${seg(id)}/merge`, { into });
  }
  /** Undoes a merge (admin); answers the duplicate as it was. */
  unmergePost(id: string): Promise<PostDetail> {
    return this.data('POST', `/api/posts/${seg(id)}/unmerge`);
  }
  deletePost(id: string): Promise<void> {
    return this.request('DELETE', `/api/posts/${seg(id)}`);
  }
  toggleVote(id: string): Promise<Vote> {
    return this.data('POST', `/api/posts/${seg(id)}/vote`);
  }
  getVote(id: string): Promise<Vote> {
    return this.data('GET', `/api/posts/${seg(id)}/vote`);
  }
  /** Whether the signed-in user follows a post (emails about its status changes and comments). */
  getSubscription(id: string): Promise<Subscription> {
    return this.data('GET', `/api/posts/${seg(id)}/subscription`);
  }
  /** Follows (true) or unfollows (false) a post; idempotent. */
  setSubscription(id: string, follow: boolean): Promise<Subscription> {
    return this.data(follow ? 'PUT' : 'DELETE', `/api/posts/${seg(id)}/subscription`);
  }

  // Timeline: comments and status changes, oldest first
  listTimeline(postId: string, p: { page?: number; per_page?: number } = {}): Promise<Paged<TimelineEntry>> {
    return this.request('GET', `/api/posts/${seg(postId)}/timeline${queryString(p)}`);
  }
  /** The whole timeline of a post, following the pages. */
  async listAllTimeline(postId: string): Promise<TimelineEntry[]> {
    const all: TimelineEntry[] = [];
    for (let page = 1; ; page++) {
      const res = await this.listTimeline(postId, { page, per_page: 100 });
      all.push(...res.data);
      if (page >= res.pagination.total_pages || res.data.length === 0) return all;
    }
  }

  // Comments
  listComments(postId: string, p: { page?: number; per_page?: number } = {}): Promise<Paged<CommentDetail>> {
    return this.request('GET', `/api/posts/${seg(postId)}/comments${queryString(p)}`);
  }
  /** Every comment of a post, following the pages (oldest first). */
  async listAllComments(postId: string): Promise<CommentDetail[]> {
    const all: CommentDetail[] = [];
    for (let page = 1; ; page++) {
      const res = await this.listComments(postId, { page, per_page: 100 });
      all.push(...res.data);
      if (page >= res.pagination.total_pages || res.data.length === 0) return all;
    }
  }
  createComment(postId: string, body: { content: string; parent_id?: string; internal?: boolean }): Promise<CommentDetail> {
    return this.data('POST', `/api/posts/${seg(postId)}/comments`, body);
  }
  updateComment(id: string, content: string): Promise<CommentDetail> {
    return this.data('PATCH', `/api/comments/${seg(id)}`, { content });
  }
  deleteComment(id: string): Promise<void> {
    return this.request('DELETE', `/api/comments/${seg(id)}`);
  }

  // Attachments
  listAttachments(postId: string): Promise<Paged<Attachment>> {
    return this.request('GET', `/api/posts/${seg(postId)}/attachments${queryString({ per_page: 100 })}`);
  }
  uploadAttachment(postId: string, file: File): Promise<Attachment> {
    const form = new FormData();
    form.append('file', file, file.name);
    return this.data('POST', `/api/posts/${seg(postId)}/attachments`, form);
  }
  deleteAttachment(id: string): Promise<void> {
    return this.request('DELETE', `/api/attachments/${seg(id)}`);
  }
  /** The image URL of an attachment; built from the id so it never depends on how the server spells `url`. */
  attachmentUrl(a: Pick<Attachment, 'id'>): string {
    return withBase(this.base, `/api/attachments/${seg(a.id)}`);
  }

  // Private boards and moderation (admin)
  listMembers(slug: string, p: { page?: number; per_page?: number } = {}): Promise<Paged<ProjectMember>> {
    return this.request('GET', `/api/projects/${seg(slug)}/members${queryString(p)}`);
  }
  /** Adds a user, by id or email address, to a board's members; idempotent. */
  addMember(slug: string, user: string): Promise<ProjectMember> {
    return this.data('PUT', `/api/projects/${seg(slug)}/members/${seg(user)}`);
  }
  removeMember(slug: string, user: string): Promise<void> {
    return this.request('DELETE', `/api/projects/${seg(slug)}/members/${seg(user)}`);
  }
  /** The approval queue: posts waiting for approval, oldest first. */
  listPending(slug: string, p: { page?: number; per_page?: number } = {}): Promise<Paged<PostDetail>> {
    return this.request('GET', `/api/projects/${seg(slug)}/posts/pending${queryString(p)}`);
  }
  /** Hides (true) or restores (false) a post. */
  setPostHidden(id: string, hidden: boolean): Promise<PostDetail> {
    return this.data('POST', `/api/posts/${seg(id)}/${hidden ? 'hide' : 'restore'}`);
  }
  approvePost(id: string): Promise<PostDetail> {
    return this.data('POST', `/api/posts/${seg(id)}/approve`);
  }
  /** Rejects a waiting post: it is deleted. */
  rejectPost(id: string): Promise<void> {
    return this.request('POST', `/api/posts/${seg(id)}/reject`);
  }
  /** Hides (true) or restores (false) a comment with its replies. */
  setCommentHidden(id: string, hidden: boolean): Promise<CommentDetail> {
    return this.data('POST', `/api/comments/${seg(id)}/${hidden ? 'hide' : 'restore'}`);
  }

  // Users (admin)
  /** Users, newest first; `q` keeps those whose name or email contains it, ignoring case. */
  listUsers(p: { q?: string; page?: number; per_page?: number } = {}): Promise<Paged<User>> {
    return this.request('GET', `/api/users${queryString(p)}`);
  }
  setUserRole(id: string, role: Role): Promise<User> {
    return this.data('PATCH', `/api/users/${seg(id)}`, { role });
  }
  /** Blocks (true) or unblocks a member: a blocked member reads but cannot write board content. */
  setUserBlocked(id: string, blocked: boolean): Promise<User> {
    return this.data('PATCH', `/api/users/${seg(id)}`, { blocked });
  }

  // Audit log (admin)
  /** The audit log, newest first; every filter is optional (since: RFC 3339 instant or a duration such as 7d). */
  listAudit(
    p: { project?: string; actor?: string; action?: string; since?: string; page?: number; per_page?: number } = {},
  ): Promise<Paged<AuditEntry>> {
    return this.request('GET', `/api/audit${queryString(p)}`);
  }

  // Webhooks (admin)
  listWebhooks(): Promise<Webhook[]> {
    return this.data('GET', '/api/webhooks');
  }
  /** Registers an endpoint; the answer carries its signing secret, this once. */
  createWebhook(body: { url: string; events: string[]; project?: string }): Promise<WebhookWithSecret> {
    return this.data('POST', '/api/webhooks', body);
  }
  /** Changes an endpoint; project "" means every board, enabled false pauses it. */
  updateWebhook(
    id: string,
    body: { url?: string; events?: string[]; project?: string; enabled?: boolean },
  ): Promise<Webhook> {
    return this.data('PATCH', `/api/webhooks/${seg(id)}`, body);
  }
  deleteWebhook(id: string): Promise<void> {
    return this.request('DELETE', `/api/webhooks/${seg(id)}`);
  }
  rotateWebhookSecret(id: string): Promise<WebhookWithSecret> {
    return this.data('POST', `/api/webhooks/${seg(id)}/rotate`);
  }
  /** The endpoint's last 100 delivery attempts, newest first. */
  webhookDeliveries(id: string): Promise<WebhookAttempt[]> {
    return this.data('GET', `/api/webhooks/${seg(id)}/deliveries`);
  }
  sendWebhookTest(id: string): Promise<WebhookTestSent> {
    return this.data('POST', `/api/webhooks/${seg(id)}/test`);
  }
  redeliverWebhook(id: string, deliveryId: number): Promise<void> {
    return this.request('POST', `/api/webhooks/${seg(id)}/deliveries/${deliveryId}/redeliver`);
  }

  // Own profile
  /** Sets the signed-in user's display name. */
  updateProfile(name: string): Promise<User> {
    return this.data('PATCH', '/api/me', { name });
  }
  /** Which emails the signed-in user gets about posts they follow. */
  getNotificationSettings(): Promise<NotificationSettings> {
    return this.data('GET', '/api/me/notifications');
  }
  /** Changes the given settings; a missing field keeps its value. */
  updateNotificationSettings(body: Partial<NotificationSettings>): Promise<NotificationSettings> {
    return this.data('PATCH', '/api/me/notifications', body);
  }

  // API tokens
  listTokens(p: { page?: number; per_page?: number } = {}): Promise<Paged<ApiToken>> {
    return this.request('GET', `/api/tokens${queryString(p)}`);
  }
  createToken(body: { name: string; scope: TokenScope }): Promise<{ token: ApiToken; secret: string }> {
    return this.data('POST', '/api/tokens', body);
  }
  deleteToken(id: string): Promise<void> {
    return this.request('DELETE', `/api/tokens/${seg(id)}`);
  }

  // Connected apps (OAuth grants) and the consent page
  listConnectedApps(): Promise<ConnectedApp[]> {
    return this.data('GET', '/api/connected-apps');
  }
  disconnectApp(id: string): Promise<void> {
    return this.request('DELETE', `/api/connected-apps/${seg(id)}`);
  }
  /** What the consent page shows for an authorization request (its query string, as the client sent it). */
  consentRequest(search: string): Promise<ConsentRequest> {
    return this.data('GET', `/api/oauth/consent${search.startsWith('?') ? search : `?${search}`}`);
  }
  /** The person's answer; the server says where the browser goes next (back to the app). */
  consent(body: Record<string, string | boolean>): Promise<ConsentRedirect> {
    return this.data('POST', '/api/oauth/consent', body);
  }

  // Auth
  async providers(): Promise<Provider[]> {
    const res = await this.request<{ providers: Provider[] }>('GET', '/auth/providers');
    return res.providers ?? [];
  }
  /** Asks for a sign-in link by email; the server answers 202 whatever the address. */
  async requestEmailSignIn(email: string): Promise<void> {
    await this.request('POST', '/auth/email', { email });
  }
  /** The signed-in user, or null when anonymous; asks /auth/session, which answers 200 either way (no console error). */
  async session(): Promise<Me | null> {
    const res = await this.request<Session>('GET', '/auth/session');
    return res.user ?? null;
  }
  /** The signed-in user, or null when anonymous. */
  async me(): Promise<Me | null> {
    try {
      return await this.data<Me>('GET', '/auth/me');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  }
  logout(): Promise<{ ok: boolean }> {
    return this.request('POST', '/auth/logout');
  }
  /** Ends every session of the user; with revokeTokens, also revokes every API token. */
  /** A short-lived widget token of this session for the widget embedded on `origin` (an allowed widget origin). */
  widgetToken(origin: string): Promise<WidgetToken> {
    return this.data('POST', '/auth/widget-token', { origin });
  }

  logoutEverywhere(revokeTokens: boolean): Promise<{ ok: boolean; tokens_revoked: number }> {
    return this.request('POST', '/auth/logout-everywhere', { revoke_tokens: revokeTokens });
  }
}

export const api = new Api(readBase());

export function errorMessage(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  return t('error.generic');
}
