import { generateRecoveryCodes, hashOpaqueToken, normalizeRecoveryCode } from "@folio/auth";
import { ConflictError, NotFoundError, uuidv7 } from "@folio/core";
import { AccountsRepository, MfaRepository, type Db, type MfaFactorRow, type UserRow } from "@folio/database";
import type { MfaFactorKind, MfaStatus, TotpEnrolment } from "@folio/types";
import { InvalidCodeError, MfaRequiredByRoleError } from "./account-errors.js";
import { RECOVERY_CODE_COUNT, type AccountsContext } from "./accounts-context.js";
import { recordAudit, type RequestMeta } from "./audit.js";
import { consumeSentCode, sendCode, totpSecretContext, verifyTotpCode } from "./second-factor.js";
import type { Actor } from "./sessions.flow.js";

async function userOf(source: Db | AccountsContext["database"], actor: Actor): Promise<UserRow> {
  const user = await new AccountsRepository(source).findUserById(actor.userId);
  if (!user) throw new NotFoundError("user", actor.userId);
  return user;
}

function hashRecoveryCode(code: string): string {
  return hashOpaqueToken(normalizeRecoveryCode(code));
}

async function roleRequiresMfa(source: Db | AccountsContext["database"], role: string): Promise<boolean> {
  return (await new AccountsRepository(source).findRole(role))?.mfaRequired ?? false;
}

export async function getMfaStatus(ctx: AccountsContext, actor: Actor): Promise<MfaStatus> {
  const user = await userOf(ctx.database, actor);
  const mfa = new MfaRepository(ctx.database);
  const factors = await mfa.listFactors(user.id);
  return {
    factors: factors.map((f) => ({
      kind: f.kind,
      confirmed: f.confirmedAt !== null,
      ...(f.kind === "sms" && f.phone ? { phone_hint: `•••${f.phone.slice(-2)}` } : {}),
      created_at: f.createdAt.toISOString(),
    })),
    recovery_codes_remaining: await mfa.countUnusedRecoveryCodes(user.id),
    required: await roleRequiresMfa(ctx.database, user.role),
  };
}

function alreadyEnrolled(kind: MfaFactorKind): ConflictError {
  return new ConflictError("mfa-already-enrolled", `A ${kind} factor is already enrolled; remove it first.`);
}

/** Starts TOTP enrolment: a new secret (sealed at rest) to show once as a QR code. */
export async function startTotpEnrolment(ctx: AccountsContext, actor: Actor): Promise<TotpEnrolment> {
  const user = await userOf(ctx.database, actor);
  const secret = ctx.totp.generateSecret();
  const id = uuidv7();
  const factor = await new MfaRepository(ctx.database).startEnrolment({
    id,
    userId: user.id,
    kind: "totp",
    secretSealed: ctx.secretBox.seal(secret, totpSecretContext(id)),
    now: ctx.now(),
  });
  if (!factor) throw alreadyEnrolled("totp");
  return { factor_id: factor.id, secret, otpauth_uri: ctx.totp.keyUri(user.email, secret) };
}

/** Starts email-code enrolment: a code goes to the account's (verified) address. */
export async function startEmailEnrolment(ctx: AccountsContext, actor: Actor): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    const user = await userOf(tx, actor);
    if (!(await new MfaRepository(tx).startEnrolment({ userId: user.id, kind: "email", now: ctx.now() }))) {
      throw alreadyEnrolled("email");
    }
    await sendCode(ctx, tx, user, "email", user.email);
  });
}

/** Starts SMS enrolment for an E.164 number (validated by the route schema). */
export async function startSmsEnrolment(ctx: AccountsContext, actor: Actor, phone: string): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    const user = await userOf(tx, actor);
    if (
      !(await new MfaRepository(tx).startEnrolment({ userId: user.id, kind: "sms", phone, now: ctx.now() }))
    ) {
      throw alreadyEnrolled("sms");
    }
    await sendCode(ctx, tx, user, "sms", phone);
  });
}

