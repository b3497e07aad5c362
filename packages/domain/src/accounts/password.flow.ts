import { hashOpaqueToken } from "@folio/auth";
import { ValidationError } from "@folio/core";
import { AccountsRepository, OutboxRepository, type Db, type UserRow } from "@folio/database";
import { enqueueEmail } from "../messaging/outbox.js";
import { InvalidOneTimeTokenError } from "./account-errors.js";
import { assertPasswordPolicy } from "./account-rules.js";
import { ACCOUNT_LINK_PATHS, ACCOUNT_TTLS, type AccountsContext } from "./accounts-context.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { issueOneTimeToken } from "./one-time-tokens.js";
import { accountThrottleKey, recordFailedAttempt } from "./login.flow.js";
import { revokeUserSessions, type Actor } from "./sessions.flow.js";

/** A reset link (30 minutes, single use; older links stop working), queued in `tx`. */
export async function sendPasswordReset(ctx: AccountsContext, tx: Db, user: UserRow): Promise<void> {
  const issued = await issueOneTimeToken(new AccountsRepository(tx), {
    userId: user.id,
    purpose: "reset-password",
    ttlMs: ACCOUNT_TTLS.resetPasswordMs,
    now: ctx.now(),
  });
  await enqueueEmail(new OutboxRepository(tx), {
    to: user.email,
    template: "reset-password",
    data: {
      name: user.displayName,
      url: ctx.link(ACCOUNT_LINK_PATHS.resetPassword, { token: issued.secret }),
      expiresInMinutes: Math.round(ACCOUNT_TTLS.resetPasswordMs / 60_000),
    },
    dedupeKey: `reset-password:${issued.id}`,
  });
}

async function notifyPasswordChanged(ctx: AccountsContext, tx: Db, user: UserRow): Promise<void> {
  await enqueueEmail(new OutboxRepository(tx), {
    to: user.email,
    template: "password-changed",
    data: { name: user.displayName, resetUrl: ctx.link(ACCOUNT_LINK_PATHS.forgotPassword) },
  });
}

/** Always "accepted": whether the address has an account is never revealed. */
export async function forgotPassword(ctx: AccountsContext, email: string, meta: RequestMeta): Promise<void> {
  const user = await new AccountsRepository(ctx.database).findUserByEmail(email.trim());
  if (!user || user.status === "suspended") return;
  await ctx.database.transaction(async (tx) => {
    const accounts = new AccountsRepository(tx);
    const recent = await accounts.countOneTimeTokensSince(
      user.id,
      "reset-password",
      new Date(ctx.now().getTime() - ACCOUNT_TTLS.resetPasswordMs),
    );
    // A handful of links per half hour is plenty; more would let anyone flood a mailbox.
    if (recent >= 5) return;
    await sendPasswordReset(ctx, tx, user);
    await recordAudit(tx, { event: "auth.password_reset_requested", targetId: user.id, meta });
  });
}

/**
 * Sets a new password with an emailed token: one transaction consumes the token, stores the
 * hash, signs out every session, unlocks the account and queues the "password changed" notice.
 * Proving control of the mailbox also verifies the address.
 */
export async function resetPassword(
  ctx: AccountsContext,
  input: { token: string; password: string },
  meta: RequestMeta,
): Promise<void> {
  const tokenHash = hashOpaqueToken(input.token);
  const accounts = new AccountsRepository(ctx.database);
  const open = await accounts.findOpenOneTimeToken("reset-password", tokenHash, ctx.now());
  const user = open ? await accounts.findUserById(open.userId) : null;
  if (!open || !user || user.status === "suspended") throw new InvalidOneTimeTokenError();
  // The policy first, so a rejected password leaves the link usable.
  assertPasswordPolicy(input.password, [user.email, user.displayName], "/body/password");
  const passwordHash = await ctx.hasher.hash(input.password);
  const now = ctx.now();
  const revoked = await ctx.database.transaction(async (tx) => {
    const txAccounts = new AccountsRepository(tx);
    if (!(await txAccounts.consumeOneTimeToken("reset-password", tokenHash, now))) return null;
    await txAccounts.updateUser(
      user.id,
      { passwordHash, passwordChangedAt: now, emailVerifiedAt: user.emailVerifiedAt ?? now },
      now,
    );
    await txAccounts.resetThrottle(accountThrottleKey(user.email));
    const ids = await revokeUserSessions(ctx, tx, { userId: user.id, reason: "password-reset", meta });
    await notifyPasswordChanged(ctx, tx, user);
    await recordAudit(tx, { event: "auth.password_reset", actorId: user.id, targetId: user.id, meta });
    return ids;
  });
  if (revoked === null) throw new InvalidOneTimeTokenError();
  ctx.announceRevoked(user.id, revoked, "password-reset");
}

/**
 * Changes the password of a signed-in user (the route requires a recent step-up as well). Every
 * other session is signed out; this one stays.
 */
export async function changePassword(
  ctx: AccountsContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const accounts = new AccountsRepository(ctx.database);
  const user = await accounts.findUserById(actor.userId);
  if (!user) throw new InvalidOneTimeTokenError();
  const verified = user.passwordHash
    ? await ctx.hasher.verify(user.passwordHash, input.currentPassword)
    : { ok: false, needsRehash: false };
  if (!verified.ok) {
    await recordFailedAttempt(ctx, {
      email: user.email,
      user,
      reason: "wrong-password",
      meta,
      event: "step_up",
    });
    throw new ValidationError([{ pointer: "/body/current_password", detail: "is incorrect" }]);
  }
  assertPasswordPolicy(input.newPassword, [user.email, user.displayName], "/body/new_password");
  const passwordHash = await ctx.hasher.hash(input.newPassword);
  const now = ctx.now();
  const revoked = await ctx.database.transaction(async (tx) => {
    await new AccountsRepository(tx).updateUser(user.id, { passwordHash, passwordChangedAt: now }, now);
    const ids = await revokeUserSessions(ctx, tx, {
      userId: user.id,
      reason: "password-changed",
      exceptSessionId: actor.sessionId,
      meta,
    });
    await notifyPasswordChanged(ctx, tx, user);
    await recordAudit(tx, { event: "account.password_changed", actorId: user.id, targetId: user.id, meta });
    return ids;
  });
  ctx.announceRevoked(user.id, revoked, "password-changed");
}
