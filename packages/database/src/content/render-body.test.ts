import { describe, expect, it } from "vitest";
import type { PostBodyDocument, PostBodyNode } from "../schema/index.js";
import {
  documentExcerpt,
  documentText,
  postReadingTimeMinutes,
  renderPostBody,
  safeHref,
  safeImageSource,
} from "./render-body.js";

const text = (value: string, marks?: PostBodyNode["marks"]): PostBodyNode =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const p = (...content: PostBodyNode[]): PostBodyNode => ({ type: "paragraph", content });
const doc = (...content: PostBodyNode[]): PostBodyDocument => ({ type: "doc", content });

describe("renderPostBody", () => {
  it("renders every node and mark of the contract", () => {
    const html = renderPostBody(
      doc(
        { type: "heading", attrs: { level: 3 }, content: [text("Title")] },
        p(
          text("bold", [{ type: "bold" }]),
          text(" it", [{ type: "italic" }, { type: "underline" }]),
          { type: "hardBreak" },
          text("x", [{ type: "strike" }, { type: "code" }]),
          text("link", [{ type: "link", attrs: { href: "https://example.org/a?b=1&c=2" } }]),
          text("rel", [{ type: "link", attrs: { href: "/about" } }]),
        ),
        { type: "bulletList", content: [{ type: "listItem", content: [p(text("one"))] }] },
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [{ type: "listItem", content: [p(text("three"))] }],
        },
        { type: "blockquote", content: [p(text("quoted"))] },
        { type: "codeBlock", attrs: { language: "ts" }, content: [text("a < b && c")] },
        { type: "horizontalRule" },
        { type: "image", attrs: { src: "/media/a.webp", alt: 'An "alt"', title: "Caption" } },
        { type: "image", attrs: { src: "https://cdn.example.org/b.png", alt: null, title: null } },
        {
          type: "embed",
          attrs: { provider: "youtube", id: "dQw4w9WgXcQ", url: "https://youtu.be/dQw4w9WgXcQ" },
        },
        { type: "embed", attrs: { provider: "vimeo", id: "76979871", url: "https://vimeo.com/76979871" } },
      ),
    );
    expect(html).toContain("<h3>Title</h3>");
    expect(html).toContain("<strong>bold</strong><em><u> it</u></em><br /><s><code>x</code></s>");
    expect(html).toContain(
      '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">link</a>',
    );
    expect(html).toContain('<a href="/about">rel</a>');
    expect(html).toContain("<ul><li><p>one</p></li></ul>");
    expect(html).toContain('<ol start="3"><li><p>three</p></li></ol>');
    expect(html).toContain("<blockquote><p>quoted</p></blockquote>");
    expect(html).toContain('<pre><code class="language-ts">a &lt; b &amp;&amp; c</code></pre>');
    expect(html).toContain("<hr />");
    expect(html).toContain(
      '<figure><img src="/media/a.webp" alt="An &quot;alt&quot;" loading="lazy" decoding="async" /><figcaption>Caption</figcaption></figure>',
    );
    expect(html).toContain(
      '<img src="https://cdn.example.org/b.png" alt="" loading="lazy" decoding="async" />',
    );
    expect(html).toContain(
      '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video" sandbox="allow-scripts allow-same-origin allow-presentation" loading="lazy"',
    );
    expect(html).toContain('src="https://player.vimeo.com/video/76979871"');
  });

  it("escapes text and drops what it does not know", () => {
    const html = renderPostBody(
      doc(
        p(text("<script>alert(1)</script>")),
        { type: "heading", attrs: { level: 1 }, content: [text("<img src=x onerror=alert(1)>")] },
        { type: "script", content: [text("alert(1)")] },
        { type: "codeBlock", attrs: { language: 'ts"><script>' }, content: [text("x")] },
        p(text("evil", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])),
        { type: "image", attrs: { src: "javascript:alert(1)", alt: "x" } },
        { type: "embed", attrs: { provider: "evil", id: "x", url: "https://evil" } },
        { type: "embed", attrs: { provider: "youtube", id: '"><script>', url: "https://youtu.be" } },
      ),
    );
    expect(html).not.toMatch(/<script|<[^>]+\son[a-z]+=|href="javascript:|<iframe|"><|<h1>/);
    expect(html).toContain("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(html).toContain("<h2>&lt;img src=x onerror=alert(1)&gt;</h2>");
    expect(html).toContain("<pre><code>x</code></pre>");
    expect(html).toContain("<p>evil</p>");
  });
});

describe("URL checks", () => {
  it.each([
    ["https://example.org", true],
    ["http://example.org", true],
    ["mailto:a@example.org", true],
    ["/relative/path", true],
    ["#anchor", true],
    ["page?x=1", true],
    ["javascript:alert(1)", false],
    ["JaVaScRiPt:alert(1)", false],
    ["java\tscript:alert(1)", false],
    [" javascript:alert(1)", false],
    ["data:text/html,<script>", false],
    ["vbscript:msgbox", false],
    ["//evil.example", false],
    ["\\\\evil.example", false],
  ])("href %j safe: %s", (href, safe) => {
    expect(safeHref(href) !== null).toBe(safe);
  });

  it("allows only http(s) and site-relative image sources", () => {
    expect(safeImageSource("/media/a.png")).toBe("/media/a.png");
    expect(safeImageSource("https://cdn.example.org/a.png")).not.toBeNull();
    expect(safeImageSource("data:image/svg+xml,<svg onload=alert(1)>")).toBeNull();
    expect(safeImageSource("//evil.example/a.png")).toBeNull();
    expect(safeImageSource("mailto:x")).toBeNull();
  });
});

describe("documentText and reading time", () => {
  it("extracts one line per text block, hard breaks as newlines", () => {
    const body = doc(
      { type: "heading", attrs: { level: 2 }, content: [text("Head")] },
      p(text("one "), text("two", [{ type: "bold" }]), { type: "hardBreak" }, text("three")),
      { type: "bulletList", content: [{ type: "listItem", content: [p(text("item"))] }] },
      { type: "image", attrs: { src: "/a.png", alt: "not text" } },
    );
    expect(documentText(body)).toBe("Head\none two\nthree\nitem");
    expect(documentExcerpt(body, 10)).toBe("Head one…");
  });

  it("counts words / 230, rounded up, at least 1 with any text", () => {
    expect(postReadingTimeMinutes(doc())).toBe(0);
    expect(postReadingTimeMinutes(doc(p(text("word"))))).toBe(1);
    expect(postReadingTimeMinutes(doc(p(text("word ".repeat(230).trim()))))).toBe(1);
    expect(postReadingTimeMinutes(doc(p(text("word ".repeat(231).trim()))))).toBe(2);
  });
});
