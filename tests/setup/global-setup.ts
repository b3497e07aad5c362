// Runs once per `vitest run`: checks the real PostgreSQL and Redis the suites use, and gives
// every test file a unique run id so databases created during the run can be dropped after it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type {} from "vitest";
import type { TestProject } from "vitest/node";

const adminUrl = process.env.FOLIO_TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.FOLIO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl} (${String(error)}). The tests run against a real ` +
        "PostgreSQL; start it (see README, 'Test it') or set FOLIO_TEST_PG_ADMIN_URL.",
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  project.provide("pgAdminUrl", adminUrl);
  project.provide("redisUrl", redisUrl);
  project.provide("testRunId", runId);
  process.env.FOLIO_TEST_PG_ADMIN_URL = adminUrl;
  process.env.FOLIO_TEST_REDIS_URL = redisUrl;
  process.env.FOLIO_TEST_RUN_ID = runId;

  return async () => {
    // Drop every database this run created, even those a crashed test file left behind.
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`folio_t_${runId}_%`],
      );
      for (const { datname } of rows) {
        await admin.query(`drop database if exists "${datname}" with (force)`);
      }
    } finally {
      await admin.end();
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    redisUrl: string;
    testRunId: string;
  }
}