async function pendingFactor(
  ctx: AccountsContext,
  userId: string,
  kind: MfaFactorKind,
): Promise<MfaFactorRow> {
  const factor = await new MfaRepository(ctx.database).findFactor(userId, kind);
  if (!factor) throw new NotFoundError("mfa factor", kind);
  if (factor.confirmedAt !== null) throw alreadyEnrolled(kind);
  return factor;
}

/**
 * Proves a pending factor works and confirms it. The first factor of an account comes with 10
 * recovery codes, returned once (only their hashes are stored).
 */
export async function confirmEnrolment(
  ctx: AccountsContext,
  actor: Actor,
  kind: MfaFactorKind,
  code: string,
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[] }> {
  const factor = await pendingFactor(ctx, actor.userId, kind);
  let step: number | null = null;
  if (kind === "totp") {
    const result = await verifyTotpCode(ctx, ctx.database, factor, code);
    if (!result.ok) throw new InvalidCodeError(400);
    step = result.step;
  } else if (!(await consumeSentCode(ctx, ctx.database, actor.userId, kind, code))) {
    throw new InvalidCodeError(400);
  }
  const now = ctx.now();
  return ctx.database.transaction(async (tx) => {
    const mfa = new MfaRepository(tx);
    const firstFactor = (await mfa.confirmedKinds(actor.userId)).length === 0;
    if (!(await mfa.confirmFactor(actor.userId, factor.id, now, step))) throw alreadyEnrolled(kind);
    const recoveryCodes = firstFactor ? generateRecoveryCodes(RECOVERY_CODE_COUNT) : [];
    if (firstFactor) await mfa.replaceRecoveryCodes(actor.userId, recoveryCodes.map(hashRecoveryCode), now);
    await recordAudit(tx, {
      event: "mfa.enrolled",
      actorId: actor.userId,
      targetId: actor.userId,
      meta,
      details: { kind, recovery_codes_issued: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}

/**
 * Removes a factor. When the role requires MFA, the last confirmed factor cannot go. Removing
 * the last factor also removes the recovery codes (they would be a second way in without one).
 */
export async function disableFactor(
  ctx: AccountsContext,
  actor: Actor,
  kind: MfaFactorKind,
  meta: RequestMeta,
): Promise<void> {
  await ctx.database.transaction(async (tx) => {
    const user = await userOf(tx, actor);
    const mfa = new MfaRepository(tx);
    const factor = await mfa.findFactor(user.id, kind);
    if (!factor) throw new NotFoundError("mfa factor", kind);
    const confirmed = await mfa.confirmedKinds(user.id);
    const last = factor.confirmedAt !== null && confirmed.length === 1;
    if (last && (await roleRequiresMfa(tx, user.role))) throw new MfaRequiredByRoleError();
    await mfa.deleteFactor(user.id, kind);
    if (last) await mfa.deleteRecoveryCodes(user.id);
    if (factor.confirmedAt !== null) {
      await recordAudit(tx, {
        event: "mfa.disabled",
        actorId: user.id,
        targetId: user.id,
        meta,
        details: { kind },
      });
    }
  });
}

/** New recovery codes (the old ones stop working); needs a confirmed factor. */
export async function regenerateRecoveryCodes(
  ctx: AccountsContext,
  actor: Actor,
  meta: RequestMeta,
): Promise<string[]> {
  const now = ctx.now();
  return ctx.database.transaction(async (tx) => {
    const mfa = new MfaRepository(tx);
    if ((await mfa.confirmedKinds(actor.userId)).length === 0) {
      throw new ConflictError("mfa-not-enrolled", "Enrol a second factor before creating recovery codes.");
    }
    const codes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
    await mfa.replaceRecoveryCodes(actor.userId, codes.map(hashRecoveryCode), now);
    await recordAudit(tx, {
      event: "mfa.recovery_codes_regenerated",
      actorId: actor.userId,
      targetId: actor.userId,
      meta,
    });
    return codes;
  });
}
