import { API_URL } from "./browser.js";
import type { E2eAccount } from "./accounts.js";

// A bearer-token client for the API, for arranging what a browser test then looks at (posts,
// tags, comments) and for checking what the server holds afterwards. Bearer calls need no CSRF
// header; each test file signs in once per account and reuses the token (15 min lifetime).

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
  current_version?: number;
  allowed_actions?: string[];
}

/** The fields of a StaffPost (contract, `packages/types/src/posts-admin.ts`) the suites read. */
export interface StaffPostView {
  id: string;
  type: "post" | "page";
  title: string;
  slug: string;
  excerpt: string | null;
  status: string;
  version: number;
  html: string;
  body: unknown;
  published_at: string | null;
  allowed_actions: string[];
  tags: { id: string; slug: string; name: string }[];
}

export interface ApiSession {
  readonly who: E2eAccount;
  readonly userId: string;
  readonly token: string;
  call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>>;
  /** Like `call`, but throws with the problem detail unless the answer is 2xx. */
  ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

async function send<T>(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<ApiAnswer<T>> {
  const res = await fetch(`${API_URL}${path}`, {
    method,
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  if (text !== "" && /json/.test(res.headers.get("content-type") ?? "")) parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Signs in with POST /api/v1/auth/login (password only: the seeded roles need no MFA). */
export async function apiSignIn(who: E2eAccount): Promise<ApiSession> {
  const login = await send<{ access_token?: string; user?: { id: string } }>(
    "POST",
    "/api/v1/auth/login",
    { email: who.email, password: who.password },
    {},
  );
  if (login.status !== 200 || login.body.access_token === undefined || login.body.user === undefined)
    throw new Error(`login of ${who.email} answered ${login.status}: ${JSON.stringify(login.body)}`);
  const token = login.body.access_token;
  const auth = { authorization: `Bearer ${token}` };
  const call = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    send<T>(method, path, body, { ...auth, ...headers });
  return {
    who,
    userId: login.body.user.id,
    token,
    call,
    async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
      const answer = await call<T>(method, path, body);
      if (answer.status >= 300)
        throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
  };
}

/** A Tiptap document of plain paragraphs. */
export function paragraphsDoc(...texts: string[]): { type: "doc"; content: unknown[] } {
  return {
    type: "doc",
    content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  };
}

/**
 * Publishes a post the way its `allowed_actions` allow this caller: directly when `publish` is
 * offered, otherwise through submit → approve first. Returns the published post.
 */
export async function publishThroughWorkflow(
  session: ApiSession,
  post: StaffPostView,
): Promise<StaffPostView> {
  let current = post;
  for (const action of ["submit", "approve", "publish"] as const) {
    if (current.status === "published") break;
    if (action !== "publish" && current.allowed_actions.includes("publish")) continue;
    if (!current.allowed_actions.includes(action)) continue;
    current = await session.ok<StaffPostView>("POST", `/api/v1/admin/posts/${current.id}/${action}`, {
      version: current.version,
    });
  }
  if (current.status !== "published")
    throw new Error(
      `could not publish ${post.id}: status ${current.status}, allowed ${current.allowed_actions.join(",")}`,
    );
  return current;
}

/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not within ${timeoutMs} ms${lastError === undefined ? "" : ` (last error: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)})`}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** GET a site path (through the web app) and return status + text, without the browser. */
export async function fetchSite(baseUrl: string, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}${path}`, { redirect: "follow" });
  return { status: res.status, text: await res.text() };
}

/**
 * Removes what a suite published, so suites that read "the newest posts" (site, accessibility)
 * see the seeded content whatever order the files run in: trash, then purge (permanent delete).
 */
export async function removePosts(session: ApiSession, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const trashed = await session.call("DELETE", `/api/v1/admin/posts/${id}`);
    if (trashed.status >= 300 && trashed.status !== 404)
      throw new Error(`trashing ${id} answered ${trashed.status}: ${JSON.stringify(trashed.body)}`);
    await session.call("DELETE", `/api/v1/admin/posts/${id}?permanent=true`);
  }
}
