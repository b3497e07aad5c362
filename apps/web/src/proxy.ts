import { NextResponse, type NextRequest } from "next/server";
import { API_URL } from "./env";

// Old URLs → new ones: the redirects table (slug changes of posts, pages, tags and categories,
// and redirects added in the dashboard), asked from the API's resolve endpoint. Proxy runs before
// routing, so the request does not have to 404 first. Answers that a path does NOT redirect (the
// vast majority: every live page) are remembered for 30 s per process, so a page view costs one
// Map lookup; redirects themselves are always asked, so the API counts every hit. Any failure of
// the lookup lets the request through unchanged: redirects never take the site down.

const MISS_TTL_MS = 30_000;
const ERROR_TTL_MS = 5_000;
const MAX_REMEMBERED = 10_000;
const LOOKUP_TIMEOUT_MS = 1_500;

const misses = new Map<string, number>();

function remembered(path: string, now: number): boolean {
  const until = misses.get(path);
  if (until === undefined) return false;
  if (until > now) return true;
  misses.delete(path);
  return false;
}

function remember(path: string, until: number): void {
  if (misses.size >= MAX_REMEMBERED) {
    // Maps iterate in insertion order: drop the oldest entry.
    const oldest = misses.keys().next();
    if (!oldest.done) misses.delete(oldest.value);
  }
  misses.set(path, until);
}

interface Resolution {
  to_path: string;
  status_code: number;
}

function isResolution(value: unknown): value is Resolution {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Resolution>;
  return (
    typeof candidate.to_path === "string" &&
    typeof candidate.status_code === "number" &&
    [301, 302, 307, 308].includes(candidate.status_code)
  );
}

/** Where `to` sends this request; the request's query string is kept when the target has none. */
function targetUrl(request: NextRequest, to: string): URL | null {
  try {
    const url = new URL(to, request.nextUrl.origin);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (url.search === "" && request.nextUrl.search !== "") url.search = request.nextUrl.search;
    return url;
  } catch {
    return null;
  }
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (request.method !== "GET" && request.method !== "HEAD") return NextResponse.next();
  const path = request.nextUrl.pathname;
  const now = Date.now();
  if (remembered(path, now)) return NextResponse.next();
  try {
    const lookup = new URL("/api/v1/redirects/resolve", `${API_URL}/`);
    lookup.searchParams.set("path", path);
    const response = await fetch(lookup, {
      cache: "no-store",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
    });
    if (response.status !== 200) {
      // 404: no redirect here. 400 (a path the API refuses) is as good as a miss.
      remember(path, now + (response.status < 500 ? MISS_TTL_MS : ERROR_TTL_MS));
      return NextResponse.next();
    }
    const body: unknown = await response.json();
    if (!isResolution(body)) return NextResponse.next();
    const target = targetUrl(request, body.to_path);
    if (target === null || target.href === request.nextUrl.href) return NextResponse.next();
    return NextResponse.redirect(target, body.status_code);
  } catch {
    remember(path, now + ERROR_TTL_MS);
    return NextResponse.next();
  }
}

export const config = {
  matcher: [
    // Everything but the API proxy, Next's assets, media files, the dashboard, the feeds and
    // sitemaps, and files with a static-asset extension (public/ and generated icons).
    "/((?!api(?:/|$)|_next/|media/|dashboard(?:/|$)|rss\\.xml|atom\\.xml|sitemap|robots\\.txt|favicon\\.ico|.*\\.(?:png|jpe?g|gif|svg|webp|avif|ico|css|js|mjs|map|txt|xml|json|woff2?|ttf|webmanifest)$).*)",
  ],
};
