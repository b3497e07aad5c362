// The one module in apps/web that reads process.env (CONVENTIONS.md, "Config"). It is imported by
// server code and next.config.ts only, never by a client component: values here are not public.

function readUrl(name: string, fallback: string): string {
  const raw = process.env[name]?.trim();
  const value = raw === undefined || raw === "" ? fallback : raw;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${name} must use http or https, got ${JSON.stringify(value)}`);
  }
  // No trailing slash, so `${base}/api/v1/...` never doubles it.
  return url.toString().replace(/\/+$/, "");
}

/** Where server components and the /api proxy reach the Folio API. */
export const API_URL = readUrl("API_URL", "http://127.0.0.1:3001");

/** The site's public origin: canonical URLs, Open Graph, sitemap. */
export const PUBLIC_URL = readUrl("PUBLIC_URL", `http://localhost:${process.env.WEB_PORT?.trim() || "3000"}`);

/** Shared with the API/worker: authenticates POST /api/revalidate (unset: every call is refused). */
export const REVALIDATE_SECRET: string | null = process.env.REVALIDATE_SECRET?.trim() || null;

/**
 * True while `next build` prerenders. The API is not running then, so data-backed components
 * opt their page out of build-time prerendering instead of failing the build.
 */
export const IS_BUILD_PHASE = process.env.NEXT_PHASE === "phase-production-build";
