/**
 * The embeddable feedback widget: `<script src="https://board.example.com/widget.js" data-board="slug" async>`.
 *
 * It defines one custom element, <rungu-feedback>, and adds one to the page: a button that opens a panel, all inside
 * a shadow root, so no style reaches the host page and none of the host's reaches the widget. It creates no global
 * besides the element's name, keeps its widget token in memory only, and calls the board's API with that token as a
 * bearer token and `credentials: 'omit'` (never the board's session cookie).
 */

interface Post {
  id: string;
  title: string;
  vote_count: number;
  user_voted: boolean;
  status: string;
}

interface Handover {
  type: 'rungu-widget-token';
  token: string;
  expires_at: string;
  name?: string | null;
}

const TAG = 'rungu-feedback';
const SIGN_IN_PATH = '/widget-sign-in';

/** Where the board lives: the script's own origin and path, less `/widget.js`. */
function boardBase(script: HTMLScriptElement | null): string | null {
  if (!script?.src) return null;
  const url = new URL(script.src, location.href);
  return url.origin + url.pathname.replace(/\/widget\.js$/, '');
}

const STYLE = `
:host { all: initial; position: fixed; z-index: 2147483000; bottom: 20px; right: 20px;
  --rungu-accent: #4f46e5; --rungu-accent-text: #fff; --rungu-bg: #fff; --rungu-text: #1f2937;
  --rungu-muted: #6b7280; --rungu-border: #e5e7eb; --rungu-radius: 10px;
  --rungu-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
:host([data-position="left"]) { right: auto; left: 20px; }
/* The page's own rules for the element itself (a "* { font-family }") beat :host, so the widget's text gets its
   look on its own boxes, and only the custom properties come from outside. */
.panel, .launcher { font-family: var(--rungu-font); font-size: 14px; line-height: 1.4; color: var(--rungu-text);
  font-weight: 400; letter-spacing: normal; text-align: left; }
* { box-sizing: border-box; }
button, input, textarea { font: inherit; letter-spacing: inherit; }
[hidden] { display: none !important; }
button { cursor: pointer; border-radius: calc(var(--rungu-radius) / 1.5); border: 1px solid var(--rungu-border);
  background: var(--rungu-bg); color: var(--rungu-text); padding: 6px 10px; }
button.primary, .launcher { background: var(--rungu-accent); color: var(--rungu-accent-text); border-color: transparent; }
.launcher { padding: 10px 16px; border-radius: 999px; box-shadow: 0 4px 14px rgba(0,0,0,.2); font-weight: 600; }
.panel { position: absolute; bottom: 52px; right: 0; width: 340px; max-width: calc(100vw - 40px);
  max-height: min(560px, calc(100vh - 100px)); overflow: auto; background: var(--rungu-bg);
  border: 1px solid var(--rungu-border); border-radius: var(--rungu-radius); box-shadow: 0 10px 30px rgba(0,0,0,.2);
  padding: 12px; display: flex; flex-direction: column; gap: 10px; }
:host([data-position="left"]) .panel { right: auto; left: 0; }
h2 { margin: 0; font-size: 16px; font-weight: 700; }
input, textarea { width: 100%; padding: 7px 9px; border: 1px solid var(--rungu-border);
  border-radius: calc(var(--rungu-radius) / 1.5); background: var(--rungu-bg); color: var(--rungu-text); }
textarea { min-height: 64px; resize: vertical; }
ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
li { display: flex; gap: 8px; align-items: center; }
li a { color: var(--rungu-text); text-decoration: none; flex: 1; }
li a:hover { text-decoration: underline; }
.vote { min-width: 46px; text-align: center; }
.vote[aria-pressed="true"] { border-color: var(--rungu-accent); color: var(--rungu-accent); }
.muted { color: var(--rungu-muted); font-size: 12px; }
.error { color: #b91c1c; font-size: 12px; }
.row { display: flex; gap: 8px; align-items: center; justify-content: space-between; }
form { display: flex; flex-direction: column; gap: 6px; }
`;

