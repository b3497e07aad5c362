// Test helpers for signed-in requests: users of any role created straight in the database (with
// a real argon2 hash and, if asked or required by the role, a confirmed TOTP factor), signed in
// through the real HTTP endpoints. Never used by production code.
import { randomBytes } from "node:crypto";
import { uuidv7 } from "@folio/core";
import { AccountsRepository, DevMailboxRepository, MfaRepository, type DevMailboxRow } from "@folio/database";
import { freeUserSlug, totpSecretContext } from "@folio/domain";
import type { LoginResponse, TokenResponse, User } from "@folio/types";
import { createMessaging, type Messaging } from "../messaging.js";
import type { TestApp } from "./build-test-app.js";

export interface CreateUserOptions {
  /** A built-in role or an existing custom one. Default "member". */
  role?: string;
  email?: string;
  /** Default: a random passphrase that passes the password policy. */
  password?: string;
  displayName?: string;
  /** Email verified (default true): unverified users cannot sign in. */
  verified?: boolean;
  /**
   * "totp" enrols a confirmed authenticator app. Default: "totp" when the role requires MFA
   * (owner, admin), so `signIn` gives a full session; pass "none" for an enrolment-only one.
   */
  mfa?: "totp" | "none";
  status?: "active" | "suspended" | "invited";
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: string;
  displayName: string;
  slug: string;
  /** Base32 secret of the TOTP factor, when one was enrolled. */
  totpSecret?: string;
}

export interface SignedInUser {
  accessToken: string;
  refreshToken: string;
  /** The session id (the token's `sid`). */
  sessionId: string;
  user: User;
  headers: { authorization: string };
}

/** A password for test users: long random words, so it passes the policy. */
export function randomPassword(): string {
  return `quiet ${randomBytes(6).toString("hex")} harbour ${randomBytes(4).toString("hex")} lantern`;
}

/** Creates a user directly in the database (no email round trip). */
export async function createUser(t: TestApp, options: CreateUserOptions = {}): Promise<TestUser> {
  const { accounts } = t.services;
  const role = options.role ?? "member";
  const suffix = randomBytes(5).toString("hex");
  const email = options.email ?? `${role}-${suffix}@folio.test`;
  const password = options.password ?? randomPassword();
  const displayName = options.displayName ?? `Test ${role} ${suffix}`;
  const repository = new AccountsRepository(t.database);
  const now = new Date();
  const row = await repository.insertUser({
    email,
    displayName,
    slug: await freeUserSlug(repository, displayName),
    role,
    status: options.status ?? "active",
    passwordHash: await accounts.hasher.hash(password),
    passwordChangedAt: now,
    emailVerifiedAt: options.verified === false ? null : now,
  });
  const user: TestUser = { id: row.id, email, password, role, displayName, slug: row.slug };
  const mfaRequired = (await repository.findRole(role))?.mfaRequired ?? false;
  if (options.mfa === "totp" || (options.mfa === undefined && mfaRequired)) {
    const secret = accounts.totp.generateSecret();
    const factorId = uuidv7();
    const mfa = new MfaRepository(t.database);
    await mfa.startEnrolment({
      id: factorId,
      userId: row.id,
      kind: "totp",
      secretSealed: accounts.secretBox.seal(secret, totpSecretContext(factorId)),
      now,
    });
    await mfa.confirmFactor(row.id, factorId, now);
    user.totpSecret = secret;
  }
  return user;
}

const STEP_MS = 30_000;

/**
 * A TOTP code the server will accept now. Codes are single use per 30 s step and the server
 * accepts one step ahead, so signing in twice within a step uses the next step's code; beyond
 * that the helper moves the stored replay marker back (test-only) instead of sleeping.
 */
