// The editor document as the API takes it (contract: "Body format"), and the conversions between
// it and Tiptap's JSON. Tiptap adds attributes of its own (a link's target/rel/class, an ordered
// list's type, an image's width/height); the API's schema is strict, so the editor sends exactly
// the contract's nodes, marks and attributes and nothing else. Pure: no React, no Tiptap import.

import type { PostBody } from "@folio/types";

export type MarkType = "bold" | "italic" | "underline" | "strike" | "code" | "link";

export interface DocMark {
  type: MarkType;
  attrs?: { href: string };
}

export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  marks?: DocMark[];
  text?: string;
}

export interface PostDoc {
  type: "doc";
  content: DocNode[];
}

export const EMPTY_DOC: PostDoc = { type: "doc", content: [{ type: "paragraph" }] };

/** What the API takes as a code block's language (contract: `[A-Za-z0-9_+#.-]{1,32}`). */
export const CODE_LANGUAGE = /^[A-Za-z0-9_+#.-]{1,32}$/;

const SIMPLE_MARKS = new Set<string>(["bold", "italic", "underline", "strike", "code"]);

/** Links the editor accepts from a writer: absolute http(s) and mailto only. */
export function normaliseLinkInput(raw: string): string | null {
  const value = raw.trim();
  if (value === "") return null;
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value)
    ? value
    : value.includes("@") && !value.includes("/")
      ? `mailto:${value}`
      : `https://${value}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol === "mailto:") return url.pathname.includes("@") ? candidate : null;
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.hostname === "" || !url.hostname.includes(".")) return null;
  return url.toString();
}

/** What the API keeps of a link: http/https/mailto, or a site-relative path. */
export function isAllowedHref(href: string): boolean {
  const value = href.trim();
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return true;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:";
  } catch {
    return false;
  }
}

export interface EmbedAttrs {
  provider: "youtube" | "vimeo";
  id: string;
  url: string;
}

const VIDEO_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A YouTube or Vimeo page/share/embed URL → the `embed` node's attributes; anything else → null. */
export function parseEmbedUrl(raw: string): EmbedAttrs | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  const host = url.hostname.toLowerCase().replace(/^(www\.|m\.)/, "");
  const segments = url.pathname.split("/").filter((s) => s !== "");
  let provider: EmbedAttrs["provider"] | null = null;
  let id: string | undefined;
  if (host === "youtube.com" || host === "youtube-nocookie.com" || host === "music.youtube.com") {
    provider = "youtube";
    if (segments[0] === "watch") id = url.searchParams.get("v") ?? undefined;
    else if (
      segments[0] === "embed" ||
      segments[0] === "shorts" ||
      segments[0] === "live" ||
      segments[0] === "v"
    )
      id = segments[1];
  } else if (host === "youtu.be") {
    provider = "youtube";
    id = segments[0];
  } else if (host === "vimeo.com") {
    provider = "vimeo";
    id = segments.find((s) => /^\d+$/.test(s));
  } else if (host === "player.vimeo.com" && segments[0] === "video") {
    provider = "vimeo";
    id = segments[1];
  }
  if (provider === null || id === undefined || !VIDEO_ID.test(id)) return null;
  if (provider === "vimeo" && !/^\d+$/.test(id)) return null;
  const canonical =
    provider === "youtube" ? `https://www.youtube.com/watch?v=${id}` : `https://vimeo.com/${id}`;
  return { provider, id, url: canonical };
}

