// `npm run bench`: GET /api/v1/posts?limit=15&include=authors,tags on a seeded PostgreSQL database,
// next to a bare Fastify server answering a static JSON body of the same size, both in this
// process with the same settings (logging off). autocannon runs in a child process so the load
// generator does not share the servers' event loop.
//
// Env knobs: BENCH_POSTS (10000), BENCH_CONNECTIONS (50), BENCH_DURATION (seconds, 10),
// BENCH_WARMUP (seconds, 2), DATABASE_URL (use this database instead of a scratch one).
import { buildApp } from "@folio/api";
import { loadConfig } from "@folio/config";
import { createDatabase, migrateUp, seedBulk } from "@folio/database";
import { createServices } from "@folio/domain";
import Fastify, { type FastifyInstance } from "fastify";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { runAutocannon, type LoadResult } from "./autocannon-runner.js";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database.js";

const PATH = "/api/v1/posts?limit=15&include=authors,tags";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

const settings = {
  posts: intFromEnv("BENCH_POSTS", 10_000, 1, 1_000_000),
  connections: intFromEnv("BENCH_CONNECTIONS", 50, 1, 1_000),
  durationSeconds: intFromEnv("BENCH_DURATION", 10, 1, 600),
  warmupSeconds: intFromEnv("BENCH_WARMUP", 2, 0, 60),
};

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
  return runAutocannon(url, { connections: settings.connections, durationSeconds: settings.durationSeconds });
}

function printTable(bodyBytes: number, folio: LoadResult, baseline: LoadResult): void {
  const rows: [string, string, string, string, string][] = [
    ["", "req/s", "p50 ms", "p99 ms", "errors/non-2xx"],
    ...(
      [
        ["Folio  GET " + PATH, folio],
        ["Baseline (static JSON, same size)", baseline],
      ] as const
    ).map(([label, r]): [string, string, string, string, string] => [
      label,
      r.requestsPerSecond.toFixed(0),
      r.latencyP50Ms.toFixed(1),
      r.latencyP99Ms.toFixed(1),
      `${r.errors}/${r.non2xx}`,
    ]),
    [
      "Folio / baseline",
      `${(folio.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)}x`,
      `${(folio.latencyP50Ms / Math.max(baseline.latencyP50Ms, 0.001)).toFixed(1)}x`,
      `${(folio.latencyP99Ms / Math.max(baseline.latencyP99Ms, 0.001)).toFixed(1)}x`,
      "",
    ],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  process.stdout.write(
    [
      "",
      `posts: ${settings.posts}, response body: ${bodyBytes} bytes, connections: ${settings.connections}, ` +
        `duration: ${settings.durationSeconds}s (+${settings.warmupSeconds}s warm-up), node ${process.version}, ${cpus().length} CPUs`,
      line(rows[0]!),
      ...rows.slice(1).map(line),
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

    const services = createServices({ database, cursorSecret: config.secrets.cursorSecret.reveal() });
    const folio = await buildApp({ config, database, services, logger: false });
    apps.push(folio);
    await folio.listen({ host: "127.0.0.1", port: 0 });

    const sample = await fetch(`${urlOf(folio)}${PATH}`);
    const body = await sample.text();
    if (sample.status !== 200) throw new Error(`Folio answered ${sample.status}: ${body.slice(0, 300)}`);

    // The same Fastify version and server options, minus everything Folio adds.
    const baseline = Fastify({ logger: false, bodyLimit: config.http.bodyLimitBytes });
    apps.push(baseline);
    baseline.get("/api/v1/posts", (_request, reply) => {
      void reply.type("application/json; charset=utf-8").send(body);
    });
    await baseline.listen({ host: "127.0.0.1", port: 0 });

    const folioResult = await measure("Folio", `${urlOf(folio)}${PATH}`);
    const baselineResult = await measure("baseline", `${urlOf(baseline)}${PATH}`);
    printTable(Buffer.byteLength(body), folioResult, baselineResult);
  } finally {
    for (const app of apps) await app.close();
    await database.close();
    await scratch?.drop();
  }
}

await main();
