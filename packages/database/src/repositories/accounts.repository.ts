import { uuidv7 } from "@folio/core";
import { and, count, desc, eq, gt, gte, inArray, isNull, sql } from "drizzle-orm";
import {
  authThrottle,
  oneTimeTokens,
  roles,
  users,
  type AuthThrottleRow,
  type NewUserRow,
  type OneTimeTokenPurpose,
  type OneTimeTokenRow,
  type RoleRow,
  type UserRow,
} from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface NewOneTimeToken {
  userId: string;
  purpose: OneTimeTokenPurpose;
  tokenHash: string;
  data?: Record<string, unknown>;
  expiresAt: Date;
  createdAt: Date;
}

export type UserChanges = Partial<
  Pick<
    NewUserRow,
    | "email"
    | "displayName"
    | "bio"
    | "avatarUrl"
    | "websiteUrl"
    | "passwordHash"
    | "passwordChangedAt"
    | "emailVerifiedAt"
    | "lastLoginAt"
    | "status"
    | "role"
  >
>;

/**
 * Accounts: users as credentials holders (the public profile side is UsersRepository), their
 * roles, single-use emailed tokens and codes, and the sign-in throttle counters. Every read
 * goes to the primary: sign-in decisions must see the latest write.
 */
export class AccountsRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  private get db() {
    return this.access.write;
  }

  async findUserById(id: string): Promise<UserRow | null> {
    const rows = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return rows[0] ?? null;
  }

  /** Case-insensitive, served by the `lower(email)` unique index. */
  async findUserByEmail(email: string): Promise<UserRow | null> {
    const rows = await this.db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`)
      .limit(1);
    return rows[0] ?? null;
  }

  async slugExists(slug: string): Promise<boolean> {
    const rows = await this.db.select({ id: users.id }).from(users).where(eq(users.slug, slug)).limit(1);
    return rows.length > 0;
  }

  /** Slugs equal to `base` or `base-<n>`, to pick the next free one in one query. */
  async slugsLike(base: string): Promise<string[]> {
    const rows = await this.db
      .select({ slug: users.slug })
      .from(users)
      .where(sql`${users.slug} = ${base} or ${users.slug} ~ ${`^${base}-[0-9]+$`}`);
    return rows.map((r) => r.slug);
  }

  async insertUser(values: Omit<NewUserRow, "id"> & { id?: string }): Promise<UserRow> {
    const rows = await this.db
      .insert(users)
      .values({ ...values, id: values.id ?? uuidv7() })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("insert into users returned no row");
    return row;
  }

  async updateUser(id: string, changes: UserChanges, now: Date): Promise<UserRow | null> {
    const rows = await this.db
      .update(users)
      .set({ ...changes, updatedAt: now })
      .where(eq(users.id, id))
      .returning();
    return rows[0] ?? null;
  }

  async findRole(name: string): Promise<RoleRow | null> {
    const rows = await this.db.select().from(roles).where(eq(roles.name, name)).limit(1);
    return rows[0] ?? null;
  }

  // --- single-use tokens and codes -------------------------------------------------------------

  async insertOneTimeToken(token: NewOneTimeToken): Promise<OneTimeTokenRow> {
    const rows = await this.db
      .insert(oneTimeTokens)
      .values({
        id: uuidv7(),
        userId: token.userId,
        purpose: token.purpose,
        tokenHash: token.tokenHash,
        data: token.data ?? {},
        createdAt: token.createdAt,
        expiresAt: token.expiresAt,
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("insert into one_time_tokens returned no row");
    return row;
  }

  /** An open (unconsumed, unexpired) token, without consuming it. */
  async findOpenOneTimeToken(
    purpose: OneTimeTokenPurpose,
    tokenHash: string,
    now: Date,
  ): Promise<OneTimeTokenRow | null> {
    const rows = await this.db
      .select()
      .from(oneTimeTokens)
      .where(
        and(
          eq(oneTimeTokens.purpose, purpose),
          eq(oneTimeTokens.tokenHash, tokenHash),
          isNull(oneTimeTokens.consumedAt),
          gt(oneTimeTokens.expiresAt, now),
        ),
      )
      .limit(1);
    return rows[0] ?? null;
  }

  /**
   * Consumes an open token in one statement, so two concurrent uses cannot both succeed.
   * With `userId`, only that user's tokens match (codes are short and not globally unique).
   */
  async consumeOneTimeToken(
    purpose: OneTimeTokenPurpose,
    tokenHash: string,
    now: Date,
    userId?: string,
  ): Promise<OneTimeTokenRow | null> {
    const rows = await this.db
      .update(oneTimeTokens)
      .set({ consumedAt: now })
      .where(
        and(
          eq(oneTimeTokens.purpose, purpose),
          eq(oneTimeTokens.tokenHash, tokenHash),
          isNull(oneTimeTokens.consumedAt),
          gt(oneTimeTokens.expiresAt, now),
          userId === undefined ? undefined : eq(oneTimeTokens.userId, userId),
        ),
      )
      .returning();
    return rows[0] ?? null;
  }

  /** Ends every open token of these purposes for the user (a new one replaces them). */
  async invalidateOneTimeTokens(
    userId: string,
    purposes: readonly OneTimeTokenPurpose[],
    now: Date,
  ): Promise<number> {
    const rows = await this.db
      .update(oneTimeTokens)
      .set({ consumedAt: now })
      .where(
        and(
          eq(oneTimeTokens.userId, userId),
          inArray(oneTimeTokens.purpose, [...purposes]),
          isNull(oneTimeTokens.consumedAt),
        ),
      )
      .returning({ id: oneTimeTokens.id });
    return rows.length;
  }

  /** Counts a wrong guess against the user's open codes; codes with `maxAttempts` guesses are burnt. */
  async recordOneTimeCodeFailure(
    userId: string,
    purpose: OneTimeTokenPurpose,
    maxAttempts: number,
    now: Date,
  ): Promise<void> {
    await this.db
      .update(oneTimeTokens)
      .set({
        attempts: sql`${oneTimeTokens.attempts} + 1`,
        consumedAt: sql`case when ${oneTimeTokens.attempts} + 1 >= ${maxAttempts} then ${now.toISOString()}::timestamptz else null end`,
      })
      .where(
        and(
          eq(oneTimeTokens.userId, userId),
          eq(oneTimeTokens.purpose, purpose),
          isNull(oneTimeTokens.consumedAt),
        ),
      );
  }

  async countOneTimeTokensSince(userId: string, purpose: OneTimeTokenPurpose, since: Date): Promise<number> {
    const rows = await this.db
      .select({ n: count() })
      .from(oneTimeTokens)
      .where(
        and(
          eq(oneTimeTokens.userId, userId),
          eq(oneTimeTokens.purpose, purpose),
          gte(oneTimeTokens.createdAt, since),
        ),
      );
    return Number(rows[0]?.n ?? 0);
  }

  async latestOneTimeToken(userId: string, purpose: OneTimeTokenPurpose): Promise<OneTimeTokenRow | null> {
    const rows = await this.db
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose)))
      .orderBy(desc(oneTimeTokens.createdAt))
      .limit(1);
    return rows[0] ?? null;
  }

  // --- sign-in throttle ------------------------------------------------------------------------

  async findThrottles(keys: readonly string[]): Promise<AuthThrottleRow[]> {
    if (keys.length === 0) return [];
    return this.db
      .select()
      .from(authThrottle)
      .where(inArray(authThrottle.key, [...keys]));
  }

  /**
   * Counts one failure atomically and returns the new counter: concurrent failures each see a
   * distinct value, so exactly one of them sees the count that starts a lock.
   */
  async recordThrottleFailure(key: string, now: Date): Promise<AuthThrottleRow> {
    const rows = await this.db
      .insert(authThrottle)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: { failures: sql`${authThrottle.failures} + 1`, lastFailureAt: now },
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("upsert into auth_throttle returned no row");
    return row;
  }

  async lockThrottle(key: string, lockedUntil: Date, notifiedAt: Date | null): Promise<void> {
    await this.db
      .update(authThrottle)
      .set({ lockedUntil, ...(notifiedAt === null ? {} : { notifiedAt }) })
      .where(eq(authThrottle.key, key));
  }

  async resetThrottle(key: string): Promise<void> {
    await this.db.delete(authThrottle).where(eq(authThrottle.key, key));
  }
}
