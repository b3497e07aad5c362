import { escapeHtml, readingTimeMinutes } from "@folio/core";
import type { PostBodyBlock, PostBodyDocument } from "../schema/index.js";

// The one place a post body becomes HTML. Every text value is escaped: the body is data, never
// markup, so nothing an author types can inject script into a reader's page.

function escapeAttribute(value: string): string {
  return escapeHtml(value);
}

/** Only relative paths and http(s) URLs may become `src` attributes. */
function safeSource(src: string): string | null {
  if (src.startsWith("/") && !src.startsWith("//")) return src;
  try {
    const url = new URL(src);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}

function renderBlock(block: PostBodyBlock): string {
  switch (block.type) {
    case "paragraph":
      return `<p>${escapeHtml(block.text ?? "")}</p>`;
    case "heading": {
      const level = Math.min(Math.max(block.level ?? 2, 2), 4);
      return `<h${level}>${escapeHtml(block.text ?? "")}</h${level}>`;
    }
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const items = (block.items ?? []).map((item) => `<li>${escapeHtml(item)}</li>`).join("");
      return `<${tag}>${items}</${tag}>`;
    }
    case "quote": {
      const caption = block.caption ? `<figcaption>${escapeHtml(block.caption)}</figcaption>` : "";
      return `<figure class="quote"><blockquote><p>${escapeHtml(block.text ?? "")}</p></blockquote>${caption}</figure>`;
    }
    case "code": {
      const language = block.language ? ` class="language-${escapeAttribute(block.language)}"` : "";
      return `<pre><code${language}>${escapeHtml(block.text ?? "")}</code></pre>`;
    }
    case "image": {
      const src = block.src ? safeSource(block.src) : null;
      if (!src) return "";
      const caption = block.caption ? `<figcaption>${escapeHtml(block.caption)}</figcaption>` : "";
      return `<figure><img src="${escapeAttribute(src)}" alt="${escapeAttribute(block.alt ?? "")}" loading="lazy">${caption}</figure>`;
    }
    default:
      return "";
  }
}

/** Renders a structured body to HTML (escaped). */
export function renderPostBody(body: PostBodyDocument): string {
  return body.blocks
    .map(renderBlock)
    .filter((html) => html.length > 0)
    .join("\n");
}

/** The body's readable text (for reading time, excerpts and search). */
export function postBodyText(body: PostBodyDocument): string {
  return body.blocks
    .map((block) =>
      [block.text, ...(block.items ?? []), block.caption].filter((t) => t !== undefined).join(" "),
    )
    .join("\n");
}

/** Estimated minutes to read the body (at least 1 for a non-empty body). */
export function postReadingTimeMinutes(body: PostBodyDocument): number {
  return readingTimeMinutes(postBodyText(body));
}
