// Micro benchmarks for @folio/cache next to the raw libraries it is built on, measured in one run:
//   L1 get vs raw lru-cache get (ops/s), L2 get vs raw ioredis GET (latency p50/p99), getOrSet hit.
// bentocache on its own is measured too, so the table shows what our layer adds on top of it.
// Run: npx tsx --conditions=@folio/source tools/bench/cache.bench.ts
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

/** Runs `op` for `seconds` after a warm-up; returns operations per second. */
async function throughput(op: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < 20_000; i += 1) await op(i);
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1_000;
  while (performance.now() < end) {
    for (let j = 0; j < 1_000; j += 1) await op(ops + j);
    ops += 1_000;
  }
  return ops / ((performance.now() - start) / 1_000);
}

/** Sequential calls after a warm-up; returns p50/p99 in microseconds. */
async function latency(op: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 1_000; i += 1) await op(i);
  const samples: number[] = [];
  for (let i = 0; i < l2Ops; i += 1) {
    const start = process.hrtime.bigint();
    await op(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1_000);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99) };
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
const rawOps = await throughput((i) => raw.get(keyAt(i)));
const rawJsonOps = await throughput((i) => JSON.parse(rawJson.get(keyAt(i)) ?? "null") as unknown);
const bentoL1Ops = await throughput((i) => bentoL1.get({ key: keyAt(i) }));
const l1Ops = await throughput((i) => memory.get(keyAt(i)));
const hitOps = await throughput((i) => memory.getOrSet(keyAt(i), () => Promise.resolve(value(i))));
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
const rawRedis = await latency((i) => client.get(`${prefix}:bench:v1:_:${keyAt(i)}`));
const bentoRedis = await latency((i) => bentoL2.get({ key: keyAt(i) }));
const ourRedis = await latency((i) => remote.get(keyAt(i)));
const µs = (n: number) => `${n.toFixed(1)} µs`;
rows["raw ioredis GET p50 / p99"] = {
  result: `${µs(rawRedis.p50)} / ${µs(rawRedis.p99)}`,
  vsRaw: "1x",
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
const tieredHitOps = await throughput((i) => tiered.getOrSet(keyAt(i), () => Promise.resolve(value(i))));
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

console.log(
  `@folio/cache micro benchmarks: node ${process.version}, ${seconds} s per throughput row, ${l2Ops} sequential L2 calls`,
);
console.table(rows);