function asString(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function cleanMarks(marks: unknown): DocMark[] | undefined {
  if (!Array.isArray(marks)) return undefined;
  const out: DocMark[] = [];
  for (const mark of marks as { type?: unknown; attrs?: Record<string, unknown> }[]) {
    if (typeof mark.type !== "string") continue;
    if (SIMPLE_MARKS.has(mark.type)) out.push({ type: mark.type as MarkType });
    else if (mark.type === "link") {
      const href = asString(mark.attrs?.href);
      if (href !== null && isAllowedHref(href)) out.push({ type: "link", attrs: { href } });
    }
  }
  return out.length > 0 ? out : undefined;
}

function cleanChildren(content: unknown): DocNode[] | undefined {
  if (!Array.isArray(content)) return undefined;
  const out = (content as unknown[]).map(cleanNode).filter((n): n is DocNode => n !== null);
  return out.length > 0 ? out : undefined;
}

function withContent(node: DocNode, content: DocNode[] | undefined): DocNode {
  return content === undefined ? node : { ...node, content };
}

function cleanNode(raw: unknown): DocNode | null {
  if (typeof raw !== "object" || raw === null) return null;
  const node = raw as DocNode;
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case "text": {
      if (typeof node.text !== "string" || node.text === "") return null;
      const marks = cleanMarks(node.marks);
      return marks === undefined
        ? { type: "text", text: node.text }
        : { type: "text", text: node.text, marks };
    }
    case "paragraph":
    case "bulletList":
    case "listItem":
    case "blockquote":
      return withContent({ type: node.type }, cleanChildren(node.content));
    case "heading": {
      const level = Number(attrs.level);
      return withContent(
        { type: "heading", attrs: { level: level >= 2 && level <= 4 ? level : 2 } },
        cleanChildren(node.content),
      );
    }
    case "orderedList": {
      const start = Number(attrs.start ?? 1);
      return withContent(
        { type: "orderedList", attrs: { start: Number.isInteger(start) && start >= 0 ? start : 1 } },
        cleanChildren(node.content),
      );
    }
    case "codeBlock": {
      const language = asString(attrs.language)?.trim() ?? "";
      return withContent(
        { type: "codeBlock", attrs: { language: CODE_LANGUAGE.test(language) ? language : null } },
        cleanChildren(node.content)?.map((child) => ({ type: "text", text: child.text ?? "" })),
      );
    }
    case "horizontalRule":
    case "hardBreak":
      return { type: node.type };
    case "image": {
      const src = asString(attrs.src);
      if (src === null || src === "") return null;
      return {
        type: "image",
        attrs: {
          src,
          alt: asString(attrs.alt),
          title: asString(attrs.title) || null,
          mediaId: asString(attrs.mediaId),
        },
      };
    }
    case "embed": {
      const url = asString(attrs.url);
      const parsed = url === null ? null : parseEmbedUrl(url);
      const provider = asString(attrs.provider);
      const id = asString(attrs.id);
      if (
        (provider === "youtube" || provider === "vimeo") &&
        id !== null &&
        VIDEO_ID.test(id) &&
        url !== null
      )
        return { type: "embed", attrs: { provider, id, url } };
      return parsed === null ? null : { type: "embed", attrs: { ...parsed } };
    }
    default:
      return null;
  }
}

/** Tiptap's `editor.getJSON()` → the contract's document (unknown nodes and attributes dropped). */
export function toPostDoc(json: unknown): PostDoc {
  const content =
    typeof json === "object" && json !== null ? cleanChildren((json as DocNode).content) : undefined;
  return { type: "doc", content: content ?? [] };
}

/** The same, typed as the API's `PostBody` (toPostDoc only ever builds contract nodes). */
export function toPostBody(json: unknown): PostBody {
  return toPostDoc(json) as unknown as PostBody;
}

/** An API document → something `editor.commands.setContent` takes (a doc with at least one block). */
export function toEditorDoc(doc: unknown): PostDoc {
  const clean = toPostDoc(doc);
  return clean.content.length > 0 ? clean : EMPTY_DOC;
}

/** The document's plain text, blocks separated by blank lines (for diffs and word counts). */
export function docText(doc: unknown): string {
  const blocks: string[] = [];
  const visit = (node: DocNode, into: string[]): void => {
    if (node.type === "text") into.push(node.text ?? "");
    else if (node.type === "hardBreak") into.push("\n");
    else if (node.type === "image") into.push(`[image: ${asString(node.attrs?.alt) ?? ""}]`);
    else if (node.type === "embed") into.push(`[video: ${asString(node.attrs?.url) ?? ""}]`);
    for (const child of node.content ?? []) visit(child, into);
  };
  for (const block of toPostDoc(doc).content) {
    const parts: string[] = [];
    if (block.type === "bulletList" || block.type === "orderedList" || block.type === "blockquote") {
      for (const child of block.content ?? []) {
        const childParts: string[] = [];
        visit(child, childParts);
        blocks.push(childParts.join(""));
      }
      continue;
    }
    visit(block, parts);
    blocks.push(parts.join(""));
  }
  return blocks.filter((b) => b.trim() !== "").join("\n\n");
}

export function countWords(text: string): number {
  const words = text.trim().split(/\s+/u);
  return words.length === 1 && words[0] === "" ? 0 : words.length;
}

/** Structural equality for JSON values (documents, field snapshots). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => jsonEqual(v, other[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ak = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const bk = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => jsonEqual(ra[k], rb[k]));
}
