/* eslint-disable @typescript-eslint/require-await -- loaders are async by contract; most test loaders answer at once */
import { Registry } from "prom-client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCache } from "./cache.js";
import { cached } from "./wrappers.js";
import type { Cache, CacheOptions } from "./types.js";

const open: Cache[] = [];

function memoryCache(options: Partial<CacheOptions> = {}): Cache {
  const cache = createCache({ namespace: "folio", ...options });
  open.push(cache);
  return cache;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(open.splice(0).map((cache) => cache.close()));
});

function counter() {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    load<T>(value: T) {
      return async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return value;
      };
    },
  };
}

describe("getOrSet", () => {
  it("calls the loader once for 100 concurrent misses of one key", async () => {
    const cache = memoryCache();
    const loads = counter();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => cache.getOrSet("post:1", loads.load({ id: 1 }))),
    );
    expect(loads.calls).toBe(1);
    expect(results.every((r) => r.id === 1)).toBe(true);
    expect(cache.summary().totals.loads).toBe(1);
  });

  it("never caches a loader error", async () => {
    const cache = memoryCache();
    let calls = 0;
    const loader = async () => {
      calls += 1;
      if (calls === 1) throw new Error("database down");
      return "ok";
    };
    await expect(cache.getOrSet("k", loader)).rejects.toThrow("database down");
    await expect(cache.getOrSet("k", loader)).resolves.toBe("ok");
    expect(calls).toBe(2);
    expect(cache.summary().totals.loadErrors).toBe(1);
  });

  it("stores null only with cacheNull (negative caching)", async () => {
    const cache = memoryCache();
    const plain = counter();
    expect(await cache.getOrSet("missing", plain.load(null))).toBeNull();
    expect(await cache.getOrSet("missing", plain.load(null))).toBeNull();
    expect(plain.calls).toBe(2);
    const negative = counter();
    expect(await cache.getOrSet("missing-2", negative.load(null), { cacheNull: true })).toBeNull();
    expect(await cache.getOrSet("missing-2", negative.load(null), { cacheNull: true })).toBeNull();
    expect(negative.calls).toBe(1);
    expect(await cache.get("missing-2")).toBeNull();
  });

  it("returns but does not store values over maxValueBytes or not JSON-serialisable", async () => {
    const warn = vi.fn();
    const cache = memoryCache({ maxValueBytes: 100, logger: { warn, error: vi.fn() } });
    const big = counter();
    const value = "x".repeat(200);
    expect(await cache.getOrSet("big", big.load(value))).toBe(value);
    expect(await cache.getOrSet("big", big.load(value))).toBe(value);
    expect(big.calls).toBe(2);
    expect(await cache.getOrSet("bigint", async () => 10n)).toBe(10n);
    expect(await cache.get("bigint")).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ key: "big", reason: "too-large" }),
      "cache value not cached",
    );
  });

  it("hands the loader an AbortSignal that close() aborts", async () => {
    const cache = memoryCache();
    let signal: AbortSignal | undefined;
    await cache.getOrSet("k", async (ctx) => {
      signal = ctx.signal;
      return 1;
    });
    expect(signal?.aborted).toBe(false);
    await cache.close();
    expect(signal?.aborted).toBe(true);
  });
});

