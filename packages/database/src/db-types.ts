import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema/index.js";

export type Schema = typeof schema;

/**
 * The drizzle instance type shared by both drivers (PGlite and node-postgres). A transaction
 * (`PgTransaction`) extends it, so repositories take a `Db` and work inside transactions too.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** One dedicated connection, for work that needs session state (advisory locks, migrations). */
export interface SqlConnection {
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters (simple query protocol). */
  exec(text: string): Promise<void>;
}

export interface Database {
  readonly kind: "pglite" | "postgres";
  /** The primary: every write, and reads that must see the latest write. */
  readonly db: Db;
  /**
   * A connection for reads where replica lag is acceptable: round-robin over healthy replicas,
   * the primary when there are none (or all are down). Single statements only; run
   * transactions through `transaction()`.
   */
  read(): Db;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Runs `fn` on one dedicated primary connection (session-level locks, multi-statement SQL). */
  withConnection<T>(fn: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /** Replica health, credentials masked (empty for PGlite or without replicas). */
  replicas(): { url: string; healthy: boolean }[];
  /** Resolves when the primary answers `select 1`. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
