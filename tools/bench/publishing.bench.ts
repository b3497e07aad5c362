// `npm run bench:publishing`: what publishing costs, on a scratch PostgreSQL database holding the
// 10k-post bulk seed (migrated, seeded, ANALYZEd, dropped at the end). One table, every row
// measured in this run next to a bare Fastify handler baseline:
//
// 1. Public reads under load (autocannon, 50 connections): the post list and a post page through
//    the API, and the home page and a post page through the web app (the Next.js production server
//    from `npm run build`, ISR as deployed; skipped with a note when apps/web is not built).
// 2. Staff round trips at low concurrency, where the p95 is what a writer feels: the editor's
//    autosave (PATCH /admin/posts/{id} with `version` and `autosave: true`, one after the other,
//    as the editor sends them) and the dashboard posts list with filters (status, tag, category,
//    date range, featured, `q`), with the same loop run against the baseline.
//
// The API is the real one (`startServer`: cache, jobs, everything main.ts wires) in this process;
// autocannon and Next.js run in child processes.
//
// Env knobs: BENCH_POSTS (10000), BENCH_CONNECTIONS (50), BENCH_DURATION (seconds per load row, 8),
// BENCH_WARMUP (seconds, 2), BENCH_AUTOSAVES (200), BENCH_LIST_REQUESTS (300),
// BENCH_STAFF_CONCURRENCY (4), BENCH_PG_ADMIN_URL (where scratch databases are created).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import { cpus } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, type RunningServer } from "@folio/api";
import { createPasswordHasher } from "@folio/auth";
import { loadConfig } from "@folio/config";
import { AccountsRepository, createDatabase, migrateUp, seedBulk } from "@folio/database";
import { freeUserSlug } from "@folio/domain";
import Fastify, { type FastifyInstance } from "fastify";
import { runAutocannon, type LoadResult } from "./autocannon-runner.js";
import { intFromEnv } from "./env.js";
import { createScratchDatabase, type ScratchDatabase } from "./scratch-database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const settings = {
  posts: intFromEnv("BENCH_POSTS", 10_000, 1, 1_000_000),
  connections: intFromEnv("BENCH_CONNECTIONS", 50, 1, 1_000),
  durationSeconds: intFromEnv("BENCH_DURATION", 8, 1, 600),
  warmupSeconds: intFromEnv("BENCH_WARMUP", 2, 0, 60),
  autosaves: intFromEnv("BENCH_AUTOSAVES", 200, 10, 100_000),
  listRequests: intFromEnv("BENCH_LIST_REQUESTS", 300, 10, 100_000),
  staffConcurrency: intFromEnv("BENCH_STAFF_CONCURRENCY", 4, 1, 64),
};
const PASSWORD = "bench harbour lantern quietly 7Q";

interface Row {
  label: string;
  rps: number;
  p50: number;
  p95: number | null;
  p99: number;
  failures: string;
  base: { rps: number; p50: number; p95: number | null; p99: number } | null;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const options = { connections: settings.connections, headers };
  if (settings.warmupSeconds > 0)
    await runAutocannon(url, { ...options, durationSeconds: settings.warmupSeconds });
  process.stdout.write(
    `  measuring ${name} (${settings.durationSeconds}s, ${settings.connections} connections)…\n`,
  );
  return runAutocannon(url, { ...options, durationSeconds: settings.durationSeconds });
}

function loadRow(label: string, result: LoadResult, base: LoadResult | null): Row {
  return {
    label,
    rps: result.requestsPerSecond,
    p50: result.latencyP50Ms,
    p95: null,
    p99: result.latencyP99Ms,
    failures: `${result.errors + result.timeouts}/${result.non2xx}`,
    base:
      base === null
        ? null
        : { rps: base.requestsPerSecond, p50: base.latencyP50Ms, p95: null, p99: base.latencyP99Ms },
  };
}

interface LoopResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
}

/** `total` calls of `task` with `concurrency` in flight; per-call latency percentiles. */
async function loop(
  total: number,
  concurrency: number,
  task: (i: number) => Promise<boolean>,
): Promise<LoopResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        if (!(await task(i))) failures += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wall = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    rps: (total / wall) * 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    failures,
  };
}

function loopRow(label: string, result: LoopResult, base: LoopResult | null): Row {
  return {
    label,
    rps: result.rps,
    p50: result.p50,
    p95: result.p95,
    p99: result.p99,
    failures: `${result.failures}`,
    base: base === null ? null : { rps: base.rps, p50: base.p50, p95: base.p95, p99: base.p99 },
  };
}