class RunguFeedback extends HTMLElement {
  #root: ShadowRoot;
  #base = '';
  #board = '';
  #token: string | null = null;
  #tokenExpires = 0;
  #name: string | null = null;
  #popup: Window | null = null;
  #query = '';
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback() {
    if (this.#root.childElementCount) return;
    this.#base = (this.getAttribute('base') ?? '').replace(/\/+$/, '');
    this.#board = this.getAttribute('board') ?? '';
    const label = this.getAttribute('label') || 'Feedback';
    this.#root.innerHTML = `<style>${STYLE}</style>
      <div class="panel" part="panel" role="dialog" aria-label="Feedback" hidden>
        <div class="row"><h2></h2><button class="close" aria-label="Close">×</button></div>
        <input class="search" type="search" placeholder="Search ideas" aria-label="Search ideas" maxlength="200">
        <ul class="posts" aria-live="polite"></ul>
        <p class="muted empty" hidden>Nothing yet.</p>
        <div class="row account"><span class="muted who"></span><button class="sign-in">Sign in to vote and post</button></div>
        <form class="new" hidden>
          <input class="title" placeholder="Your idea" aria-label="Title" maxlength="200" required>
          <textarea class="description" placeholder="Details (optional)" aria-label="Details" maxlength="10000"></textarea>
          <button class="primary submit" type="submit">Submit</button>
        </form>
        <p class="error" role="alert"></p>
      </div>
      <button class="launcher" part="launcher" aria-expanded="false"></button>`;
    this.#$('.launcher').textContent = label;
    this.#$('h2').textContent = this.getAttribute('heading') || 'Share your feedback';
    this.#$('.launcher').addEventListener('click', () => this.#toggle());
    this.#$('.close').addEventListener('click', () => this.#toggle(false));
    this.#$('.sign-in').addEventListener('click', () => this.#signIn());
    this.#$<HTMLInputElement>('.search').addEventListener('input', (e) => {
      clearTimeout(this.#searchTimer);
      this.#query = (e.target as HTMLInputElement).value.trim();
      this.#searchTimer = setTimeout(() => this.#load(), 250);
    });
    this.#$('form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#create();
    });
  }

  #$<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.#root.querySelector(selector) as T;
  }

  #toggle(open?: boolean) {
    const panel = this.#$('.panel');
    const show = open ?? panel.hidden;
    panel.hidden = !show;
    this.#$('.launcher').setAttribute('aria-expanded', String(show));
    if (show) this.#load();
  }

  #signedIn(): boolean {
    return !!this.#token && Date.now() < this.#tokenExpires;
  }

  #error(message: string) {
    this.#$('.error').textContent = message;
  }

  async #api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.#signedIn()) headers.Authorization = `Bearer ${this.#token}`;
    const response = await fetch(this.#base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      mode: 'cors',
    });
    const json = await response.json().catch(() => null);
    if (response.status === 401) this.#forget();
    if (!response.ok) throw new Error(json?.error ?? `The board answered ${response.status}`);
    return json?.data as T;
  }

  async #load() {
    this.#error('');
    const params = new URLSearchParams({ per_page: '10', sort: this.#query ? 'relevance' : 'most_votes' });
    if (this.#query) params.set('q', this.#query);
    try {
      const posts = await this.#api<Post[]>('GET', `/api/projects/${encodeURIComponent(this.#board)}/posts?${params}`);
      this.#render(posts);
    } catch (e) {
      this.#error((e as Error).message);
    }
  }

  #render(posts: Post[]) {
    const list = this.#$('.posts');
    list.replaceChildren(
      ...posts.map((post) => {
        const li = document.createElement('li');
        const vote = document.createElement('button');
        vote.className = 'vote';
        vote.setAttribute('aria-pressed', String(post.user_voted));
        vote.setAttribute('aria-label', `Vote for ${post.title}`);
        vote.textContent = `▲ ${post.vote_count}`;
        vote.addEventListener('click', () => this.#vote(post, vote));
        const link = document.createElement('a');
        link.href = `${this.#base}/board/${encodeURIComponent(this.#board)}/post/${encodeURIComponent(post.id)}`;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = post.title;
        li.append(vote, link);
        return li;
      }),
    );
    this.#$('.empty').hidden = posts.length > 0;
    const signedIn = this.#signedIn();
    this.#$('.sign-in').hidden = signedIn;
    this.#$('form').hidden = !signedIn;
    this.#$('.who').textContent = signedIn ? `Signed in${this.#name ? ` as ${this.#name}` : ''}` : '';
  }

  async #vote(post: Post, button: HTMLButtonElement) {
    if (!this.#signedIn()) return this.#signIn();
    try {
      const v = await this.#api<{ voted: boolean; vote_count: number }>('PUT',
        `/api/posts/${encodeURIComponent(post.id)}/vote`, { voted: !post.user_voted });
      post.user_voted = v.voted;
      post.vote_count = v.vote_count;
      button.setAttribute('aria-pressed', String(v.voted));
      button.textContent = `▲ ${v.vote_count}`;
    } catch (e) {
      this.#error((e as Error).message);
    }
  }

  async #create() {
    const title = this.#$<HTMLInputElement>('.title');
    const description = this.#$<HTMLTextAreaElement>('.description');
    try {
      await this.#api('POST', `/api/projects/${encodeURIComponent(this.#board)}/posts`, {
        title: title.value.trim(),
        description: description.value.trim() || null,
      });
      title.value = '';
      description.value = '';
      this.#query = '';
      this.#$<HTMLInputElement>('.search').value = '';
      await this.#load();
      this.#$('.error').textContent = '';
      this.#$('.who').textContent = 'Thanks! Your idea was posted.';
    } catch (e) {
      this.#error((e as Error).message);
    }
  }

  #forget() {
    this.#token = null;
    this.#tokenExpires = 0;
  }

  /** Opens the board's sign-in page, which hands a widget token back to this page's origin by postMessage. */
  #signIn() {
    const boardOrigin = new URL(this.#base).origin;
    const onMessage = (event: MessageEvent) => {
      const data = event.data as Handover | null;
      // Only the board's own page in the popup we opened may hand over a token.
      if (event.origin !== boardOrigin || event.source !== this.#popup || data?.type !== 'rungu-widget-token') return;
      if (typeof data.token !== 'string' || !data.token.startsWith('rgw_')) return;
      window.removeEventListener('message', onMessage);
      this.#token = data.token;
      this.#tokenExpires = Date.parse(data.expires_at) || Date.now() + 50 * 60 * 1000;
      this.#name = typeof data.name === 'string' ? data.name : null;
      this.#popup = null;
      this.#load();
    };
    window.addEventListener('message', onMessage);
    const url = `${this.#base}${SIGN_IN_PATH}?origin=${encodeURIComponent(location.origin)}`;
    this.#popup = window.open(url, 'rungu-widget-sign-in', 'popup,width=480,height=640');
    if (!this.#popup) this.#error('Allow pop-ups for this site to sign in.');
  }
}

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!customElements.get(TAG)) customElements.define(TAG, RunguFeedback);
  const base = boardBase(script);
  const board = script?.dataset.board;
  if (!base || !board || script?.dataset.mount === 'none') return;
  const element = document.createElement(TAG);
  element.setAttribute('base', base);
  element.setAttribute('board', board);
  for (const name of ['label', 'heading', 'position'] as const) {
    const value = script.dataset[name];
    if (value) element.setAttribute(name === 'position' ? 'data-position' : name, value);
  }
  const mount = () => document.body.append(element);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
