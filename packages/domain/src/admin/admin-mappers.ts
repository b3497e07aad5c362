import type { Permission } from "@folio/auth";
import type {
  AdminUserRecord,
  ApiTokenRow,
  ApiTokenWithOwner,
  AuditLogRow,
  RoleWithUsage,
} from "@folio/database";
import type { AdminApiToken, AdminUser, ApiToken, AuditEntry, Role } from "@folio/types";

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function toAdminUser(record: AdminUserRecord): AdminUser {
  return {
    id: record.id,
    email: record.email,
    display_name: record.displayName,
    role: record.role,
    status: record.status,
    email_verified: record.emailVerifiedAt !== null,
    mfa_enabled: record.mfaEnabled,
    last_login_at: iso(record.lastLoginAt),
    created_at: record.createdAt.toISOString(),
  };
}

export function toRole(row: RoleWithUsage, permissions: ReadonlySet<Permission>): Role {
  return {
    name: row.name,
    description: row.description,
    permissions: [...permissions],
    builtin: row.builtin,
    mfa_required: row.mfaRequired,
    user_count: row.userCount,
  };
}

export function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: [...row.scopes],
    created_at: row.createdAt.toISOString(),
    expires_at: iso(row.expiresAt),
    last_used_at: iso(row.lastUsedAt),
  };
}

export function toAdminApiToken(row: ApiTokenWithOwner): AdminApiToken {
  return {
    ...toApiToken(row),
    user_id: row.userId,
    user_email: row.userEmail,
    revoked_at: iso(row.revokedAt),
  };
}

export function toAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    occurred_at: row.occurredAt.toISOString(),
    event: row.event,
    outcome: row.outcome,
    actor_id: row.actorId,
    target_type: row.targetType,
    target_id: row.targetId,
    ip: row.ip,
    user_agent: row.userAgent,
    request_id: row.requestId,
    details: row.details,
  };
}
