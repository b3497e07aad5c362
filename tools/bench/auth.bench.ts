// `npm run bench:auth`: what authentication costs, measured in this run against baselines from
// the same run, on a scratch PostgreSQL database.
//
// 1. Token verification overhead: two routes of the real API answering the same static JSON, one
//    declared `public` and one `authenticated` (called with a valid access token: EdDSA signature
//    check, claims, session-revocation lookup), under the same autocannon load. Also GET /api/v1/me,
//    the cheapest real authenticated read (it loads the user).
// 2. Login throughput: raw argon2id verifications per second (the floor parameters, in this
//    process), then POST /api/v1/auth/login end to end with the same concurrency, with p50/p95.
//
// Env knobs: BENCH_CONNECTIONS (50), BENCH_DURATION (seconds, 10), BENCH_WARMUP (2),
// BENCH_LOGINS (200 logins), BENCH_LOGIN_CONCURRENCY (8), DATABASE_URL (instead of a scratch one).
import { cpus } from "node:os";
import type { AddressInfo } from "node:net";
import { accountsOptionsFromConfig, buildApp } from "@folio/api";
import { createPasswordHasher } from "@folio/auth";
import { loadConfig } from "@folio/config";
import { AccountsRepository, createDatabase, migrateUp } from "@folio/database";
import { createServices, freeUserSlug } from "@folio/domain";
import type { FastifyInstance } from "fastify";
import { intFromEnv } from "./env.js";
import { runAutocannon, type LoadResult } from "./autocannon-runner.js";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database.js";