describe("TTL and grace (fake clock)", () => {
  it("expires a value after its TTL", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cache = memoryCache();
    await cache.set("k", "v", { ttlMs: 1_000 });
    vi.setSystemTime(Date.now() + 999);
    expect(await cache.get("k")).toBe("v");
    vi.setSystemTime(Date.now() + 2);
    expect(await cache.get("k")).toBeUndefined();
  });

  it("spreads expiry with ttlJitter", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cache = memoryCache({ ttlJitter: 0.5 });
    const start = Date.now();
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}`);
    for (const key of keys) await cache.set(key, 1, { ttlMs: 1_000 });
    const alive = async () =>
      (await Promise.all(keys.map((k) => cache.get(k)))).filter((v) => v !== undefined).length;
    vi.setSystemTime(start + 499);
    expect(await alive()).toBe(60);
    vi.setSystemTime(start + 1_000);
    const middle = await alive();
    expect(middle).toBeGreaterThan(0);
    expect(middle).toBeLessThan(60);
    vi.setSystemTime(start + 1_501);
    expect(await alive()).toBe(0);
  });

  it("serves the stale value within graceMs when the loader fails, and nothing after graceMs", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cache = memoryCache({ graceMs: 5_000 });
    let failures = 0;
    const failing = async (): Promise<string> => {
      failures += 1;
      throw new Error("database down");
    };
    expect(await cache.getOrSet("k", async () => "v1", { ttlMs: 1_000 })).toBe("v1");
    vi.setSystemTime(Date.now() + 2_000);
    expect(await cache.getOrSet("k", failing, { ttlMs: 1_000 })).toBe("v1");
    // The refresh runs in the background (single-flight per key); the caller got the stale value.
    vi.setSystemTime(Date.now() + 1_000);
    expect(await cache.getOrSet("k", failing, { ttlMs: 1_000 })).toBe("v1");
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(cache.summary().totals.staleHits).toBe(2);

    expect(await cache.getOrSet("other", async () => "v1", { ttlMs: 1_000 })).toBe("v1");
    vi.setSystemTime(Date.now() + 6_001);
    await expect(cache.getOrSet("other", failing, { ttlMs: 1_000 })).rejects.toThrow("database down");
  });

  it("revalidates in the background: the stale value is served at once, the fresh one next", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cache = memoryCache({ graceMs: 60_000 });
    await cache.getOrSet("k", async () => "v1", { ttlMs: 1_000 });
    vi.setSystemTime(Date.now() + 1_500);
    let release: () => void = () => undefined;
    const refreshed = new Promise<void>((resolve) => (release = resolve));
    const slow = async () => {
      await refreshed;
      return "v2";
    };
    expect(await cache.getOrSet("k", slow, { ttlMs: 1_000 })).toBe("v1");
    release();
    await vi.waitFor(async () => expect(await cache.get("k")).toBe("v2"), { timeout: 1_000, interval: 10 });
  });
});

describe("grace without background refresh", () => {
  it("waits for the loader after a TTL or an invalidation, and answers stale only when it fails", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cache = memoryCache();
    const options = { ttlMs: 1_000, graceMs: 60_000, backgroundRefresh: false, tags: ["posts"] };
    expect(await cache.getOrSet("k", async () => "v1", options)).toBe("v1");
    vi.setSystemTime(Date.now() + 1_500);
    expect(await cache.getOrSet("k", async () => "v2", options)).toBe("v2");
    await cache.invalidateTags(["posts"]);
    expect(await cache.getOrSet("k", async () => "v3", options)).toBe("v3");
    await cache.invalidateTags(["posts"]);
    const down = async (): Promise<string> => Promise.reject(new Error("database down"));
    expect(await cache.getOrSet("k", down, options)).toBe("v3");
    expect(cache.summary().totals.staleHits).toBe(1);
  });

  it("answers the loader's error, not the stale value, for errors graceOnError refuses", async () => {
    const cache = memoryCache();
    class Gone extends Error {}
    const options = {
      graceMs: 60_000,
      backgroundRefresh: false,
      tags: ["posts"],
      graceOnError: (error: unknown) => !(error instanceof Gone),
    };
    expect(await cache.getOrSet("k", async () => "v1", options)).toBe("v1");
    await cache.invalidateTags(["posts"]);
    await expect(
      cache.getOrSet("k", async () => Promise.reject(new Gone("unpublished")), options),
    ).rejects.toThrow(Gone);
    // Still stale-capable for the errors it covers.
    expect(await cache.getOrSet("k", async () => Promise.reject(new Error("down")), options)).toBe("v1");
  });
});

describe("namespaces, versions and clear", () => {
  it("keeps child namespaces apart and clears one without the others", async () => {
    const cache = memoryCache();
    const posts = cache.namespace("posts");
    const drafts = posts.namespace("drafts");
    await cache.set("1", "root");
    await posts.set("1", "post");
    await drafts.set("1", "draft");
    expect([await cache.get("1"), await posts.get("1"), await drafts.get("1")]).toEqual([
      "root",
      "post",
      "draft",
    ]);
    expect(drafts.name).toBe("folio.posts.drafts");
    await posts.clear();
    expect([await cache.get("1"), await posts.get("1"), await drafts.get("1")]).toEqual([
      "root",
      undefined,
      undefined,
    ]);
    await posts.set("2", "again");
    await cache.clear();
    expect([await cache.get("1"), await posts.get("2")]).toEqual([undefined, undefined]);
    expect(() => cache.namespace("a:b")).toThrow(TypeError);
  });

  it("lets a loader add tags known only from the loaded value", async () => {
    const cache = memoryCache();
    const bySlug = cache.namespace("posts");
    const read = cached(bySlug, async (slug: string) => ({ id: "p1", slug }), {
      key: (slug) => `slug:${slug}`,
      tags: (slug) => [`post-slug:${slug}`],
      resultTags: (post) => [`post:${post.id}`],
    });
    expect(await read("hello")).toEqual({ id: "p1", slug: "hello" });
    await bySlug.set("other", 1, { tags: ["post:p2"] });
    await cache.invalidateTags(["post:p1"]);
    expect(await bySlug.get("slug:hello")).toBeUndefined();
    expect(await bySlug.get("other")).toBe(1);
    // The namespace's own tags are untouched by what one loader added.
    await bySlug.set("plain", 2);
    await cache.invalidateTags(["post:p1"]);
    expect(await bySlug.get("plain")).toBe(2);
  });

  it("shares tags across namespaces", async () => {
    const cache = memoryCache();
    const posts = cache.namespace("posts");
    await posts.set("list", [1], { tags: ["posts"] });
    await cache.invalidateTags(["posts"]);
    expect(await posts.get("list")).toBeUndefined();
  });

  it("returns JSON copies: a Date comes back as its ISO string", async () => {
    const cache = memoryCache();
    const at = new Date("2026-01-02T03:04:05.000Z");
    await cache.set("k", { at });
    expect(await cache.get("k")).toEqual({ at: "2026-01-02T03:04:05.000Z" });
  });

  it("hands out deeply frozen values, one shared object per stored version", async () => {
    const cache = memoryCache();
    const original = { title: "One", tags: [{ slug: "a" }] };
    await cache.set("k", original, { tags: ["t"] });
    // The first read also learns that tag "t" was never invalidated; later reads share one object.
    expect(Object.isFrozen(await cache.get("k"))).toBe(true);
    const first = await cache.get<typeof original>("k");
    const second = await cache.get<typeof original>("k");
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.tags[0])).toBe(true);
    expect(() => {
      (first as { title: string }).title = "changed";
    }).toThrow(TypeError);
    expect(Object.isFrozen(original)).toBe(false);

    // A new write is a new object; the old one is unchanged.
    await cache.set("k", { title: "Two", tags: [] });
    const third = await cache.get<typeof original>("k");
    expect(third).toEqual({ title: "Two", tags: [] });
    expect(first).toEqual(original);

    // What a loader returns is frozen too, so a value does not change nature between a miss and a hit.
    const loaded = await cache.getOrSet("fresh", async () => ({ list: [1, 2] }));
    expect(Object.isFrozen(loaded.list)).toBe(true);
    expect(await cache.getOrSet("fresh", async () => ({ list: [3] }))).toBe(await cache.get("fresh"));
  });
});

describe("memory bounds, warming and metrics", () => {
  it("evicts least recently used entries past maxEntries and counts evictions", async () => {
    const cache = memoryCache({ memory: { maxEntries: 3 } });
    for (const key of ["a", "b", "c", "d", "e"]) await cache.set(key, key);
    expect(await cache.get("a")).toBeUndefined();
    expect(await cache.get("e")).toBe("e");
    expect(cache.summary().tiers.memory?.evictions).toBe(2);
  });

  it("bounds memory by bytes", async () => {
    const cache = memoryCache({ memory: { maxBytes: 4_000 }, maxValueBytes: 1_500 });
    for (let i = 0; i < 10; i += 1) await cache.set(`k${i}`, "x".repeat(1_000));
    const alive = (await Promise.all(Array.from({ length: 10 }, (_, i) => cache.get(`k${i}`)))).filter(
      Boolean,
    );
    expect(alive.length).toBeLessThanOrEqual(3);
    expect(await cache.get("k9")).toBe("x".repeat(1_000));
  });

  it("warms keys and reports failures", async () => {
    const cache = memoryCache();
    const result = await cache.warm([
      { key: "a", loader: async () => 1 },
      { key: "b", loader: async () => 2, tags: ["t"] },
      { key: "c", loader: async () => Promise.reject(new Error("nope")) },
    ]);
    expect(result).toEqual({ warmed: 2, failed: 1 });
    expect(await cache.get("b")).toBe(2);
  });

  it("registers prom-client metrics per tier and namespace in the given registry", async () => {
    const registry = new Registry();
    const cache = memoryCache({ metrics: registry });
    memoryCache({ metrics: registry, namespace: "other" });
    const posts = cache.namespace("posts");
    await posts.getOrSet("1", async () => "p");
    await posts.get("1");
    let text = await registry.metrics();
    expect(text).toContain('folio_cache_hits_total{tier="memory",namespace="folio.posts"} 1');
    // Memory hits are added to prom-client when it is collected: each scrape sees them all.
    await posts.get("1");
    await posts.get("1");
    text = await registry.metrics();
    expect(text).toContain('folio_cache_hits_total{tier="memory",namespace="folio.posts"} 3');
    expect(text).toContain('folio_cache_hits_total{tier="any",namespace="folio.posts"} 3');
    await posts.get("1");
    expect(text).toContain('folio_cache_misses_total{tier="any",namespace="folio.posts"} 1');
    expect(text).toContain('folio_cache_loads_total{namespace="folio.posts"} 1');
    expect(cache.summary().namespaces["folio.posts"]).toMatchObject({
      hits: 4,
      misses: 1,
      loads: 1,
      hitRatio: 0.8,
    });
  });
});
