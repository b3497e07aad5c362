import type { L2CacheDriver } from "bentocache/types";
import type { Pool } from "pg";

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresTierOptions {
  pool: Pool;
  table: string;
  prefix?: string;
}

export interface RemoteEntry {
  value: string;
  /** Epoch ms, or null for no expiry. */
  expiresAt: number | null;
}

export function assertTableName(table: string): void {
  if (!TABLE_NAME.test(table)) throw new TypeError(`cache table "${table}" must match ${String(TABLE_NAME)}`);
}

/**
 * The L3 tier: a bentocache L2 driver over a PostgreSQL table
 * `(key text primary key, value text, expires_at bigint)`. Expired rows are never returned and
 * are removed by `prune()` (the cache runs it on an interval). The table is created on first use.
 * bentocache's own database driver needs Knex/Kysely/Orchid; we already have `pg`.
 */
export class PostgresDriver implements L2CacheDriver {
  readonly type = "l2" as const;
  readonly #prefix: string;
  #ready: Promise<void> | undefined;
  readonly #shared: { ready: Promise<void> | undefined };

  constructor(
    private readonly options: PostgresTierOptions,
    shared: { ready: Promise<void> | undefined } = { ready: undefined },
  ) {
    assertTableName(options.table);
    this.#prefix = options.prefix ? `${options.prefix}:` : "";
    this.#shared = shared;
  }

  #key(key: string): string {
    return this.#prefix + key;
  }

  /** Creates the table once per pool; a failed attempt is retried by the next call. */
  async #ensureTable(): Promise<void> {
    this.#ready ??= this.#shared.ready ??= this.options.pool
      .query(
        `create table if not exists ${this.options.table} (key text primary key, value text not null, expires_at bigint);
         create index if not exists ${this.options.table}_expires_at_idx on ${this.options.table} (expires_at) where expires_at is not null`,
      )
      .then(() => undefined)
      .catch((error: unknown) => {
        this.#ready = undefined;
        this.#shared.ready = undefined;
        throw error;
      });
    return this.#ready;
  }

  namespace(namespace: string): PostgresDriver {
    const prefix = this.options.prefix ? `${this.options.prefix}:${namespace}` : namespace;
    return new PostgresDriver({ ...this.options, prefix }, this.#shared);
  }

  async getEntry(key: string): Promise<RemoteEntry | undefined> {
    await this.#ensureTable();
    const { rows } = await this.options.pool.query<{ value: string; expires_at: string | null }>(
      `select value, expires_at from ${this.options.table} where key = $1 and (expires_at is null or expires_at > $2)`,
      [this.#key(key), Date.now()],
    );
    const row = rows[0];
    if (!row) return undefined;
    return { value: row.value, expiresAt: row.expires_at === null ? null : Number(row.expires_at) };
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.getEntry(key))?.value;
  }

  async pull(key: string): Promise<string | undefined> {
    await this.#ensureTable();
    const { rows } = await this.options.pool.query<{ value: string; expires_at: string | null }>(
      `delete from ${this.options.table} where key = $1 returning value, expires_at`,
      [this.#key(key)],
    );
    const row = rows[0];
    if (!row || (row.expires_at !== null && Number(row.expires_at) <= Date.now())) return undefined;
    return row.value;
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    await this.#ensureTable();
    await this.options.pool.query(
      `insert into ${this.options.table} (key, value, expires_at) values ($1, $2, $3)
       on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at`,
      [this.#key(key), value, ttl ? Date.now() + ttl : null],
    );
    return true;
  }

  async clear(): Promise<void> {
    await this.#ensureTable();
    if (!this.#prefix) {
      await this.options.pool.query(`delete from ${this.options.table}`);
      return;
    }
    // left(key, n) = prefix rather than LIKE, so "_" and "%" in prefixes need no escaping.
    await this.options.pool.query(`delete from ${this.options.table} where left(key, $2) = $1`, [
      this.#prefix,
      this.#prefix.length,
    ]);
  }

  async delete(key: string): Promise<boolean> {
    await this.#ensureTable();
    const result = await this.options.pool.query(`delete from ${this.options.table} where key = $1`, [
      this.#key(key),
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    if (keys.length === 0) return true;
    await this.#ensureTable();
    const result = await this.options.pool.query(
      `delete from ${this.options.table} where key = any($1::text[])`,
      [keys.map((key) => this.#key(key))],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** The sweep: removes every expired row of the table (all prefixes). */
  async prune(): Promise<void> {
    await this.#ensureTable();
    await this.options.pool.query(
      `delete from ${this.options.table} where expires_at is not null and expires_at <= $1`,
      [Date.now()],
    );
  }

  /** The pool belongs to whoever created it; the cache ends pools it created itself. */
  async disconnect(): Promise<void> {
    await Promise.resolve();
  }
}
