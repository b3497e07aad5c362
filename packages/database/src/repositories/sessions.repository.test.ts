import { uuidv7 } from "@folio/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users, type UserRow } from "../schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import { AccountsRepository } from "./accounts.repository.js";
import { AuditRepository } from "./audit.repository.js";
import { MfaRepository } from "./mfa.repository.js";
import { SessionsRepository } from "./sessions.repository.js";
import { SigningKeysRepository } from "./signing-keys.repository.js";

const T0 = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const DAY = 86_400_000;

describe.each(databaseKinds)("account repositories on %s", (kind) => {
  let database: TestDatabase;
  let accounts: AccountsRepository;
  let sessions: SessionsRepository;
  let mfa: MfaRepository;

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    accounts = new AccountsRepository(database);
    sessions = new SessionsRepository(database);
    mfa = new MfaRepository(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  async function user(role = "member"): Promise<UserRow> {
    const id = uuidv7();
    return accounts.insertUser({ id, email: `${id}@example.org`, displayName: "U", slug: `u-${id}`, role });
  }

  async function session(owner: UserRow) {
    return sessions.insertSession({
      userId: owner.id,
      userAgent: "test",
      ip: "192.0.2.1",
      amr: ["pwd"],
      mfaLevel: "none",
      now: T0,
      idleExpiresAt: at(DAY),
      absoluteExpiresAt: at(30 * DAY),
      stepUpAt: T0,
    });
  }

  it("finds users by email case-insensitively and picks slugs by prefix", async () => {
    const u = await user();
    expect((await accounts.findUserByEmail(u.email.toUpperCase()))?.id).toBe(u.id);
    await accounts.insertUser({
      id: uuidv7(),
      email: `${uuidv7()}@x.org`,
      displayName: "A",
      slug: "anna-lee",
    });
    await accounts.insertUser({
      id: uuidv7(),
      email: `${uuidv7()}@x.org`,
      displayName: "A",
      slug: "anna-lee-2",
    });
    await accounts.insertUser({
      id: uuidv7(),
      email: `${uuidv7()}@x.org`,
      displayName: "A",
      slug: "anna-leeds",
    });
    expect((await accounts.slugsLike("anna-lee")).sort()).toEqual(["anna-lee", "anna-lee-2"]);
  });

  it("rotates a refresh token once: a second use, even a concurrent one, gets nothing", async () => {
    const s = await session(await user());
    await sessions.insertRefreshToken("hash-a", s.id, T0);
    const results = await Promise.all([
      sessions.rotateRefreshToken("hash-a", at(1)),
      sessions.rotateRefreshToken("hash-a", at(1)),
      sessions.rotateRefreshToken("hash-a", at(1)),
    ]);
    expect(results.filter((r) => r === s.id)).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(2);
    expect(await sessions.findRefreshToken("hash-a")).toMatchObject({ sessionId: s.id, rotatedAt: at(1) });
    expect(await sessions.findRefreshToken("unknown")).toBeNull();
  });

  it("scopes session revocation by user: another user's id changes nothing", async () => {
    const alice = await user();
    const bob = await user();
    const a1 = await session(alice);
    const a2 = await session(alice);
    expect(await sessions.revokeSession(bob.id, a1.id, "idor", at(1))).toBeNull();
    expect((await sessions.listActiveSessions(alice.id, at(2))).map((s) => s.id).sort()).toEqual(
      [a1.id, a2.id].sort(),
    );
    expect(await sessions.revokeUserSessions(alice.id, "others", at(3), a1.id)).toEqual([a2.id]);
    expect((await sessions.listActiveSessions(alice.id, at(4))).map((s) => s.id)).toEqual([a1.id]);
    // Expired by the idle lifetime: not listed.
    expect(await sessions.listActiveSessions(alice.id, at(DAY + 1))).toEqual([]);
  });

  it("reads a session's auth state with its user, role policy and factors in one query", async () => {
    const owner = await user("owner");
    const s = await session(owner);
    expect(await sessions.authState(s.id)).toMatchObject({
      userId: owner.id,
      role: "owner",
      roleMfaRequired: true,
      builtinRole: true,
      hasConfirmedFactor: false,
      userStatus: "active",
      revokedAt: null,
    });
    const factor = await mfa.startEnrolment({
      userId: owner.id,
      kind: "totp",
      secretSealed: "sealed",
      now: T0,
    });
    expect((await sessions.authState(s.id))?.hasConfirmedFactor).toBe(false);
    await mfa.confirmFactor(owner.id, factor!.id, T0);
    expect((await sessions.authState(s.id))?.hasConfirmedFactor).toBe(true);
  });

  it("counts throttle failures atomically: concurrent failures each see their own count", async () => {
    const key = `account:${uuidv7()}@example.org`;
    const rows = await Promise.all(Array.from({ length: 8 }, () => accounts.recordThrottleFailure(key, T0)));
    expect(rows.map((r) => r.failures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await accounts.resetThrottle(key);
    expect(await accounts.findThrottles([key])).toEqual([]);
  });

  it("accepts a TOTP step once and never an earlier one (replay protection)", async () => {
    const u = await user();
    const factor = await mfa.startEnrolment({ userId: u.id, kind: "totp", secretSealed: "s", now: T0 });
    const concurrent = await Promise.all([
      mfa.recordTotpStep(factor!.id, 100, T0),
      mfa.recordTotpStep(factor!.id, 100, T0),
    ]);
    expect(concurrent.sort()).toEqual([false, true]);
    expect(await mfa.recordTotpStep(factor!.id, 99, T0)).toBe(false);
    expect(await mfa.recordTotpStep(factor!.id, 101, T0)).toBe(true);
    // A confirmed factor blocks a second enrolment of its kind.
    await mfa.confirmFactor(u.id, factor!.id, T0);
    expect(await mfa.startEnrolment({ userId: u.id, kind: "totp", secretSealed: "t", now: T0 })).toBeNull();
  });

  it("uses recovery codes and single-use tokens exactly once", async () => {
    const u = await user();
    await mfa.replaceRecoveryCodes(u.id, ["r1", "r2"], T0);
    const uses = await Promise.all([
      mfa.useRecoveryCode(u.id, "r1", T0),
      mfa.useRecoveryCode(u.id, "r1", T0),
    ]);
    expect(uses.sort()).toEqual([false, true]);
    expect(await mfa.countUnusedRecoveryCodes(u.id)).toBe(1);

    await accounts.insertOneTimeToken({
      userId: u.id,
      purpose: "reset-password",
      tokenHash: "tok",
      createdAt: T0,
      expiresAt: at(60_000),
    });
    const consumed = await Promise.all([
      accounts.consumeOneTimeToken("reset-password", "tok", at(1)),
      accounts.consumeOneTimeToken("reset-password", "tok", at(1)),
    ]);
    expect(consumed.filter((c) => c !== null)).toHaveLength(1);

    await accounts.insertOneTimeToken({
      userId: u.id,
      purpose: "mfa-email",
      tokenHash: "123456",
      createdAt: T0,
      expiresAt: at(60_000),
    });
    for (let i = 0; i < 5; i += 1) await accounts.recordOneTimeCodeFailure(u.id, "mfa-email", 5, at(2));
    expect(await accounts.consumeOneTimeToken("mfa-email", "123456", at(3), u.id)).toBeNull();
    expect(await accounts.consumeOneTimeToken("reset-password", "tok", at(1))).toBeNull();
  });

  it("burns a challenge on the last allowed failure and consumes it once", async () => {
    const u = await user();
    const challenge = await sessions.insertChallenge({
      tokenHash: `c-${u.id}`,
      userId: u.id,
      purpose: "mfa-login",
      amr: ["pwd"],
      userAgent: null,
      ip: null,
      now: T0,
      expiresAt: at(300_000),
    });
    expect(await sessions.recordChallengeFailure(challenge.id, 2, at(1))).toBe(1);
    expect(await sessions.findOpenChallenge(challenge.tokenHash, "mfa-login", at(2), 2)).not.toBeNull();
    expect(await sessions.recordChallengeFailure(challenge.id, 2, at(3))).toBe(2);
    expect(await sessions.findOpenChallenge(challenge.tokenHash, "mfa-login", at(4), 2)).toBeNull();
    expect(await sessions.consumeChallenge(challenge.id, at(5))).toBe(false);
  });

  it("appends audit entries that can never be changed or deleted", async () => {
    const audit = new AuditRepository(database);
    const entry = await audit.append({
      event: "auth.login",
      outcome: "failure",
      ip: "192.0.2.9",
      userAgent: "x".repeat(2000),
    });
    expect(entry.userAgent).toHaveLength(512);
    await expect(database.db.update(auditLog).set({ event: "tampered" })).rejects.toThrow();
    await expect(database.db.delete(auditLog)).rejects.toThrow();
  });

  it("stores signing keys and deletes only expired ones", async () => {
    const keys = new SigningKeysRepository(database);
    const key = (kid: string, expiresAt: Date) => ({
      kid,
      alg: "EdDSA",
      publicJwk: { kty: "OKP" },
      privateJwkSealed: "sealed",
      createdAt: T0,
      activatesAt: T0,
      retiresAt: at(DAY),
      expiresAt,
    });
    await keys.insert(key("old", at(DAY)));
    await keys.insert(key("new", at(10 * DAY)));
    expect(await keys.deleteExpired(at(2 * DAY))).toBe(1);
    expect((await keys.list()).map((k) => k.kid)).toEqual(["new"]);
  });

  it("cascades a deleted user's sessions and factors", async () => {
    const u = await user();
    const s = await session(u);
    await database.db.delete(users).where(eq(users.id, u.id));
    expect(await sessions.findSession(s.id)).toBeNull();
  });
});
