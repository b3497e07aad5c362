// `npm run bench`: GET /api/v1/posts?limit=15&include=authors,tags on a seeded PostgreSQL database,
// four ways, each measured in this run: the API with its read cache (memory L1, plus Redis L2
// when REDIS_URL is set), the API without a cache (every request reads PostgreSQL), and a bare
// Fastify server answering the same bytes, from a Buffer (the ratio base) and from a string.
// All of them live in this process with the same settings (logging off); autocannon runs in a
// child process so the load generator does not share the servers' event loop.
//
// Env knobs: BENCH_POSTS (10000), BENCH_CONNECTIONS (50), BENCH_DURATION (seconds, 10),
// BENCH_WARMUP (seconds, 2), DATABASE_URL (use this database instead of a scratch one),
// REDIS_URL (give the cached API a Redis L2 and bus, as in production; memory only without it),
// BENCH_ONLY (comma-separated subset of cached,uncached,baseline,baseline-string: e.g. to profile one with
// `node --cpu-prof --import tsx tools/bench/posts.bench.ts`; ratios need the baseline),
// BENCH_PROFILE (a directory: writes a V8 CPU profile of each variant's measured phase only,
// `<variant>.cpuprofile`, for Chrome DevTools or speedscope).
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector";
import path from "node:path";
import { buildApp, createApiCache } from "@folio/api";
import { loadConfig } from "@folio/config";
import { createDatabase, migrateUp, seedBulk } from "@folio/database";
import { createServices } from "@folio/domain";
import Fastify, { type FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { intFromEnv } from "./env.js";
import { runAutocannon, type LoadResult } from "./autocannon-runner.js";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database.js";

const PATH = "/api/v1/posts?limit=15&include=authors,tags";

const settings = {
  posts: intFromEnv("BENCH_POSTS", 10_000, 1, 1_000_000),
  connections: intFromEnv("BENCH_CONNECTIONS", 50, 1, 1_000),
  durationSeconds: intFromEnv("BENCH_DURATION", 10, 1, 600),
  warmupSeconds: intFromEnv("BENCH_WARMUP", 2, 0, 60),
};

const VARIANTS = ["cached", "uncached", "baseline", "baseline-string"] as const;
type Variant = (typeof VARIANTS)[number];

function variantsFromEnv(): Set<Variant> {
  const raw = process.env.BENCH_ONLY;
  if (raw === undefined || raw.trim() === "") return new Set(VARIANTS);
  const chosen = raw.split(",").map((name) => name.trim());
  const unknown = chosen.filter((name) => !(VARIANTS as readonly string[]).includes(name));
  if (unknown.length > 0 || chosen.length === 0) {
    throw new Error(
      `BENCH_ONLY takes a comma-separated subset of ${VARIANTS.join(",")} (got ${JSON.stringify(raw)})`,
    );
  }
  return new Set(chosen as Variant[]);
}

const variants = variantsFromEnv();

function urlOf(app: FastifyInstance): string {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function measure(name: string, url: string): Promise<LoadResult> {
  if (settings.warmupSeconds > 0) {
    process.stdout.write(`  warming up ${name} (${settings.warmupSeconds}s)…\n`);
    await runAutocannon(url, { connections: settings.connections, durationSeconds: settings.warmupSeconds });
  }
  process.stdout.write(
    `  measuring ${name} (${settings.durationSeconds}s, ${settings.connections} connections)…\n`,
  );
  const profile = process.env.BENCH_PROFILE ? await startProfile() : null;
  const result = await runAutocannon(url, {
    connections: settings.connections,
    durationSeconds: settings.durationSeconds,
  });
  if (profile) {
    const file = path.join(process.env.BENCH_PROFILE!, `${name.replace(/[^A-Za-z0-9]+/g, "-")}.cpuprofile`);
    await profile.stop(file);
    process.stdout.write(`  CPU profile: ${file}\n`);
  }
  return result;
}

/** A V8 CPU profile of this process from now until `stop`. */
async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string): Promise<T> =>
    new Promise((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  await post("Profiler.enable");
  await post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = await post<{ profile: object }>("Profiler.stop");
      session.disconnect();
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(profile));
    },
  };
}

type Row = [label: string, result: LoadResult];

function printTable(bodyBytes: number, rows: Row[], baseline: LoadResult | null, redis: boolean): void {
  const ratio = (value: number, base: number | undefined) =>
    base === undefined ? "-" : `${(value / Math.max(base, 0.001)).toFixed(2)}x`;
  const header = ["", "req/s", "p50 ms", "p99 ms", "errors/non-2xx", "req/s vs base", "p99 vs base"];
  const table: string[][] = [
    header,
    ...rows.map(([label, r]) => [
      label,
      r.requestsPerSecond.toFixed(0),
      r.latencyP50Ms.toFixed(1),
      r.latencyP99Ms.toFixed(1),
      `${r.errors}/${r.non2xx}`,
      ratio(r.requestsPerSecond, baseline?.requestsPerSecond),
      ratio(r.latencyP99Ms, baseline?.latencyP99Ms),
    ]),
  ];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  process.stdout.write(
    [
      "",
      `GET ${PATH} — posts: ${settings.posts}, response body: ${bodyBytes} bytes, connections: ${settings.connections}, ` +
        `duration: ${settings.durationSeconds}s (+${settings.warmupSeconds}s warm-up), node ${process.version}, ${cpus().length} CPUs, ` +
        `cache tiers: memory${redis ? " + redis" : ""}`,
      line(table[0]!),
      ...table.slice(1).map(line),
      "",
    ].join("\n"),
  );
}

