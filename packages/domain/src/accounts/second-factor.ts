import { generateNumericCode, hashOpaqueToken, normalizeRecoveryCode } from "@folio/auth";
import {
  AccountsRepository,
  MfaRepository,
  OutboxRepository,
  type Db,
  type DbSource,
  type MfaFactorRow,
  type UserRow,
} from "@folio/database";
import type { MfaMethod } from "@folio/types";
import { enqueueEmail, enqueueSms } from "../messaging/outbox.js";
import { TooManyCodesError } from "./account-errors.js";
import {
  ACCOUNT_TTLS,
  MAX_CODE_ATTEMPTS,
  MAX_CODES_PER_WINDOW,
  MFA_CODE_WINDOW_MS,
  type AccountsContext,
} from "./accounts-context.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { issueOneTimeToken } from "./one-time-tokens.js";

/** RFC 8176 `amr` value of each second factor. */
export const AMR_OF_METHOD: Readonly<Record<MfaMethod, string>> = Object.freeze({
  totp: "otp",
  email: "mail",
  sms: "sms",
  recovery: "rec",
});

const CODE_PURPOSE = { email: "mfa-email", sms: "mfa-sms" } as const;

/** The SecretBox context of a TOTP factor's secret: a sealed secret copied to another row fails to open. */
export function totpSecretContext(factorId: string): string {
  return `totp:${factorId}`;
}

/**
 * Checks a TOTP code and records its time step in one conditional UPDATE, so a code (or an
 * earlier one) is accepted once even when two requests race.
 */
export async function verifyTotpCode(
  ctx: AccountsContext,
  source: DbSource,
  factor: MfaFactorRow,
  code: string,
): Promise<{ ok: true; step: number } | { ok: false }> {
  if (factor.secretSealed === null) return { ok: false };
  const secret = ctx.secretBox.open(factor.secretSealed, totpSecretContext(factor.id));
  const result = ctx.totp.verify(secret, code, factor.lastUsedStep);
  if (!result.ok) return { ok: false };
  const recorded = await new MfaRepository(source).recordTotpStep(factor.id, result.step, ctx.now());
  return recorded ? result : { ok: false };
}

/** Consumes an emailed or texted code; a wrong one counts against the open codes (5 guesses). */
export async function consumeSentCode(
  ctx: AccountsContext,
  source: DbSource,
  userId: string,
  kind: "email" | "sms",
  code: string,
): Promise<boolean> {
  const digits = code.replace(/\s+/g, "");
  const accounts = new AccountsRepository(source);
  const now = ctx.now();
  if (/^\d{6}$/.test(digits)) {
    const consumed = await accounts.consumeOneTimeToken(
      CODE_PURPOSE[kind],
      hashOpaqueToken(digits),
      now,
      userId,
    );
    if (consumed) return true;
  }
  await accounts.recordOneTimeCodeFailure(userId, CODE_PURPOSE[kind], MAX_CODE_ATTEMPTS, now);
  return false;
}

/**
 * Verifies a second factor of a user (confirmed factors only). Returns the `amr` value of the
 * method on success. A used recovery code is audited.
 */
export async function verifySecondFactor(
  ctx: AccountsContext,
  source: DbSource,
  user: UserRow,
  method: MfaMethod,
  code: string,
  meta: RequestMeta,
): Promise<string | null> {
  const mfa = new MfaRepository(source);
  if (method === "recovery") {
    const used = await mfa.useRecoveryCode(user.id, hashOpaqueToken(normalizeRecoveryCode(code)), ctx.now());
    if (!used) return null;
    await recordAudit(source, {
      event: "mfa.recovery_code_used",
      actorId: user.id,
      targetId: user.id,
      meta,
      details: { remaining: await mfa.countUnusedRecoveryCodes(user.id) },
    });
    return AMR_OF_METHOD.recovery;
  }
  const factor = await mfa.findFactor(user.id, method);
  if (!factor || factor.confirmedAt === null) return null;
  if (method === "totp") {
    return (await verifyTotpCode(ctx, source, factor, code)).ok ? AMR_OF_METHOD.totp : null;
  }
  const ok = await consumeSentCode(ctx, source, user.id, method, code);
  if (ok) await mfa.markFactorUsed(factor.id, ctx.now());
  return ok ? AMR_OF_METHOD[method] : null;
}

/**
 * Sends a fresh 6-digit code by email or SMS through the outbox (in the caller's transaction);
 * it replaces any open code of that kind. At most MAX_CODES_PER_WINDOW per 10 minutes.
 */
export async function sendCode(
  ctx: AccountsContext,
  tx: Db,
  user: UserRow,
  kind: "email" | "sms",
  destination: string,
): Promise<void> {
  const now = ctx.now();
  const accounts = new AccountsRepository(tx);
  const purpose = CODE_PURPOSE[kind];
  const recent = await accounts.countOneTimeTokensSince(
    user.id,
    purpose,
    new Date(now.getTime() - MFA_CODE_WINDOW_MS),
  );
  if (recent >= MAX_CODES_PER_WINDOW) throw new TooManyCodesError(MFA_CODE_WINDOW_MS / 1000);
  const { secret: code } = await issueOneTimeToken(accounts, {
    userId: user.id,
    purpose,
    ttlMs: ACCOUNT_TTLS.mfaCodeMs,
    now,
    secret: generateNumericCode(6),
  });
  const expiresInMinutes = Math.round(ACCOUNT_TTLS.mfaCodeMs / 60_000);
  const outbox = new OutboxRepository(tx);
  if (kind === "email") {
    await enqueueEmail(outbox, {
      to: destination,
      template: "mfa-code",
      data: { name: user.displayName, code, expiresInMinutes },
    });
  } else {
    await enqueueSms(outbox, { to: destination, template: "mfa-code", data: { code, expiresInMinutes } });
  }
}

/** The methods an MFA challenge offers: confirmed factors, plus recovery codes if any are left. */
export async function challengeMethods(source: DbSource, userId: string): Promise<MfaMethod[]> {
  const mfa = new MfaRepository(source);
  const kinds: MfaMethod[] = await mfa.confirmedKinds(userId);
  if (kinds.length > 0 && (await mfa.countUnusedRecoveryCodes(userId)) > 0) kinds.push("recovery");
  return kinds;
}
