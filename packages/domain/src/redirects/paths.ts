import { isHttpUrl } from "@folio/core";
import { REDIRECT_PATH_MAX_LENGTH } from "@folio/types";

/**
 * Site paths the web proxy never redirects (the API, Next's assets, media files, the dashboard):
 * a redirect from one of them would never apply, so it is refused.
 */
export const UNREDIRECTABLE_PREFIXES = ["/api", "/_next", "/media", "/dashboard"] as const;

// Control characters and backslashes are refused: browsers turn "\" into "/" and strip tabs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f\\]/;
const PLACEHOLDER_ORIGIN = "https://folio-redirect.invalid";

export type PathResult = { ok: true; value: string } | { ok: false; detail: string };

function encodedPathname(path: string): string | null {
  try {
    const url = new URL(path, PLACEHOLDER_ORIGIN);
    return url.origin === PLACEHOLDER_ORIGIN ? url.pathname : null;
  } catch {
    return null;
  }
}

/** `/a/b/` → `/a/b`; `/` stays; repeated slashes collapse. */
function trimSlashes(pathname: string): string {
  const collapsed = pathname.replace(/\/{2,}/g, "/");
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, "") || "/" : collapsed;
}

/**
 * The stored form of a `from_path`: a site path with a leading slash, no trailing slash (except
 * "/"), no query or fragment, percent-encoded like the request paths the web proxy sees.
 */
export function normaliseFromPath(input: string): PathResult {
  const raw = input.trim();
  if (raw === "") return { ok: false, detail: "must not be empty" };
  if (UNSAFE_CHARS.test(raw))
    return { ok: false, detail: "must not contain control characters or backslashes" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith("//")) {
    return { ok: false, detail: "must be a path on this site (like /old-page), not a URL" };
  }
  const withoutQuery = raw.replace(/[?#].*$/s, "");
  const pathname = encodedPathname(withoutQuery.startsWith("/") ? withoutQuery : `/${withoutQuery}`);
  if (pathname === null) return { ok: false, detail: "is not a valid path" };
  const value = trimSlashes(pathname);
  if (value.length > REDIRECT_PATH_MAX_LENGTH) {
    return { ok: false, detail: `must be at most ${REDIRECT_PATH_MAX_LENGTH} characters` };
  }
  const blocked = UNREDIRECTABLE_PREFIXES.find(
    (prefix) => value === prefix || value.startsWith(`${prefix}/`),
  );
  if (blocked) return { ok: false, detail: `paths under ${blocked} are never redirected` };
  return { ok: true, value };
}

/**
 * The stored form of a `to_path`: an absolute http(s) URL as given (parsed and re-serialised), or
 * a site path normalised like a `from_path` but keeping its query and fragment.
 */
export function normaliseToPath(input: string): PathResult {
  const raw = input.trim();
  if (raw === "") return { ok: false, detail: "must not be empty" };
  if (UNSAFE_CHARS.test(raw))
    return { ok: false, detail: "must not contain control characters or backslashes" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) {
    if (!isHttpUrl(raw)) return { ok: false, detail: "must be a site path or an absolute http(s) URL" };
    const href = new URL(raw).href;
    return href.length > REDIRECT_PATH_MAX_LENGTH
      ? { ok: false, detail: `must be at most ${REDIRECT_PATH_MAX_LENGTH} characters` }
      : { ok: true, value: href };
  }
  if (raw.startsWith("//")) return { ok: false, detail: "must be a site path or an absolute http(s) URL" };
  const match = /^([^?#]*)(.*)$/s.exec(raw);
  const pathPart = match?.[1] ?? "";
  const rest = match?.[2] ?? "";
  const pathname = encodedPathname(pathPart.startsWith("/") ? pathPart : `/${pathPart}`);
  if (pathname === null) return { ok: false, detail: "is not a valid path" };
  let suffix = "";
  if (rest !== "") {
    const url = new URL(`/${rest}`, PLACEHOLDER_ORIGIN);
    suffix = `${url.search}${url.hash}`;
  }
  const value = `${trimSlashes(pathname)}${suffix}`;
  return value.length > REDIRECT_PATH_MAX_LENGTH
    ? { ok: false, detail: `must be at most ${REDIRECT_PATH_MAX_LENGTH} characters` }
    : { ok: true, value };
}

/** The site path a stored `to_path` leads to (query and fragment dropped); null for an absolute URL. */
export function sitePathOf(toPath: string): string | null {
  if (!toPath.startsWith("/")) return null;
  return toPath.replace(/[?#].*$/s, "") || "/";
}
