import { hashOpaqueToken } from "@folio/auth";
import {
  AccountsRepository,
  MfaRepository,
  SessionsRepository,
  type AuthChallengeRow,
  type UserRow,
} from "@folio/database";
import type { MfaMethod } from "@folio/types";
import { InvalidChallengeError, InvalidCodeError } from "./account-errors.js";
import { MAX_CODE_ATTEMPTS, type AccountsContext } from "./accounts-context.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { sendCode, verifySecondFactor } from "./second-factor.js";
import { issueSignedIn, openSession, type SignedIn } from "./sessions.flow.js";
import { loadUserView } from "./user-view.js";

/** The open sign-in challenge of a token and its (active) user, or InvalidChallengeError. */
async function openChallenge(
  ctx: AccountsContext,
  challengeToken: string,
): Promise<{ challenge: AuthChallengeRow; user: UserRow }> {
  const challenge = await new SessionsRepository(ctx.database).findOpenChallenge(
    hashOpaqueToken(challengeToken),
    "mfa-login",
    ctx.now(),
    MAX_CODE_ATTEMPTS,
  );
  if (!challenge) throw new InvalidChallengeError();
  const user = await new AccountsRepository(ctx.database).findUserById(challenge.userId);
  if (!user || user.status !== "active") throw new InvalidChallengeError();
  return { challenge, user };
}

/** Sends a sign-in code by email or SMS for a pending challenge (10 minutes, replaces older codes). */
export async function sendChallengeCode(
  ctx: AccountsContext,
  input: { challengeToken: string; method: "email" | "sms" },
): Promise<void> {
  const { user } = await openChallenge(ctx, input.challengeToken);
  const factor = await new MfaRepository(ctx.database).findFactor(user.id, input.method);
  // Same answer whether or not the factor exists: the caller only learns what `methods` said.
  if (!factor || factor.confirmedAt === null) return;
  const destination = input.method === "email" ? user.email : factor.phone;
  if (destination === null) return;
  await ctx.database.transaction((tx) => sendCode(ctx, tx, user, input.method, destination));
}

/**
 * Completes a sign-in with a second factor. A wrong code counts against the challenge; the fifth
 * burns it. The challenge is consumed in the transaction that opens the session, so one
 * challenge yields at most one session.
 */
export async function verifyChallenge(
  ctx: AccountsContext,
  input: { challengeToken: string; method: MfaMethod; code: string },
  meta: RequestMeta,
): Promise<SignedIn> {
  const { challenge, user } = await openChallenge(ctx, input.challengeToken);
  const now = ctx.now();
  const amr = await verifySecondFactor(ctx, ctx.database, user, input.method, input.code, meta);
  if (amr === null) {
    const attempts = await new SessionsRepository(ctx.database).recordChallengeFailure(
      challenge.id,
      MAX_CODE_ATTEMPTS,
      now,
    );
    await recordAudit(ctx.database, {
      event: "auth.mfa",
      outcome: "failure",
      targetId: user.id,
      meta,
      details: { method: input.method, attempts },
    });
    if (attempts >= MAX_CODE_ATTEMPTS) throw new InvalidChallengeError();
    throw new InvalidCodeError(401);
  }
  const methods = [...new Set([...challenge.amr, amr, "mfa"])];
  const opened = await ctx.database.transaction(async (tx) => {
    if (!(await new SessionsRepository(tx).consumeChallenge(challenge.id, now))) return null;
    const { session, refreshToken } = await openSession(ctx, tx, { user, amr: methods, mfa: true, meta });
    await recordAudit(tx, {
      event: "auth.mfa",
      actorId: user.id,
      targetId: user.id,
      meta,
      details: { method: input.method, session_id: session.id },
    });
    await recordAudit(tx, {
      event: "auth.login",
      actorId: user.id,
      targetId: user.id,
      meta,
      details: { session_id: session.id, amr: methods },
    });
    return { session, refreshToken, user: await loadUserView(tx, user.id) };
  });
  if (!opened) throw new InvalidChallengeError();
  return issueSignedIn(ctx, opened.session, opened.refreshToken, opened.user);
}
