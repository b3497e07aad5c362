import { generateOpaqueToken, hashOpaqueToken } from "@folio/auth";
import { NotFoundError } from "@folio/core";
import {
  AccountsRepository,
  SessionsRepository,
  type Db,
  type SessionRow,
  type UserRow,
} from "@folio/database";
import type { MfaChallenge, Session, User } from "@folio/types";
import { InvalidRefreshTokenError, RefreshTokenReusedError } from "./account-errors.js";
import type { AccountsContext } from "./accounts-context.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { loadUserView } from "./user-view.js";

/** A completed sign-in: the tokens to hand out and who they are for. */
export interface SignedIn {
  kind: "signed-in";
  accessToken: string;
  accessTokenExpiresAt: Date;
  /** Seconds, for `expires_in`. */
  expiresIn: number;
  refreshToken: string;
  /** The session's absolute end: the refresh cookie lives as long. */
  sessionExpiresAt: Date;
  sessionId: string;
  user: User;
}

/** Password accepted, second factor pending: only this challenge, never an access token. */
export interface MfaPending {
  kind: "mfa-required";
  challenge: MfaChallenge;
}

export type LoginResult = SignedIn | MfaPending;

/** Who is acting, as the auth layer established it. */
export interface Actor {
  userId: string;
  /** The session of the request (null for API tokens). */
  sessionId: string | null;
}

export interface NewSessionInput {
  user: UserRow;
  amr: readonly string[];
  mfa: boolean;
  meta: RequestMeta;
}

/** Opens a session and its first refresh token inside the caller's transaction. */
export async function openSession(
  ctx: AccountsContext,
  tx: Db,
  input: NewSessionInput,
): Promise<{ session: SessionRow; refreshToken: string }> {
  const now = ctx.now();
  const absoluteExpiresAt = new Date(now.getTime() + ctx.options.refreshAbsoluteTtlSeconds * 1000);
  const idle = new Date(now.getTime() + ctx.options.refreshIdleTtlSeconds * 1000);
  const sessions = new SessionsRepository(tx);
  const session = await sessions.insertSession({
    userId: input.user.id,
    userAgent: input.meta.userAgent,
    ip: input.meta.ip,
    amr: input.amr,
    mfaLevel: input.mfa ? "mfa" : "none",
    now,
    idleExpiresAt: idle < absoluteExpiresAt ? idle : absoluteExpiresAt,
    absoluteExpiresAt,
    // A fresh sign-in counts as a re-authentication for the step-up window.
    stepUpAt: now,
  });
  const refreshToken = generateOpaqueToken();
  await sessions.insertRefreshToken(hashOpaqueToken(refreshToken), session.id, now);
  await new AccountsRepository(tx).updateUser(input.user.id, { lastLoginAt: now }, now);
  return { session, refreshToken };
}

/** Signs an access token for the session (after the commit that made it). */
export async function issueSignedIn(
  ctx: AccountsContext,
  session: SessionRow,
  refreshToken: string,
  user: User,
): Promise<SignedIn> {
  const { token, expiresAt } = await ctx.accessTokens.issue({
    sub: user.id,
    sid: session.id,
    role: user.role,
    amr: session.amr,
    mfa: session.mfaLevel === "mfa",
    authTime: session.createdAt,
  });
  return {
    kind: "signed-in",
    accessToken: token,
    accessTokenExpiresAt: expiresAt,
    expiresIn: Math.max(1, Math.round((expiresAt.getTime() - ctx.now().getTime()) / 1000)),
    refreshToken,
    sessionExpiresAt: session.absoluteExpiresAt,
    sessionId: session.id,
    user,
  };
}

/** One transaction: the session, its refresh token and the audit entry; then the access token. */
export async function startSession(
  ctx: AccountsContext,
  input: NewSessionInput & {
    event: "auth.login" | "auth.mfa" | "oauth.login";
    details?: Record<string, unknown>;
  },
): Promise<SignedIn> {
  const opened = await ctx.database.transaction(async (tx) => {
    const { session, refreshToken } = await openSession(ctx, tx, input);
    await recordAudit(tx, {
      event: input.event,
      actorId: input.user.id,
      targetId: input.user.id,
      meta: input.meta,
      details: { session_id: session.id, amr: [...input.amr], ...input.details },
    });
    return { session, refreshToken, user: await loadUserView(tx, input.user.id) };
  });
  return issueSignedIn(ctx, opened.session, opened.refreshToken, opened.user);
}

type RefreshOutcome =
  | { kind: "ok"; session: SessionRow; refreshToken: string; user: User }
  | { kind: "invalid" }
  | { kind: "reused"; userId: string; revoked: string[] };

/**
 * Rotates a refresh token. A token that was already rotated coming back means a copy exists
 * (stolen, or replayed): the whole session is revoked and the event recorded — committed before
 * the 401 is thrown.
 */
