#!/usr/bin/env node
// folio-db: migrate | rollback [--to NAME | --all | --step N] | status | seed [--demo [--if-empty] | --posts N]
// Reads configuration with @folio/config (DATABASE_URL, or PGlite in DATA_DIR), prints progress,
// always closes the database, and exits non-zero with a readable message on failure.
import { parseArgs } from "node:util";
import { formatConfigError, isConfigError, loadConfig, redactUrl } from "@folio/config";
import { createDatabase } from "./connection.js";
import type { Database } from "./db-types.js";
import { migrateDown, migrateUp, migrationStatus } from "./migrator.js";
import { seedBulk } from "./seeds/bulk.seed.js";
import { seedDemoContent } from "./seeds/demo.seed.js";

const USAGE = `usage: folio-db <command> [options]

commands:
  migrate [--to NAME]                     apply pending migrations (up to NAME)
  rollback [--to NAME | --all | --step N] revert the last migration, N of them, down to NAME, or all
  status                                  list migrations and when they were applied
  seed [--demo] [--if-empty]              load the demo content (skipped when the database has content)
  seed --posts N                          add N generated posts for benchmarks`;

class UsageError extends Error {}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`${flag} expects a positive integer, got "${value}"`);
  return Number(value);
}

async function migrate(database: Database, to: string | undefined): Promise<void> {
  const applied = await migrateUp(database, { ...(to === undefined ? {} : { to }), onLog: log });
  log(
    applied.length === 0 ? "migrate: already up to date" : `migrate: applied ${applied.length} migration(s)`,
  );
}

async function rollback(
  database: Database,
  options: { to?: string; all?: boolean; step?: string },
): Promise<void> {
  const chosen = [options.to !== undefined, options.all === true, options.step !== undefined].filter(
    Boolean,
  ).length;
  if (chosen > 1) throw new UsageError("rollback takes only one of --to, --all and --step");
  const step = positiveInteger(options.step, "--step");
  const reverted = await migrateDown(database, {
    ...(options.all ? { to: 0 as const } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(step !== undefined ? { step } : {}),
    onLog: log,
  });
  log(
    reverted.length === 0
      ? "rollback: nothing to revert"
      : `rollback: reverted ${reverted.length} migration(s)`,
  );
}

async function status(database: Database): Promise<void> {
  const records = await migrationStatus(database);
  const width = Math.max(...records.map((r) => r.name.length), 4);
  log(`${"name".padEnd(width)}  applied at`);
  for (const record of records) {
    log(`${record.name.padEnd(width)}  ${record.appliedAt ? record.appliedAt.toISOString() : "pending"}`);
  }
  const pending = records.filter((r) => r.appliedAt === null).length;
  log(pending === 0 ? "status: up to date" : `status: ${pending} pending migration(s)`);
}

async function seed(database: Database, options: { posts?: string; demo?: boolean }): Promise<void> {
  const posts = positiveInteger(options.posts, "--posts");
  if (posts !== undefined && options.demo)
    throw new UsageError("seed takes either --demo or --posts, not both");
  // Seeding needs the schema: apply anything pending first.
  await migrateUp(database, { onLog: log });
  if (posts === undefined) {
    const result = await seedDemoContent(database);
    log(
      result.skipped
        ? "seed: skipped, the database already has content"
        : `seed: demo content loaded (${result.users} authors, ${result.tags} tags, ${result.categories} categories, ${result.posts} posts)`,
    );
    return;
  }
  let lastReport = 0;
  const result = await seedBulk(database, {
    posts,
    onProgress: (p) => {
      if (p.inserted < p.total && p.elapsedMs - lastReport < 1_000) return;
      lastReport = p.elapsedMs;
      const percent = ((p.inserted / p.total) * 100).toFixed(0).padStart(3);
      log(`seed: ${p.inserted}/${p.total} posts (${percent}%), ${p.ratePerSecond} posts/s`);
    },
  });
  log(`seed: ${result.posts} posts in ${(result.elapsedMs / 1000).toFixed(1)}s; vacuumed and analyzed`);
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        to: { type: "string" },
        all: { type: "boolean" },
        step: { type: "string" },
        posts: { type: "string" },
        demo: { type: "boolean" },
        "if-empty": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    process.stderr.write(`folio-db: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || command === undefined) {
    log(USAGE);
    return command === undefined && !parsed.values.help ? 2 : 0;
  }
  if (!["migrate", "rollback", "status", "seed"].includes(command)) {
    process.stderr.write(`folio-db: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }

  let database: Database | undefined;
  try {
    const config = loadConfig();
    const url = config.database.url?.reveal() ?? null;
    log(`folio-db: ${url ? `PostgreSQL ${redactUrl(url)}` : `PGlite in ${config.dataDir}`}`);
    database = await createDatabase({
      url,
      dataDir: config.dataDir,
      poolMax: 2,
      // Migrations and bulk loads may legitimately run longer than a request.
      statementTimeoutMs: 0,
      connectionTimeoutMs: config.database.connectionTimeoutMs,
      applicationName: `${config.database.applicationName}-cli`,
    });
    const values = parsed.values;
    if (command === "migrate") await migrate(database, values.to);
    else if (command === "rollback")
      await rollback(database, {
        ...(values.to !== undefined ? { to: values.to } : {}),
        ...(values.all !== undefined ? { all: values.all } : {}),
        ...(values.step !== undefined ? { step: values.step } : {}),
      });
    else if (command === "status") await status(database);
    else
      await seed(database, {
        ...(values.posts !== undefined ? { posts: values.posts } : {}),
        ...(values.demo !== undefined ? { demo: values.demo } : {}),
      });
    return 0;
  } catch (error) {
    if (isConfigError(error))
      process.stderr.write(`folio-db: invalid configuration\n${formatConfigError(error)}\n`);
    else if (error instanceof UsageError) process.stderr.write(`folio-db: ${error.message}\n${USAGE}\n`);
    else
      process.stderr.write(
        `folio-db ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    return 1;
  } finally {
    await database?.close().catch(() => undefined);
  }
}

process.exitCode = await main(process.argv.slice(2));
