/* eslint-disable @typescript-eslint/require-await -- loaders are async by contract; most test loaders answer at once */
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createCache } from "./cache.js";
import { createEventInvalidator, folioCacheEvents } from "./invalidation.js";
import { createScratchDatabase, redisUrl, uniquePrefix } from "./testing/environment.js";
import type { Cache, CacheOptions } from "./types.js";
import { cached, evicting, writingThrough } from "./wrappers.js";

let database: { url: string; drop: () => Promise<void> };
let pool: pg.Pool;
let redis: Redis;
const open: Cache[] = [];

beforeAll(async () => {
  database = await createScratchDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  redis = new Redis(redisUrl);
});

afterAll(async () => {
  await pool.end();
  redis.disconnect();
  await database.drop();
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((cache) => cache.close()));
});

/** A "node": its own L1, sharing Redis/PostgreSQL with every other node of the same prefix. */
function node(keyPrefix: string, options: Partial<CacheOptions> = {}): Cache {
  const cache = createCache({ namespace: "folio", keyPrefix, redis: { url: redisUrl }, ...options });
  open.push(cache);
  return cache;
}

async function redisKeys(prefix: string): Promise<string[]> {
  return (await redis.keys(`${prefix}:*`)).filter((key) => !key.includes("___bc:t:"));
}

describe("memory + Redis", () => {
  it("writes through to Redis, so a second node reads it from L2", async () => {
    const prefix = uniquePrefix();
    const a = node(prefix);
    const b = node(prefix);
    await a.set("post:1", { title: "Hello" });
    expect(await redisKeys(prefix)).toEqual([`${prefix}:folio:v1:_:post:1`]);
    expect(await b.get("post:1")).toEqual({ title: "Hello" });
    expect(b.summary().tiers.redis?.hits).toBe(1);
    expect(await b.get("post:1")).toEqual({ title: "Hello" });
    expect(b.summary().tiers.memory?.hits).toBe(1);
  });

  it("invalidates a tag in Redis and in every node's L1 (bus) within a second", async () => {
    const prefix = uniquePrefix();
    const a = node(prefix);
    const b = node(prefix);
    await b.getOrSet("list", async () => ["v1"], { tags: ["posts"] });
    expect(await b.get("list")).toEqual(["v1"]);
    const started = Date.now();
    await a.invalidateTags(["posts"]);
    await vi.waitFor(async () => expect(await b.get("list")).toBeUndefined(), {
      timeout: 1_000,
      interval: 10,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await b.getOrSet("list", async () => ["v2"], { tags: ["posts"] })).toEqual(["v2"]);
  });

  it("sends invalidations on a channel of its own key prefix only", async () => {
    const prefix = uniquePrefix();
    const subscriber = redis.duplicate();
    const heard: string[] = [];
    try {
      await subscriber.psubscribe("bentocache.notifications*");
      subscriber.on("pmessage", (_pattern, channel: string) => heard.push(channel));
      const a = node(prefix);
      await a.set("k", "v");
      await a.invalidateTags(["posts"]);
      const own = `bentocache.notifications:cache:${prefix}:folio:v1`;
      await vi.waitFor(() => expect(heard.filter((channel) => channel === own).length).toBe(2), {
        timeout: 1_000,
      });
      // (Other test files may publish meanwhile, each on its own prefix's channel: none unscoped.)
      expect(heard.filter((channel) => channel === "bentocache.notifications:cache")).toEqual([]);
    } finally {
      subscriber.disconnect();
    }
  });

  it("does not share values across versions", async () => {
    const prefix = uniquePrefix();
    await node(prefix).set("k", "old");
    expect(await node(prefix, { version: 2 }).get("k")).toBeUndefined();
    expect(await node(prefix).get("k")).toBe("old");
  });

  it("single-flights 100 concurrent misses into one loader call", async () => {
    const cache = node(uniquePrefix());
    let calls = 0;
    const loader = async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return "v";
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => cache.getOrSet("hot", loader)));
    expect(new Set(results)).toEqual(new Set(["v"]));
    expect(calls).toBe(1);
  });

  it("invalidates through domain events", async () => {
    const prefix = uniquePrefix();
    const cache = node(prefix);
    const posts = cache.namespace("posts");
    await posts.set("list:1", ["a"], { tags: ["posts"] });
    await posts.set("slug:hello", { id: "p1" }, { tags: ["posts", "post:p1"] });
    await cache.set("author:ada", { name: "Ada" }, { tags: ["author:ada"] });
    await cache.set("tags", ["x"], { tags: ["tags"] });
    const invalidator = createEventInvalidator(cache, folioCacheEvents);
    expect(await invalidator.handle({ type: "post.updated", payload: { id: "p1", slug: "hello" } })).toEqual([
      "posts",
      "post:p1",
      "post-slug:hello",
    ]);
    expect([await posts.get("list:1"), await posts.get("slug:hello")]).toEqual([undefined, undefined]);
    expect(await cache.get("tags")).toEqual(["x"]);
    await invalidator.handle({ type: "author.updated", payload: { slug: "ada" } });
    expect(await cache.get("author:ada")).toBeUndefined();
    await invalidator.handle({ type: "tag.renamed", payload: { slug: "js", previousSlug: "javascript" } });
    expect(await cache.get("tags")).toBeUndefined();
    expect(await invalidator.handle({ type: "comment.created" })).toEqual([]);
  });

  it("wraps functions: cached reads, evicting and write-through writes", async () => {
    const cache = node(uniquePrefix());
    const db = new Map<string, string>([["p1", "Hello"]]);
    let reads = 0;
    const findTitle = cached(
      cache,
      async (id: string) => {
        reads += 1;
        return db.get(id) ?? null;
      },
      { key: (id) => `title:${id}`, tags: (id) => [`post:${id}`] },
    );
    const rename = evicting(
      cache,
      async (id: string, title: string) => {
        db.set(id, title);
      },
      { tags: (id) => [`post:${id}`] },
    );
    const create = writingThrough(
      cache,
      async (id: string, title: string) => {
        db.set(id, title);
        return { id, title };
      },
      { key: (post) => `post:${post.id}`, invalidateTags: () => ["posts"] },
    );
    expect([await findTitle("p1"), await findTitle("p1")]).toEqual(["Hello", "Hello"]);
    expect(reads).toBe(1);
    await rename("p1", "Bonjour");
    expect(await findTitle("p1")).toBe("Bonjour");
    expect(reads).toBe(2);
    await create("p2", "New");
    expect(await cache.get("post:p2")).toEqual({ id: "p2", title: "New" });
  });
});

