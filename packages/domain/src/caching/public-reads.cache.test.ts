import { randomUUID } from "node:crypto";
import { type Cache, createCache } from "@folio/cache";
import { NotFoundError } from "@folio/core";
import { postAuthors, posts, tags, users } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import type { ListPostsQuery } from "@folio/types";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../services.js";
import {
  cachePublicReads,
  listPostsCacheKey,
  listPostsCacheTags,
  type PublicReadServices,
} from "./public-reads.cache.js";

const SECRET = "test-cursor-secret-0123456789abcdef";

describe("public reads through the cache (PGlite, demo content)", () => {
  let database: TestDatabase;
  let cache: Cache;
  let services: Services;
  let first: { id: string; slug: string; title: string };

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite", seed: "demo" });
    cache = createCache({ namespace: `domain${randomUUID().slice(0, 8)}`, metrics: null });
    services = createServices({ database, cursorSecret: SECRET, cache });
    const [row] = await database.db
      .select({ id: posts.id, slug: posts.slug, title: posts.title })
      .from(posts)
      .where(eq(posts.status, "published"))
      .orderBy(sql`${posts.publishedAt} desc, ${posts.id} desc`)
      .limit(1);
    first = row!;
  });
  afterEach(async () => {
    await cache.clear();
  });
  afterAll(async () => {
    await cache.close();
    await database.close();
  });

  const retitle = (title: string) => database.db.update(posts).set({ title }).where(eq(posts.id, first.id));
  const stats = (child: string) => cache.summary().namespaces[`${cache.name}.${child}`];

  it("serves a repeated listing from the cache until its tags are invalidated", async () => {
    const query: ListPostsQuery = { limit: 5, include: ["authors", "tags"] };
    const loadsBefore = stats("posts")?.loads ?? 0;
    const fresh = await services.posts.listPublished(query);
    expect(fresh.data[0]!.slug).toBe(first.slug);
    await retitle("Retitled behind the cache's back");
    // The same query, written differently: same key, served from memory, old title.
    const again = await services.posts.listPublished({ limit: 5, include: ["tags", "authors", "tags"] });
    expect(again).toEqual(fresh);
    expect(stats("posts")!.loads - loadsBefore).toBe(1);
    expect(stats("posts")!.hits).toBeGreaterThanOrEqual(1);

    await cache.invalidateTags(["posts"]);
    const after = await services.posts.listPublished(query);
    expect(after.data[0]!.title).toBe("Retitled behind the cache's back");
    expect(stats("posts")!.loads - loadsBefore).toBe(2);
    await retitle(first.title);
  });

  it("invalidates a post through the domain event a write emits", async () => {
    const before = await services.posts.getPublishedBySlug(first.slug);
    await retitle("Published edit");
    expect((await services.posts.getPublishedBySlug(first.slug)).title).toBe(before.title);
    const invalidated = await services.events.emit("post.updated", { id: first.id, slug: first.slug });
    expect(invalidated).toEqual(
      expect.arrayContaining(["posts", `post:${first.id}`, `post-slug:${first.slug}`]),
    );
    expect((await services.posts.getPublishedBySlug(first.slug)).title).toBe("Published edit");
    await retitle(first.title);
  });

  it("refreshes taxonomy and author counts when a post is unpublished, and tag lists on a rename", async () => {
    const [tagsBefore, categoriesBefore] = await Promise.all([
      services.taxonomy.listTags(),
      services.taxonomy.listCategories(),
    ]);
    const [byline] = await database.db
      .select({ slug: users.slug })
      .from(postAuthors)
      .innerJoin(users, eq(users.id, postAuthors.userId))
      .where(eq(postAuthors.postId, first.id))
      .limit(1);
    const authorBefore = await services.authors.getBySlug(byline!.slug);

    await database.db.update(posts).set({ status: "draft" }).where(eq(posts.id, first.id));
    expect(await services.taxonomy.listTags()).toEqual(tagsBefore);
    await services.events.emit("post.unpublished", { id: first.id, slug: first.slug });
    const tagsAfter = await services.taxonomy.listTags();
    const countOf = (list: typeof tagsBefore) => list.data.reduce((sum, tag) => sum + tag.post_count, 0);
    expect(countOf(tagsAfter)).toBeLessThan(countOf(tagsBefore));
    const categoriesAfter = await services.taxonomy.listCategories();
    expect(categoriesAfter.data.reduce((sum, c) => sum + c.post_count, 0)).toBeLessThanOrEqual(
      categoriesBefore.data.reduce((sum, c) => sum + c.post_count, 0),
    );
    expect((await services.authors.getBySlug(byline!.slug)).post_count).toBe(authorBefore.post_count - 1);
    await expect(services.posts.getPublishedBySlug(first.slug)).rejects.toMatchObject({ status: 404 });

    await database.db.update(posts).set({ status: "published" }).where(eq(posts.id, first.id));
    await services.events.emit("post.published", { id: first.id, slug: first.slug });
    expect(await services.taxonomy.listTags()).toEqual(tagsBefore);

    const [tag] = tagsBefore.data;
    await database.db.update(tags).set({ name: "Renamed tag" }).where(eq(tags.id, tag!.id));
    expect((await services.taxonomy.listTags()).data[0]!.name).toBe(tag!.name);
    await services.events.emit("tag.renamed", { slug: tag!.slug });
    expect((await services.taxonomy.listTags()).data.map((t) => t.name)).toContain("Renamed tag");
    await database.db.update(tags).set({ name: tag!.name }).where(eq(tags.id, tag!.id));
  });

  it("answers 404 for a cached post once it is unpublished: no stale copy of a post that is gone", async () => {
    const post = await services.posts.getPublishedBySlug(first.slug);
    expect(post.id).toBe(first.id);
    await database.db.update(posts).set({ status: "draft" }).where(eq(posts.id, first.id));
    await services.events.emit("post.unpublished", { id: first.id });
    await expect(services.posts.getPublishedBySlug(first.slug)).rejects.toMatchObject({ status: 404 });
    await database.db.update(posts).set({ status: "published" }).where(eq(posts.id, first.id));
    await services.events.emit("post.published", { id: first.id, slug: first.slug });
  });

  it("never caches errors: unknown slugs and filters reach the database every time", async () => {
    const postsBefore = { ...stats("posts")! };
    const authorsBefore = { ...stats("authors")! };
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(services.posts.getPublishedBySlug("not-yet-written")).rejects.toMatchObject({
        status: 404,
      });
      await expect(services.authors.getBySlug("nobody-at-all")).rejects.toMatchObject({ status: 404 });
      await expect(services.posts.listPublished({ limit: 5, tag: "no-such-tag" })).rejects.toMatchObject({
        status: 400,
      });
    }
    expect(stats("posts")!.loads - postsBefore.loads).toBe(4);
    expect(stats("posts")!.loadErrors - postsBefore.loadErrors).toBe(4);
    expect(stats("authors")!.loads - authorsBefore.loads).toBe(2);
    expect(stats("authors")!.loadErrors - authorsBefore.loadErrors).toBe(2);
  });

  it("keys listings by every field that changes the answer and tags them by filter", () => {
    const base: ListPostsQuery = { limit: 15 };
    const keys = new Set(
      [
        base,
        { limit: 16 },
        { ...base, cursor: "abc" },
        { ...base, tag: "a" },
        { ...base, category: "a" },
        { ...base, author: "a" },
        { ...base, featured: true },
        { ...base, featured: false },
        { ...base, include: ["authors" as const] },
        { ...base, include: ["authors" as const, "tags" as const] },
      ].map(listPostsCacheKey),
    );
    expect(keys.size).toBe(10);
    expect(listPostsCacheKey({ ...base, include: ["tags", "authors"] })).toBe(
      listPostsCacheKey({ ...base, include: ["authors", "tags", "authors"] }),
    );
    expect(listPostsCacheTags({ limit: 5, tag: "t", category: "c", author: "a" })).toEqual([
      "posts",
      "tag:t",
      "category:c",
      "author:a",
    ]);
  });
});

