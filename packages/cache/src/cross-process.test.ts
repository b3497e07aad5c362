import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ChildNode } from "./testing/child-node.js";
import { redisUrl, uniquePrefix } from "./testing/environment.js";

let a: ChildNode;
let b: ChildNode;

beforeAll(async () => {
  const env = { FOLIO_TEST_REDIS_URL: redisUrl, CACHE_KEY_PREFIX: uniquePrefix() };
  a = new ChildNode(env);
  b = new ChildNode(env);
  // Both processes are up and B's bus subscription delivers: B holds "probe" in L1, A overwrites it.
  await a.send({ op: "set", key: "probe", value: 1 });
  expect(await b.send({ op: "get", key: "probe" })).toBe(1);
  await vi.waitFor(
    async () => {
      await a.send({ op: "set", key: "probe", value: 2 });
      expect(await b.send({ op: "get", key: "probe" })).toBe(2);
    },
    { timeout: 15_000, interval: 100 },
  );
}, 30_000);

afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe("cross-process L1 invalidation over Redis pub/sub", () => {
  it("B reads fresh within 1 s after A invalidates a tag B's L1 entry carries", async () => {
    expect(await b.send({ op: "getOrSet", key: "post:hello", value: "v1", tags: ["posts", "post:1"] })).toBe(
      "v1",
    );
    expect(await b.send({ op: "getOrSet", key: "post:hello", value: "ignored", tags: ["posts"] })).toBe("v1");
    const started = Date.now();
    await a.send({ op: "invalidate", tags: ["post:1"] });
    await vi.waitFor(
      async () =>
        expect(await b.send({ op: "getOrSet", key: "post:hello", value: "v2", tags: ["posts"] })).toBe("v2"),
      { timeout: 1_000, interval: 20 },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("B reads A's new value within 1 s after A overwrites a key B holds in L1", async () => {
    await a.send({ op: "set", key: "author:ada", value: { name: "Ada" } });
    expect(await b.send({ op: "get", key: "author:ada" })).toEqual({ name: "Ada" });
    const started = Date.now();
    await a.send({ op: "set", key: "author:ada", value: { name: "Ada Lovelace" } });
    await vi.waitFor(
      async () => expect(await b.send({ op: "get", key: "author:ada" })).toEqual({ name: "Ada Lovelace" }),
      {
        timeout: 1_000,
        interval: 20,
      },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
