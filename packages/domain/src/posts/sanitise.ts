import { EMBED_SANDBOX } from "@folio/database";
import sanitizeHtml from "sanitize-html";

// The second line of defence behind the body renderer (@folio/database renderPostBody), which
// already escapes every text and allow-lists every attribute: whatever the renderer produces is
// re-parsed and filtered to the tags, attributes and URL schemes a post body may contain.
// A bug in the renderer then costs formatting, never a script in a reader's page.

const EMBED_SOURCES = [
  /^https:\/\/www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{1,64}$/,
  /^https:\/\/player\.vimeo\.com\/video\/[A-Za-z0-9_-]{1,64}$/,
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "hr",
    "br",
    "strong",
    "em",
    "u",
    "s",
    "a",
    "figure",
    "figcaption",
    "img",
    "div",
    "iframe",
  ],
  allowedAttributes: {
    a: ["href", "rel"],
    img: ["src", "alt", "loading", "decoding"],
    ol: ["start"],
    code: ["class"],
    div: ["class"],
    iframe: ["src", "title", "sandbox", "loading", "allowfullscreen", "referrerpolicy"],
  },
  allowedClasses: {
    code: [/^language-[A-Za-z0-9_+#.-]{1,32}$/],
    div: ["embed", "embed-youtube", "embed-vimeo"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["http", "https"], iframe: ["https"] },
  allowProtocolRelative: false,
  allowedIframeHostnames: ["www.youtube-nocookie.com", "player.vimeo.com"],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: "discard",
  // An iframe survives only with one of the two player URLs and our exact sandbox.
  exclusiveFilter: (frame) => {
    if (frame.tag !== "iframe") return false;
    const src = frame.attribs.src ?? "";
    return !EMBED_SOURCES.some((pattern) => pattern.test(src)) || frame.attribs.sandbox !== EMBED_SANDBOX;
  },
  transformTags: {
    // Never let a link open the reader's page to the target (reverse tabnabbing).
    a: (tagName, attribs) => {
      const href = attribs.href;
      const out: sanitizeHtml.Attributes = {};
      if (href !== undefined) out.href = href;
      if (href !== undefined && /^https?:/i.test(href)) out.rel = "noopener noreferrer nofollow";
      return { tagName, attribs: out };
    },
  },
};

/** The HTML with everything outside the post body allow-list removed. */
export function sanitisePostHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