describe("PostgreSQL tier", () => {
  it("works alone: creates its table, honours TTL, tags and delete, and sweeps expired rows", async () => {
    const prefix = uniquePrefix();
    const cache = createCache({
      namespace: "folio",
      keyPrefix: prefix,
      memory: false,
      postgres: { pool, table: "cache_alone", sweepIntervalMs: 100 },
    });
    open.push(cache);
    await cache.set("a", { n: 1 }, { tags: ["t"] });
    await cache.set("short", 1, { ttlMs: 50 });
    expect(await cache.get("a")).toEqual({ n: 1 });
    await cache.invalidateTags(["t"]);
    expect(await cache.get("a")).toBeUndefined();
    await cache.set("b", 2);
    await cache.delete("b");
    expect(await cache.get("b")).toBeUndefined();
    await vi.waitFor(
      async () => {
        const { rows } = await pool.query<{ key: string }>(
          "select key from cache_alone where key like '%short'",
        );
        expect(rows).toEqual([]);
      },
      { timeout: 2_000, interval: 50 },
    );
  });

  it("composes L1 -> Redis -> PostgreSQL and backfills Redis from PostgreSQL", async () => {
    const prefix = uniquePrefix();
    const options = { postgres: { pool, table: "cache_tiers" } };
    const a = node(prefix, options);
    await a.set("post:1", "hello", { ttlMs: 60_000 });
    const key = `${prefix}:folio:v1:_:post:1`;
    const { rows } = await pool.query<{ expires_at: string }>(
      "select expires_at from cache_tiers where key = $1",
      [key],
    );
    expect(rows).toHaveLength(1);
    await redis.del(key);
    const b = node(prefix, options);
    expect(await b.get("post:1")).toBe("hello");
    expect(b.summary().tiers.postgres?.hits).toBe(1);
    await vi.waitFor(async () => expect(await redis.pttl(key)).toBeGreaterThan(50_000), { timeout: 1_000 });
    await a.clear();
    expect(await b.get("post:1")).toBeUndefined();
    const after = await pool.query("select 1 from cache_tiers where key = $1", [key]);
    expect(after.rowCount).toBe(0);
  });
});
