import { and, desc, eq, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { apiTokens, roles, users, type ApiTokenRow, type UserStatus } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface NewApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
}

/** A token with its owner's email, for the admin list. */
export interface ApiTokenWithOwner extends ApiTokenRow {
  userEmail: string;
}

/** What authenticating a token needs in one read: the token, its owner and the owner's role. */
export interface ApiTokenCredential {
  token: ApiTokenRow;
  user: { id: string; role: string; status: UserStatus; hasConfirmedFactor: boolean };
  role: { builtin: boolean; permissions: string[]; mfaRequired: boolean } | null;
}

export interface ListApiTokensOptions {
  userId?: string | undefined;
  limit: number;
  /** Exclusive upper bound on `id` (UUIDv7, so newest first). */
  before?: string | undefined;
}

/** How often `last_used_at` is written at most, per token. */
export const API_TOKEN_TOUCH_INTERVAL_SECONDS = 60;

/** Scoped API tokens (`api_tokens`), stored as SHA-256 hashes. */
export class ApiTokensRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  async create(token: NewApiToken): Promise<ApiTokenRow> {
    const rows = await this.access.write.insert(apiTokens).values(token).returning();
    const row = rows[0];
    if (!row) throw new Error("insert into api_tokens returned no row");
    return row;
  }

  /** The user's tokens that are not revoked (expired ones included, so they can be removed), newest first. */
  async listForUser(userId: string): Promise<ApiTokenRow[]> {
    return this.access.write
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.id));
  }

  /** Every token (revoked too, for the record), newest first; fetches `limit + 1`. */
  async listAll(options: ListApiTokensOptions): Promise<{ items: ApiTokenWithOwner[]; hasMore: boolean }> {
    const conditions: (SQL | undefined)[] = [
      options.userId === undefined ? undefined : eq(apiTokens.userId, options.userId),
      options.before === undefined ? undefined : lt(apiTokens.id, options.before),
    ];
    const rows = await this.access
      .read()
      .select({ token: apiTokens, userEmail: users.email })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(...conditions))
      .orderBy(desc(apiTokens.id))
      .limit(options.limit + 1);
    return {
      items: rows.slice(0, options.limit).map((r) => ({ ...r.token, userEmail: r.userEmail })),
      hasMore: rows.length > options.limit,
    };
  }

  /** The token with this hash and its owner — revoked and expired ones too: the caller decides. */
  async findCredential(tokenHash: string): Promise<ApiTokenCredential | null> {
    const rows = await this.access.write
      .select({
        token: apiTokens,
        userId: users.id,
        userRole: users.role,
        userStatus: users.status,
        roleBuiltin: roles.builtin,
        rolePermissions: roles.permissions,
        roleMfaRequired: roles.mfaRequired,
        // Spelled out: correlated on the joined users row.
        hasConfirmedFactor: sql<boolean>`exists (select 1 from mfa_factors f where f.user_id = "users"."id" and f.confirmed_at is not null)`,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .leftJoin(roles, eq(roles.name, users.role))
      .where(eq(apiTokens.tokenHash, tokenHash))
      .limit(1);
    const row = rows[0];
    if (!row) return null;
    return {
      token: row.token,
      user: {
        id: row.userId,
        role: row.userRole,
        status: row.userStatus,
        hasConfirmedFactor: row.hasConfirmedFactor,
      },
      role:
        row.roleBuiltin === null || row.rolePermissions === null || row.roleMfaRequired === null
          ? null
          : { builtin: row.roleBuiltin, permissions: row.rolePermissions, mfaRequired: row.roleMfaRequired },
    };
  }

  /**
   * Records a use, at most once per `API_TOKEN_TOUCH_INTERVAL_SECONDS`: the condition is in the
   * statement, so concurrent requests write once and busy tokens don't turn reads into writes.
   */
  async touch(id: string, now: Date): Promise<boolean> {
    const rows = await this.access.write
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, id),
          or(
            isNull(apiTokens.lastUsedAt),
            lte(apiTokens.lastUsedAt, new Date(now.getTime() - API_TOKEN_TOUCH_INTERVAL_SECONDS * 1000)),
          ),
        ),
      )
      .returning({ id: apiTokens.id });
    return rows.length > 0;
  }

  /** Revokes one of the user's live tokens; null when it isn't theirs or is already revoked. */
  async revokeOwned(id: string, userId: string, now: Date): Promise<ApiTokenRow | null> {
    const rows = await this.access.write
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning();
    return rows[0] ?? null;
  }

  /** Revokes any live token (administrators); null when unknown or already revoked. */
  async revoke(id: string, now: Date): Promise<ApiTokenRow | null> {
    const rows = await this.access.write
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning();
    return rows[0] ?? null;
  }

  /** Revokes every live token of the user (suspension); returns their ids. */
  async revokeAllForUser(userId: string, now: Date): Promise<string[]> {
    const rows = await this.access.write
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    return rows.map((r) => r.id);
  }
}
