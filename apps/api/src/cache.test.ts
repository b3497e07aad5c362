import { posts } from "@folio/database";
import type { Post } from "@folio/types";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildTestApp, type TestApp } from "./testing/build-test-app.js";

async function newestPost(t: TestApp): Promise<{ id: string; slug: string; title: string }> {
  const [row] = await t.database.db
    .select({ id: posts.id, slug: posts.slug, title: posts.title })
    .from(posts)
    .where(eq(posts.status, "published"))
    .orderBy(sql`${posts.publishedAt} desc, ${posts.id} desc`)
    .limit(1);
  return row!;
}

describe("public reads through the API cache (memory)", () => {
  let t: TestApp;
  let post: { id: string; slug: string; title: string };
  beforeAll(async () => {
    t = await buildTestApp({ cache: true });
    post = await newestPost(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers });
  const postsStats = () => t.cache!.summary().namespaces["folio.posts"];

  it("answers a repeated request from the cache, with the same ETag, until its tags are invalidated", async () => {
    const url = "/api/v1/posts?limit=5&include=authors,tags";
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.json<{ data: Post[] }>().data[0]!.title).toBe(post.title);
    const loads = postsStats()!.loads;

    await t.database.db.update(posts).set({ title: "Changed under the cache" }).where(eq(posts.id, post.id));
    const second = await get(url);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(postsStats()!.loads).toBe(loads);
    expect(postsStats()!.hits).toBeGreaterThanOrEqual(1);
    expect((await get(url, { "if-none-match": first.headers.etag as string })).statusCode).toBe(304);

    await t.cache!.invalidateTags(["posts"]);
    const third = await get(url);
    expect(third.json<{ data: Post[] }>().data[0]!.title).toBe("Changed under the cache");
    expect(third.headers.etag).not.toBe(first.headers.etag);
    expect(postsStats()!.loads).toBe(loads + 1);
    await t.database.db.update(posts).set({ title: post.title }).where(eq(posts.id, post.id));
    await t.cache!.invalidateTags(["posts"]);
  });

  it("caches each public route and reports the cache on /metrics", async () => {
    for (const url of [
      `/api/v1/posts/${post.slug}`,
      "/api/v1/tags",
      "/api/v1/categories",
      "/api/v1/authors/priya-raman",
    ]) {
      const a = await get(url);
      const b = await get(url);
      expect(a.statusCode, url).toBe(200);
      expect(b.body).toBe(a.body);
    }
    const summary = t.cache!.summary();
    for (const namespace of ["folio.posts", "folio.taxonomy", "folio.authors"]) {
      expect(summary.namespaces[namespace]!.hits, namespace).toBeGreaterThanOrEqual(1);
    }
    const metrics = await get("/metrics");
    expect(metrics.body).toMatch(/folio_cache_hits_total\{[^}]*namespace="folio\.taxonomy"[^}]*\} [1-9]/);
    expect(metrics.body).toContain("http_request_duration_seconds");
  });

  it("never caches a 404: the post appears as soon as it is published", async () => {
    await t.database.db.update(posts).set({ status: "draft" }).where(eq(posts.id, post.id));
    await t.cache!.invalidateTags(["posts"]);
    expect((await get(`/api/v1/posts/${post.slug}`)).statusCode).toBe(404);
    await t.database.db.update(posts).set({ status: "published" }).where(eq(posts.id, post.id));
    expect((await get(`/api/v1/posts/${post.slug}`)).statusCode).toBe(200);
  });
});

describe("public reads with Redis as L2", () => {
  const runId = inject("testRunId");

  it("keeps answering 200 when Redis is unreachable", { timeout: 30_000 }, async () => {
    const t = await buildTestApp({ cache: { redisUrl: "redis://127.0.0.1:1" } });
    try {
      const post = await newestPost(t);
      for (let round = 0; round < 3; round++) {
        for (const url of ["/api/v1/posts?limit=3", `/api/v1/posts/${post.slug}`, "/api/v1/tags"]) {
          const started = performance.now();
          const res = await t.app.inject({ method: "GET", url });
          expect(res.statusCode, url).toBe(200);
          expect(performance.now() - started).toBeLessThan(3_000);
        }
      }
      const summary = t.cache!.summary();
      expect(summary.tiers.redis?.healthy).toBe(false);
      // L1 still serves repeats while L2 is down.
      expect(summary.namespaces["folio.posts"]!.tiers.memory!.hits).toBeGreaterThanOrEqual(1);
    } finally {
      // The cache's close() rejects while its Redis is unreachable (ioredis' quit() fails);
      // startServer logs that and goes on, and TestApp.close() still closes the database.
      await t.close().catch(() => undefined);
    }
  });

  it("drops the other node's L1 copy over the Redis bus", { timeout: 30_000 }, async () => {
    const keyPrefix = `folio-test:${runId}:two-nodes`;
    const redisUrl = inject("redisUrl");
    const a = await buildTestApp({ kind: "postgres", cache: { redisUrl, keyPrefix } });
    const b = await buildTestApp({ database: a.database, cache: { redisUrl, keyPrefix } });
    try {
      const post = await newestPost(a);
      const url = `/api/v1/posts/${post.slug}`;
      expect((await a.app.inject(url)).json<Post>().title).toBe(post.title);
      expect((await b.app.inject(url)).json<Post>().title).toBe(post.title);
      await a.database.db.update(posts).set({ title: "Fresh on every node" }).where(eq(posts.id, post.id));
      expect((await b.app.inject(url)).json<Post>().title).toBe(post.title);

      await a.cache!.invalidateTags(["posts"]);
      const deadline = Date.now() + 1_000;
      let title = post.title;
      while (title !== "Fresh on every node" && Date.now() < deadline) {
        title = (await b.app.inject(url)).json<Post>().title;
        if (title !== "Fresh on every node") await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(title).toBe("Fresh on every node");
    } finally {
      await b.close();
      await a.close();
    }
  });
});
