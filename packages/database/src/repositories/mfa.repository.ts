import { uuidv7 } from "@folio/core";
import { and, asc, count, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { mfaFactors, recoveryCodes, type MfaFactorRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export type MfaFactorKind = MfaFactorRow["kind"];

export interface NewPendingFactor {
  userId: string;
  kind: MfaFactorKind;
  secretSealed?: string | null;
  phone?: string | null;
  now: Date;
  /** Choose the id (TOTP secrets are sealed for `totp:<factor id>`). */
  id?: string;
}

/**
 * Second factors and recovery codes. Every statement is scoped by user id. An unconfirmed
 * factor is an enrolment in progress and never counts as MFA.
 */
export class MfaRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  private get db() {
    return this.access.write;
  }

  async listFactors(userId: string): Promise<MfaFactorRow[]> {
    return this.db
      .select()
      .from(mfaFactors)
      .where(eq(mfaFactors.userId, userId))
      .orderBy(asc(mfaFactors.createdAt));
  }

  async findFactor(userId: string, kind: MfaFactorKind): Promise<MfaFactorRow | null> {
    const rows = await this.db
      .select()
      .from(mfaFactors)
      .where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.kind, kind)))
      .limit(1);
    return rows[0] ?? null;
  }

  async confirmedKinds(userId: string): Promise<MfaFactorKind[]> {
    const rows = await this.db
      .select({ kind: mfaFactors.kind })
      .from(mfaFactors)
      .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)))
      .orderBy(asc(mfaFactors.createdAt));
    return rows.map((r) => r.kind);
  }

  /**
   * Starts (or restarts) an enrolment: replaces an unconfirmed factor of that kind. Returns null
   * when a confirmed one exists — disable it first.
   */
  async startEnrolment(factor: NewPendingFactor): Promise<MfaFactorRow | null> {
    await this.db
      .delete(mfaFactors)
      .where(
        and(
          eq(mfaFactors.userId, factor.userId),
          eq(mfaFactors.kind, factor.kind),
          isNull(mfaFactors.confirmedAt),
        ),
      );
    const rows = await this.db
      .insert(mfaFactors)
      .values({
        id: factor.id ?? uuidv7(),
        userId: factor.userId,
        kind: factor.kind,
        secretSealed: factor.secretSealed ?? null,
        phone: factor.phone ?? null,
        createdAt: factor.now,
      })
      .onConflictDoNothing({ target: [mfaFactors.userId, mfaFactors.kind] })
      .returning();
    return rows[0] ?? null;
  }

  /** Confirms a pending factor; false when there is none (or it was confirmed meanwhile). */
  async confirmFactor(
    userId: string,
    factorId: string,
    now: Date,
    lastUsedStep: number | null = null,
  ): Promise<boolean> {
    const rows = await this.db
      .update(mfaFactors)
      .set({ confirmedAt: now, lastUsedAt: now, lastUsedStep })
      .where(and(eq(mfaFactors.id, factorId), eq(mfaFactors.userId, userId), isNull(mfaFactors.confirmedAt)))
      .returning({ id: mfaFactors.id });
    return rows.length > 0;
  }

  /**
   * TOTP replay protection: records `step` only if it is later than the last accepted one, in
   * one statement. False means this step (or a later one) was already used: a replay.
   */
  async recordTotpStep(factorId: string, step: number, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(mfaFactors)
      .set({ lastUsedStep: step, lastUsedAt: now })
      .where(
        and(
          eq(mfaFactors.id, factorId),
          or(isNull(mfaFactors.lastUsedStep), lt(mfaFactors.lastUsedStep, step)),
        ),
      )
      .returning({ id: mfaFactors.id });
    return rows.length > 0;
  }

  async markFactorUsed(factorId: string, now: Date): Promise<void> {
    await this.db.update(mfaFactors).set({ lastUsedAt: now }).where(eq(mfaFactors.id, factorId));
  }

  async deleteFactor(userId: string, kind: MfaFactorKind): Promise<MfaFactorRow | null> {
    const rows = await this.db
      .delete(mfaFactors)
      .where(and(eq(mfaFactors.userId, userId), eq(mfaFactors.kind, kind)))
      .returning();
    return rows[0] ?? null;
  }

  // --- recovery codes --------------------------------------------------------------------------

  /** Replaces every recovery code of the user (old ones stop working at once). */
  async replaceRecoveryCodes(userId: string, codeHashes: readonly string[], now: Date): Promise<void> {
    await this.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    if (codeHashes.length === 0) return;
    await this.db
      .insert(recoveryCodes)
      .values(codeHashes.map((codeHash) => ({ id: uuidv7(), userId, codeHash, createdAt: now })));
  }

  /** Uses a code once: of two concurrent uses only one succeeds. */
  async useRecoveryCode(userId: string, codeHash: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, codeHash),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    return rows.length > 0;
  }

  async countUnusedRecoveryCodes(userId: string): Promise<number> {
    const rows = await this.db
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    return Number(rows[0]?.n ?? 0);
  }

  async deleteRecoveryCodes(userId: string): Promise<void> {
    await this.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  }
}