export async function refreshSession(
  ctx: AccountsContext,
  refreshToken: string,
  meta: RequestMeta,
): Promise<SignedIn> {
  const hash = hashOpaqueToken(refreshToken);
  const now = ctx.now();
  const outcome = await ctx.database.transaction(async (tx): Promise<RefreshOutcome> => {
    const sessions = new SessionsRepository(tx);
    const sessionId = await sessions.rotateRefreshToken(hash, now);
    if (sessionId === null) {
      const known = await sessions.findRefreshToken(hash);
      if (!known) return { kind: "invalid" };
      const revoked = await sessions.revokeSession(known.userId, known.sessionId, "refresh-reuse", now);
      await recordAudit(tx, {
        event: "auth.refresh_reuse",
        outcome: "failure",
        targetId: known.userId,
        meta,
        details: { session_id: known.sessionId },
      });
      return { kind: "reused", userId: known.userId, revoked: revoked ? [revoked.id] : [] };
    }
    const session = await sessions.findSession(sessionId);
    if (
      !session ||
      session.revokedAt !== null ||
      session.idleExpiresAt <= now ||
      session.absoluteExpiresAt <= now
    ) {
      return { kind: "invalid" };
    }
    const user = await new AccountsRepository(tx).findUserById(session.userId);
    if (!user || user.status !== "active") return { kind: "invalid" };
    const next = generateOpaqueToken();
    await sessions.insertRefreshToken(hashOpaqueToken(next), session.id, now);
    const idle = new Date(now.getTime() + ctx.options.refreshIdleTtlSeconds * 1000);
    await sessions.touchSession(
      session.id,
      now,
      idle < session.absoluteExpiresAt ? idle : session.absoluteExpiresAt,
    );
    return { kind: "ok", session, refreshToken: next, user: await loadUserView(tx, user.id) };
  });
  if (outcome.kind === "invalid") throw new InvalidRefreshTokenError();
  if (outcome.kind === "reused") {
    ctx.announceRevoked(outcome.userId, outcome.revoked, "refresh-reuse");
    throw new RefreshTokenReusedError();
  }
  return issueSignedIn(ctx, outcome.session, outcome.refreshToken, outcome.user);
}

/** Ends the session of a refresh token. Unknown tokens are ignored: logging out is idempotent. */
export async function logoutByRefreshToken(
  ctx: AccountsContext,
  refreshToken: string,
  meta: RequestMeta,
): Promise<void> {
  const now = ctx.now();
  const revoked = await ctx.database.transaction(async (tx) => {
    const sessions = new SessionsRepository(tx);
    const known = await sessions.findRefreshToken(hashOpaqueToken(refreshToken));
    if (!known) return null;
    const session = await sessions.revokeSession(known.userId, known.sessionId, "logout", now);
    if (!session) return null;
    await recordAudit(tx, {
      event: "auth.logout",
      actorId: known.userId,
      targetId: known.userId,
      meta,
      details: { session_id: session.id },
    });
    return session;
  });
  if (revoked) ctx.announceRevoked(revoked.userId, [revoked.id], "logout");
}

/**
 * Revokes sessions of a user: all of them, or all but `exceptSessionId`. Used by logout-all,
 * "sign out other devices", password changes and resets (and the admin side, on suspension).
 */
export function revokeUserSessions(
  ctx: AccountsContext,
  tx: Db,
  input: RevokeSessionsInput,
): Promise<string[]> {
  return revokeUserSessionsInTransaction(tx, { ...input, now: ctx.now() });
}

export interface RevokeSessionsInput {
  userId: string;
  reason: string;
  exceptSessionId?: string | null | undefined;
  /** Who did it (default: the user). */
  actorId?: string | null | undefined;
  meta: RequestMeta;
}

/**
 * The same, for other domains' transactions (suspending a user): revokes and audits in `tx`.
 * Announce the returned ids as `session.revoked` events after the commit.
 */
export async function revokeUserSessionsInTransaction(
  tx: Db,
  input: RevokeSessionsInput & { now: Date },
): Promise<string[]> {
  const ids = await new SessionsRepository(tx).revokeUserSessions(
    input.userId,
    input.reason,
    input.now,
    input.exceptSessionId,
  );
  if (ids.length > 0) {
    await recordAudit(tx, {
      event: "session.revoked",
      actorId: input.actorId ?? input.userId,
      targetId: input.userId,
      meta: input.meta,
      details: { session_ids: ids, reason: input.reason },
    });
  }
  return ids;
}

export async function listSessions(ctx: AccountsContext, actor: Actor): Promise<Session[]> {
  const rows = await new SessionsRepository(ctx.database).listActiveSessions(actor.userId, ctx.now());
  return rows.map((s) => ({
    id: s.id,
    user_agent: s.userAgent,
    ip: s.ip,
    created_at: s.createdAt.toISOString(),
    last_seen_at: s.lastSeenAt.toISOString(),
    mfa: s.mfaLevel === "mfa",
    current: s.id === actor.sessionId,
  }));
}

/** Revokes one of the actor's own sessions; someone else's (or an unknown id) is a 404. */
export async function revokeOwnSession(
  ctx: AccountsContext,
  actor: Actor,
  sessionId: string,
  meta: RequestMeta,
): Promise<void> {
  const now = ctx.now();
  const revoked = await ctx.database.transaction(async (tx) => {
    const session = await new SessionsRepository(tx).revokeSession(
      actor.userId,
      sessionId,
      "revoked-by-user",
      now,
    );
    if (!session) return null;
    await recordAudit(tx, {
      event: "session.revoked",
      actorId: actor.userId,
      targetId: actor.userId,
      meta,
      details: { session_ids: [session.id], reason: "revoked-by-user" },
    });
    return session;
  });
  if (!revoked) throw new NotFoundError("session", sessionId);
  ctx.announceRevoked(actor.userId, [revoked.id], "revoked-by-user");
}

export async function revokeSessionsOf(ctx: AccountsContext, input: RevokeSessionsInput): Promise<string[]> {
  const ids = await ctx.database.transaction((tx) => revokeUserSessions(ctx, tx, input));
  ctx.announceRevoked(input.userId, ids, input.reason);
  return ids;
}
