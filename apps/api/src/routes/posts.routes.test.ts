import type { Post, PostList, ProblemDetails, TagList } from "@folio/types";
import { PostListSchema, PostSchema, ProblemDetailsSchema } from "@folio/types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

describe.each(["pglite", "postgres"] as const)("posts routes on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ kind });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string) => t.app.inject({ method: "GET", url });
  const list = async (url: string): Promise<PostList> => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return PostListSchema.parse(res.json());
  };
  const problem = async (url: string, status: number): Promise<ProblemDetails> => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.headers["cache-control"]).toBe("no-store");
    return ProblemDetailsSchema.parse(res.json());
  };

  it("lists the newest published posts with the default page size and cache headers", async () => {
    const res = await get("/api/v1/posts");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.headers["cache-control"]).toBe("public, max-age=60, s-maxage=300, stale-while-revalidate=600");
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    const page = PostListSchema.parse(res.json());
    expect(page.data).toHaveLength(15);
    expect(page.next_cursor).toEqual(expect.any(String));
    const dates = page.data.map((p) => Date.parse(p.published_at));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    // Without `include`, relations are left out.
    expect(page.data[0]).not.toHaveProperty("authors");
    expect(page.data[0]).not.toHaveProperty("tags");
  });

  it("walks every page with next_cursor without repeating or skipping a post", async () => {
    const seen: string[] = [];
    let url = "/api/v1/posts?limit=7";
    for (let pages = 0; pages < 50; pages++) {
      const page = await list(url);
      seen.push(...page.data.map((p) => p.slug));
      if (page.next_cursor === null) break;
      expect(page.data).toHaveLength(7);
      url = `/api/v1/posts?limit=7&cursor=${encodeURIComponent(page.next_cursor)}`;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const all = await list("/api/v1/posts?limit=100");
    expect(all.next_cursor).toBeNull();
    expect(seen).toEqual(all.data.map((p) => p.slug));
    expect(seen.length).toBeGreaterThan(20);
  });

  it("embeds authors and tags when included, and filters by tag, author and featured", async () => {
    const page = await list("/api/v1/posts?limit=100&include=authors,tags");
    expect(page.data.every((p) => Array.isArray(p.authors) && Array.isArray(p.tags))).toBe(true);

    const tags = (await get("/api/v1/tags")).json<TagList>();
    const tag = tags.data.find((candidate) => candidate.post_count > 0)!;
    const tagged = await list(`/api/v1/posts?limit=100&include=tags&tag=${tag.slug}`);
    expect(tagged.data).toHaveLength(tag.post_count);
    expect(tagged.data.every((p) => p.tags!.some((x) => x.slug === tag.slug))).toBe(true);

    const author = page.data[0]!.authors![0]!;
    const byAuthor = await list(`/api/v1/posts?limit=100&include=authors&author=${author.slug}`);
    expect(byAuthor.data.length).toBeGreaterThan(0);
    expect(byAuthor.data.every((p) => p.authors!.some((a) => a.slug === author.slug))).toBe(true);

    const featured = await list("/api/v1/posts?limit=100&featured=true");
    expect(featured.data.length).toBeGreaterThan(0);
    expect(featured.data.every((p) => p.featured)).toBe(true);
    const notFeatured = await list("/api/v1/posts?limit=100&featured=false");
    expect(featured.data.length + notFeatured.data.length).toBe(page.data.length);
  });

  it("returns a published post by slug and 404 problem details for an unknown one", async () => {
    const [summary] = (await list("/api/v1/posts?limit=1")).data;
    const res = await get(`/api/v1/posts/${summary!.slug}`);
    expect(res.statusCode).toBe(200);
    const post: Post = PostSchema.parse(res.json());
    expect(post.slug).toBe(summary!.slug);
    expect(post.html.length).toBeGreaterThan(0);
    expect(res.headers["cache-control"]).toContain("public");

    const missing = await problem("/api/v1/posts/no-such-post", 404);
    expect(missing).toMatchObject({
      type: "https://folio.dev/problems/not-found",
      status: 404,
      instance: "/api/v1/posts/no-such-post",
    });
    expect(missing.request_id).toEqual(expect.any(String));
  });

  it.each([
    ["limit=abc", "/query/limit"],
    ["limit=100000", "/query/limit"],
    ["limit=0", "/query/limit"],
    ["limit=1.5", "/query/limit"],
    ["cursor=forged-cursor-value", "/query/cursor"],
    ["include=comments", "/query/include"],
    ["featured=maybe", "/query/featured"],
    ["sort=title", "/query/sort"],
    ["tag=no-such-tag", "/query/tag"],
    ["author=no-such-author", "/query/author"],
    ["category=no-such-category", "/query/category"],
    ["tag=Not_A_Slug", "/query/tag"],
    ["limit=1&limit=2", "/query/limit"],
  ])("answers 400 problem details naming the field for %s", async (query, pointer) => {
    const body = await problem(`/api/v1/posts?${query}`, 400);
    expect(body.type).toBe("https://folio.dev/problems/validation");
    expect(body.errors?.[0]?.pointer).toBe(pointer);
    expect(body.errors?.[0]?.detail).toEqual(expect.any(String));
  });

  it("rejects a cursor whose signature was tampered with", async () => {
    const { next_cursor } = await list("/api/v1/posts?limit=2");
    const cursor = next_cursor!;
    const last = cursor.at(-1) === "A" ? "B" : "A";
    const body = await problem(`/api/v1/posts?cursor=${encodeURIComponent(cursor.slice(0, -1) + last)}`, 400);
    expect(body.errors?.[0]?.pointer).toBe("/query/cursor");
  });

  it("answers 400 for an over-long post slug", async () => {
    const body = await problem(`/api/v1/posts/${"a".repeat(192)}`, 400);
    expect(body.errors?.[0]?.pointer).toBe("/params/slug");
    const bad = await problem("/api/v1/posts/Not%20A%20Slug", 400);
    expect(bad.errors?.[0]?.pointer).toBe("/params/slug");
  });

  it("never answers 5xx to arbitrary query strings", async () => {
    const key = fc.oneof(
      fc.constantFrom("limit", "cursor", "tag", "category", "author", "featured", "include"),
      fc.string(),
    );
    const value = fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.constantFrom("true", "false", "authors,tags", ""),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 4 }), async (pairs) => {
        const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
        const res = await get(`/api/v1/posts?${query}`);
        expect(res.statusCode, `${query} -> ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.headers["content-type"]).toContain("application/problem+json");
      }),
      { numRuns: kind === "pglite" ? 150 : 60 },
    );
  });
});
