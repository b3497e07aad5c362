// Micro benchmarks for @folio/cache next to the raw libraries it is built on, measured in one run:
//   L1 get vs raw lru-cache get (ops/s), L2 get vs raw ioredis GET (latency p50/p99), getOrSet hit.
// bentocache on its own is measured too, so the table shows what our layer adds on top of it.
// Run: npx tsx --conditions=@folio/source tools/bench/cache.bench.ts
// Throughput rows are measured in 5 interleaved rounds (median); latency rows alternate calls.
// Env: REDIS_URL (redis://127.0.0.1:6379), BENCH_SECONDS per throughput row (2), BENCH_L2_OPS (5000).
import { createCache } from "@folio/cache";
import { BentoCache, bentostore } from "bentocache";
import { memoryDriver } from "bentocache/drivers/memory";
import { redisDriver } from "bentocache/drivers/redis";
import { Redis } from "ioredis";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Registry } from "prom-client";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const redisUrl = process.env.REDIS_URL ?? process.env.FOLIO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const seconds = Number(process.env.BENCH_SECONDS ?? "2");
const l2Ops = Number(process.env.BENCH_L2_OPS ?? "5000");

interface Lru<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): unknown;
}
// The lru-cache @folio/cache and bentocache use (11.x), not the older copy hoisted to the root.
const requireFromCache = createRequire(path.join(root, "packages/cache/package.json"));
const lruModule = (await import(pathToFileURL(requireFromCache.resolve("lru-cache")).href)) as {
  LRUCache: new <V>(options: { max: number }) => Lru<V>;
};

const KEYS = Array.from({ length: 1_000 }, (_, i) => `post:${i}`);
const value = (i: number) => ({
  id: i,
  slug: `post-${i}`,
  title: `Post number ${i}`,
  tags: ["a", "b"],
  publishedAt: "2026-12-01T00:00:00Z",
});
const keyAt = (i: number) => KEYS[i % KEYS.length] ?? "post:0";

/** Runs `op` for `ms` milliseconds; returns operations per second. */
async function opsPerSecond(op: (i: number) => unknown, ms: number): Promise<number> {
  let ops = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    for (let j = 0; j < 1_000; j += 1) await op(ops + j);
    ops += 1_000;
  }
  return ops / ((performance.now() - start) / 1_000);
}

/**
 * Ops/s of each variant: all warmed up first, then measured in ROUNDS interleaved rounds (so a
 * slow stretch of the machine or of the JIT hits every variant alike), median per variant.
 */
const ROUNDS = 5;
async function throughputs<K extends string>(
  variants: Record<K, (i: number) => unknown>,
): Promise<Record<K, number>> {
  const entries = Object.entries(variants) as [K, (i: number) => unknown][];
  for (const [, op] of entries) for (let i = 0; i < 50_000; i += 1) await op(i);
  const samples = new Map<K, number[]>(entries.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, op] of entries)
      samples.get(name)?.push(await opsPerSecond(op, (seconds * 1_000) / ROUNDS));
  }
  const result = {} as Record<K, number>;
  for (const [name, values] of samples) {
    values.sort((a, b) => a - b);
    result[name] = values[Math.floor(values.length / 2)] ?? Number.NaN;
  }
  return result;
}

/**
 * Sequential calls after a warm-up, the variants taking turns call by call (so each sees the same
 * Redis and machine); returns p50/p99 per variant in microseconds.
 */
async function latencies<K extends string>(
  variants: Record<K, (i: number) => Promise<unknown>>,
): Promise<Record<K, { p50: number; p99: number }>> {
  const entries = Object.entries(variants) as [K, (i: number) => Promise<unknown>][];
  for (let i = 0; i < 1_000; i += 1) for (const [, op] of entries) await op(i);
  const samples = entries.map((): number[] => []);
  for (let i = 0; i < l2Ops; i += 1) {
    for (let v = 0; v < entries.length; v += 1) {
      const turn = (i + v) % entries.length;
      const start = process.hrtime.bigint();
      await entries[turn]?.[1](i);
      samples[turn]?.push(Number(process.hrtime.bigint() - start) / 1_000);
    }
  }
  const result = {} as Record<K, { p50: number; p99: number }>;
  entries.forEach(([name], v) => {
    const sorted = (samples[v] ?? []).sort((a, b) => a - b);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
    result[name] = { p50: at(0.5), p99: at(0.99) };
  });
  return result;
}

