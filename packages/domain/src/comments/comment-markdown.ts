import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// Comments are written in a small markdown subset: paragraphs, emphasis, strong, inline code, code
// blocks, links, blockquotes and lists. markdown-it parses it with raw HTML off (so `<script>` is
// text), without headings, images, tables, rules or strikethrough; links must be http(s). Its
// output then goes through an allow-list sanitiser as a second line of defence.

/** Links in comments: user-generated, never endorsed, never given the opener. */
export const COMMENT_LINK_REL = "nofollow ugc noopener";

const HTTP_URL = /^https?:\/\//i;

const markdown = new MarkdownIt("default", {
  html: false,
  linkify: true,
  typographer: false,
  breaks: true,
}).disable(["heading", "lheading", "image", "table", "hr", "strikethrough", "html_block", "html_inline"]);

// Only absolute http(s) links become anchors; anything else (javascript:, data:, mailto:,
// relative paths) stays literal text.
markdown.validateLink = (url: string) => HTTP_URL.test(url.trim());

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "code", "pre", "a", "blockquote", "ul", "ol", "li"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"], code: ["class"] },
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href === undefined ? {} : { href: attribs.href }), rel: COMMENT_LINK_REL },
    }),
  },
};

/** The sanitised HTML of a comment body (markdown subset); every other construct renders as text. */
export function renderCommentMarkdown(source: string): string {
  const html = markdown.render(source);
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}

/** The comment as plain text (for email excerpts): the rendering with tags removed. */
export function commentPlainText(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|li|blockquote|pre)>|<br\s*\/?>/g, " "), {
    allowedTags: [],
    allowedAttributes: {},
  });
  return decodeEntities(text).replace(/\s+/g, " ").trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
