import { generateOpaqueToken, hashOpaqueToken, throttleState, type ThrottlePolicy } from "@folio/auth";
import { AccountsRepository, OutboxRepository, SessionsRepository, type UserRow } from "@folio/database";
import { enqueueEmail } from "../messaging/outbox.js";
import {
  AccountLockedError,
  AccountSuspendedError,
  EmailNotVerifiedError,
  InvalidCredentialsError,
  LoginThrottledError,
} from "./account-errors.js";
import { ACCOUNT_LINK_PATHS, ACCOUNT_TTLS, type AccountsContext } from "./accounts-context.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { challengeMethods } from "./second-factor.js";
import { startSession, type LoginResult } from "./sessions.flow.js";

export function accountThrottleKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

export function ipThrottleKey(ip: string): string {
  return `ip:${ip}`;
}

function throttleKeys(email: string, meta: RequestMeta): string[] {
  return meta.ip === null ? [accountThrottleKey(email)] : [accountThrottleKey(email), ipThrottleKey(meta.ip)];
}

function policyOf(ctx: AccountsContext, key: string): ThrottlePolicy {
  return key.startsWith("ip:") ? ctx.ipThrottle : ctx.accountThrottle;
}

/**
 * Refuses the attempt while the account or the address is locked or backing off. Runs before
 * anything about the account is looked up, so known and unknown emails answer the same.
 */
export async function assertNotThrottled(ctx: AccountsContext, keys: readonly string[]): Promise<void> {
  const accounts = new AccountsRepository(ctx.database);
  const now = ctx.now();
  for (const row of await accounts.findThrottles(keys)) {
    const policy = policyOf(ctx, row.key);
    const state = throttleState(policy, row.failures, row.lastFailureAt, now);
    if (state.locked && row.key.startsWith("account:"))
      throw new AccountLockedError(state.retryAfterMs / 1000);
    if (!state.allowed) throw new LoginThrottledError(state.retryAfterMs / 1000);
    // A lock that ran out starts the count again (and a new lock notifies again).
    if (row.failures >= policy.lockAfter) await accounts.resetThrottle(row.key);
  }
}

/**
 * Counts a failed attempt against the account and the address, in one transaction with the audit
 * entry. The failure that reaches `lockAfter` (exactly one, the counter is atomic) locks, audits
 * `auth.lockout` and — for a real account — emails its owner once for this lock.
 */
export async function recordFailedAttempt(
  ctx: AccountsContext,
  input: {
    email: string;
    user: UserRow | null;
    reason: string;
    meta: RequestMeta;
    event?: "auth.login" | "step_up";
  },
): Promise<void> {
  const now = ctx.now();
  await ctx.database.transaction(async (tx) => {
    const accounts = new AccountsRepository(tx);
    for (const key of throttleKeys(input.email, input.meta)) {
      const policy = policyOf(ctx, key);
      const row = await accounts.recordThrottleFailure(key, now);
      if (row.failures !== policy.lockAfter) continue;
      const until = new Date(now.getTime() + policy.lockMs);
      const isAccount = key.startsWith("account:");
      const notify = isAccount && input.user !== null;
      await accounts.lockThrottle(key, until, notify ? now : null);
      await recordAudit(tx, {
        event: "auth.lockout",
        outcome: "failure",
        targetType: isAccount ? "user" : "ip",
        targetId: isAccount ? (input.user?.id ?? null) : input.meta.ip,
        meta: input.meta,
        details: { scope: isAccount ? "account" : "ip", until: until.toISOString(), failures: row.failures },
      });
      if (notify && input.user) {
        await enqueueEmail(new OutboxRepository(tx), {
          to: input.user.email,
          template: "account-locked",
          data: {
            name: input.user.displayName,
            until: until.toUTCString(),
            resetUrl: ctx.link(ACCOUNT_LINK_PATHS.forgotPassword),
          },
          dedupeKey: `account-locked:${input.user.id}:${until.getTime()}`,
        });
      }
    }
    await recordAudit(tx, {
      event: input.event ?? "auth.login",
      outcome: "failure",
      actorId: input.event === "step_up" ? (input.user?.id ?? null) : null,
      targetId: input.user?.id ?? null,
      meta: input.meta,
      details: { reason: input.reason, ...(input.user ? {} : { email: input.email.slice(0, 254) }) },
    });
  });
}

/**
 * Password sign-in. Unknown emails, accounts without a password and wrong passwords all cost one
 * argon2 verification and answer the same 401; the lockout applies to unknown emails too. Only
 * once the password is right does the answer depend on the account (unverified, suspended).
 */
export async function login(
  ctx: AccountsContext,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<LoginResult> {
  const email = input.email.trim();
  await assertNotThrottled(ctx, throttleKeys(email, meta));
  const accounts = new AccountsRepository(ctx.database);
  const user = await accounts.findUserByEmail(email);
  const verification =
    user?.passwordHash && user.status !== "invited"
      ? await ctx.hasher.verify(user.passwordHash, input.password)
      : { ok: await ctx.hasher.verifyDummy(input.password), needsRehash: false };
  if (!user || !verification.ok) {
    await recordFailedAttempt(ctx, {
      email,
      user,
      reason: user ? "wrong-password" : "unknown-account",
      meta,
    });
    throw new InvalidCredentialsError();
  }
  const now = ctx.now();
  await accounts.resetThrottle(accountThrottleKey(email));
  if (verification.needsRehash) {
    // Parameters were raised since this hash was made: upgrade it while we have the password.
    await accounts.updateUser(user.id, { passwordHash: await ctx.hasher.hash(input.password) }, now);
  }
  if (user.status === "suspended") {
    await recordAudit(ctx.database, {
      event: "auth.login",
      outcome: "failure",
      targetId: user.id,
      meta,
      details: { reason: "suspended" },
    });
    throw new AccountSuspendedError();
  }
  if (user.emailVerifiedAt === null) {
    await recordAudit(ctx.database, {
      event: "auth.login",
      outcome: "failure",
      targetId: user.id,
      meta,
      details: { reason: "email-not-verified" },
    });
    throw new EmailNotVerifiedError();
  }
  return signInUser(ctx, user, meta, { amr: ["pwd"] });
}

/**
 * The step after a first factor (password, OAuth): an MFA challenge when the user has a
 * confirmed factor, otherwise a session. OAuth sign-in calls this too.
 */
export async function signInUser(
  ctx: AccountsContext,
  user: UserRow,
  meta: RequestMeta,
  options: { amr: readonly string[]; event?: "auth.login" | "oauth.login" },
): Promise<LoginResult> {
  const methods = await challengeMethods(ctx.database, user.id);
  if (methods.length === 0) {
    return startSession(ctx, {
      user,
      amr: options.amr,
      mfa: false,
      meta,
      event: options.event ?? "auth.login",
    });
  }
  const now = ctx.now();
  const token = generateOpaqueToken();
  await new SessionsRepository(ctx.database).insertChallenge({
    tokenHash: hashOpaqueToken(token),
    userId: user.id,
    purpose: "mfa-login",
    amr: options.amr,
    userAgent: meta.userAgent,
    ip: meta.ip,
    now,
    expiresAt: new Date(now.getTime() + ACCOUNT_TTLS.mfaChallengeMs),
  });
  return {
    kind: "mfa-required",
    challenge: {
      mfa_required: true,
      challenge_token: token,
      methods,
      expires_in: Math.round(ACCOUNT_TTLS.mfaChallengeMs / 1000),
    },
  };
}
