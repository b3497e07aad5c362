import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database, Db, SqlConnection } from "./db-types.js";
import { createReplicaSet } from "./replicas.js";
import * as schema from "./schema/index.js";

export interface CreateDatabaseOptions {
  /** PostgreSQL URL of the primary; absent or null -> embedded PGlite. */
  url?: string | null;
  /** Read replicas (PostgreSQL only). */
  replicaUrls?: string[];
  /** PGlite data folder (created if missing). Ignored for PostgreSQL. */
  dataDir?: string;
  /** In-memory PGlite (tests). */
  memory?: boolean;
  poolMax?: number;
  statementTimeoutMs?: number;
  connectionTimeoutMs?: number;
  applicationName?: string;
}

const DEFAULTS = {
  poolMax: 10,
  statementTimeoutMs: 30_000,
  connectionTimeoutMs: 5_000,
  applicationName: "folio",
};

export async function createDatabase(options: CreateDatabaseOptions = {}): Promise<Database> {
  if (options.url) return createPostgresDatabase(options.url, options);
  return createPgliteDatabase(options);
}

async function createPgliteDatabase(options: CreateDatabaseOptions): Promise<Database> {
  let client: PGlite;
  if (options.memory || !options.dataDir) {
    client = await PGlite.create();
  } else {
    await mkdir(options.dataDir, { recursive: true });
    client = await PGlite.create({ dataDir: options.dataDir });
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  const connection: SqlConnection = {
    async query<T extends object>(text: string, params?: unknown[]) {
      const result = await client.query<T>(text, params);
      return result.rows;
    },
    async exec(text: string) {
      await client.exec(text);
    },
  };
  let closed = false;
  return {
    kind: "pglite",
    db,
    read: () => db,
    replicas: () => [],
    transaction: (fn) => db.transaction((tx) => fn(tx)),
    // PGlite is one connection already: the dedicated connection is the client itself.
    withConnection: (fn) => fn(connection),
    async ping() {
      await client.query("select 1");
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

export function postgresPoolConfig(url: string, options: CreateDatabaseOptions): pg.PoolConfig {
  return {
    connectionString: url,
    max: options.poolMax ?? DEFAULTS.poolMax,
    // Sent as startup parameters. Behind pgbouncer list them in `ignore_startup_parameters`
    // or set them on the pgbouncer database entry instead.
    statement_timeout: options.statementTimeoutMs ?? DEFAULTS.statementTimeoutMs,
    application_name: options.applicationName ?? DEFAULTS.applicationName,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? DEFAULTS.connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
  };
}

function createPostgresDatabase(url: string, options: CreateDatabaseOptions): Database {
  const pool = new pg.Pool(postgresPoolConfig(url, options));
  // An idle client losing its server (restart, failover) must not crash the process; the pool
  // discards it and the next checkout reconnects.
  pool.on("error", () => undefined);
  // pgbouncer (transaction mode) safety: drizzle only names prepared statements when `.prepare(name)`
  // is called, which this codebase never does; every query uses the unnamed statement.
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  const replicas = createReplicaSet({
    primary: pool,
    primaryDb: db,
    urls: options.replicaUrls ?? [],
    poolConfig: (replicaUrl) => postgresPoolConfig(replicaUrl, options),
  });
  let closed = false;
  return {
    kind: "postgres",
    db,
    read: () => replicas.pick(),
    replicas: () => replicas.status(),
    transaction: (fn) => db.transaction((tx) => fn(tx)),
    async withConnection(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await fn({
          async query<T extends object>(text: string, params?: unknown[]) {
            const result = await client.query<T & pg.QueryResultRow>(text, params);
            return result.rows;
          },
          async exec(text: string) {
            await client.query(text);
          },
        });
      } catch (error) {
        // A connection left mid-transaction or holding session state must not return to the pool.
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async ping() {
      await pool.query("select 1");
    },
    async close() {
      if (closed) return;
      closed = true;
      await replicas.close();
      await pool.end();
    },
  };
}
