import { describe, expect, it } from "vitest";
import { commentPlainText, renderCommentMarkdown } from "./comment-markdown.js";

describe("comment markdown", () => {
  it("renders the allowed subset", () => {
    expect(renderCommentMarkdown("Hi *a* **b** `c`")).toBe(
      "<p>Hi <em>a</em> <strong>b</strong> <code>c</code></p>",
    );
    expect(renderCommentMarkdown("> q")).toBe("<blockquote>\n<p>q</p>\n</blockquote>");
    expect(renderCommentMarkdown("3. x\n4. y")).toBe('<ol start="3">\n<li>x</li>\n<li>y</li>\n</ol>');
    expect(renderCommentMarkdown("```ts\nconst a = 1;\n```")).toBe(
      '<pre><code class="language-ts">const a = 1;\n</code></pre>',
    );
    expect(renderCommentMarkdown("line\nbreak")).toBe("<p>line<br />\nbreak</p>");
  });

  it("links only http(s) URLs, as nofollow ugc noopener", () => {
    expect(renderCommentMarkdown("[a](https://example.org/x)")).toBe(
      '<p><a href="https://example.org/x" rel="nofollow ugc noopener">a</a></p>',
    );
    for (const href of [
      "javascript:alert(1)",
      "data:text/html,x",
      "mailto:a@b.c",
      "/relative",
      "//evil.example",
    ]) {
      expect(renderCommentMarkdown(`[a](${href})`)).not.toContain("<a");
    }
  });

  it("has no headings, images or raw HTML", () => {
    expect(renderCommentMarkdown("# Title")).toBe("<p># Title</p>");
    expect(renderCommentMarkdown("![x](https://example.org/x.png)")).not.toContain("<img");
    expect(renderCommentMarkdown("<script>alert(1)</script>")).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    );
    expect(renderCommentMarkdown('<b onclick="x">b</b>')).not.toMatch(/<b[\s>]/);
  });

  it("gives the plain text of a rendering for email excerpts", () => {
    expect(commentPlainText(renderCommentMarkdown("Hi <you> & *me*\n\n> q"))).toBe("Hi <you> & me q");
  });
});
