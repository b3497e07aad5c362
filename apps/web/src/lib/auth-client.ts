import type { LoginResponse as LoginResult, MfaChallenge } from "@folio/types";

// Browser-side calls to the Folio API for the sign-in pages and the dashboard. Everything goes to
// the site's own origin (/api/v1/... is proxied to the API by app/api/[...path]/route.ts), so the
// `__Host-` session cookies stay first-party. Safe to import from client components: it holds no
// secrets and never reads process.env.

/** Readable by scripts on purpose: its value is echoed in X-CSRF-Token (double submit). */
export const CSRF_COOKIE = "__Host-folio_csrf";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The RFC 9457 problem details the API answers with, plus what the forms need from it. */
export class ApiProblem extends Error {
  readonly status: number;
  /** The last segment of the problem `type` URI, e.g. "invalid-credentials". */
  readonly slug: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Field name (from the JSON pointer `/body/<name>`) to message. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** Seconds from `Retry-After`, when the API sent one (429). */
  readonly retryAfterSeconds: number | undefined;
  /** The problem's extension members (RFC 9457 §3.2), e.g. `current_version` of a 409. */
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(init: ProblemInit) {
    super(init.detail ?? init.title ?? `The request failed (${init.status}).`);
    this.name = "ApiProblem";
    this.status = init.status;
    this.slug = problemSlug(init.type);
    this.title = init.title ?? "Request failed";
    this.detail = init.detail;
    this.fieldErrors = fieldErrorsFrom(init.errors ?? []);
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extensions = init.extensions ?? {};
  }
}

export interface ProblemInit {
  status: number;
  type?: string | undefined;
  title?: string | undefined;
  detail?: string | undefined;
  errors?: readonly { pointer: string; detail: string }[] | undefined;
  retryAfterSeconds?: number | undefined;
  extensions?: Record<string, unknown> | undefined;
}

/** Thrown when a request never got an answer (offline, DNS, the proxy is down). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super("The server could not be reached.", { cause });
    this.name = "NetworkError";
  }
}

const STANDARD_MEMBERS = new Set(["type", "title", "status", "detail", "instance", "errors", "request_id"]);

/**
 * An ApiProblem from an answer's status, its parsed body (anything: a proxy's HTML error page
 * parses to nothing useful, and the status has to do) and its `Retry-After` header.
 */
export function problemFromBody(status: number, body: unknown, retryAfter: string | null): ApiProblem {
  const members: Record<string, unknown> = typeof body === "object" && body !== null ? { ...body } : {};
  const errors = Array.isArray(members.errors)
    ? (members.errors as unknown[]).filter(
        (e): e is { pointer: string; detail: string } =>
          typeof e === "object" &&
          e !== null &&
          typeof (e as Record<string, unknown>).pointer === "string" &&
          typeof (e as Record<string, unknown>).detail === "string",
      )
    : [];
  const seconds = Number(retryAfter);
  return new ApiProblem({
    status,
    type: typeof members.type === "string" ? members.type : undefined,
    title: typeof members.title === "string" ? members.title : undefined,
    detail: typeof members.detail === "string" ? members.detail : undefined,
    errors,
    retryAfterSeconds: retryAfter !== null && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined,
    extensions: Object.fromEntries(Object.entries(members).filter(([k]) => !STANDARD_MEMBERS.has(k))),
  });
}

/**
 * A sentence for any error `apiRequest` throws: offline, the field errors, or the problem's
 * detail; `fallback` for anything else.
 */
