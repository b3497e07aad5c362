import { hashOpaqueToken } from "@folio/auth";
import { slugify, uuidv7 } from "@folio/core";
import { AccountsRepository, OutboxRepository, type Db, type UserRow } from "@folio/database";
import { enqueueEmail } from "../messaging/outbox.js";
import { InvalidOneTimeTokenError, RegistrationClosedError } from "./account-errors.js";
import { ACCOUNT_LINK_PATHS, ACCOUNT_TTLS, type AccountsContext } from "./accounts-context.js";
import { assertPasswordPolicy, isUniqueViolation } from "./account-rules.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { issueOneTimeToken } from "./one-time-tokens.js";
import { sendPasswordReset } from "./password.flow.js";

const SLUG_MAX_LENGTH = 60;
/** A new verification email at most this often per account (resend and duplicate sign-ups). */
const VERIFY_RESEND_INTERVAL_MS = 60_000;

/** The first free slug among `base`, `base-2`, `base-3`, … (the unique index has the last word). */
export async function freeUserSlug(
  accounts: AccountsRepository,
  displayName: string,
  options: { fallback?: string; maxLength?: number } = {},
): Promise<string> {
  const maxLength = options.maxLength ?? SLUG_MAX_LENGTH;
  const base = slugify(displayName, { maxLength }) || (options.fallback ?? "member");
  const taken = new Set(await accounts.slugsLike(base));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base.slice(0, maxLength - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Issues a verification link (24 h; older links stop working) and queues the email, in `tx`. */
export async function sendVerification(ctx: AccountsContext, tx: Db, user: UserRow): Promise<void> {
  const issued = await issueOneTimeToken(new AccountsRepository(tx), {
    userId: user.id,
    purpose: "verify-email",
    ttlMs: ACCOUNT_TTLS.verifyEmailMs,
    now: ctx.now(),
  });
  await enqueueEmail(new OutboxRepository(tx), {
    to: user.email,
    template: "verify-email",
    data: { name: user.displayName, url: ctx.link(ACCOUNT_LINK_PATHS.verifyEmail, { token: issued.secret }) },
    dedupeKey: `verify-email:${issued.id}`,
  });
}

/**
 * Someone registered with an address that has an account. The answer is the same as for a new
 * account; the owner gets a verification link (unverified account) or a password-reset link.
 */
async function notifyExistingAccount(ctx: AccountsContext, tx: Db, user: UserRow): Promise<void> {
  const accounts = new AccountsRepository(tx);
  const now = ctx.now();
  const purpose = user.emailVerifiedAt === null ? "verify-email" : "reset-password";
  const last = await accounts.latestOneTimeToken(user.id, purpose);
  if (last && now.getTime() - last.createdAt.getTime() < VERIFY_RESEND_INTERVAL_MS) return;
  if (purpose === "verify-email") return sendVerification(ctx, tx, user);
  await sendPasswordReset(ctx, tx, user);
}

export interface Registered {
  user: { id: string; email: string };
  verificationRequired: true;
}

/**
 * Self-service sign-up of a member. The user, the verification token, the outbox email and the
 * audit entry are one transaction: a failure leaves nothing behind. A taken email answers
 * exactly like a new one (and costs the same argon2 hash), so sign-up reveals no accounts.
 */
export async function register(
  ctx: AccountsContext,
  input: { email: string; password: string; displayName: string },
  meta: RequestMeta,
): Promise<Registered> {
  if (!ctx.options.registrationOpen) throw new RegistrationClosedError();
  const email = input.email.trim();
  const displayName = input.displayName.trim();
  assertPasswordPolicy(input.password, [email, displayName], "/body/password");
  const passwordHash = await ctx.hasher.hash(input.password);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ctx.database.transaction(async (tx) => {
        const accounts = new AccountsRepository(tx);
        const existing = await accounts.findUserByEmail(email);
        if (existing) {
          await notifyExistingAccount(ctx, tx, existing);
          await recordAudit(tx, {
            event: "auth.register",
            outcome: "failure",
            targetId: existing.id,
            meta,
            details: { reason: "email-taken" },
          });
          // A fresh id: the existing account's id must not leak.
          return { user: { id: uuidv7(), email }, verificationRequired: true as const };
        }
        const now = ctx.now();
        const user = await accounts.insertUser({
          email,
          displayName,
          slug: await freeUserSlug(accounts, displayName),
          role: "member",
          status: "active",
          passwordHash,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        await sendVerification(ctx, tx, user);
        await recordAudit(tx, { event: "auth.register", actorId: user.id, targetId: user.id, meta });
        return { user: { id: user.id, email: user.email }, verificationRequired: true as const };
      });
    } catch (error) {
      // Two sign-ups raced for the slug or the email: the retry sees the winner's row.
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** Confirms an address with the emailed token (single use). */
export async function verifyEmail(ctx: AccountsContext, token: string, meta: RequestMeta): Promise<void> {
  const now = ctx.now();
  const ok = await ctx.database.transaction(async (tx) => {
    const accounts = new AccountsRepository(tx);
    const row = await accounts.consumeOneTimeToken("verify-email", hashOpaqueToken(token), now);
    if (!row) return false;
    const user = await accounts.findUserById(row.userId);
    if (!user) return false;
    if (user.emailVerifiedAt === null) await accounts.updateUser(user.id, { emailVerifiedAt: now }, now);
    await recordAudit(tx, { event: "auth.email_verified", actorId: user.id, targetId: user.id, meta });
    return true;
  });
  if (!ok) throw new InvalidOneTimeTokenError();
}

/** Sends a new verification link if the account exists and is unverified; silent otherwise. */
export async function resendVerification(ctx: AccountsContext, email: string): Promise<void> {
  const user = await new AccountsRepository(ctx.database).findUserByEmail(email.trim());
  if (!user || user.emailVerifiedAt !== null || user.status !== "active") return;
  await ctx.database.transaction(async (tx) => {
    const last = await new AccountsRepository(tx).latestOneTimeToken(user.id, "verify-email");
    if (last && ctx.now().getTime() - last.createdAt.getTime() < VERIFY_RESEND_INTERVAL_MS) return;
    await sendVerification(ctx, tx, user);
  });
}
