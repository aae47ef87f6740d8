// Generated from the OpenAPI document (GET /api/openapi.json) by rungu-http's WebAppTypes. Do not edit:
// change the records in rungu-wire or the limits in rungu-model, then run
//   ./mvnw -pl rungu-http test -Dtest=WebAppTypesTest -Drungu.regenerate=true

export interface Pagination {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
  total_is_estimate?: boolean | null;
}

export interface Project {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  created_at: string;
  post_count: number;
  visibility: BoardVisibility;
  moderation: Moderation;
}

export type BoardVisibility = 'public' | 'signed_in' | 'members';

export type Moderation = 'none' | 'new_posts';

export interface ProjectMember {
  id: string;
  email: string;
  name: string | null;
  avatar_url: string | null;
  added_at: string;
}

export interface Creator {
  id: string;
  name: string | null;
  avatar_url: string | null;
}

export interface PostDetail {
  id: string;
  project_id: string;
  title: string;
  description: string | null;
  status: string;
  category: string;
  vote_count: number;
  comment_count: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  done_at: string | null;
  creator: Creator;
  user_voted: boolean;
  response: OfficialResponse | null;
  merged_into: string | null;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  approval: Approval;
  tags: string[];
}

export interface OfficialResponse {
  text: string;
  author: Creator;
  created_at: string;
}

export type Approval = 'approved' | 'pending';

export interface Status {
  id: string;
  slug: string;
  name: string;
  color: string;
  kind: StatusKind;
  position: number;
  post_count: number;
}

export type StatusKind = 'open' | 'active' | 'done' | 'closed';

export interface Category {
  id: string;
  slug: string;
  name: string;
  position: number;
  post_count: number;
}

export interface Tag {
  id: string;
  slug: string;
  name: string;
  color: string;
}

export interface ProjectDetail {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  created_at: string;
  post_count: number;
  visibility: BoardVisibility;
  moderation: Moderation;
  statuses: Status[];
  categories: Category[];
  tags: Tag[];
}

export interface RoadmapColumn {
  status: Status;
  posts: PostDetail[];
  total: number;
}

export interface CommentDetail {
  id: string;
  post_id: string;
  parent_id: string | null;
  content: string;
  created_by: string;
  created_at: string;
  edited_at: string | null;
  creator: Creator;
  internal: boolean;
  merged_from: string | null;
  hidden: boolean;
}

export interface StatusChange {
  id: string;
  post_id: string;
  from: string;
  to: string;
  response: string | null;
  creator: Creator;
  created_at: string;
}

export interface Merge {
  id: string;
  post_id: string;
  post_title: string;
  into_id: string;
  into_title: string;
  undone: boolean;
  creator: Creator;
  created_at: string;
}

export interface TimelineEntry {
  type: TimelineEntryType;
  comment: CommentDetail | null;
  status_change: StatusChange | null;
  merge: Merge | null;
}

export type TimelineEntryType = 'comment' | 'status_change' | 'merge';

export interface TimelinePage {
  entries: TimelineEntry[];
  pagination: Pagination;
}

export interface Attachment {
  id: string;
  post_id: string;
  filename: string;
  mime: string;
  size: number;
  created_by: string;
  created_at: string;
  url: string;
}

export interface Vote {
  voted: boolean;
  vote_count: number;
}

export interface Subscription {
  subscribed: boolean;
}

export interface NotificationSettings {
  status_changes: boolean;
  comments: boolean;
  replies: boolean;
  new_posts: boolean;
}

export interface EmailSignInRequested {
  message: string;
}

export interface Roadmap {
  planned: PostDetail[];
  planned_total: number;
  in_progress: PostDetail[];
  in_progress_total: number;
  done: PostDetail[];
  done_total: number;
  limit: number;
  columns: RoadmapColumn[];
}

export interface Stats {
  total_posts: number;
  by_status: Record<string, number>;
  by_category: Record<string, number>;
  total_votes: number;
  total_comments: number;
}

export interface User {
  id: string;
  email: string;
  name: string | null;
  avatar_url: string | null;
  role: Role;
  created_at: string;
  last_login: string | null;
  blocked: boolean;
}

export type Role = 'member' | 'admin';

export interface Me {
  id: string;
  email: string;
  name: string | null;
  avatar_url: string | null;
  role: Role;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  expired: boolean;
}

export type TokenScope = 'read' | 'write' | 'widget';

export interface IssuedToken {
  token: ApiToken;
  secret: string;
}

export interface Provider {
  name: string;
  label: string | null;
  login_url: string;
}

export interface Providers {
  providers: Provider[];
}

export interface Ok {
  ok: boolean;
}

export interface ConnectedApp {
  id: string;
  client_id: string;
  client_name: string;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
}

export interface ConsentRequest {
  client_id: string;
  client_name: string;
  redirect_host: string;
  scopes: string[];
  resource: string;
}

export interface ConsentRedirect {
  redirect: string;
}

export interface SignedOutEverywhere {
  ok: boolean;
  tokens_revoked: number;
}

export interface WidgetToken {
  token: string;
  expires_at: string;
  origin: string;
}

export interface Ready {
  status: string;
}

export interface Error {
  error: string;
  code: ErrorCode;
  fields: Record<string, string>;
  request_id?: string | null;
}

export type ErrorCode = 'not_found' | 'unauthenticated' | 'forbidden' | 'invalid' | 'conflict' | 'too_large' | 'method_not_allowed' | 'unsupported_media_type' | 'rate_limited' | 'unavailable' | 'internal';

