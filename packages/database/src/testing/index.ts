// Test helpers: migrated databases on PGlite or on a fresh real PostgreSQL database.
// Exported as `@folio/database/testing`; never used by production code.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type CreateDatabaseOptions } from "../connection.js";
import type { Database } from "../db-types.js";
import { migrateUp } from "../migrator.js";
import { seedDemoContent } from "../seeds/demo.seed.js";

export { dumpSchema, type SchemaDump } from "./schema-dump.js";

export type DatabaseKind = "pglite" | "postgres";
export const databaseKinds: readonly DatabaseKind[] = ["pglite", "postgres"];

export interface TestDatabase extends Database {
  /** PostgreSQL URL of the fresh database (null for PGlite). */
  readonly url: string | null;
}

export interface CreateTestDatabaseOptions {
  kind?: DatabaseKind;
  /** Load the deterministic demo content after migrating. */
  seed?: "demo" | false;
  /** Skip migrations (for migration tests). */
  migrate?: boolean;
  /** Extra connection options (PostgreSQL), e.g. `replicaUrls`. */
  connection?: Omit<CreateDatabaseOptions, "url" | "memory" | "dataDir">;
}

function adminUrl(): string {
  return process.env.FOLIO_TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Creates an empty PostgreSQL database named `folio_t_<runId>_<random>` (the vitest global setup
 * drops leftovers of the run) and returns its URL and a function that drops it.
 */
export async function createScratchPostgresDatabase(): Promise<{
  url: string;
  name: string;
  drop: () => Promise<void>;
}> {
  const runId = process.env.FOLIO_TEST_RUN_ID ?? "local";
  const name = `folio_t_${runId}_${randomBytes(4).toString("hex")}`.toLowerCase();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabaseName(adminUrl(), name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A migrated database of the given kind; `close()` also drops the PostgreSQL database. */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const kind = options.kind ?? "pglite";
  let database: Database;
  let url: string | null = null;
  let drop: () => Promise<void> = () => Promise.resolve();
  if (kind === "postgres") {
    const scratch = await createScratchPostgresDatabase();
    url = scratch.url;
    drop = scratch.drop;
    database = await createDatabase({
      poolMax: 5,
      ...options.connection,
      url,
      applicationName: "folio-test",
    });
  } else {
    database = await createDatabase({ memory: true });
  }
  try {
    if (options.migrate !== false) await migrateUp(database);
    if (options.seed === "demo") await seedDemoContent(database);
  } catch (error) {
    await database.close();
    await drop();
    throw error;
  }
  return {
    kind: database.kind,
    db: database.db,
    read: () => database.read(),
    replicas: () => database.replicas(),
    transaction: (fn) => database.transaction(fn),
    withConnection: (fn) => database.withConnection(fn),
    ping: () => database.ping(),
    url,
    async close() {
      await database.close();
      await drop();
    },
  };
}