export async function nextTotpCode(t: TestApp, user: TestUser): Promise<string> {
  if (user.totpSecret === undefined) throw new Error(`${user.email} has no TOTP factor`);
  const factor = await new MfaRepository(t.database).findFactor(user.id, "totp");
  const current = Math.floor(Date.now() / STEP_MS);
  let step = Math.max(current, (factor?.lastUsedStep ?? -1) + 1);
  if (step > current + 1 && factor) {
    await t.database.withConnection((c) =>
      c.query("update mfa_factors set last_used_step = $1 where id = $2", [current, factor.id]),
    );
    step = current + 1;
  }
  return t.services.accounts.totp.generateCode(user.totpSecret, new Date(step * STEP_MS + 1_000));
}

function sessionIdOf(accessToken: string): string {
  const payload = accessToken.split(".")[1] ?? "";
  return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sid: string }).sid;
}

/** Signs in through POST /auth/login (and /auth/mfa/verify with a computed TOTP code). */
export async function signIn(
  t: TestApp,
  user: TestUser,
  options: { userAgent?: string; ip?: string } = {},
): Promise<SignedInUser> {
  const headers = { "user-agent": options.userAgent ?? "vitest" };
  const login = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    headers,
    remoteAddress: options.ip ?? "127.0.0.1",
    payload: { email: user.email, password: user.password },
  });
  if (login.statusCode !== 200)
    throw new Error(`login of ${user.email} failed: ${login.statusCode} ${login.body}`);
  let body = login.json<LoginResponse>();
  if ("mfa_required" in body) {
    const verify = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/mfa/verify",
      headers,
      remoteAddress: options.ip ?? "127.0.0.1",
      payload: { challenge_token: body.challenge_token, method: "totp", code: await nextTotpCode(t, user) },
    });
    if (verify.statusCode !== 200)
      throw new Error(`MFA of ${user.email} failed: ${verify.statusCode} ${verify.body}`);
    body = verify.json<TokenResponse>();
  }
  const tokens = body;
  if (tokens.refresh_token === undefined) throw new Error("login answered without a refresh token");
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    sessionId: sessionIdOf(tokens.access_token),
    user: tokens.user,
    headers: { authorization: `Bearer ${tokens.access_token}` },
  };
}

/** Re-authenticates a session (POST /auth/step-up), with a TOTP code when the user has one. */
export async function stepUp(t: TestApp, user: TestUser, session: SignedInUser): Promise<void> {
  const payload: Record<string, string> = { password: user.password };
  if (user.totpSecret !== undefined) {
    payload.method = "totp";
    payload.code = await nextTotpCode(t, user);
  }
  const response = await t.app.inject({
    method: "POST",
    url: "/api/v1/auth/step-up",
    headers: session.headers,
    payload,
  });
  if (response.statusCode !== 200) throw new Error(`step-up failed: ${response.statusCode} ${response.body}`);
}

const messagingOf = new WeakMap<TestApp, Messaging>();

/** Delivers what the outbox holds (to the dev mailbox) and returns the newest message to `to`. */
export async function readMail(
  t: TestApp,
  to: string,
  channel: "email" | "sms" = "email",
): Promise<DevMailboxRow | null> {
  let messaging = messagingOf.get(t);
  if (!messaging) {
    const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
    messaging = createMessaging(t.config, t.database, quiet);
    messagingOf.set(t, messaging);
  }
  await messaging.dispatcher.drain();
  return new DevMailboxRepository(t.database).latest(to, channel);
}

/** The `token` query parameter of the first link in a message. */
export function tokenFromMail(message: DevMailboxRow | null): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(message?.bodyText ?? "");
  if (!match?.[1]) throw new Error(`no token link in: ${message?.bodyText ?? "(no message)"}`);
  return match[1];
}

/** The 6-digit code of a message. */
export function codeFromMail(message: DevMailboxRow | null): string {
  const match = /\b(\d{6})\b/.exec(message?.bodyText ?? "");
  if (!match?.[1]) throw new Error(`no code in: ${message?.bodyText ?? "(no message)"}`);
  return match[1];
}