describe("public reads while the database fails", () => {
  it("answer the last good value within the grace period, and fresh values once it is back", async () => {
    const cache = createCache({ namespace: `grace${randomUUID().slice(0, 8)}`, metrics: null });
    let failing = false;
    let title = "First title";
    const source = {
      posts: {
        getPublishedBySlug: (slug: string) => {
          if (failing) return Promise.reject(new Error("connection terminated unexpectedly"));
          if (slug !== "hello") return Promise.reject(new NotFoundError("No published post has this slug."));
          return Promise.resolve({ id: "p1", slug, title });
        },
      },
      taxonomy: {},
      authors: {},
    } as unknown as PublicReadServices;
    const reads = cachePublicReads(source, cache);
    try {
      expect(await reads.posts.getPublishedBySlug("hello")).toMatchObject({ title: "First title" });
      title = "Second title";
      await cache.invalidateTags(["posts"]);
      failing = true;
      expect(await reads.posts.getPublishedBySlug("hello")).toMatchObject({ title: "First title" });
      await expect(reads.posts.getPublishedBySlug("unknown")).rejects.toThrow("connection terminated");
      failing = false;
      expect(await reads.posts.getPublishedBySlug("hello")).toMatchObject({ title: "Second title" });
      await expect(reads.posts.getPublishedBySlug("unknown")).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await cache.close();
    }
  });
});

describe("services without a cache", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite", seed: "demo" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("read the database every time and still deliver events to listeners", async () => {
    const services = createServices({ database, cursorSecret: SECRET });
    const before = await services.taxonomy.listTags();
    const [tag] = before.data;
    await database.db.update(tags).set({ name: "Uncached rename" }).where(eq(tags.id, tag!.id));
    expect((await services.taxonomy.listTags()).data.map((t) => t.name)).toContain("Uncached rename");

    const seen: string[] = [];
    const stop = services.events.subscribe((type, payload) => {
      seen.push(`${type}:${JSON.stringify(payload)}`);
    });
    const failing = services.events.subscribe(() => Promise.reject(new Error("indexer down")));
    await expect(services.events.emit("tag.renamed", { slug: tag!.slug })).rejects.toBeInstanceOf(
      AggregateError,
    );
    expect(seen).toEqual([`tag.renamed:${JSON.stringify({ slug: tag!.slug })}`]);
    failing();
    stop();
    expect(await services.events.emit("tag.deleted", { slug: tag!.slug })).toEqual([]);
    expect(seen).toHaveLength(1);
  });
});
