import { describe, expect, it } from "vitest";
import {
  docText,
  isAllowedHref,
  jsonEqual,
  normaliseLinkInput,
  parseEmbedUrl,
  toEditorDoc,
  toPostDoc,
} from "./body-doc";

describe("toPostDoc", () => {
  it("keeps only the contract's attributes of what Tiptap writes", () => {
    const tiptap = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3, textAlign: "left" }, content: [{ type: "text", text: "Hi" }] },
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "link",
              marks: [
                {
                  type: "link",
                  attrs: { href: "https://example.com", target: "_blank", rel: "x", class: null },
                },
                { type: "bold" },
              ],
            },
            { type: "hardBreak" },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: 3, type: null },
          content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
        },
        { type: "codeBlock", attrs: { language: "ts" }, content: [{ type: "text", text: "let a = 1;" }] },
        { type: "image", attrs: { src: "/media/a.png", alt: "A cat", title: "", width: 10, mediaId: null } },
        {
          type: "embed",
          attrs: {
            provider: "youtube",
            id: "dQw4w9WgXcQ",
            url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
          },
        },
      ],
    };
    expect(toPostDoc(tiptap)).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Hi" }] },
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "link",
              marks: [{ type: "link", attrs: { href: "https://example.com" } }, { type: "bold" }],
            },
            { type: "hardBreak" },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: [{ type: "listItem", content: [{ type: "paragraph" }] }],
        },
        { type: "codeBlock", attrs: { language: "ts" }, content: [{ type: "text", text: "let a = 1;" }] },
        { type: "image", attrs: { src: "/media/a.png", alt: "A cat", title: null, mediaId: null } },
        {
          type: "embed",
          attrs: {
            provider: "youtube",
            id: "dQw4w9WgXcQ",
            url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
          },
        },
      ],
    });
  });

  it("drops unknown nodes, unsafe links and an invalid code language", () => {
    const doc = toPostDoc({
      type: "doc",
      content: [
        { type: "table", content: [] },
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "x",
              marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }, { type: "highlight" }],
            },
          ],
        },
        { type: "codeBlock", attrs: { language: "<script>" } },
        { type: "heading", attrs: { level: 1 } },
      ],
    });
    expect(doc.content).toEqual([
      { type: "paragraph", content: [{ type: "text", text: "x" }] },
      { type: "codeBlock", attrs: { language: null } },
      { type: "heading", attrs: { level: 2 } },
    ]);
  });

  it("gives the editor at least one paragraph", () => {
    expect(toEditorDoc({ type: "doc", content: [] }).content).toEqual([{ type: "paragraph" }]);
  });
});

describe("links", () => {
  it.each([
    ["example.com/a", "https://example.com/a"],
    ["http://example.com", "http://example.com/"],
    ["ada@example.com", "mailto:ada@example.com"],
    ["mailto:ada@example.com", "mailto:ada@example.com"],
  ])("normalises %s", (input, output) => expect(normaliseLinkInput(input)).toBe(output));

  it.each(["javascript:alert(1)", "data:text/html,x", "ftp://example.com", "", "localhost"])(
    "refuses %s",
    (input) => expect(normaliseLinkInput(input)).toBeNull(),
  );

  it("allows site-relative hrefs but not protocol-relative ones", () => {
    expect(isAllowedHref("/about")).toBe(true);
    expect(isAllowedHref("//evil.example")).toBe(false);
    expect(isAllowedHref("vbscript:x")).toBe(false);
  });
});

describe("parseEmbedUrl", () => {
  it.each([
    ["https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3", "youtube", "dQw4w9WgXcQ"],
    ["https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://www.youtube.com/shorts/abc_DEF-123", "youtube", "abc_DEF-123"],
    ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ"],
    ["https://vimeo.com/76979871", "vimeo", "76979871"],
    ["https://player.vimeo.com/video/76979871", "vimeo", "76979871"],
  ])("reads %s", (url, provider, id) => expect(parseEmbedUrl(url)).toMatchObject({ provider, id }));

  it.each([
    "https://example.com/watch?v=abc",
    "https://www.youtube.com/watch?v=<script>",
    "https://vimeo.com/channels/staffpicks",
    "javascript:alert(1)",
  ])("refuses %s", (url) => expect(parseEmbedUrl(url)).toBeNull());

  it("stores a canonical https URL", () => {
    expect(parseEmbedUrl("http://youtu.be/dQw4w9WgXcQ")?.url).toBe(
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    );
  });
});

describe("docText and jsonEqual", () => {
  it("joins blocks and list items with blank lines", () => {
    const text = docText({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "One" }] },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Two" }] }] },
          ],
        },
      ],
    });
    expect(text).toBe("One\n\nTwo");
  });

  it("ignores undefined keys and compares deeply", () => {
    expect(jsonEqual({ a: 1, b: undefined, c: [1, { d: 2 }] }, { c: [1, { d: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
