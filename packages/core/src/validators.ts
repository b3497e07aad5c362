/** Matches `SlugSchema` in @folio/types: lower-case letters, digits and single inner hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 191;

export function isSlug(value: unknown): value is string {
  return typeof value === "string" && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);
}

// Letters NFKD does not decompose into ASCII, plus Cyrillic and Greek, the scripts most often
// seen in titles. Other scripts fall back to hex code points (see slugify).
const TRANSLITERATION: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ŋ: "ng",
  ħ: "h",
  ŧ: "t",
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  є: "ye",
  і: "i",
  ї: "yi",
  ґ: "g",
  α: "a",
  β: "v",
  γ: "g",
  δ: "d",
  ε: "e",
  ζ: "z",
  η: "i",
  θ: "th",
  ι: "i",
  κ: "k",
  λ: "l",
  μ: "m",
  ν: "n",
  ξ: "x",
  ο: "o",
  π: "p",
  ρ: "r",
  σ: "s",
  ς: "s",
  τ: "t",
  υ: "y",
  φ: "f",
  χ: "ch",
  ψ: "ps",
  ω: "o",
};

function trimToSlug(text: string, maxLength: number): string {
  return text
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}

/**
 * A URL slug for `text`: Unicode-normalised, diacritics stripped, lower-case, words joined by single
 * hyphens, at most `maxLength` characters. Text with letters or digits but nothing transliterable
 * (e.g. only CJK) becomes its code points in hex, so it is never empty; text with no letters or
 * digits at all gives "".
 */
export function slugify(text: string, options: { maxLength?: number | undefined } = {}): string {
  const maxLength = options.maxLength ?? SLUG_MAX_LENGTH;
  if (!Number.isInteger(maxLength) || maxLength < 1)
    throw new RangeError("maxLength must be a positive integer");
  const lowered = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  let ascii = "";
  for (const char of lowered) ascii += TRANSLITERATION[char] ?? char;
  const slug = trimToSlug(ascii.normalize("NFKD").replace(/\p{M}+/gu, ""), maxLength);
  if (slug !== "") return slug;
  const codePoints = Array.from(lowered.matchAll(/[\p{L}\p{N}]/gu), (m) => m[0].codePointAt(0)!.toString(16));
  return trimToSlug(codePoints.join("-"), maxLength);
}

const EMAIL_MAX_LENGTH = 254;
const EMAIL_LOCAL_MAX_LENGTH = 64;
const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL_LABEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * Pragmatic address check: a dot-atom local part (no quoted strings, no comments) and a DNS name
 * with at least two labels and an alphabetic (or punycode) top-level label, within RFC 5321 lengths.
 */
export function isEmail(value: unknown): value is string {
  if (typeof value !== "string" || value.length > EMAIL_MAX_LENGTH) return false;
  const at = value.lastIndexOf("@");
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > EMAIL_LOCAL_MAX_LENGTH || !EMAIL_LOCAL.test(local)) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1]!;
  return labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL_LABEL.test(tld);
}

// Control characters, whitespace and backslashes are rejected before parsing: the WHATWG URL
// parser silently strips tabs/newlines and turns "\" into "/", which is how redirect checks get fooled.
// eslint-disable-next-line no-control-regex
const UNSAFE_URL_CHARS = /[\u0000-\u0020\u007f-\u009f\\\u2028\u2029\ufeff]/;
const URL_MAX_LENGTH = 2048;

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** An absolute https (or, unless `allowHttp` is false, http) URL with a host and no credentials. */
export function isHttpUrl(
  value: unknown,
  options: { allowHttp?: boolean | undefined } = {},
): value is string {
  if (typeof value !== "string" || value.length > URL_MAX_LENGTH || UNSAFE_URL_CHARS.test(value))
    return false;
  const url = parseUrl(value);
  if (url === null || url.hostname === "" || url.username !== "" || url.password !== "") return false;
  return url.protocol === "https:" || (url.protocol === "http:" && (options.allowHttp ?? true));
}

function normaliseOrigin(origin: string): string | null {
  const url = parseUrl(origin);
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) return null;
  return url.origin;
}

/**
 * Whether `target` is safe to redirect to after login and similar flows: a same-site path
 * ("/dashboard?tab=posts", but not "//evil.example" or "/\\evil.example"), or an absolute http(s)
 * URL whose origin is in `allowedOrigins`. Everything else, including javascript: and data: URLs
 * and anything with control characters or backslashes, is rejected.
 */
export function isSafeRedirect(
  target: unknown,
  options: { allowedOrigins?: readonly string[] | undefined } = {},
): target is string {
  if (typeof target !== "string" || target === "" || target.length > URL_MAX_LENGTH) return false;
  if (UNSAFE_URL_CHARS.test(target)) return false;
  if (target.startsWith("/")) {
    if (target.startsWith("//")) return false;
    // Resolve against a placeholder origin: a path must never be able to leave it.
    const base = "https://redirect-check.invalid";
    try {
      return new URL(target, base).origin === base;
    } catch {
      return false;
    }
  }
  const url = parseUrl(target);
  if (url === null || (url.protocol !== "http:" && url.protocol !== "https:")) return false;
  if (url.username !== "" || url.password !== "") return false;
  const allowed = (options.allowedOrigins ?? []).map(normaliseOrigin);
  return allowed.includes(url.origin);
}
