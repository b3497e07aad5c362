import { Umzug, type UmzugStorage } from "umzug";
import type { Database, SqlConnection } from "./db-types.js";
import { migrations as allMigrations, type Migration } from "./migrations/index.js";
import { inTransaction } from "./sql-connection.js";

export const MIGRATIONS_TABLE = "folio_migrations";
// Arbitrary constant shared by every Folio process: pg_advisory_lock key for migration runs.
const MIGRATION_LOCK_KEY = 7_305_118_201;

export interface MigrationRecord {
  name: string;
  appliedAt: Date | null;
}

export interface MigrateUpOptions {
  /** Stop after this migration (inclusive). */
  to?: string;
  /** Log lines (one per applied migration). */
  onLog?: (line: string) => void;
  /** For tests: a different migration list. */
  migrations?: readonly Migration[];
}

export interface MigrateDownOptions {
  /** Revert down to and including this migration; `0` reverts everything. */
  to?: string | 0;
  /** Number of migrations to revert (default 1 when `to` is not given). */
  step?: number;
  onLog?: (line: string) => void;
  migrations?: readonly Migration[];
}

async function ensureTable(connection: SqlConnection): Promise<void> {
  await connection.exec(
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
       "name" text PRIMARY KEY,
       "applied_at" timestamptz NOT NULL DEFAULT now()
     )`,
  );
}

/** Runs `fn` while holding the migration lock (PostgreSQL) so concurrent starts don't race. */
async function withMigrationLock<T>(
  database: Database,
  fn: (connection: SqlConnection) => Promise<T>,
): Promise<T> {
  return database.withConnection(async (connection) => {
    if (database.kind === "postgres") {
      await connection.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    try {
      await ensureTable(connection);
      return await fn(connection);
    } finally {
      if (database.kind === "postgres") {
        await connection.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
      }
    }
  });
}

function createUmzug(connection: SqlConnection, list: readonly Migration[], onLog?: (line: string) => void) {
  // The migration's SQL and its bookkeeping row commit in one transaction, so a crash can never
  // leave a migration applied but unrecorded; the storage therefore only reads.
  const storage: UmzugStorage = {
    async executed() {
      const rows = await connection.query<{ name: string }>(
        `SELECT "name" FROM "${MIGRATIONS_TABLE}" ORDER BY "name"`,
      );
      return rows.map((r) => r.name);
    },
    logMigration: () => Promise.resolve(),
    unlogMigration: () => Promise.resolve(),
  };
  return new Umzug({
    migrations: list.map((migration) => ({
      name: migration.name,
      up: () =>
        inTransaction(connection, async () => {
          await connection.exec(migration.up);
          await connection.query(`INSERT INTO "${MIGRATIONS_TABLE}" ("name") VALUES ($1)`, [migration.name]);
        }),
      down: () =>
        inTransaction(connection, async () => {
          await connection.exec(migration.down);
          await connection.query(`DELETE FROM "${MIGRATIONS_TABLE}" WHERE "name" = $1`, [migration.name]);
        }),
    })),
    storage,
    logger: {
      info: (event: Record<string, unknown>) => {
        if (!onLog) return;
        if (event.event === "migrated")
          onLog(`applied  ${String(event.name)} (${String(event.durationSeconds)}s)`);
        if (event.event === "reverted")
          onLog(`reverted ${String(event.name)} (${String(event.durationSeconds)}s)`);
      },
      warn: () => undefined,
      error: () => undefined,
      debug: () => undefined,
    },
  });
}

/** Applies pending migrations (up to `to`). Returns the names applied. */
export async function migrateUp(database: Database, options: MigrateUpOptions = {}): Promise<string[]> {
  return withMigrationLock(database, async (connection) => {
    const umzug = createUmzug(connection, options.migrations ?? allMigrations, options.onLog);
    const applied = await umzug.up(options.to === undefined ? {} : { to: options.to });
    return applied.map((m) => m.name);
  });
}

/** Reverts migrations: the last one by default, `step` of them, or down to `to` (0 = all). */
export async function migrateDown(database: Database, options: MigrateDownOptions = {}): Promise<string[]> {
  return withMigrationLock(database, async (connection) => {
    const umzug = createUmzug(connection, options.migrations ?? allMigrations, options.onLog);
    let reverted;
    if (options.to !== undefined) reverted = await umzug.down({ to: options.to });
    else reverted = await umzug.down({ step: options.step ?? 1 });
    return reverted.map((m) => m.name);
  });
}

/** Every known migration with when it was applied (null = pending), oldest first. */
export async function migrationStatus(
  database: Database,
  options: { migrations?: readonly Migration[] } = {},
): Promise<MigrationRecord[]> {
  return withMigrationLock(database, async (connection) => {
    const rows = await connection.query<{ name: string; applied_at: Date }>(
      `SELECT "name", "applied_at" FROM "${MIGRATIONS_TABLE}"`,
    );
    const applied = new Map(rows.map((r) => [r.name, new Date(r.applied_at)]));
    const known = (options.migrations ?? allMigrations).map((m) => ({
      name: m.name,
      appliedAt: applied.get(m.name) ?? null,
    }));
    // Applied migrations this build doesn't know (a newer build ran) are still reported.
    const unknown = rows
      .filter((r) => !known.some((k) => k.name === r.name))
      .map((r) => ({ name: r.name, appliedAt: new Date(r.applied_at) }));
    return [...known, ...unknown].sort((a, b) => a.name.localeCompare(b.name));
  });
}
