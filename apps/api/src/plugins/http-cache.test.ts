import { posts, tags } from "@folio/database";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";
import {
  DEFAULT_PUBLIC_CACHE_POLICY,
  entityTagOf,
  ifNoneMatchMatches,
  publicCacheControl,
} from "./http-cache.js";

const PUBLIC_CACHE_CONTROL = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";

describe("If-None-Match evaluation", () => {
  const etag = '"abc-DEF_123"';
  it.each([
    ['"abc-DEF_123"', true],
    ['W/"abc-DEF_123"', true],
    ['"other", W/"abc-DEF_123" , "third"', true],
    ["*", true],
    [" * ", true],
    ['"abc-def_123"', false],
    ['"other"', false],
    ["abc-DEF_123", false],
    ["", false],
    ['"abc-DEF_123', false],
  ])("%j -> %s", (header, matches) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(matches);
  });
  it("never matches without the header, and compares a weak stored tag weakly", () => {
    expect(ifNoneMatchMatches(undefined, etag)).toBe(false);
    expect(ifNoneMatchMatches('"x"', 'W/"x"')).toBe(true);
  });
  it("builds the documented default Cache-Control", () => {
    expect(publicCacheControl(DEFAULT_PUBLIC_CACHE_POLICY)).toBe(PUBLIC_CACHE_CONTROL);
  });
});

describe("HTTP caching on public routes", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      env: { CORS_ORIGINS: "https://blog.example.org" },
      beforeReady: (app) => {
        app.get("/test/private", () => Promise.resolve({ secret: "per-user" }));
        app.get("/test/own-policy", (_request, reply) => {
          reply.header("cache-control", "private, max-age=5");
          return Promise.resolve({ ok: true });
        });
        app.get("/test/short", { config: { publicCache: { sharedMaxAgeSeconds: 30 } } }, () =>
          Promise.resolve({ ok: true }),
        );
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers });

  it.each(["/api/v1/posts?limit=3", "/api/v1/tags", "/api/v1/categories", "/api/v1/authors/priya-raman"])(
    "%s: strong ETag of the body, public Cache-Control, Vary, then 304 on a match",
    async (url) => {
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(etag).toBe(entityTagOf(first.rawPayload));
      expect(first.headers["cache-control"]).toBe(PUBLIC_CACHE_CONTROL);
      expect(first.headers.vary).toContain("Accept-Encoding");

      for (const header of [etag, `W/${etag}`, `"nope", ${etag}`, "*"]) {
        const revalidated = await get(url, { "if-none-match": header });
        expect(revalidated.statusCode, header).toBe(304);
        expect(revalidated.body).toBe("");
        expect(revalidated.headers.etag).toBe(etag);
        expect(revalidated.headers["cache-control"]).toBe(PUBLIC_CACHE_CONTROL);
        expect(revalidated.headers["content-type"]).toBeUndefined();
        expect(revalidated.headers["content-length"]).toBeUndefined();
      }

      const mismatch = await get(url, { "if-none-match": '"stale-tag"' });
      expect(mismatch.statusCode).toBe(200);
      expect(mismatch.body).toBe(first.body);
      expect(mismatch.headers.etag).toBe(etag);
    },
  );

  it("answers a post by slug with an ETag, and HEAD with the same validators and no body", async () => {
    const [summary] = (await get("/api/v1/posts?limit=1")).json<{ data: { slug: string }[] }>().data;
    const url = `/api/v1/posts/${summary!.slug}`;
    const full = await get(url);
    expect(full.statusCode).toBe(200);
    const head = await t.app.inject({ method: "HEAD", url });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    expect(head.headers.etag).toBe(full.headers.etag);
    expect(head.headers["cache-control"]).toBe(PUBLIC_CACHE_CONTROL);
    const headRevalidated = await t.app.inject({
      method: "HEAD",
      url,
      headers: { "if-none-match": full.headers.etag as string },
    });
    expect(headRevalidated.statusCode).toBe(304);
    expect(headRevalidated.body).toBe("");
    expect(headRevalidated.headers.etag).toBe(full.headers.etag);
  });

  it("changes the ETag when the content changes", async () => {
    const before = await get("/api/v1/tags");
    const [row] = await t.database.db
      .update(tags)
      .set({ name: "Typography, revised" })
      .where(eq(tags.slug, "typography"))
      .returning({ id: tags.id });
    expect(row).toBeDefined();
    const after = await get("/api/v1/tags", { "if-none-match": before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain("Typography, revised");
    expect(after.headers.etag).not.toBe(before.headers.etag);

    const [post] = await t.database.db
      .select({ id: posts.id, slug: posts.slug })
      .from(posts)
      .where(eq(posts.status, "published"))
      .limit(1);
    const postBefore = await get(`/api/v1/posts/${post!.slug}`);
    await t.database.db.update(posts).set({ title: "A retitled post" }).where(eq(posts.id, post!.id));
    const postAfter = await get(`/api/v1/posts/${post!.slug}`, {
      "if-none-match": postBefore.headers.etag as string,
    });
    expect(postAfter.statusCode).toBe(200);
    expect(postAfter.json<{ title: string }>().title).toBe("A retitled post");
    expect(postAfter.headers.etag).not.toBe(postBefore.headers.etag);
  });

  it("keeps Vary: Origin from CORS next to Accept-Encoding", async () => {
    const res = await get("/api/v1/tags", { origin: "https://blog.example.org" });
    expect(res.headers["access-control-allow-origin"]).toBe("https://blog.example.org");
    const vary = String(res.headers.vary)
      .split(",")
      .map((token) => token.trim().toLowerCase());
    expect(vary).toEqual(expect.arrayContaining(["origin", "accept-encoding"]));
  });

  it("answers errors on public routes with no-store and no ETag, even with If-None-Match: *", async () => {
    for (const url of [
      "/api/v1/posts/no-such-post",
      "/api/v1/posts?limit=0",
      "/api/v1/authors/nobody-here",
    ]) {
      const res = await get(url, { "if-none-match": "*" });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers.etag).toBeUndefined();
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
  });

  it("answers routes that did not opt in with no-store and no ETag, and keeps a route's own header", async () => {
    const unflagged = await get("/test/private", { "if-none-match": "*" });
    expect(unflagged.statusCode).toBe(200);
    expect(unflagged.headers["cache-control"]).toBe("no-store");
    expect(unflagged.headers.etag).toBeUndefined();
    const own = await get("/test/own-policy");
    expect(own.headers["cache-control"]).toBe("private, max-age=5");
    expect(own.headers.etag).toBeUndefined();
  });

  it("lets a route override parts of the policy", async () => {
    const res = await get("/test/short");
    expect(res.headers["cache-control"]).toBe("public, max-age=60, s-maxage=30, stale-while-revalidate=600");
    expect(res.headers.etag).toBe(entityTagOf(res.rawPayload));
  });
});
