import { describe, expect, it } from "vitest";
import { dedupeSlug, isReservedSlug, RESERVED_SLUGS, slugFromTitle } from "./slugs.js";

describe("slugFromTitle", () => {
  it.each([
    ["Hello, World!", "hello-world"],
    ["Crème brûlée à la française", "creme-brulee-a-la-francaise"],
    ["Straße & Œuvre — Ærø", "strasse-oeuvre-aero"],
    ["  --Lots   of   spaces--  ", "lots-of-spaces"],
    ["Don't stop", "dont-stop"],
    ["Łódź 2025: ½ price", "lodz-2025-price"],
    ["日本語だけ", ""],
    ["<script>alert(1)</script>", "script-alert-1-script"],
  ])("%j → %j", (title, slug) => {
    expect(slugFromTitle(title)).toBe(slug);
  });

  it("keeps slugs within 191 characters, cut at a word", () => {
    const slug = slugFromTitle("word ".repeat(100));
    expect(slug.length).toBeLessThanOrEqual(191);
    expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});

describe("dedupeSlug", () => {
  it("adds -2, -3 … past the taken ones", () => {
    expect(dedupeSlug("news", new Set())).toBe("news");
    expect(dedupeSlug("news", new Set(["news"]))).toBe("news-2");
    expect(dedupeSlug("news", new Set(["news", "news-2", "news-3"]))).toBe("news-4");
  });

  it("never returns a reserved slug and falls back to untitled", () => {
    expect(dedupeSlug("admin", new Set())).toBe("admin-2");
    expect(dedupeSlug("", new Set())).toBe("untitled");
  });

  it("shortens a long base to fit the suffix", () => {
    const base = "a".repeat(191);
    const slug = dedupeSlug(base, new Set([base]));
    expect(slug.length).toBe(191);
    expect(slug.endsWith("-2")).toBe(true);
  });
});

describe("reserved slugs", () => {
  it("covers the site's own paths", () => {
    for (const slug of ["api", "dashboard", "login", "tag", "rss", "sitemap", "_next", "p"])
      expect(isReservedSlug(slug)).toBe(true);
    expect(RESERVED_SLUGS.size).toBe(19);
    expect(isReservedSlug("about")).toBe(false);
  });
});
