import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only security log. No foreign keys: entries outlive the users they mention. A trigger
 * (migration 0002) refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    event: text("event").notNull(),
    outcome: text("outcome").$type<"success" | "failure">().notNull().default("success"),
    actorId: uuid("actor_id"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_log_occurred_idx").on(t.occurredAt, t.id),
    index("audit_log_actor_idx").on(t.actorId, t.occurredAt),
    index("audit_log_event_idx").on(t.event, t.occurredAt),
    index("audit_log_target_idx").on(t.targetId, t.occurredAt),
    check("audit_log_outcome_check", sql`${t.outcome} in ('success', 'failure')`),
  ],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
export type NewAuditLogRow = typeof auditLog.$inferInsert;
