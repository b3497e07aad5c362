import { SLUG_MAX_LENGTH } from "@folio/types";

// One slug namespace for posts and pages (both live at /{slug} on the site, decision 0006).

/** Paths of the site and the API that a post or page must never shadow. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  "api",
  "dashboard",
  "login",
  "register",
  "tag",
  "category",
  "author",
  "rss",
  "feed",
  "sitemap",
  "robots",
  "media",
  "docs",
  "auth",
  "admin",
  "_next",
  "search",
  "page",
  "p",
]);

export function isReservedSlug(slug: string): boolean {
  return RESERVED_SLUGS.has(slug);
}

// Letters that NFD does not decompose into a base letter and a mark.
const SPECIAL: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ħ: "h",
};

/**
 * A slug from a title: accents transliterated (é → e, ß → ss), anything else that is not an
 * ASCII letter or digit dropped or turned into a single hyphen, at most SLUG_MAX_LENGTH long
 * (cut at a hyphen when possible). Empty when nothing usable remains.
 */
export function slugFromTitle(title: string, maxLength = SLUG_MAX_LENGTH): string {
  const ascii = title
    .toLowerCase()
    .replace(/[ßæœøđðþłıħ]/g, (c) => SPECIAL[c] ?? "")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    // Apostrophes join words ("don't" → "dont") rather than splitting them.
    .replace(/['’]/g, "");
  const slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const hyphen = cut.lastIndexOf("-");
  return (hyphen > maxLength / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, "");
}

/**
 * `base`, or `base-2`, `base-3`, … — the first not in `taken` (nor reserved), kept within
 * SLUG_MAX_LENGTH by shortening the base.
 */
export function dedupeSlug(base: string, taken: ReadonlySet<string>): string {
  const root = base === "" ? "untitled" : base;
  if (!taken.has(root) && !isReservedSlug(root)) return root;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const head = root.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, "");
    const candidate = `${head}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
