import { randomBytes } from "node:crypto";
import pg from "pg";

export const redisUrl = process.env.FOLIO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const adminUrl = process.env.FOLIO_TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const runId = process.env.FOLIO_TEST_RUN_ID ?? "local";

/** A key prefix no other test (or run) shares. */
export function uniquePrefix(): string {
  return `folio-test:${runId}:${randomBytes(4).toString("hex")}`;
}

/**
 * A scratch database named `folio_t_<runId>_cache_<rand>`, so the global teardown drops it even
 * when a test crashes before `drop()`.
 */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `folio_t_${runId}_cache_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