const settings = {
  connections: intFromEnv("BENCH_CONNECTIONS", 50, 1, 1_000),
  durationSeconds: intFromEnv("BENCH_DURATION", 10, 1, 600),
  warmupSeconds: intFromEnv("BENCH_WARMUP", 2, 0, 60),
  logins: intFromEnv("BENCH_LOGINS", 200, 1, 100_000),
  loginConcurrency: intFromEnv("BENCH_LOGIN_CONCURRENCY", 8, 1, 256),
};
const PASSWORD = "bench harbour lantern quietly 7Q";
const BODY = JSON.stringify({
  ok: true,
  items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}` })),
});

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const load = { connections: settings.connections, headers };
  if (settings.warmupSeconds > 0)
    await runAutocannon(url, { ...load, durationSeconds: settings.warmupSeconds });
  process.stdout.write(
    `  measuring ${name} (${settings.durationSeconds}s, ${settings.connections} connections)…\n`,
  );
  const result = await runAutocannon(url, { ...load, durationSeconds: settings.durationSeconds });
  if (result.errors + result.non2xx > 0) {
    throw new Error(
      `${name}: ${result.errors} errors and ${result.non2xx} non-2xx answers; the run is not valid`,
    );
  }
  return result;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs `total` calls of `task` with `concurrency` in flight; returns per-call ms and the wall time. */
async function runConcurrently(total: number, concurrency: number, task: () => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        const t0 = performance.now();
        await task();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: (total / wallMs) * 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  return all
    .map((row) =>
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "),
    )
    .join("\n");
}

async function main(): Promise<void> {
  let scratch: ScratchDatabase | null = null;
  const databaseUrl = process.env.DATABASE_URL ?? (scratch = await createScratchDatabase()).url;
  const config = loadConfig({
    env: { FOLIO_ENV: "development", LOG_LEVEL: "silent", DATABASE_URL: databaseUrl },
  });
  const database = await createDatabase({
    url: databaseUrl,
    poolMax: config.database.poolMax,
    applicationName: "folio-bench",
  });
  let app: FastifyInstance | null = null;
  try {
    await migrateUp(database);
    const services = createServices({
      database,
      cursorSecret: config.secrets.cursorSecret.reveal(),
      auth: accountsOptionsFromConfig(config),
    });
    app = await buildApp({ config, database, services, logger: false });
    // Two routes that differ only in their declared permission.
    for (const [path, permission] of [
      ["/api/v1/bench/public", "public"],
      ["/api/v1/bench/authenticated", "authenticated"],
    ] as const) {
      app.get(path, { config: { permission } }, (_request, reply) => {
        void reply.type("application/json; charset=utf-8").send(BODY);
      });
    }
    await app.listen({ host: "127.0.0.1", port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const repository = new AccountsRepository(database);
    const email = `bench-${Date.now()}@folio.test`;
    const now = new Date();
    await repository.insertUser({
      email,
      displayName: "Bench Reader",
      slug: await freeUserSlug(repository, "Bench Reader"),
      role: "member",
      status: "active",
      passwordHash: await services.accounts.hasher.hash(PASSWORD),
      passwordChangedAt: now,
      emailVerifiedAt: now,
    });
    const login = async () => {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      const body = (await res.json()) as { access_token?: string };
      if (res.status !== 200 || body.access_token === undefined)
        throw new Error(`login answered ${res.status}`);
      return body.access_token;
    };
    const authorization = `Bearer ${await login()}`;

    process.stdout.write("Token verification overhead\n");
    const publicRoute = await measure("public route", `${base}/api/v1/bench/public`);
    const authedRoute = await measure("authenticated route", `${base}/api/v1/bench/authenticated`, {
      authorization,
    });
    const me = await measure("GET /api/v1/me", `${base}/api/v1/me`, { authorization });

    process.stdout.write("Login throughput\n");
    const hasher = createPasswordHasher({
      memoryCost: config.auth.argon2.memoryKiB,
      timeCost: config.auth.argon2.timeCost,
      parallelism: config.auth.argon2.parallelism,
    });
    const hash = await hasher.hash(PASSWORD);
    const argon = await runConcurrently(settings.logins, settings.loginConcurrency, async () => {
      if (!(await hasher.verify(hash, PASSWORD)).ok) throw new Error("argon2 verify failed");
    });
    const logins = await runConcurrently(settings.logins, settings.loginConcurrency, async () => {
      await login();
    });

    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    const row = (label: string, r: LoadResult, baseline: LoadResult) => [
      label,
      r.requestsPerSecond.toFixed(0),
      r.latencyP50Ms.toFixed(1),
      r.latencyP99Ms.toFixed(1),
      ratio(r.requestsPerSecond, baseline.requestsPerSecond),
    ];
    process.stdout.write(
      [
        "",
        `node ${process.version}, ${cpus().length} CPUs, ${settings.connections} connections, ${settings.durationSeconds}s per row, ` +
          `${config.auth.jwtAlgorithm} access tokens`,
        table(
          ["", "req/s", "p50 ms", "p99 ms", "req/s vs public"],
          [
            row("Public route (same body)", publicRoute, publicRoute),
            row("Authenticated route (bearer)", authedRoute, publicRoute),
            row("GET /api/v1/me (bearer)", me, publicRoute),
          ],
        ),
        "",
        `argon2id m=${config.auth.argon2.memoryKiB} KiB t=${config.auth.argon2.timeCost} p=${config.auth.argon2.parallelism}, ` +
          `${settings.logins} operations, ${settings.loginConcurrency} in flight`,
        table(
          ["", "ops/s", "p50 ms", "p95 ms", "vs raw argon2"],
          [
            [
              "argon2id verify (raw)",
              argon.perSecond.toFixed(1),
              argon.p50.toFixed(1),
              argon.p95.toFixed(1),
              "1.00x",
            ],
            [
              "POST /api/v1/auth/login",
              logins.perSecond.toFixed(1),
              logins.p50.toFixed(1),
              logins.p95.toFixed(1),
              ratio(logins.perSecond, argon.perSecond),
            ],
          ],
        ),
        "",
      ].join("\n"),
    );
  } finally {
    await app?.close();
    await database.close();
    await scratch?.drop();
  }
}

await main();
