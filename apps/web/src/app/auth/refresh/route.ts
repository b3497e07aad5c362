import type { NextRequest } from "next/server";
import { API_URL } from "@/env";
import { safeNextPath } from "@/lib/auth-client";
import { ACCESS_COOKIE, CSRF_COOKIE, REFRESH_COOKIE } from "@/lib/session";

// Renews a web session whose access cookie has expired: server components redirect here (see
// requireSession in lib/session.ts) when the refresh cookie is still present. The refresh token is
// sent to the API with the CSRF header it requires, the rotated cookies the API answers with are
// passed on to the browser, and the browser continues to `next`.

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 10_000;

/**
 * A redirect with a relative Location. `request.url` is not usable as the base: behind `next start`
 * its host is the server's idea of itself (`localhost`), not the host the browser used, and host-only
 * cookies set for one are not sent to the other.
 */
function redirectTo(path: string, cookies: readonly string[] = []): Response {
  const headers = new Headers({ location: path, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** Expires the session cookies; the attributes match how the API sets them (`__Host-` needs Secure, Path=/). */
const CLEARED_COOKIES = [ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE].map(
  (name) => `${name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax`,
);

export async function GET(request: NextRequest): Promise<Response> {
  const next = safeNextPath(request.nextUrl.searchParams.get("next"));
  const loginPath = `/login?next=${encodeURIComponent(next)}`;

  // A client-side (RSC) navigation or prefetch that was redirected here: answer with something
  // that is not a React payload, so the router turns it into a full page load of this URL. Only
  // that top-level load refreshes. Two concurrent refreshes with the same rotating token would
  // look like token theft to the API, which then revokes the session.
  if (request.headers.has("rsc") || request.headers.has("next-router-prefetch")) {
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  }

  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  const csrf = request.cookies.get(CSRF_COOKIE)?.value;
  if (refresh === undefined || csrf === undefined) {
    return redirectTo(loginPath, CLEARED_COOKIES);
  }

  let upstream: Response;
  try {
    const headers = new Headers({
      accept: "application/json",
      "content-type": "application/json",
      cookie: `${REFRESH_COOKIE}=${refresh}; ${CSRF_COOKIE}=${csrf}`,
      "x-csrf-token": csrf,
      "x-folio-client": "web",
    });
    // The session list shows the device and address of the browser, not of this server.
    const userAgent = request.headers.get("user-agent");
    if (userAgent !== null) headers.set("user-agent", userAgent);
    const forwardedFor = request.headers.get("x-forwarded-for");
    if (forwardedFor !== null) headers.set("x-forwarded-for", forwardedFor);
    upstream = await fetch(`${API_URL}/api/v1/auth/refresh`, {
      method: "POST",
      headers,
      body: "{}",
      cache: "no-store",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    // The API is unreachable: keep the cookies (the session may be fine) and say so on the login page.
    return redirectTo(`${loginPath}&error=unavailable`);
  }

  if (!upstream.ok) {
    // Refused (expired, revoked, reused): the cookies are useless now, and keeping them would
    // bring the browser straight back here.
    return upstream.status >= 500
      ? redirectTo(`${loginPath}&error=unavailable`)
      : redirectTo(`${loginPath}&error=expired`, CLEARED_COOKIES);
  }

  const cookies = upstream.headers.getSetCookie();
  // Without a new access cookie the page would send the browser straight back here, rotating the
  // refresh token in a loop; treat it as a failed refresh instead.
  if (!cookies.some((cookie) => cookie.startsWith(`${ACCESS_COOKIE}=`))) {
    return redirectTo(`${loginPath}&error=unavailable`);
  }
  return redirectTo(next, cookies);
}
