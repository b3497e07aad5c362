import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { sessions, users, type UserRow, type UserStatus } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

/** A timestamp column as exact UTC text (microseconds): keyset cursors need the stored value. */
const isoUtcSql = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** `%text%` for LIKE with `\`, `%` and `_` escaped. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Keyset position in the admin user list: exact `created_at` (ISO, microseconds) and id. */
export interface AdminUserKey {
  createdAt: string;
  id: string;
}

/** A user as the admin screens show it. */
export interface AdminUserRecord {
  id: string;
  email: string;
  displayName: string;
  role: string;
  status: UserStatus;
  emailVerifiedAt: Date | null;
  /** At least one confirmed second factor. */
  mfaEnabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  sortKey: AdminUserKey;
}

export interface AdminUserSearch {
  /** Case-insensitive substring of the email or the display name. */
  q?: string | undefined;
  role?: string | undefined;
  status?: UserStatus | undefined;
  limit: number;
  after?: AdminUserKey | undefined;
}

export interface NewInvitedUser {
  id: string;
  email: string;
  displayName: string;
  slug: string;
  role: string;
}

const recordColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  status: users.status,
  emailVerifiedAt: users.emailVerifiedAt,
  // Spelled out: drizzle renders columns unqualified in single-table selects, which would make
  // the correlation ambiguous inside the subquery.
  mfaEnabled: sql<boolean>`exists (select 1 from mfa_factors f where f.user_id = "users"."id" and f.confirmed_at is not null)`,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  createdAtKey: isoUtcSql(users.createdAt),
};

interface RecordRow extends Omit<AdminUserRecord, "sortKey"> {
  createdAtKey: string;
}

function toRecord(row: RecordRow): AdminUserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    status: row.status,
    emailVerifiedAt: row.emailVerifiedAt,
    mfaEnabled: row.mfaEnabled,
    lastLoginAt: row.lastLoginAt,
    createdAt: row.createdAt,
    sortKey: { createdAt: row.createdAtKey, id: row.id },
  };
}

/**
 * The admin side of `users`: search, invitations, role and status changes. Every method runs on
 * the source it was built with, so the domain passes a transaction when changes must be atomic.
 */
export class AdminUsersRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** Newest first, keyset-paginated on (created_at desc, id desc); fetches `limit + 1`. */
  async search(options: AdminUserSearch): Promise<{ items: AdminUserRecord[]; hasMore: boolean }> {
    const conditions: (SQL | undefined)[] = [];
    if (options.q !== undefined) {
      const pattern = likePattern(options.q.toLowerCase());
      conditions.push(
        sql`(lower(${users.email}) like ${pattern} escape '\\' or lower(${users.displayName}) like ${pattern} escape '\\')`,
      );
    }
    if (options.role !== undefined) conditions.push(eq(users.role, options.role));
    if (options.status !== undefined) conditions.push(eq(users.status, options.status));
    if (options.after !== undefined) {
      conditions.push(
        sql`(${users.createdAt}, ${users.id}) < (${options.after.createdAt}::timestamptz, ${options.after.id}::uuid)`,
      );
    }
    const rows = await this.access
      .read()
      .select(recordColumns)
      .from(users)
      .where(and(...conditions))
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(options.limit + 1);
    return { items: rows.slice(0, options.limit).map(toRecord), hasMore: rows.length > options.limit };
  }

  /** One user as the admin list shows it (from the primary: callers just changed it). */
  async findRecord(id: string): Promise<AdminUserRecord | null> {
    const rows = await this.access.write.select(recordColumns).from(users).where(eq(users.id, id)).limit(1);
    const row = rows[0];
    return row ? toRecord(row) : null;
  }

  /**
   * Serialises changes of users' roles and statuses until the transaction ends (a transaction
   * advisory lock), so the "keep one active owner" check cannot deadlock or race.
   */
  async lockOwnershipChanges(): Promise<void> {
    await this.access.write.execute(sql`select pg_advisory_xact_lock(hashtext('folio.users.ownership'))`);
  }

  /** The user row, locked until the transaction ends (use inside one). */
  async findForUpdate(id: string): Promise<UserRow | null> {
    const rows = await this.access.write.select().from(users).where(eq(users.id, id)).limit(1).for("update");
    return rows[0] ?? null;
  }

  /**
   * Active owners other than `exceptId`. Locks every active owner row, so two transactions
   * demoting or suspending the last two owners at once cannot both pass the check.
   */
  async countOtherActiveOwners(exceptId: string): Promise<number> {
    const rows = await this.access.write
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "owner"), eq(users.status, "active")))
      .for("update");
    return rows.filter((r) => r.id !== exceptId).length;
  }

  async emailExists(email: string): Promise<boolean> {
    const rows = await this.access.write
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`)
      .limit(1);
    return rows.length > 0;
  }

  async insertInvited(user: NewInvitedUser): Promise<void> {
    await this.access.write.insert(users).values({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      slug: user.slug,
      role: user.role,
      status: "invited",
      passwordHash: null,
      emailVerifiedAt: null,
    });
  }

  async update(id: string, changes: { role?: string; status?: UserStatus }, now: Date): Promise<boolean> {
    const rows = await this.access.write
      .update(users)
      .set({ ...changes, updatedAt: now })
      .where(eq(users.id, id))
      .returning({ id: users.id });
    return rows.length > 0;
  }

  /** Revokes every live session of the user; returns the revoked session ids. */
  async revokeSessions(userId: string, reason: string, now: Date): Promise<string[]> {
    const rows = await this.access.write
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.map((r) => r.id);
  }

  /** Sets the password of an invited user and activates them; false if no longer invited. */
  async activateInvited(userId: string, passwordHash: string, now: Date): Promise<boolean> {
    const rows = await this.access.write
      .update(users)
      .set({ passwordHash, emailVerifiedAt: now, status: "active", passwordChangedAt: now, updatedAt: now })
      .where(and(eq(users.id, userId), eq(users.status, "invited")))
      .returning({ id: users.id });
    return rows.length > 0;
  }
}
