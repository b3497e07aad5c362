import { ValidationError } from "@folio/core";
import { createRepositories, type AuditFilters } from "@folio/database";
import type { AuditCsvQuery, AuditList, AuditQuery } from "@folio/types";
import type { AdminDeps } from "./admin-context.js";
import { toAuditEntry } from "./admin-mappers.js";
import { auditCsvHeader, auditCsvRow } from "./audit-csv.js";
import { timestampCursor } from "../pagination/timestamp-cursor.js";

/**
 * Most entries one CSV export holds: the newest matching ones. Larger reports are cut into
 * periods with `from`/`to`; the answer says when it was cut (`truncated`).
 */
export const AUDIT_CSV_MAX_ROWS = 50_000;
/** Entries read per query while exporting (each batch is one short keyset query). */
export const AUDIT_CSV_BATCH_SIZE = 1_000;

export interface AuditCsvExport {
  /** `folio-audit-<YYYY-MM-DD>.csv`, the export's date in UTC. */
  filename: string;
  /** More entries matched than `AUDIT_CSV_MAX_ROWS`; only the newest are in the file. */
  truncated: boolean;
  /** The header row, then one CRLF-terminated line per entry, newest first; read it once. */
  lines: AsyncIterable<string>;
}

export interface AuditLogService {
  list(query: AuditQuery): Promise<AuditList>;
  exportCsv(query: AuditCsvQuery): Promise<AuditCsvExport>;
}

function filtersOf(query: AuditCsvQuery): AuditFilters {
  const from = query.from === undefined ? undefined : new Date(query.from);
  const to = query.to === undefined ? undefined : new Date(query.to);
  if (from && to && from.getTime() > to.getTime()) {
    throw new ValidationError([{ pointer: "/query/to", detail: "must not be before from" }]);
  }
  return {
    event: query.event,
    actorId: query.actor_id,
    targetId: query.target_id,
    outcome: query.outcome,
    from,
    to,
  };
}

export function createAuditLogService(
  deps: Pick<AdminDeps, "database" | "cursors" | "now">,
): AuditLogService {
  const repos = createRepositories(deps.database);
  // Payload `{ o: occurred_at, i: id }`.
  const cursor = timestampCursor(deps.cursors, "o", "an audit");
  return {
    async list(query) {
      const position = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
      const page = await repos.auditQuery.query(filtersOf(query), {
        limit: query.limit,
        after: position && { occurredAt: position.at, id: position.id },
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map(toAuditEntry),
        next_cursor:
          page.hasMore && last ? cursor.encode({ at: last.sortKey.occurredAt, id: last.sortKey.id }) : null,
      };
    },

    async exportCsv(query) {
      const now = deps.now();
      const requested = filtersOf(query);
      // A snapshot as of now: entries appended while the file streams (or between the count and
      // the scan) stay out of both, so `truncated` is exact and no cut goes unreported.
      const filters = {
        ...requested,
        to: requested.to === undefined || requested.to.getTime() > now.getTime() ? now : requested.to,
      };
      const matching = await repos.auditQuery.countUpTo(filters, AUDIT_CSV_MAX_ROWS + 1);
      async function* lines(): AsyncGenerator<string> {
        yield auditCsvHeader();
        const rows = repos.auditQuery.scan(filters, {
          batchSize: AUDIT_CSV_BATCH_SIZE,
          max: AUDIT_CSV_MAX_ROWS,
        });
        for await (const row of rows) yield auditCsvRow(toAuditEntry(row));
      }
      return {
        filename: `folio-audit-${now.toISOString().slice(0, 10)}.csv`,
        truncated: matching > AUDIT_CSV_MAX_ROWS,
        lines: lines(),
      };
    },
  };
}