export interface AuditActor {
  id: string;
  name: string | null;
}

export interface AuditTarget {
  type: string;
  id: string | null;
}

export interface AuditChange {
  before: string | null;
  after: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: AuditActor | null;
  channel: AuditChannel | null;
  client: string | null;
  action: string;
  target: AuditTarget;
  changes: Record<string, AuditChange>;
}

export type AuditChannel = 'web' | 'api_token' | 'mcp_stdio' | 'mcp_http' | 'cli' | 'host' | 'widget';

export interface Removal {
  project_id: string;
  post_id: string | null;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  project: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookWithSecret {
  id: string;
  url: string;
  events: string[];
  project: string | null;
  enabled: boolean;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
  secret: string;
}

export interface WebhookAttempt {
  id: number;
  delivery_id: number | null;
  message_id: string;
  type: string;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  response: string | null;
  succeeded: boolean;
}

export interface WebhookTestSent {
  message_id: string;
}

export interface Session {
  user: Me | null;
}

export type PostSort = 'newest' | 'oldest' | 'most_votes' | 'least_votes' | 'recently_updated' | 'trending' | 'relevance';

export interface NewProject {
  name: string;
  slug?: string;
  description?: string;
}

export interface ProjectEdit {
  name?: string;
  description?: string;
  visibility?: BoardVisibility;
  moderation?: Moderation;
}

export interface NewPost {
  title: string;
  description?: string;
  category?: string;
}

export interface PostEdit {
  title?: string;
  description?: string;
  category?: string;
  status?: string;
  response?: string;
  pinned?: boolean;
  locked?: boolean;
}

export interface MergeRequest {
  into: string;
}

export interface SetVote {
  voted: boolean;
}

export interface NewComment {
  content: string;
  parent_id?: string;
  internal?: boolean;
}

export interface CommentEdit {
  content: string;
}

export interface UserEdit {
  role?: Role;
  blocked?: boolean;
}

export interface ProfileEdit {
  name: string;
}

export interface NotificationSettingsEdit {
  status_changes?: boolean;
  comments?: boolean;
  replies?: boolean;
  new_posts?: boolean;
}

export interface Upload {
  file: string;
}

export interface EmailAddress {
  email: string;
}

export interface WidgetOrigin {
  origin: string;
}

export interface ConsentDecision {
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: string;
  scope?: string;
  resource?: string;
  state?: string;
  approve: boolean;
}

export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
  bearer_methods_supported?: string[];
  resource_name?: string;
  resource_documentation?: string;
}

export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  registration_endpoint?: string;
  revocation_endpoint?: string;
  scopes_supported?: string[];
  response_types_supported?: string[];
  response_modes_supported?: string[];
  grant_types_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  revocation_endpoint_auth_methods_supported?: string[];
  code_challenge_methods_supported?: string[];
  client_id_metadata_document_supported?: boolean;
  authorization_response_iss_parameter_supported?: boolean;
}

export interface ClientRegistration {
  client_id: string;
  client_id_issued_at?: number;
  client_name?: string;
  redirect_uris: string[];
  grant_types?: string[];
  response_types?: string[];
  token_endpoint_auth_method?: string;
  scope?: string;
}

export interface OAuthTokens {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

export interface OAuthError {
  error: string;
  error_description?: string;
}

export interface NewToken {
  name: string;
  scope: TokenScope;
  expires_in?: number;
}

export interface NewStatus {
  slug?: string;
  name: string;
  color?: string;
  kind?: StatusKind;
  position?: number;
}

export interface StatusEdit {
  name?: string;
  color?: string;
  kind?: StatusKind;
  position?: number;
}

export interface NewCategory {
  slug?: string;
  name: string;
  position?: number;
}

export interface CategoryEdit {
  name?: string;
  position?: number;
}

export interface NewTag {
  slug?: string;
  name: string;
  color?: string;
}

export interface TagEdit {
  name?: string;
  color?: string;
}

export interface MoveTo {
  move_to?: string;
}

export interface PostTags {
  tags: string[];
}

export interface NewWebhook {
  url: string;
  events: string[];
  project?: string;
}

export interface WebhookEdit {
  url?: string;
  events?: string[];
  project?: string;
  enabled?: boolean;
}

/** A page of a list, as every list route answers. */
export interface Paged<T> {
  data: T[];
  pagination: Pagination;
}

/** Server-side input limits (rungu-model Limits), checked here too so users see a problem before submitting. */
export const LIMITS = {
  projectName: 100,
  projectDescription: 2000,
  slug: 80,
  title: 200,
  postDescription: 20000,
  comment: 4000,
  searchQuery: 200,
  searchTerms: 8,
  perPageDefault: 20,
  perPage: 100,
  page: 10000,
  roadmapLimitDefault: 10,
  roadmapLimit: 50,
  trendingLimitDefault: 10,
  trendingLimit: 100,
  similarLimitDefault: 5,
  similarLimit: 20,
  trendingDaysDefault: 7,
  trendingDays: 365,
  attachmentBytes: 10485760,
  attachmentsPerPost: 20,
  filename: 120,
  userName: 100,
  userQuery: 100,
  email: 254,
  url: 2000,
  tokenName: 100,
  tokensPerUser: 50,
  pinnedPosts: 10,
  definitionSlug: 40,
  definitionName: 50,
  statusesPerBoard: 20,
  categoriesPerBoard: 20,
  tagsPerBoard: 100,
  tagsPerPost: 10,
} as const;

export * from './ui';
