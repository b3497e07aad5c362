import { uuidv7 } from "@folio/core";
import { auditLog, type AuditLogRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface NewAuditEntry {
  event: string;
  outcome?: "success" | "failure";
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
  occurredAt?: Date;
}

/** Longest user agent kept: the column is for telling devices apart, not for forensics of headers. */
export const AUDIT_USER_AGENT_MAX_LENGTH = 512;

/**
 * Writes to the append-only security log (a trigger refuses UPDATE/DELETE/TRUNCATE). On a
 * transaction handle the entry commits or rolls back with the change it records.
 */
export class AuditRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  async append(entry: NewAuditEntry): Promise<AuditLogRow> {
    const rows = await this.access.write
      .insert(auditLog)
      .values({
        id: uuidv7(),
        occurredAt: entry.occurredAt ?? new Date(),
        event: entry.event,
        outcome: entry.outcome ?? "success",
        actorId: entry.actorId ?? null,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        ip: entry.ip ?? null,
        userAgent: entry.userAgent?.slice(0, AUDIT_USER_AGENT_MAX_LENGTH) ?? null,
        requestId: entry.requestId ?? null,
        details: entry.details ?? {},
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("insert into audit_log returned no row");
    return row;
  }
}