const rows: Record<string, { result: string; vsRaw: string; vsBentocache: string; target: string }> = {};
const ops = (n: number) => `${Math.round(n).toLocaleString("en-US")} ops/s`;
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)} %`;
const times = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const prefix = `folio-bench:${process.pid}:${Date.now()}`;

// --- L1 get ------------------------------------------------------------------------------------
const raw = new lruModule.LRUCache<object>({ max: 10_000 });
const rawJson = new lruModule.LRUCache<string>({ max: 10_000 });
const bentoL1 = new BentoCache({
  default: "c",
  prefix: `${prefix}:bento`,
  stores: { c: bentostore().useL1Layer(memoryDriver({ maxItems: 10_000 })) },
});
const memory = createCache({
  namespace: "bench",
  keyPrefix: prefix,
  metrics: new Registry(),
  defaultTtlMs: 600_000,
});
for (const [i, key] of KEYS.entries()) {
  raw.set(key, value(i));
  rawJson.set(key, JSON.stringify(value(i)));
  await bentoL1.set({ key, value: value(i), ttl: 600_000 });
  await memory.set(key, value(i));
}
const l1 = await throughputs({
  raw: (i) => raw.get(keyAt(i)),
  rawJson: (i) => JSON.parse(rawJson.get(keyAt(i)) ?? "null") as unknown,
  bento: (i) => bentoL1.get({ key: keyAt(i) }),
  get: (i) => memory.get(keyAt(i)),
  hit: (i) => memory.getOrSet(keyAt(i), () => Promise.resolve(value(i))),
});
const { raw: rawOps, rawJson: rawJsonOps, bento: bentoL1Ops, get: l1Ops, hit: hitOps } = l1;
rows["raw lru-cache get (sync)"] = { result: ops(rawOps), vsRaw: "100 %", vsBentocache: "", target: "" };
rows["raw lru-cache get + JSON.parse"] = {
  result: ops(rawJsonOps),
  vsRaw: pct(rawJsonOps, rawOps),
  vsBentocache: "",
  target: "",
};
rows["bentocache L1 get"] = {
  result: ops(bentoL1Ops),
  vsRaw: pct(bentoL1Ops, rawOps),
  vsBentocache: "100 %",
  target: "",
};
rows["@folio/cache L1 get"] = {
  result: ops(l1Ops),
  vsRaw: pct(l1Ops, rawOps),
  vsBentocache: pct(l1Ops, bentoL1Ops),
  target: ">= 80 % of raw",
};
rows["@folio/cache getOrSet hit (L1)"] = {
  result: ops(hitOps),
  vsRaw: pct(hitOps, rawOps),
  vsBentocache: "",
  target: "",
};

// --- L2 get ------------------------------------------------------------------------------------
const client = new Redis(redisUrl);
// The options @folio/cache gives the client it creates (connectRedis): a 2 s command timeout, so a
// hung Redis fails fast. ioredis arms a timer per command for it, which costs a few µs a call.
const timedClient = new Redis(redisUrl, {
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  commandTimeout: 2_000,
});
const bentoClient = new Redis(redisUrl);
const bentoL2 = new BentoCache({
  default: "c",
  prefix: `${prefix}:bento`,
  stores: { c: bentostore().useL2Layer(redisDriver({ connection: bentoClient })) },
});
const remote = createCache({
  namespace: "bench",
  keyPrefix: prefix,
  memory: false,
  redis: { url: redisUrl },
  metrics: new Registry(),
  defaultTtlMs: 600_000,
});
for (const [i, key] of KEYS.entries()) {
  await remote.set(key, value(i));
  await bentoL2.set({ key, value: value(i), ttl: 600_000 });
}
const {
  raw: rawRedis,
  timed: timedRedis,
  bento: bentoRedis,
  ours: ourRedis,
} = await latencies({
  raw: (i) => client.get(`${prefix}:bench:v1:_:${keyAt(i)}`),
  timed: (i) => timedClient.get(`${prefix}:bench:v1:_:${keyAt(i)}`),
  bento: (i) => bentoL2.get({ key: keyAt(i) }),
  ours: (i) => remote.get(keyAt(i)),
});
const µs = (n: number) => `${n.toFixed(1)} µs`;
rows["raw ioredis GET p50 / p99"] = {
  result: `${µs(rawRedis.p50)} / ${µs(rawRedis.p99)}`,
  vsRaw: "1x",
  vsBentocache: "",
  target: "",
};
rows["raw ioredis GET, commandTimeout"] = {
  result: `${µs(timedRedis.p50)} / ${µs(timedRedis.p99)}`,
  vsRaw: `${times(timedRedis.p50, rawRedis.p50)} / ${times(timedRedis.p99, rawRedis.p99)}`,
  vsBentocache: "",
  target: "",
};
rows["bentocache L2 get p50 / p99"] = {
  result: `${µs(bentoRedis.p50)} / ${µs(bentoRedis.p99)}`,
  vsRaw: `${times(bentoRedis.p50, rawRedis.p50)} / ${times(bentoRedis.p99, rawRedis.p99)}`,
  vsBentocache: "1x",
  target: "",
};
rows["@folio/cache L2 get p50 / p99"] = {
  result: `${µs(ourRedis.p50)} / ${µs(ourRedis.p99)}`,
  vsRaw: `${times(ourRedis.p50, rawRedis.p50)} / ${times(ourRedis.p99, rawRedis.p99)}`,
  vsBentocache: `${times(ourRedis.p50, bentoRedis.p50)} / ${times(ourRedis.p99, bentoRedis.p99)}`,
  target: "<= 1.2x raw",
};
const tiered = createCache({
  namespace: "bench",
  keyPrefix: prefix,
  redis: { url: redisUrl },
  metrics: new Registry(),
  defaultTtlMs: 600_000,
});
const { tiered: tieredHitOps } = await throughputs({
  tiered: (i) => tiered.getOrSet(keyAt(i), () => Promise.resolve(value(i))),
});
rows["@folio/cache getOrSet hit (L1+L2)"] = {
  result: ops(tieredHitOps),
  vsRaw: pct(tieredHitOps, rawOps),
  vsBentocache: "",
  target: "",
};

await remote.clear();
await bentoL2.clear();
await Promise.all([
  memory.close(),
  remote.close(),
  tiered.close(),
  bentoL1.disconnectAll(),
  bentoL2.disconnectAll(),
]);
client.disconnect();
timedClient.disconnect();

console.log(
  `@folio/cache micro benchmarks: node ${process.version}, ${seconds} s per throughput row, ${l2Ops} sequential L2 calls`,
);
console.table(rows);
