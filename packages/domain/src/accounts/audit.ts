import { AuditRepository, type Database, type DbSource } from "@folio/database";

/** Who made the request, as the API saw it; recorded with every security event. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const NO_REQUEST_META: RequestMeta = Object.freeze({ ip: null, userAgent: null, requestId: null });

/** The audit event names of the contract (admin and OAuth events included). */
export type AuditEvent =
  | "auth.register"
  | "auth.email_verified"
  | "auth.login"
  | "auth.mfa"
  | "auth.logout"
  | "auth.refresh_reuse"
  | "auth.lockout"
  | "auth.password_reset_requested"
  | "auth.password_reset"
  | "account.password_changed"
  | "account.email_change_requested"
  | "account.email_changed"
  | "account.profile_updated"
  | "mfa.enrolled"
  | "mfa.disabled"
  | "mfa.recovery_code_used"
  | "mfa.recovery_codes_regenerated"
  | "session.revoked"
  | "oauth.linked"
  | "oauth.unlinked"
  | "oauth.login"
  | "user.invited"
  | "user.role_changed"
  | "user.suspended"
  | "user.reactivated"
  | "role.created"
  | "role.updated"
  | "role.deleted"
  | "token.created"
  | "token.revoked"
  | "step_up";

export interface AuditInput {
  event: AuditEvent;
  outcome?: "success" | "failure" | undefined;
  /** Who acted (null: anonymous, e.g. a failed sign-in). */
  actorId?: string | null | undefined;
  /** What was acted on; `targetType` defaults to "user" when a target id is given. */
  targetType?: string | null | undefined;
  targetId?: string | null | undefined;
  meta?: RequestMeta | undefined;
  /** Never secrets: no passwords, tokens or codes. */
  details?: Record<string, unknown> | undefined;
  occurredAt?: Date | undefined;
}

/**
 * Appends one security event. Pass the transaction of the change it records, so the entry and
 * the change commit together; pass the database for events that must survive a failed request
 * (failed sign-ins).
 */
export async function recordAudit(source: DbSource | Database, entry: AuditInput): Promise<void> {
  const targetId = entry.targetId ?? null;
  await new AuditRepository(source).append({
    event: entry.event,
    outcome: entry.outcome ?? "success",
    actorId: entry.actorId ?? null,
    targetType: entry.targetType ?? (targetId === null ? null : "user"),
    targetId,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent ?? null,
    requestId: entry.meta?.requestId ?? null,
    details: entry.details ?? {},
    ...(entry.occurredAt === undefined ? {} : { occurredAt: entry.occurredAt }),
  });
}
