const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  copy: "©",
  reg: "®",
  trade: "™",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (entity, body: string) => {
    if (body.startsWith("#")) {
      const codePoint =
        body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff)
        ? String.fromCodePoint(codePoint)
        : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

const BLOCK_TAGS =
  "address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|td|th|tr|ul";

/**
 * Plain text from an HTML fragment, for excerpts, search and reading time: drops comments,
 * `<script>`/`<style>` contents and tags, decodes common entities and collapses whitespace. It is
 * not a sanitiser; never put its output back into HTML without `escapeHtml`.
 */
export function stripHtml(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
      .replace(/<(script|style|template|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, " ")
      .replace(new RegExp(`</?(?:${BLOCK_TAGS})\\b[^>]*>`, "gi"), " ")
      .replace(/<\/?[a-z][^>]*>/gi, ""),
  )
    .replace(/\s+/g, " ")
    .trim();
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Whole minutes to read `text` (plain text or HTML) at `wordsPerMinute`: at least 1 for any text
 * with visible content, 0 for empty or whitespace-only text. Han and kana characters count as
 * one word each, since those scripts do not separate words with spaces.
 */
export function readingTimeMinutes(text: string, wordsPerMinute = 230): number {
  if (!(wordsPerMinute > 0)) throw new RangeError("wordsPerMinute must be positive");
  const plain = /<[a-z/!]/i.test(text) ? stripHtml(text) : text.trim();
  if (plain === "") return 0;
  const cjk = plain.match(CJK_CHAR)?.length ?? 0;
  const words = plain.replace(CJK_CHAR, " ").match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0;
  return Math.max(1, Math.round((words + cjk) / wordsPerMinute));
}
