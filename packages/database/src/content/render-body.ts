import { escapeHtml } from "@folio/core";
import type { PostBodyDocument, PostBodyNode } from "../schema/index.js";

// The one place a post body (the editor's ProseMirror/Tiptap JSON document) becomes HTML.
// The body is data, never markup: every text value and attribute is escaped, only the nodes and
// marks of the contract render, and URLs are checked by scheme. The API validates documents with
// PostBodySchema (@folio/types) before they get here and the domain passes the result through an
// allow-list sanitiser as a second line; this renderer still assumes nothing about its input.

const EMBED_ID = /^[A-Za-z0-9_-]{1,64}$/;
const LANGUAGE = /^[A-Za-z0-9_+#.-]{1,32}$/;
// Control characters, whitespace and backslashes: browsers strip or reinterpret them in URLs.
// eslint-disable-next-line no-control-regex
const URL_UNSAFE = /[\u0000-\u0020\u007f-\u009f\\]/;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
/** Words per minute for `reading_time_minutes` (decision 0006). */
export const READING_WORDS_PER_MINUTE = 230;
/** Embedded players get scripts (they are video players) but no top navigation, forms or popups. */
export const EMBED_SANDBOX = "allow-scripts allow-same-origin allow-presentation";

/** The player URL of an embed: privacy-enhanced YouTube or Vimeo, nothing else. */
export function embedSource(provider: unknown, id: unknown): string | null {
  if (typeof id !== "string" || !EMBED_ID.test(id)) return null;
  if (provider === "youtube") return `https://www.youtube-nocookie.com/embed/${id}`;
  if (provider === "vimeo") return `https://player.vimeo.com/video/${id}`;
  return null;
}

/** A link target: http(s), mailto or relative; null for anything else (javascript:, data:, //host). */
export function safeHref(href: unknown): string | null {
  if (typeof href !== "string" || href.length === 0 || href.length > 2048 || URL_UNSAFE.test(href))
    return null;
  if (href.startsWith("//")) return null;
  const scheme = SCHEME.exec(href);
  const firstDelimiter = href.search(/[/?#]/);
  if (scheme && (firstDelimiter === -1 || scheme[0].length - 1 < firstDelimiter)) {
    const name = (scheme[1] ?? "").toLowerCase();
    return name === "http" || name === "https" || name === "mailto" ? href : null;
  }
  return href;
}

/** An image source: an http(s) URL or a site-relative path; null otherwise. */
export function safeImageSource(src: unknown): string | null {
  if (typeof src !== "string" || src.length === 0 || src.length > 2048 || URL_UNSAFE.test(src)) return null;
  if (src.startsWith("/")) return src.startsWith("//") ? null : src;
  return /^https?:\/\/[^/]/i.test(src) ? src : null;
}

function stringAttr(node: PostBodyNode, name: string): string | null {
  const value = node.attrs?.[name];
  return typeof value === "string" ? value : null;
}

function children(node: { content?: PostBodyNode[] | undefined }): PostBodyNode[] {
  return Array.isArray(node.content) ? node.content : [];
}

function renderText(node: PostBodyNode): string {
  let html = escapeHtml(typeof node.text === "string" ? node.text : "");
  const marks = Array.isArray(node.marks) ? node.marks : [];
  // Inner to outer in a fixed order, so equal mark sets always produce equal HTML.
  const has = (type: string) => marks.some((m) => m.type === type);
  if (has("code")) html = `<code>${html}</code>`;
  if (has("strike")) html = `<s>${html}</s>`;
  if (has("underline")) html = `<u>${html}</u>`;
  if (has("italic")) html = `<em>${html}</em>`;
  if (has("bold")) html = `<strong>${html}</strong>`;
  const link = marks.find((m) => m.type === "link");
  const href = link ? safeHref(link.attrs?.href) : null;
  if (href !== null) {
    const external = /^https?:/i.test(href);
    const rel = external ? ' rel="noopener noreferrer nofollow"' : "";
    html = `<a href="${escapeHtml(href)}"${rel}>${html}</a>`;
  }
  return html;
}

function renderInline(nodes: PostBodyNode[]): string {
  let html = "";
  for (const node of nodes) {
    if (node.type === "text") html += renderText(node);
    else if (node.type === "hardBreak") html += "<br />";
  }
  return html;
}

function renderImage(node: PostBodyNode): string {
  const src = safeImageSource(stringAttr(node, "src"));
  if (src === null) return "";
  const alt = stringAttr(node, "alt") ?? "";
  const title = stringAttr(node, "title");
  const img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}" loading="lazy" decoding="async" />`;
  return title ? `<figure>${img}<figcaption>${escapeHtml(title)}</figcaption></figure>` : img;
}

function renderEmbed(node: PostBodyNode): string {
  const provider = node.attrs?.provider;
  const src = embedSource(provider, node.attrs?.id);
  if (src === null) return "";
  const title = provider === "youtube" ? "YouTube video" : "Vimeo video";
  return (
    `<div class="embed embed-${provider as string}"><iframe src="${src}" title="${title}" ` +
    `sandbox="${EMBED_SANDBOX}" loading="lazy" allowfullscreen ` +
    `referrerpolicy="strict-origin-when-cross-origin"></iframe></div>`
  );
}

function renderBlocks(nodes: PostBodyNode[], depth: number): string {
  return nodes.map((node) => renderBlock(node, depth)).join("");
}

function renderBlock(node: PostBodyNode, depth: number): string {
  // The schema caps nesting at 12; this guards callers that skipped it.
  if (depth > 64) return "";
  switch (node.type) {
    case "paragraph":
      return `<p>${renderInline(children(node))}</p>`;
    case "heading": {
      const raw = node.attrs?.level;
      const level = typeof raw === "number" ? Math.min(Math.max(Math.trunc(raw), 2), 4) : 2;
      return `<h${level}>${renderInline(children(node))}</h${level}>`;
    }
    case "bulletList":
      return `<ul>${renderBlocks(children(node), depth + 1)}</ul>`;
    case "orderedList": {
      const raw = node.attrs?.start;
      const start = typeof raw === "number" && Number.isInteger(raw) && raw !== 1 && raw >= 0 ? raw : null;
      return `<ol${start === null ? "" : ` start="${start}"`}>${renderBlocks(children(node), depth + 1)}</ol>`;
    }
    case "listItem":
      return `<li>${renderBlocks(children(node), depth + 1)}</li>`;
    case "blockquote":
      return `<blockquote>${renderBlocks(children(node), depth + 1)}</blockquote>`;
    case "codeBlock": {
      const language = stringAttr(node, "language");
      const cls =
        language !== null && LANGUAGE.test(language) ? ` class="language-${escapeHtml(language)}"` : "";
      const code = children(node)
        .map((child) => (child.type === "text" && typeof child.text === "string" ? child.text : ""))
        .join("");
      return `<pre><code${cls}>${escapeHtml(code)}</code></pre>`;
    }
    case "horizontalRule":
      return "<hr />";
    case "image":
      return renderImage(node);
    case "embed":
      return renderEmbed(node);
    default:
      return "";
  }
}

/** Renders a body document to HTML (escaped, allow-listed). */
export function renderPostBody(body: PostBodyDocument): string {
  return renderBlocks(children(body), 1);
}

const TEXT_BLOCKS = new Set(["paragraph", "heading", "codeBlock"]);

/**
 * The document's readable text: one line per paragraph, heading or code block, hard breaks as
 * newlines. Used for reading time, excerpts, search and the revision diffs.
 */
export function documentText(body: PostBodyDocument): string {
  const lines: string[] = [];
  const walk = (nodes: PostBodyNode[], depth: number) => {
    if (depth > 64) return;
    for (const node of nodes) {
      if (TEXT_BLOCKS.has(node.type)) {
        lines.push(
          children(node)
            .map((child) =>
              child.type === "text" && typeof child.text === "string"
                ? child.text
                : child.type === "hardBreak"
                  ? "\n"
                  : "",
            )
            .join(""),
        );
      } else {
        walk(children(node), depth + 1);
      }
    }
  };
  walk(children(body), 1);
  return lines.join("\n");
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/** Whole minutes to read `text`: words / 230 rounded up, at least 1 when there is any word. */
export function readingMinutesOfText(text: string): number {
  const cjk = text.match(CJK_CHAR)?.length ?? 0;
  const words = text.replace(CJK_CHAR, " ").match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0;
  return Math.ceil((words + cjk) / READING_WORDS_PER_MINUTE);
}

/** Estimated minutes to read the body (at least 1 for a body with any text). */
export function postReadingTimeMinutes(body: PostBodyDocument): number {
  return readingMinutesOfText(documentText(body));
}

/** The first `maxLength` characters of the body's text, cut at a word boundary (for excerpts). */
export function documentExcerpt(body: PostBodyDocument, maxLength = 200): string {
  const text = documentText(body).replace(/\s+/g, " ").trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
