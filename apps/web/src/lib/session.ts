import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { API_URL } from "@/env";
import { type AccountUser, hasPermission, safeNextPath } from "@/lib/auth-client";

// The server half of web sessions. The API sets three `__Host-` cookies on login (see the
// accounts contract): the access JWT (HttpOnly, SameSite=Lax, lives as long as the token), the
// refresh token (HttpOnly, SameSite=Strict) and the CSRF token. Server components forward the
// access token to the API as a bearer token; they never see or need the refresh token, which only
// app/auth/refresh/route.ts sends back to the API.

export const ACCESS_COOKIE = "__Host-folio_access";
export const REFRESH_COOKIE = "__Host-folio_refresh";
export { CSRF_COOKIE } from "@/lib/auth-client";

const API_TIMEOUT_MS = 8_000;

/** An API answer a server component could not use; the page's error boundary shows it. */
export class ServerApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`GET ${path} answered ${status}`);
    this.name = "ServerApiError";
  }
}

async function accessToken(): Promise<string | null> {
  return (await cookies()).get(ACCESS_COOKIE)?.value ?? null;
}

async function getWithToken(path: string, token: string): Promise<Response> {
  return fetch(`${API_URL}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    cache: "no-store",
    signal: AbortSignal.timeout(API_TIMEOUT_MS),
  });
}

/**
 * The signed-in user, or null when the request carries no valid access token (none, expired,
 * revoked, suspended account). Cached per request, so the page and its components share one
 * round trip. Any other API failure throws: a down API is an error page, not a sign-out.
 */
export const getSession = cache(async (): Promise<AccountUser | null> => {
  const token = await accessToken();
  if (token === null) return null;
  const res = await getWithToken("/me", token);
  if (res.status === 401) return null;
  if (!res.ok) throw new ServerApiError(res.status, "/me");
  return (await res.json()) as AccountUser;
});

/** Where a request without a usable access token goes: refresh when possible, else sign in. */
async function sessionRecoveryPath(nextPath: string): Promise<string> {
  const next = encodeURIComponent(safeNextPath(nextPath));
  const jar = await cookies();
  return jar.has(REFRESH_COOKIE) ? `/auth/refresh?next=${next}` : `/login?next=${next}`;
}

export interface RequireSessionOptions {
  /**
   * Pages an enrolment-only session may see (the MFA settings). Everyone else whose role requires
   * MFA and who has no factor yet is sent there first, since the API refuses them everything else.
   */
  allowEnrolmentOnly?: boolean;
}

/** The signed-in user; otherwise a redirect to refresh the session or to the login page. */
export async function requireSession(
  nextPath: string,
  options: RequireSessionOptions = {},
): Promise<AccountUser> {
  const user = await getSession();
  if (user === null) redirect(await sessionRecoveryPath(nextPath));
  if (user.mfa.required && !user.mfa.enabled && options.allowEnrolmentOnly !== true) {
    redirect("/dashboard/settings/mfa?required=1");
  }
  return user;
}

/**
 * The signed-in user when they hold `permission`. Without it the page answers 404: someone who
 * may not use a page learns nothing from its existence (the API refuses the calls regardless).
 */
export async function requirePermission(permission: string, nextPath: string): Promise<AccountUser> {
  const user = await requireSession(nextPath);
  if (!hasPermission(user, permission)) notFound();
  return user;
}

/**
 * GET an API resource as the signed-in user, for a page's first render. A 401 here means the
 * token expired between the session check and this call: renew it and come back.
 */
export async function getAsUser<T>(path: string, nextPath: string): Promise<T> {
  const token = await accessToken();
  if (token === null) redirect(await sessionRecoveryPath(nextPath));
  const res = await getWithToken(path, token);
  if (res.status === 401) redirect(await sessionRecoveryPath(nextPath));
  if (res.status === 404) notFound();
  if (!res.ok) throw new ServerApiError(res.status, path);
  return (await res.json()) as T;
}

/** GET a public API resource (no session), e.g. the configured sign-in providers. */
export async function getPublic<T>(path: string): Promise<T> {
  const res = await fetch(`${API_URL}/api/v1${path}`, {
    headers: { accept: "application/json" },
    cache: "no-store",
    signal: AbortSignal.timeout(API_TIMEOUT_MS),
  });
  if (!res.ok) throw new ServerApiError(res.status, path);
  return (await res.json()) as T;
}
