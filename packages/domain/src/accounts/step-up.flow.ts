import { ForbiddenError, NotFoundError, ValidationError } from "@folio/core";
import { AccountsRepository, MfaRepository, SessionsRepository } from "@folio/database";
import type { MfaMethod } from "@folio/types";
import { InvalidCodeError } from "./account-errors.js";
import type { AccountsContext } from "./accounts-context.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { accountThrottleKey, assertNotThrottled, ipThrottleKey, recordFailedAttempt } from "./login.flow.js";
import { sendCode, verifySecondFactor } from "./second-factor.js";
import type { Actor } from "./sessions.flow.js";

function sessionOf(actor: Actor): string {
  // API tokens have no session to mark: sensitive actions stay out of their reach.
  if (actor.sessionId === null) throw new ForbiddenError("Re-authentication needs a signed-in session.");
  return actor.sessionId;
}

/**
 * Re-authenticates the session for sensitive actions: the password, plus a second factor when
 * one is enrolled. Failures count against the sign-in throttle like failed logins, and answer
 * 400 (not 401: the session itself is fine).
 */
export async function stepUp(
  ctx: AccountsContext,
  actor: Actor,
  input: { password: string; method?: MfaMethod | undefined; code?: string | undefined },
  meta: RequestMeta,
): Promise<{ stepUpExpiresAt: Date }> {
  const sessionId = sessionOf(actor);
  const accounts = new AccountsRepository(ctx.database);
  const user = await accounts.findUserById(actor.userId);
  if (!user) throw new NotFoundError("user", actor.userId);
  await assertNotThrottled(
    ctx,
    meta.ip === null
      ? [accountThrottleKey(user.email)]
      : [accountThrottleKey(user.email), ipThrottleKey(meta.ip)],
  );
  const verified = user.passwordHash
    ? await ctx.hasher.verify(user.passwordHash, input.password)
    : { ok: await ctx.hasher.verifyDummy(input.password), needsRehash: false };
  if (!verified.ok) {
    await recordFailedAttempt(ctx, {
      email: user.email,
      user,
      reason: "wrong-password",
      meta,
      event: "step_up",
    });
    throw new ValidationError([{ pointer: "/body/password", detail: "is incorrect" }]);
  }
  const kinds = await new MfaRepository(ctx.database).confirmedKinds(user.id);
  let amr = "pwd";
  if (kinds.length > 0) {
    if (input.method === undefined || input.code === undefined) {
      throw new ValidationError(
        [{ pointer: "/body/code", detail: "a code from your second factor is required (with `method`)" }],
        "A second factor is enrolled: send `method` and `code` too.",
      );
    }
    const factorAmr = await verifySecondFactor(ctx, ctx.database, user, input.method, input.code, meta);
    if (factorAmr === null) {
      await recordFailedAttempt(ctx, {
        email: user.email,
        user,
        reason: "wrong-code",
        meta,
        event: "step_up",
      });
      throw new InvalidCodeError(400);
    }
    amr = factorAmr;
  }
  const now = ctx.now();
  await ctx.database.transaction(async (tx) => {
    if (!(await new SessionsRepository(tx).setStepUp(user.id, sessionId, now))) {
      throw new ForbiddenError("The session has ended.");
    }
    await new AccountsRepository(tx).resetThrottle(accountThrottleKey(user.email));
    await recordAudit(tx, {
      event: "step_up",
      actorId: user.id,
      targetId: user.id,
      meta,
      details: { session_id: sessionId, method: amr },
    });
  });
  return { stepUpExpiresAt: new Date(now.getTime() + ctx.options.stepUpTtlSeconds * 1000) };
}

/** Sends a step-up code by email or SMS (for users whose factor is a sent code). */
export async function sendStepUpCode(
  ctx: AccountsContext,
  actor: Actor,
  method: "email" | "sms",
): Promise<void> {
  sessionOf(actor);
  const user = await new AccountsRepository(ctx.database).findUserById(actor.userId);
  if (!user) throw new NotFoundError("user", actor.userId);
  const factor = await new MfaRepository(ctx.database).findFactor(user.id, method);
  if (!factor || factor.confirmedAt === null) throw new NotFoundError("mfa factor", method);
  const destination = method === "email" ? user.email : factor.phone;
  if (destination === null) throw new NotFoundError("mfa factor", method);
  await ctx.database.transaction((tx) => sendCode(ctx, tx, user, method, destination));
}

/** When the session last re-authenticated (fresh from the database, never cached). */
export async function sessionStepUpAt(ctx: AccountsContext, sessionId: string): Promise<Date | null> {
  return (await new SessionsRepository(ctx.database).findSession(sessionId))?.stepUpAt ?? null;
}
