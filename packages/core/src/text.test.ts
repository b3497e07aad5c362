import { describe, expect, it } from "vitest";
import { escapeHtml, readingTimeMinutes, stripHtml } from "./text.js";

describe("stripHtml", () => {
  it("keeps text, separates blocks and drops scripts, styles and comments", () => {
    const html =
      '<h1>Title</h1><p>Hello <strong>world</strong>&nbsp;&amp; friends</p><!-- note --><script>alert("x")</script><style>p{}</style><ul><li>one</li><li>two</li></ul>';
    expect(stripHtml(html)).toBe("Title Hello world & friends one two");
  });

  it("decodes numeric entities and leaves unknown ones alone", () => {
    expect(stripHtml("caf&#233; &#x1F600; &bogus; &#0;")).toBe("café 😀 &bogus; &#0;");
  });
});

describe("escapeHtml", () => {
  it("escapes the five significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("round-trips through stripHtml", () => {
    const text = `5 < 6 & "quotes" 'single'`;
    expect(stripHtml(escapeHtml(text))).toBe(text);
  });
});

describe("readingTimeMinutes", () => {
  it("is at least one minute for any visible text and 0 for none", () => {
    expect(readingTimeMinutes("Hi")).toBe(1);
    expect(readingTimeMinutes("...")).toBe(1);
    expect(readingTimeMinutes("")).toBe(0);
    expect(readingTimeMinutes("   \n")).toBe(0);
    expect(readingTimeMinutes("<p></p>")).toBe(0);
  });

  it("rounds words over the reading speed", () => {
    expect(readingTimeMinutes(Array(1150).fill("word").join(" "))).toBe(5);
    expect(readingTimeMinutes(Array(1000).fill("word").join(" "), 100)).toBe(10);
    expect(
      readingTimeMinutes(
        `<p>${Array(460).fill("word").join(" ")}</p><script>${Array(5000).fill("x").join(" ")}</script>`,
      ),
    ).toBe(2);
  });

  it("counts Han characters as words", () => {
    expect(readingTimeMinutes("字".repeat(460))).toBe(2);
  });

  it("rejects a non-positive speed", () => {
    expect(() => readingTimeMinutes("text", 0)).toThrow(RangeError);
  });
});
