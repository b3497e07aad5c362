import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SLUG_MAX_LENGTH, isEmail, isHttpUrl, isSafeRedirect, isSlug, slugify } from "./validators.js";

describe("isSlug", () => {
  it("accepts lower-case words joined by single hyphens", () => {
    for (const slug of ["hello", "hello-world", "2025-review", "a", "x".repeat(SLUG_MAX_LENGTH)]) {
      expect(isSlug(slug)).toBe(true);
    }
  });

  it("rejects everything else", () => {
    for (const bad of [
      "",
      "Hello",
      "hello--world",
      "-hello",
      "hello-",
      "héllo",
      "hello world",
      "a_b",
      "x".repeat(192),
      5,
    ]) {
      expect(isSlug(bad)).toBe(false);
    }
  });
});

describe("slugify", () => {
  it.each([
    ["Hello, World!", "hello-world"],
    ["  Crème Brûlée — à la carte  ", "creme-brulee-a-la-carte"],
    ["Straße & Smørrebrød", "strasse-smorrebrod"],
    ["Ελληνικά νέα", "ellinika-nea"],
    ["Привет, мир", "privet-mir"],
    ["ﬁve ½ ideas", "five-1-2-ideas"],
    ["already-a-slug", "already-a-slug"],
    ["---", ""],
    ["", ""],
    ["!!! ???", ""],
  ])("slugify(%j) is %j", (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it("falls back to code points for scripts it cannot transliterate", () => {
    expect(slugify("日本語")).toBe("65e5-672c-8a9e");
  });

  it("truncates without leaving a trailing hyphen", () => {
    expect(slugify("hello wonderful world", { maxLength: 6 })).toBe("hello");
    expect(slugify("a".repeat(300))).toHaveLength(SLUG_MAX_LENGTH);
    expect(() => slugify("x", { maxLength: 0 })).toThrow(RangeError);
  });

  it("always returns a slug or the empty string, and is idempotent", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (text, maxLength) => {
          const slug = slugify(text, { maxLength });
          expect(slug === "" || isSlug(slug)).toBe(true);
          expect(slug.length).toBeLessThanOrEqual(maxLength);
          expect(slugify(slug, { maxLength })).toBe(slug);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is never empty when the text has a letter or digit", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.string({ unit: "grapheme" }),
        fc.constantFrom("a", "Z", "7", "é", "ж", "字", "ا"),
        (before, after, letter) => {
          expect(slugify(`${before}${letter}${after}`)).not.toBe("");
        },
      ),
    );
  });
});

describe("isEmail", () => {
  it("accepts ordinary addresses", () => {
    for (const email of [
      "ada@example.org",
      "first.last+tag@mail.example.co.uk",
      "o'brien@example.ie",
      "x@xn--bcher-kva.example",
    ]) {
      expect(isEmail(email)).toBe(true);
    }
  });

  it("rejects malformed and over-long addresses", () => {
    for (const bad of [
      "",
      "plain",
      "@example.org",
      "ada@",
      "ada@localhost",
      "ada@example.",
      "ada..b@example.org",
      ".ada@example.org",
      "ada@-example.org",
      "ada@exa mple.org",
      "ada example@example.org",
      "ada@example.c0m",
      `${"a".repeat(65)}@example.org`,
      `a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(63)}.org`,
      "ada@example.org\n",
      null,
    ]) {
      expect(isEmail(bad)).toBe(false);
    }
  });
});

describe("isHttpUrl", () => {
  it("accepts http and https URLs with a host", () => {
    expect(isHttpUrl("https://example.org/a?b=c#d")).toBe(true);
    expect(isHttpUrl("http://127.0.0.1:3001")).toBe(true);
  });

  it("rejects other schemes, credentials, whitespace and http when disallowed", () => {
    for (const bad of [
      "ftp://example.org",
      "javascript:alert(1)",
      "example.org",
      "/path",
      "https://user:pw@example.org",
      " https://example.org",
      "https://exa\tmple.org",
      1,
    ]) {
      expect(isHttpUrl(bad)).toBe(false);
    }
    expect(isHttpUrl("http://example.org", { allowHttp: false })).toBe(false);
    expect(isHttpUrl("https://example.org", { allowHttp: false })).toBe(true);
  });
});

describe("isSafeRedirect", () => {
  const allowedOrigins = ["https://blog.example.org"];

  it("accepts same-site paths", () => {
    for (const path of ["/", "/dashboard", "/posts?tab=drafts#top", "/a/b/../c", "/%2F%2Fevil.example"]) {
      expect(isSafeRedirect(path)).toBe(true);
    }
  });

  it("accepts absolute URLs on an allowed origin only", () => {
    expect(isSafeRedirect("https://blog.example.org/welcome", { allowedOrigins })).toBe(true);
    expect(
      isSafeRedirect("https://blog.example.org/welcome", { allowedOrigins: ["https://blog.example.org/"] }),
    ).toBe(true);
    expect(isSafeRedirect("https://blog.example.org.evil.example/", { allowedOrigins })).toBe(false);
    expect(isSafeRedirect("http://blog.example.org/", { allowedOrigins })).toBe(false);
    expect(isSafeRedirect("https://blog.example.org/")).toBe(false);
  });

  it.each([
    "//evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "https://evil.example",
    "https:evil.example",
    "evil.example",
    "dashboard",
    "",
    " /dashboard",
    "/dash\u0000board",
    "https://user:pw@blog.example.org/",
    "/\u2028/evil.example",
  ])("rejects %j", (target) => {
    expect(isSafeRedirect(target, { allowedOrigins })).toBe(false);
  });

  it("never accepts protocol-relative or scheme-bearing targets off the allow-list", () => {
    const scheme = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9+.-]{0,10}$/);
    fc.assert(
      fc.property(fc.string(), (rest) => {
        expect(isSafeRedirect(`//${rest}`, { allowedOrigins })).toBe(false);
        expect(isSafeRedirect(`/\\${rest}`, { allowedOrigins })).toBe(false);
      }),
    );
    fc.assert(
      fc.property(scheme, fc.string(), (s, rest) => {
        const target = `${s}:${rest}`;
        const accepted = isSafeRedirect(target, { allowedOrigins });
        if (accepted) expect(new URL(target).origin).toBe("https://blog.example.org");
      }),
    );
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        fc.pre(new URL(url).origin !== "https://blog.example.org");
        expect(isSafeRedirect(url, { allowedOrigins })).toBe(false);
      }),
    );
  });
});