export function describeError(error: unknown, fallback = "Something went wrong. Please try again."): string {
  if (error instanceof NetworkError) return "You appear to be offline. Nothing was lost; try again.";
  if (error instanceof ApiProblem) {
    const fields = Object.values(error.fieldErrors);
    if (fields.length > 0) return fields.join(" ");
    return error.detail ?? error.title;
  }
  return fallback;
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

function problemSlug(type: string | undefined): string {
  if (type === undefined || type === "about:blank") return "";
  return type.slice(type.lastIndexOf("/") + 1);
}

/**
 * Maps validation errors to form fields: `/body/email` → `email`, `/body/scopes/2` → `scopes`.
 * Errors that point elsewhere (query, headers) stay out; the form shows the problem's detail.
 */
export function fieldErrorsFrom(
  errors: readonly { pointer: string; detail: string }[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const match = /^\/body\/([^/]+)/.exec(error.pointer);
    const name = match?.[1];
    if (name !== undefined && fields[name] === undefined)
      fields[name] = readableFieldError(name, error.detail);
  }
  return fields;
}

const FIELD_NAMES: Record<string, string> = {
  display_name: "Name",
  website_url: "Website",
  avatar_url: "Picture URL",
  new_email: "New email address",
  email: "Email address",
};

/**
 * The API words some field errors as fragments to follow the field's name ("is incorrect",
 * "must be a valid email address") and others as sentences ("Use at least 12 characters.").
 * Shown under the input, both should read as sentences.
 */
export function readableFieldError(name: string, detail: string): string {
  const trimmed = detail.trim();
  if (trimmed === "") return "This value is not valid.";
  const sentence = /^[a-z]/.test(trimmed)
    ? `${FIELD_NAMES[name] ?? name.charAt(0).toUpperCase() + name.slice(1).replaceAll("_", " ")} ${trimmed}`
    : trimmed;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The value of a cookie visible to scripts, or null. */
export function readCookie(name: string): string | null {
  if (typeof document === "undefined") return null;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** True when this browser holds a web session (the CSRF cookie lives as long as the refresh cookie). */
export function hasSessionCookie(): boolean {
  return readCookie(CSRF_COOKIE) !== null;
}

/**
 * A same-site path to continue to after signing in, or `fallback`. Only plain absolute paths
 * pass: no scheme, no `//host` or `/\host` (browsers treat both as another origin), and never the
 * session plumbing itself, so a crafted `?next=` can neither leave the site nor loop.
 */
export function safeNextPath(raw: unknown, fallback = "/dashboard"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2_000) return fallback;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, "http://folio.invalid");
  } catch {
    return fallback;
  }
  if (url.origin !== "http://folio.invalid") return fallback;
  if (/^\/(?:auth|api|login)(?:\/|$)/.test(url.pathname)) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

export interface RequestOptions {
  /** Asks the API for web cookies instead of a refresh token in JSON (login, MFA verify, refresh). */
  web?: boolean;
  /** On 401, refresh the session once and retry; when that fails, go to the login page. Default true. */
  refreshOnUnauthorized?: boolean;
  signal?: AbortSignal;
}

async function toProblem(res: Response): Promise<ApiProblem> {
  const body: unknown = await res.json().catch(() => null);
  return problemFromBody(res.status, body, res.headers.get("retry-after"));
}

async function send(
  method: HttpMethod,
  path: string,
  body: unknown,
  options: RequestOptions,
): Promise<Response> {
  const headers = new Headers({ accept: "application/json" });
  if (body !== undefined) headers.set("content-type", "application/json");
  if (options.web === true) headers.set("x-folio-client", "web");
  if (UNSAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf !== null) headers.set("x-csrf-token", csrf);
  }
  const init: RequestInit = { method, headers, credentials: "same-origin", cache: "no-store" };
  if (body !== undefined) init.body = JSON.stringify(body);
  if (options.signal !== undefined) init.signal = options.signal;
  try {
    return await fetch(`/api/v1${path}`, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new NetworkError(error);
  }
}

let refreshing: Promise<boolean> | null = null;

async function refreshOnce(): Promise<boolean> {
  const res = await send("POST", "/auth/refresh", {}, { web: true });
  return res.ok;
}

/**
 * Renews the web session from the refresh cookie. One refresh at a time: within a tab through a
 * shared promise, across tabs through the Web Locks API, because the API treats a second use of a
 * rotated refresh token as theft and revokes the whole session.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      if (typeof navigator !== "undefined" && "locks" in navigator) {
        return await navigator.locks.request("folio-session-refresh", refreshOnce);
      }
      return await refreshOnce();
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Sends the browser to the login page, coming back here afterwards. */
export function redirectToLogin(): void {
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/login?next=${encodeURIComponent(safeNextPath(here))}`);
}

/**
 * Calls the API and returns its JSON (undefined for 204/202 without a body). Non-2xx answers
 * throw an ApiProblem (with its extension members); no answer at all throws a NetworkError. A
 * 401 on a signed-in call refreshes the session once and retries; when the refresh is refused
 * the session is over and the browser goes to the login page.
 */
export async function apiRequest<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  let res = await send(method, path, body, options);
  if (res.status === 401 && options.refreshOnUnauthorized !== false) {
    if (await refreshSession()) {
      res = await send(method, path, body, options);
    } else {
      redirectToLogin();
      throw await toProblem(res);
    }
  }
  if (!res.ok) throw await toProblem(res);
  if (res.status === 204 || res.headers.get("content-length") === "0") return undefined as T;
  const text = await res.text();
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** For the public auth forms: no session to refresh, and a 401 is an answer to show. */
export function publicRequest<T>(method: HttpMethod, path: string, body?: unknown, web = false): Promise<T> {
  return apiRequest<T>(method, path, body, { web, refreshOnUnauthorized: false });
}

export function hasPermission(user: { permissions: readonly string[] }, permission: string): boolean {
  return user.permissions.includes(permission);
}

/** "Try again in 2 minutes." from a Retry-After, for 429 answers. */
export function retryAfterText(seconds: number | undefined): string {
  if (seconds === undefined) return "Try again in a little while.";
  if (seconds < 90) return `Try again in ${Math.max(1, Math.round(seconds))} seconds.`;
  return `Try again in ${Math.round(seconds / 60)} minutes.`;
}

// The accounts contract (zod in @folio/types: accounts.ts, admin.ts, oauth.ts), under the names
// the web app uses. Type-only imports: nothing of zod reaches the browser bundle from here.
export type {
  AdminUser,
  AdminUserList as AdminUserPage,
  ApiToken,
  Connection,
  CreatedApiToken,
  LoginResponse as LoginResult,
  MfaChallenge,
  MfaFactor,
  MfaFactorKind,
  MfaMethod,
  MfaStatus,
  OAuthProviderSummary as OAuthProvider,
  PermissionInfo,
  Role,
  Session as AccountSession,
  TokenResponse,
  TotpEnrolment,
  User as AccountUser,
} from "@folio/types";

export interface ListOf<T> {
  data: T[];
}

export function isMfaChallenge(result: LoginResult): result is MfaChallenge {
  return "mfa_required" in result && result.mfa_required;
}