async function main(): Promise<void> {
  let scratch: ScratchDatabase | null = null;
  const databaseUrl = process.env.DATABASE_URL ?? (scratch = await createScratchDatabase()).url;
  const stopOnSignal = () => {
    void (async () => {
      await scratch?.drop().catch(() => undefined);
      process.exit(130);
    })();
  };
  process.once("SIGINT", stopOnSignal);
  const config = loadConfig({
    env: { FOLIO_ENV: "development", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl },
  });
  const database = await createDatabase({
    url: databaseUrl,
    poolMax: config.database.poolMax,
    statementTimeoutMs: config.database.statementTimeoutMs,
    applicationName: "folio-bench",
  });
  const apps: FastifyInstance[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    process.stdout.write(`Database: ${scratch ? `scratch database ${scratch.name}` : "DATABASE_URL"}\n`);
    await migrateUp(database);
    let lastReport = 0;
    const seeded = await seedBulk(database, {
      posts: settings.posts,
      onProgress: (progress) => {
        if (Date.now() - lastReport > 1_000) {
          lastReport = Date.now();
          process.stdout.write(`  seeding: ${JSON.stringify(progress)}\n`);
        }
      },
    });
    if (!seeded.analyzed) await database.withConnection((connection) => connection.exec("ANALYZE"));
    process.stdout.write(
      `Seeded ${seeded.posts} posts in ${(seeded.elapsedMs / 1000).toFixed(1)}s (analyzed)\n`,
    );

    const redisUrl = process.env.REDIS_URL ?? null;
    const cache = createApiCache({ redisUrl, keyPrefix: `folio-bench:${randomUUID()}` });
    closers.push(() => cache.close());
    const cursorSecret = config.secrets.cursorSecret.reveal();
    const cached = await buildApp({
      config,
      database,
      services: createServices({ database, cursorSecret, cache }),
      logger: false,
    });
    const uncached = await buildApp({
      config,
      database,
      services: createServices({ database, cursorSecret }),
      logger: false,
    });
    for (const app of [cached, uncached]) {
      apps.push(app);
      await app.listen({ host: "127.0.0.1", port: 0 });
    }

    const [cachedBody, uncachedBody] = await Promise.all(
      [cached, uncached].map(async (app) => {
        const sample = await fetch(`${urlOf(app)}${PATH}`);
        const text = await sample.text();
        if (sample.status !== 200) throw new Error(`Folio answered ${sample.status}: ${text.slice(0, 300)}`);
        return text;
      }),
    );
    if (cachedBody !== uncachedBody)
      throw new Error("the cached and uncached APIs answered different bodies");
    const body = uncachedBody!;

    // The same Fastify version and server options, minus everything Folio adds: the bytes ready
    // in a Buffer (the ratio base: the fastest a Fastify route can answer them), and as a string
    // (what a handler returning pre-rendered JSON does; Node encodes it on every response).
    const bytes = Buffer.from(body, "utf8");
    const baseline = Fastify({ logger: false, bodyLimit: config.http.bodyLimitBytes });
    baseline.get("/api/v1/posts", (_request, reply) => {
      void reply.type("application/json; charset=utf-8").send(bytes);
    });
    const baselineString = Fastify({ logger: false, bodyLimit: config.http.bodyLimitBytes });
    baselineString.get("/api/v1/posts", (_request, reply) => {
      void reply.type("application/json; charset=utf-8").send(body);
    });
    for (const app of [baseline, baselineString]) {
      apps.push(app);
      await app.listen({ host: "127.0.0.1", port: 0 });
    }

    const rows: Row[] = [];
    if (variants.has("cached"))
      rows.push(["Folio, cached", await measure("Folio, cached", `${urlOf(cached)}${PATH}`)]);
    if (variants.has("uncached")) {
      const label = "Folio, uncached (PostgreSQL)";
      rows.push([label, await measure(label, `${urlOf(uncached)}${PATH}`)]);
    }
    if (variants.has("baseline")) {
      const label = "Baseline (same bytes, Buffer)";
      rows.push([label, await measure(label, `${urlOf(baseline)}${PATH}`)]);
    }
    if (variants.has("baseline-string")) {
      const label = "Bare Fastify (same JSON, string)";
      rows.push([label, await measure(label, `${urlOf(baselineString)}${PATH}`)]);
    }
    const baselineResult = rows.find(([label]) => label.startsWith("Baseline"))?.[1] ?? null;
    printTable(Buffer.byteLength(body), rows, baselineResult, redisUrl !== null);
  } finally {
    for (const app of apps) await app.close();
    for (const close of closers) await close();
    await database.close();
    await scratch?.drop();
  }
}

await main();
