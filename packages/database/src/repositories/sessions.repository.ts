import { uuidv7 } from "@folio/core";
import { and, desc, eq, gt, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import {
  authChallenges,
  mfaFactors,
  refreshTokens,
  roles,
  sessions,
  users,
  type AuthChallengeRow,
  type SessionRow,
  type UserStatus,
} from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface NewSession {
  userId: string;
  userAgent: string | null;
  ip: string | null;
  amr: readonly string[];
  mfaLevel: "none" | "mfa";
  now: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  stepUpAt: Date | null;
}

export interface NewAuthChallenge {
  tokenHash: string;
  userId: string;
  purpose: AuthChallengeRow["purpose"];
  amr: readonly string[];
  sessionId?: string | null;
  userAgent: string | null;
  ip: string | null;
  now: Date;
  expiresAt: Date;
}

/** What authenticating a request with an access token needs to know, in one query. */
export interface SessionAuthState {
  sessionId: string;
  userId: string;
  revokedAt: Date | null;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  stepUpAt: Date | null;
  userStatus: UserStatus;
  role: string;
  roleMfaRequired: boolean;
  /** Stored permissions of the role (custom roles; built-in ones come from code). */
  rolePermissions: string[];
  builtinRole: boolean;
  hasConfirmedFactor: boolean;
}

/**
 * Sessions (one per sign-in), their refresh tokens (hashed, rotated on every use) and auth
 * challenges (the state between password and second factor). Queries that act for a user take
 * the user id, so one user can never reach another's session by guessing its id.
 */
export class SessionsRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  private get db() {
    return this.access.write;
  }

  async insertSession(values: NewSession): Promise<SessionRow> {
    const rows = await this.db
      .insert(sessions)
      .values({
        id: uuidv7(),
        userId: values.userId,
        userAgent: values.userAgent,
        ip: values.ip,
        amr: [...values.amr],
        mfaLevel: values.mfaLevel,
        createdAt: values.now,
        lastSeenAt: values.now,
        idleExpiresAt: values.idleExpiresAt,
        absoluteExpiresAt: values.absoluteExpiresAt,
        stepUpAt: values.stepUpAt,
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("insert into sessions returned no row");
    return row;
  }

  async findSession(id: string): Promise<SessionRow | null> {
    const rows = await this.db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
    return rows[0] ?? null;
  }

  /** Sessions still usable: not revoked, neither idle nor absolute lifetime over. Newest first. */
  async listActiveSessions(userId: string, now: Date): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          gt(sessions.idleExpiresAt, now),
          gt(sessions.absoluteExpiresAt, now),
        ),
      )
      .orderBy(desc(sessions.lastSeenAt), desc(sessions.id));
  }

  async touchSession(id: string, now: Date, idleExpiresAt: Date): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt: now, idleExpiresAt }).where(eq(sessions.id, id));
  }

  async setStepUp(userId: string, sessionId: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ stepUpAt: at })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length > 0;
  }

  /** Revokes one of the user's sessions; null when it is not theirs or already revoked. */
  async revokeSession(
    userId: string,
    sessionId: string,
    reason: string,
    now: Date,
  ): Promise<SessionRow | null> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning();
    return rows[0] ?? null;
  }

  /** Revokes every open session of the user (but `exceptSessionId`); returns the revoked ids. */
  async revokeUserSessions(
    userId: string,
    reason: string,
    now: Date,
    exceptSessionId?: string | null,
  ): Promise<string[]> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: reason })
      .where(
        and(
          eq(sessions.userId, userId),
          isNull(sessions.revokedAt),
          exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
        ),
      )
      .returning({ id: sessions.id });
    return rows.map((r) => r.id);
  }

  async authState(sessionId: string): Promise<SessionAuthState | null> {
    const rows = await this.db
      .select({
        sessionId: sessions.id,
        userId: sessions.userId,
        revokedAt: sessions.revokedAt,
        idleExpiresAt: sessions.idleExpiresAt,
        absoluteExpiresAt: sessions.absoluteExpiresAt,
        stepUpAt: sessions.stepUpAt,
        userStatus: users.status,
        role: users.role,
        roleMfaRequired: roles.mfaRequired,
        rolePermissions: roles.permissions,
        builtinRole: roles.builtin,
        hasConfirmedFactor: sql<boolean>`exists (select 1 from ${mfaFactors} where ${mfaFactors.userId} = ${users.id} and ${mfaFactors.confirmedAt} is not null)`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(roles, eq(roles.name, users.role))
      .where(eq(sessions.id, sessionId))
      .limit(1);
    const row = rows[0];
    return row ? { ...row, hasConfirmedFactor: Boolean(row.hasConfirmedFactor) } : null;
  }

  // --- refresh tokens --------------------------------------------------------------------------

  async insertRefreshToken(tokenHash: string, sessionId: string, now: Date): Promise<void> {
    await this.db.insert(refreshTokens).values({ tokenHash, sessionId, createdAt: now });
  }

  /**
   * Marks the token used, in one statement: of two concurrent uses exactly one gets the session
   * id back; the other (and any later use) sees null, which the caller treats as reuse when the
   * token exists.
   */
  async rotateRefreshToken(tokenHash: string, now: Date): Promise<string | null> {
    const rows = await this.db
      .update(refreshTokens)
      .set({ rotatedAt: now })
      .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.rotatedAt)))
      .returning({ sessionId: refreshTokens.sessionId });
    return rows[0]?.sessionId ?? null;
  }

  async findRefreshToken(
    tokenHash: string,
  ): Promise<{ sessionId: string; rotatedAt: Date | null; userId: string } | null> {
    const rows = await this.db
      .select({
        sessionId: refreshTokens.sessionId,
        rotatedAt: refreshTokens.rotatedAt,
        userId: sessions.userId,
      })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .limit(1);
    return rows[0] ?? null;
  }

  /** Rotated tokens of ended sessions are kept for reuse detection only while the session lives. */
  async deleteRotatedBefore(before: Date): Promise<number> {
    const rows = await this.db
      .delete(refreshTokens)
      .where(and(isNotNull(refreshTokens.rotatedAt), lt(refreshTokens.rotatedAt, before)))
      .returning({ hash: refreshTokens.tokenHash });
    return rows.length;
  }

  // --- challenges ------------------------------------------------------------------------------

  async insertChallenge(values: NewAuthChallenge): Promise<AuthChallengeRow> {
    const rows = await this.db
      .insert(authChallenges)
      .values({
        id: uuidv7(),
        tokenHash: values.tokenHash,
        userId: values.userId,
        purpose: values.purpose,
        amr: [...values.amr],
        sessionId: values.sessionId ?? null,
        userAgent: values.userAgent,
        ip: values.ip,
        createdAt: values.now,
        expiresAt: values.expiresAt,
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("insert into auth_challenges returned no row");
    return row;
  }

  /** An open challenge: not consumed, not expired, attempts left. */
  async findOpenChallenge(
    tokenHash: string,
    purpose: AuthChallengeRow["purpose"],
    now: Date,
    maxAttempts: number,
  ): Promise<AuthChallengeRow | null> {
    const rows = await this.db
      .select()
      .from(authChallenges)
      .where(
        and(
          eq(authChallenges.tokenHash, tokenHash),
          eq(authChallenges.purpose, purpose),
          isNull(authChallenges.consumedAt),
          gt(authChallenges.expiresAt, now),
          lt(authChallenges.attempts, maxAttempts),
        ),
      )
      .limit(1);
    return rows[0] ?? null;
  }

  /** Counts a wrong code; the attempt that reaches `maxAttempts` burns the challenge. */
  async recordChallengeFailure(id: string, maxAttempts: number, now: Date): Promise<number> {
    const rows = await this.db
      .update(authChallenges)
      .set({
        attempts: sql`${authChallenges.attempts} + 1`,
        consumedAt: sql`case when ${authChallenges.attempts} + 1 >= ${maxAttempts} then ${now.toISOString()}::timestamptz else ${authChallenges.consumedAt} end`,
      })
      .where(eq(authChallenges.id, id))
      .returning({ attempts: authChallenges.attempts });
    return rows[0]?.attempts ?? maxAttempts;
  }

  /** Single use: of two concurrent completions only one gets true. */
  async consumeChallenge(id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(authChallenges)
      .set({ consumedAt: now })
      .where(and(eq(authChallenges.id, id), isNull(authChallenges.consumedAt)))
      .returning({ id: authChallenges.id });
    return rows.length > 0;
  }
}
