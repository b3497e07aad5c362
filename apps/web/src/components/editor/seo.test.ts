import { describe, expect, it } from "vitest";
import { SEO_DESCRIPTION_LIMIT, SEO_TITLE_LIMIT, snippetUrl, truncateForSnippet } from "./seo";

describe("truncateForSnippet", () => {
  it("leaves short text alone", () => {
    expect(truncateForSnippet("  A   short title ", SEO_TITLE_LIMIT)).toBe("A short title");
  });

  it("cuts long text at a word boundary with an ellipsis, within the limit", () => {
    const long = "word ".repeat(60);
    const cut = truncateForSnippet(long, SEO_DESCRIPTION_LIMIT);
    expect(cut.length).toBeLessThanOrEqual(SEO_DESCRIPTION_LIMIT);
    expect(cut.endsWith("word…")).toBe(true);
  });
});

describe("snippetUrl", () => {
  it("shows the host and the slug", () => {
    expect(snippetUrl("https://blog.example.com", "hello-world")).toBe("blog.example.com › hello-world");
  });
});
