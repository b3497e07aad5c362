import { renderPostBody } from "@folio/database";
import { PostBodySchema } from "@folio/types";
import { describe, expect, it } from "vitest";
import { sanitisePostHtml } from "./sanitise.js";

// The sanitiser is the second line: these payloads go straight into it (as if the renderer had a
// bug), and through schema + renderer + sanitiser as a client would send them.
const HTML_PAYLOADS = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<svg onload="alert(1)"><circle/></svg>',
  '<iframe src="https://evil.example/embed"></iframe>',
  '<iframe src="https://www.youtube-nocookie.com/embed/abc" sandbox="allow-scripts allow-top-navigation allow-same-origin"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
  '<div onclick="alert(1)" class="embed">x</div>',
  '<object data="javascript:alert(1)"></object>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<a href="//evil.example">x</a>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
];

function inert(html: string): void {
  expect(html).not.toMatch(/<script|<style|<svg|<object|<form|<base|<meta|<math/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|data:|srcdoc|style=/i);
  expect(html).not.toMatch(/href="\/\//);
  for (const src of html.matchAll(/<iframe[^>]*src="([^"]*)"/g))
    expect(src[1]).toMatch(/^https:\/\/(www\.youtube-nocookie\.com\/embed|player\.vimeo\.com\/video)\//);
}

describe("sanitisePostHtml", () => {
  it.each(HTML_PAYLOADS)("neutralises %s", (payload) => {
    inert(sanitisePostHtml(payload));
  });

  it("keeps everything the renderer produces for a valid document", () => {
    const html = renderPostBody({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Hi" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "x", marks: [{ type: "link", attrs: { href: "https://a.example" } }] },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: 2 },
          content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
        },
        { type: "codeBlock", attrs: { language: "ts" }, content: [{ type: "text", text: "a<b" }] },
        { type: "image", attrs: { src: "/media/a.png", alt: "A", title: "T" } },
        { type: "embed", attrs: { provider: "vimeo", id: "123", url: "https://vimeo.com/123" } },
      ],
    });
    expect(sanitisePostHtml(html)).toBe(html);
  });
});

describe("PostBodySchema refuses what the renderer must never see", () => {
  const bad = [
    { type: "doc", content: [{ type: "script" }] },
    { type: "doc", content: [{ type: "paragraph", attrs: { style: "x" } }] },
    { type: "doc", content: [{ type: "heading", attrs: { level: 1 } }] },
    {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
          ],
        },
      ],
    },
    {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "textStyle" }] }] },
      ],
    },
    { type: "doc", content: [{ type: "image", attrs: { src: "javascript:alert(1)", alt: "" } }] },
    {
      type: "doc",
      content: [{ type: "embed", attrs: { provider: "dailymotion", id: "x", url: "https://x" } }],
    },
    {
      type: "doc",
      content: [{ type: "embed", attrs: { provider: "youtube", id: "a/b", url: "https://x" } }],
    },
    { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "" }] }] },
  ];
  it.each(bad.map((body, i) => ({ i, body })))("payload $i", ({ body }) => {
    expect(PostBodySchema.safeParse(body).success).toBe(false);
  });

  it("refuses documents over the limits without recursing into them", () => {
    let deep: unknown = { type: "paragraph" };
    for (let i = 0; i < 50_000; i += 1) deep = { type: "blockquote", content: [deep] };
    const result = PostBodySchema.safeParse({ type: "doc", content: [deep] });
    expect(result.error?.issues.map((i) => i.message)).toEqual(["is nested deeper than 12 levels"]);
    const wide = { type: "doc", content: Array.from({ length: 20_001 }, () => ({ type: "horizontalRule" })) };
    expect(PostBodySchema.safeParse(wide).success).toBe(false);
    const long = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "x".repeat(200_001) }] }],
    };
    expect(PostBodySchema.safeParse(long).success).toBe(false);
  });
});
