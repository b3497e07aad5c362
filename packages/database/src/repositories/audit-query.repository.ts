import { and, count, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { auditLog, type AuditLogRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface AuditFilters {
  event?: string | undefined;
  actorId?: string | undefined;
  targetId?: string | undefined;
  outcome?: "success" | "failure" | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

/** Keyset position: the exact stored `occurred_at` (ISO, microseconds) and the id. */
export interface AuditKey {
  occurredAt: string;
  id: string;
}

export interface AuditRecord extends AuditLogRow {
  sortKey: AuditKey;
}

const columns = {
  entry: auditLog,
  occurredAtKey: sql<string>`to_char(${auditLog.occurredAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

function whereOf(filters: AuditFilters, after: AuditKey | undefined): SQL | undefined {
  return and(
    filters.event === undefined ? undefined : eq(auditLog.event, filters.event),
    filters.actorId === undefined ? undefined : eq(auditLog.actorId, filters.actorId),
    filters.targetId === undefined ? undefined : eq(auditLog.targetId, filters.targetId),
    filters.outcome === undefined ? undefined : eq(auditLog.outcome, filters.outcome),
    filters.from === undefined ? undefined : gte(auditLog.occurredAt, filters.from),
    filters.to === undefined ? undefined : lt(auditLog.occurredAt, filters.to),
    after === undefined
      ? undefined
      : sql`(${auditLog.occurredAt}, ${auditLog.id}) < (${after.occurredAt}::timestamptz, ${after.id}::uuid)`,
  );
}

/**
 * The read side of the audit log (the write side is the identity core's `AuditRepository`):
 * filtered, newest first, keyset-paginated on (occurred_at desc, id desc) — the order of
 * `audit_log_occurred_idx` read backwards, and of the per-actor / per-event / per-target indexes.
 */
export class AuditQueryRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** One page; fetches `limit + 1` to know whether more exist. */
  async query(
    filters: AuditFilters,
    page: { limit: number; after?: AuditKey | undefined },
  ): Promise<{ items: AuditRecord[]; hasMore: boolean }> {
    const rows = await this.access
      .read()
      .select(columns)
      .from(auditLog)
      .where(whereOf(filters, page.after))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(page.limit + 1);
    return {
      items: rows
        .slice(0, page.limit)
        .map((r) => ({ ...r.entry, sortKey: { occurredAt: r.occurredAtKey, id: r.entry.id } })),
      hasMore: rows.length > page.limit,
    };
  }

  /** How many entries match, counting no further than `max` (cheap, for export caps). */
  async countUpTo(filters: AuditFilters, max: number): Promise<number> {
    const db = this.access.read();
    const capped = db
      .select({ one: sql`1`.as("one") })
      .from(auditLog)
      .where(whereOf(filters, undefined))
      .limit(max)
      .as("capped");
    const rows = await db.select({ n: count() }).from(capped);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Every matching entry, newest first, in batches of `batchSize` (each its own short keyset
   * query, so an export never holds a long transaction or a server-side cursor), stopping after
   * `max` entries.
   */
  async *scan(
    filters: AuditFilters,
    options: { batchSize: number; max: number },
  ): AsyncGenerator<AuditLogRow> {
    let after: AuditKey | undefined;
    let seen = 0;
    while (seen < options.max) {
      const limit = Math.min(options.batchSize, options.max - seen);
      const page = await this.query(filters, { limit, after });
      for (const item of page.items) {
        const { sortKey: _sortKey, ...entry } = item;
        yield entry;
      }
      seen += page.items.length;
      const last = page.items.at(-1);
      if (!page.hasMore || !last) return;
      after = last.sortKey;
    }
  }
}
