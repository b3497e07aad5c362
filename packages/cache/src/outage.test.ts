/* eslint-disable @typescript-eslint/require-await -- loaders are async by contract; test loaders answer at once */
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createCache } from "./cache.js";
import { PrivateRedis, freePort } from "./testing/redis-server.js";
import { uniquePrefix } from "./testing/environment.js";

let server: PrivateRedis;

beforeAll(async () => {
  server = new PrivateRedis(await freePort());
  await server.start();
});

afterAll(async () => {
  await server.stop();
});

describe("Redis outage", () => {
  it("degrades to L1 + loader with one warning and a metric, then recovers by itself", async () => {
    const warn = vi.fn();
    const info = vi.fn();
    const registry = new Registry();
    const keyPrefix = uniquePrefix();
    const logger = { warn, info, error: vi.fn() };
    const a = createCache({
      namespace: "folio",
      keyPrefix,
      redis: { url: server.url },
      metrics: registry,
      logger,
    });
    const b = createCache({ namespace: "folio", keyPrefix, redis: { url: server.url } });
    try {
      await a.set("before", "cached-before");
      expect(await b.get("before")).toBe("cached-before");
      await a.set("edited", "old");

      await server.stop();
      // Written to L1 only: Redis keeps the old value until this key is written again.
      await a.set("edited", "new", { tags: ["edits"] });
      const started = Date.now();
      let loads = 0;
      for (let i = 0; i < 20; i += 1) {
        expect(await a.get("before")).toBe("cached-before"); // L1
        expect(await a.getOrSet(`during:${i % 5}`, async () => `loaded-${++loads}`)).toMatch(/^loaded-/);
        await a.set(`written:${i}`, i);
        await a.delete(`written:${i}`);
        await a.invalidateTags(["posts"]);
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(loads).toBe(5); // L1 still serves what it loaded during the outage
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatchObject({ tier: "redis" });
      expect(a.summary().tiers.redis).toMatchObject({ healthy: false });
      const down = await registry.metrics();
      expect(down).toContain('folio_cache_tier_up{tier="redis"} 0');
      expect(down).toMatch(/folio_cache_tier_errors_total\{tier="redis"\} [1-9]/);

      await server.start();
      await vi.waitFor(() => expect(a.summary().tiers.redis?.healthy).toBe(true), {
        timeout: 5_000,
        interval: 50,
      });
      expect(info).toHaveBeenCalledWith({ tier: "redis" }, "cache tier redis recovered");
      // L1's newer value wins over Redis's older copy.
      expect(await a.get("edited")).toBe("new");
      await vi.waitFor(() => expect(b.summary().tiers.redis?.healthy).toBe(true), {
        timeout: 5_000,
        interval: 50,
      });
      const redisHits = b.summary().tiers.redis?.hits ?? 0;
      await a.set("after", "cached-after");
      expect(await b.get("after")).toBe("cached-after");
      expect(b.summary().tiers.redis?.hits).toBe(redisHits + 1);
      expect(await registry.metrics()).toContain('folio_cache_tier_up{tier="redis"} 1');
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