function printTable(rows: Row[]): void {
  const ms = (v: number | null) => (v === null ? "-" : v.toFixed(1));
  const ratio = (v: number | null, b: number | null | undefined) =>
    v === null || b === null || b === undefined ? "-" : `${(v / Math.max(b, 0.001)).toFixed(2)}x`;
  const header = [
    "",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "fail/non-2xx",
    "req/s vs base",
    "p95|p99 vs base",
  ];
  const cells = rows.map((r) => [
    r.label,
    r.rps.toFixed(0),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    r.failures,
    ratio(r.rps, r.base?.rps),
    r.p95 !== null ? ratio(r.p95, r.base?.p95) : ratio(r.p99, r.base?.p99),
  ]);
  const all = [header, ...cells];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  process.stdout.write(`${all.map(line).join("\n")}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the web app exited (${child.exitCode}) before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms`);
}

/** The Next.js production server of apps/web against `apiUrl`, or null when it is not built. */
async function startWeb(apiUrl: string): Promise<{ url: string; stop: () => Promise<void> } | null> {
  if (!existsSync(path.join(root, "apps/web/.next/BUILD_ID"))) return null;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: path.join(root, "apps/web"),
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        API_URL: apiUrl,
        PUBLIC_URL: url,
        WEB_PORT: String(port),
        REVALIDATE_SECRET: randomBytes(32).toString("hex"),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(`${url}/`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function main(): Promise<void> {
  const scratch: ScratchDatabase = await createScratchDatabase();
  const stopOnSignal = () => {
    void scratch.drop().finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  let server: RunningServer | null = null;
  let web: Awaited<ReturnType<typeof startWeb>> = null;
  const closers: FastifyInstance[] = [];
  try {
    process.stdout.write(`Database: scratch database ${scratch.name}\n`);
    const email = `bench-editor-${Date.now()}@folio.test`;
    const seedDb = await createDatabase({ url: scratch.url, applicationName: "folio-bench-seed" });
    let category = "";
    try {
      await migrateUp(seedDb);
      let lastReport = 0;
      const seeded = await seedBulk(seedDb, {
        posts: settings.posts,
        onProgress: (progress) => {
          if (Date.now() - lastReport > 2_000) {
            lastReport = Date.now();
            process.stdout.write(`  seeding: ${progress.inserted}/${progress.total}\n`);
          }
        },
      });
      await seedDb.withConnection((c) => c.exec("ANALYZE"));
      process.stdout.write(
        `Seeded ${seeded.posts} posts in ${(seeded.elapsedMs / 1000).toFixed(1)}s (analyzed)\n`,
      );
      const accounts = new AccountsRepository(seedDb);
      const now = new Date();
      await accounts.insertUser({
        email,
        displayName: "Bench Editor",
        slug: await freeUserSlug(accounts, "Bench Editor"),
        role: "editor",
        status: "active",
        passwordHash: await createPasswordHasher().hash(PASSWORD),
        passwordChangedAt: now,
        emailVerifiedAt: now,
      });
      const [row] = await seedDb.withConnection((c) =>
        c.query<{ slug: string }>(
          "select c.slug from categories c join post_categories pc on pc.category_id = c.id group by c.slug order by count(*) desc limit 1",
        ),
      );
      category = row?.slug ?? "";
    } finally {
      await seedDb.close();
    }

    const config = loadConfig({
      env: {
        FOLIO_ENV: "development",
        LOG_LEVEL: "silent",
        DATABASE_URL: scratch.url,
        HOST: "127.0.0.1",
        API_PORT: "0",
      },
    });
    server = await startServer(config, { logger: false });
    const api = server.url;
    const login = await json<{ access_token: string }>(
      await fetch(`${api}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      }),
      "login",
    );
    const staffHeaders = { authorization: `Bearer ${login.access_token}` };

    const listPath = "/api/v1/posts?limit=15&include=authors,tags";
    const list = await json<{ data: { slug: string; tags?: { slug: string }[] }[] }>(
      await fetch(`${api}${listPath}`),
      "the post list",
    );
    const slug = list.data[0]!.slug;
    const tag = list.data.flatMap((p) => p.tags ?? [])[0]?.slug ?? "";
    const postPath = `/api/v1/posts/${slug}`;
    const listBody = await (await fetch(`${api}${listPath}`)).text();
    const postBody = await (await fetch(`${api}${postPath}`)).text();

    // The same Fastify, minus everything Folio adds: static bodies of the same sizes.
    const baseline = Fastify({ logger: false, bodyLimit: config.http.bodyLimitBytes });
    closers.push(baseline);
    baseline.get(
      "/list",
      (_request, reply) => void reply.type("application/json; charset=utf-8").send(listBody),
    );
    baseline.get(
      "/post",
      (_request, reply) => void reply.type("application/json; charset=utf-8").send(postBody),
    );
    baseline.patch(
      "/post",
      (_request, reply) => void reply.type("application/json; charset=utf-8").send(postBody),
    );
    await baseline.listen({ host: "127.0.0.1", port: 0 });
    const base = `http://127.0.0.1:${(baseline.server.address() as AddressInfo).port}`;

    const rows: Row[] = [];
    process.stdout.write("Public reads under load\n");
    const baseList = await load("baseline list", `${base}/list`);
    const basePost = await load("baseline post", `${base}/post`);
    rows.push(loadRow("Baseline: static list JSON", baseList, null));
    rows.push(loadRow("Baseline: static post JSON", basePost, null));
    rows.push(loadRow("API GET /posts (list)", await load("API list", `${api}${listPath}`), baseList));
    rows.push(loadRow("API GET /posts/{slug}", await load("API post", `${api}${postPath}`), basePost));
    web = await startWeb(api);
    if (web !== null) {
      rows.push(loadRow("Web / (home, per request)", await load("web home", `${web.url}/`), baseList));
      rows.push(loadRow("Web /{slug} (post, ISR)", await load("web post", `${web.url}/${slug}`), basePost));
    } else {
      process.stdout.write("  (web rows skipped: apps/web is not built; run `npm run build`)\n");
    }

    process.stdout.write("Staff round trips\n");
    const created = await json<{ id: string; version: number }>(
      await fetch(`${api}/api/v1/admin/posts`, {
        method: "POST",
        headers: { ...staffHeaders, "content-type": "application/json" },
        body: JSON.stringify({ title: "Autosave benchmark draft" }),
      }),
      "creating the draft",
    );
    let version = created.version;
    const paragraphs: unknown[] = [];
    const autosave = await loop(settings.autosaves, 1, async (i) => {
      paragraphs.push({
        type: "paragraph",
        content: [{ type: "text", text: `Autosaved sentence number ${i}. ` }],
      });
      const res = await fetch(`${api}/api/v1/admin/posts/${created.id}`, {
        method: "PATCH",
        headers: { ...staffHeaders, "content-type": "application/json" },
        body: JSON.stringify({
          body: { type: "doc", content: paragraphs.slice(-40) },
          version,
          autosave: true,
        }),
      });
      const answer = (await res.json()) as { version?: number };
      if (res.ok && answer.version !== undefined) version = answer.version;
      return res.ok;
    });
    const baseAutosave = await loop(settings.autosaves, 1, async () => {
      const res = await fetch(`${base}/post`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ version, autosave: true }),
      });
      await res.arrayBuffer();
      return res.ok;
    });
    rows.push(loopRow("Autosave PATCH (sequential)", autosave, baseAutosave));

    const from = new Date(Date.now() - 365 * 24 * 3_600_000).toISOString();
    const filters = [
      "status=published,scheduled&sort=-published_at",
      `status=published&tag=${tag}`,
      `category=${category}&sort=-updated_at`,
      `date=published&from=${encodeURIComponent(from)}&status=published`,
      "featured=true",
      "q=the&status=draft,published",
      "status=draft&sort=title",
    ].map((f) => `/api/v1/admin/posts?limit=20&${f}`);
    const staffList = await loop(settings.listRequests, settings.staffConcurrency, async (i) => {
      const res = await fetch(`${api}${filters[i % filters.length]}`, { headers: staffHeaders });
      await res.arrayBuffer();
      return res.ok;
    });
    const baseStaffList = await loop(settings.listRequests, settings.staffConcurrency, async () => {
      const res = await fetch(`${base}/list`);
      await res.arrayBuffer();
      return res.ok;
    });
    rows.push(
      loopRow(
        `Staff GET /admin/posts + filters (${settings.staffConcurrency} in flight)`,
        staffList,
        baseStaffList,
      ),
    );

    process.stdout.write(
      `\nPublishing — posts: ${settings.posts}, load rows: ${settings.connections} connections, ` +
        `${settings.durationSeconds}s (+${settings.warmupSeconds}s warm-up); autosaves: ${settings.autosaves}; ` +
        `staff list: ${settings.listRequests} requests over ${filters.length} filter sets; ` +
        `node ${process.version}, ${cpus().length} CPUs. Ratios are against the bare Fastify baseline ` +
        `(static bodies of the same size) measured in this run.\n`,
    );
    printTable(rows);
  } finally {
    await web?.stop();
    for (const app of closers) await app.close();
    await server?.close();
    await scratch.drop();
  }
}

await main();
