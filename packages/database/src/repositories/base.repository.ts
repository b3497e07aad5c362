import { ConflictError, NotFoundError, uuidv7 } from "@folio/core";
import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database, Db } from "../db-types.js";

/** What a repository runs on: a `Database` (reads may go to a replica) or a `Db`/transaction. */
export type DbSource = Database | Db;

export interface DbAccess {
  /** The primary (or the transaction). */
  readonly write: Db;
  /** Replica-tolerant reads; inside a transaction, the transaction itself. */
  read(): Db;
  /**
   * Whether independent queries may run at once: true on a `Database` (a pool hands each its
   * own connection), false on a transaction, whose one connection runs one query at a time.
   */
  readonly concurrent: boolean;
}

function isDatabase(source: DbSource): source is Database {
  return "kind" in source && typeof (source as Partial<Database>).read === "function";
}

export function dbAccess(source: DbSource): DbAccess {
  if (isDatabase(source)) return { write: source.db, read: () => source.read(), concurrent: true };
  return { write: source, read: () => source, concurrent: false };
}

type Tasks<T extends readonly unknown[]> = { readonly [K in keyof T]: () => Promise<T[K]> };

/**
 * Runs independent queries together where the connection allows it (`access.concurrent`), one
 * after another otherwise: node-postgres queues overlapping queries on one client with a
 * deprecation warning, and pg 9 refuses them.
 */
export async function runQueries<T extends readonly unknown[]>(
  access: DbAccess,
  tasks: Tasks<T>,
): Promise<T> {
  if (access.concurrent) return (await Promise.all(tasks.map((task) => task()))) as unknown as T;
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as unknown as T;
}

type TableWithId = PgTable & { id: AnyPgColumn };
export type Row<T extends PgTable> = T["$inferSelect"];
export type NewRow<T extends PgTable> = Omit<T["$inferInsert"], "id"> & { id?: string };

export interface ListOptions {
  limit: number;
  /** Exclusive lower bound on `id` (UUIDv7, so ids sort by creation time). */
  after?: string;
  where?: SQL;
}
export interface ListPage<T> {
  items: T[];
  /** Pass as `after` to fetch the next page; null on the last page. */
  nextAfter: string | null;
}

/**
 * The operations every aggregate shares. Typed repositories extend it with their own queries;
 * ids are UUIDv7 assigned here unless the caller provides one.
 */
export class BaseRepository<TTable extends TableWithId> {
  protected readonly access: DbAccess;

  constructor(
    source: DbSource,
    protected readonly table: TTable,
    protected readonly resource: string,
  ) {
    this.access = dbAccess(source);
  }

  /** The table widened to a plain PgTable: drizzle's `from()` cannot infer a generic table. */
  private get selectable(): PgTable {
    return this.table;
  }

  async findById(id: string): Promise<Row<TTable> | null> {
    const rows = await this.access.write.select().from(this.selectable).where(eq(this.table.id, id)).limit(1);
    return (rows[0] as Row<TTable> | undefined) ?? null;
  }

  /** Cursor-paginated list in creation (id) order; fetches `limit + 1` to know if more exist. */
  async list(options: ListOptions): Promise<ListPage<Row<TTable>>> {
    const conditions = [
      options.where,
      options.after === undefined ? undefined : gt(this.table.id, options.after),
    ];
    const rows = (await this.access
      .read()
      .select()
      .from(this.selectable)
      .where(and(...conditions))
      .orderBy(asc(this.table.id))
      .limit(options.limit + 1)) as Row<TTable>[];
    const items = rows.slice(0, options.limit);
    const last = items.at(-1) as { id: string } | undefined;
    return { items, nextAfter: rows.length > options.limit && last ? last.id : null };
  }

  async create(values: NewRow<TTable>): Promise<Row<TTable>> {
    const rows = (await this.access.write
      .insert(this.table)
      .values({ ...values, id: values.id ?? uuidv7() } as TTable["$inferInsert"])
      .returning()) as Row<TTable>[];
    const row = rows[0];
    if (!row) throw new Error(`insert into ${this.resource} returned no row`);
    return row;
  }

  async delete(id: string): Promise<boolean> {
    const rows = (await this.access.write
      .delete(this.table)
      .where(eq(this.table.id, id))
      .returning({ id: this.table.id })) as unknown[];
    return rows.length > 0;
  }

  /**
   * Updates one row. With `expectedVersion`, the update only applies when the stored `version`
   * still equals it (and bumps it); otherwise `ConflictError("version-mismatch")`.
   */
  protected async updateRow(
    id: string,
    changes: Partial<TTable["$inferInsert"]>,
    expectedVersion?: number,
  ): Promise<Row<TTable>> {
    const columns = this.table as unknown as Record<string, AnyPgColumn | undefined>;
    const version = columns.version;
    const set: Record<string, unknown> = { ...changes };
    delete set.id;
    if (columns.updatedAt) set.updatedAt = new Date();
    if (version) set.version = sql`${version} + 1`;
    const where =
      expectedVersion !== undefined && version
        ? and(eq(this.table.id, id), eq(version, expectedVersion))
        : eq(this.table.id, id);
    const rows = (await this.access.write
      .update(this.table)
      .set(set as Partial<TTable["$inferInsert"]>)
      .where(where)
      .returning()) as Row<TTable>[];
    const row = rows[0];
    if (row) return row;
    if (!(await this.findById(id))) throw new NotFoundError(this.resource, id);
    throw new ConflictError(
      "version-mismatch",
      `${this.resource} ${id} was changed by someone else (expected version ${String(expectedVersion)})`,
    );
  }
}

/** A repository for tables without a `version` column: last write wins. */
export class CrudRepository<TTable extends TableWithId> extends BaseRepository<TTable> {
  update(id: string, changes: Partial<TTable["$inferInsert"]>): Promise<Row<TTable>> {
    return this.updateRow(id, changes);
  }
}

/** A repository for tables with a `version` column: every update names the version it read. */
export class VersionedRepository<
  TTable extends TableWithId & { version: AnyPgColumn },
> extends BaseRepository<TTable> {
  update(
    id: string,
    expectedVersion: number,
    changes: Partial<TTable["$inferInsert"]>,
  ): Promise<Row<TTable>> {
    return this.updateRow(id, changes, expectedVersion);
  }
}
