import type { AccessTokens, JWK, PasswordHasher, SecretBox, Totp } from "@folio/auth";
import type { Database, UserRow } from "@folio/database";
import type { MfaFactorKind, MfaMethod, MfaStatus, Session, TotpEnrolment, User } from "@folio/types";
import type { DomainEvents } from "../events/domain-events.js";
import { createAccountsContext, type AccountsOptions } from "./accounts-context.js";
import type { RequestMeta } from "./audit.js";
import { createAuthenticator, type Principal } from "./authenticate.js";
import { login, signInUser } from "./login.flow.js";
import { sendChallengeCode, verifyChallenge } from "./mfa-challenge.flow.js";
import {
  confirmEnrolment,
  disableFactor,
  getMfaStatus,
  regenerateRecoveryCodes,
  startEmailEnrolment,
  startSmsEnrolment,
  startTotpEnrolment,
} from "./mfa-enrolment.flow.js";
import { changePassword, forgotPassword, resetPassword } from "./password.flow.js";
import {
  confirmEmailChange,
  getMe,
  requestEmailChange,
  updateMe,
  type ProfileChanges,
} from "./profile.flow.js";
import { register, resendVerification, verifyEmail, type Registered } from "./registration.flow.js";
import {
  listSessions,
  logoutByRefreshToken,
  refreshSession,
  revokeOwnSession,
  revokeSessionsOf,
  type Actor,
  type LoginResult,
  type SignedIn,
} from "./sessions.flow.js";
import { sendStepUpCode, sessionStepUpAt, stepUp } from "./step-up.flow.js";

/**
 * Sign-in, sessions, MFA, password reset and the signed-in user's own account. Methods that
 * act for a user take the `Actor` the auth layer established; every write records an audit
 * entry with the request's `RequestMeta`.
 */
export interface AccountsService {
  register(
    input: { email: string; password: string; displayName: string },
    meta: RequestMeta,
  ): Promise<Registered>;
  verifyEmail(token: string, meta: RequestMeta): Promise<void>;
  resendVerification(email: string): Promise<void>;
  login(input: { email: string; password: string }, meta: RequestMeta): Promise<LoginResult>;
  /** After a first factor verified elsewhere (OAuth): a session, or an MFA challenge. */
  signInUser(
    user: UserRow,
    meta: RequestMeta,
    options?: { amr?: readonly string[]; event?: "auth.login" | "oauth.login" },
  ): Promise<LoginResult>;
  sendMfaCode(input: { challengeToken: string; method: "email" | "sms" }): Promise<void>;
  verifyMfa(
    input: { challengeToken: string; method: MfaMethod; code: string },
    meta: RequestMeta,
  ): Promise<SignedIn>;
  refresh(refreshToken: string, meta: RequestMeta): Promise<SignedIn>;
  logout(refreshToken: string, meta: RequestMeta): Promise<void>;
  logoutAll(actor: Actor, meta: RequestMeta): Promise<void>;
  forgotPassword(email: string, meta: RequestMeta): Promise<void>;
  resetPassword(input: { token: string; password: string }, meta: RequestMeta): Promise<void>;
  stepUp(
    actor: Actor,
    input: { password: string; method?: MfaMethod | undefined; code?: string | undefined },
    meta: RequestMeta,
  ): Promise<{ stepUpExpiresAt: Date }>;
  sendStepUpCode(actor: Actor, method: "email" | "sms"): Promise<void>;

  getMe(actor: Actor): Promise<User>;
  updateMe(actor: Actor, changes: ProfileChanges, meta: RequestMeta): Promise<User>;
  changePassword(
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<void>;
  requestEmailChange(actor: Actor, newEmail: string, meta: RequestMeta): Promise<void>;
  confirmEmailChange(token: string, meta: RequestMeta): Promise<User>;
  listSessions(actor: Actor): Promise<Session[]>;
  /** 404 for an id that is not one of the actor's open sessions. */
  revokeSession(actor: Actor, sessionId: string, meta: RequestMeta): Promise<void>;
  revokeOtherSessions(actor: Actor, meta: RequestMeta): Promise<void>;
  /**
   * Revokes every session of a user (admin suspension, role changes): audited as
   * `session.revoked` with the acting admin, announced as `session.revoked` events.
   */
  revokeAllSessions(input: {
    userId: string;
    reason: string;
    actorId: string | null;
    meta: RequestMeta;
  }): Promise<string[]>;

  getMfaStatus(actor: Actor): Promise<MfaStatus>;
  startTotpEnrolment(actor: Actor): Promise<TotpEnrolment>;
  startEmailEnrolment(actor: Actor): Promise<void>;
  startSmsEnrolment(actor: Actor, phone: string): Promise<void>;
  confirmEnrolment(
    actor: Actor,
    kind: MfaFactorKind,
    code: string,
    meta: RequestMeta,
  ): Promise<{ recoveryCodes: string[] }>;
  disableFactor(actor: Actor, kind: MfaFactorKind, meta: RequestMeta): Promise<void>;
  regenerateRecoveryCodes(actor: Actor, meta: RequestMeta): Promise<string[]>;

  /** Verifies an access token and its session (≤ 30 s cached); throws a 401 error. */
  authenticate(accessToken: string): Promise<Principal>;
  /** The session's last re-authentication, read fresh. */
  stepUpAt(sessionId: string): Promise<Date | null>;
  jwks(): Promise<{ keys: JWK[] }>;

  /** The primitives, configured: for test helpers and other domains (admin invites, OAuth). */
  readonly hasher: PasswordHasher;
  readonly accessTokens: AccessTokens;
  readonly totp: Totp;
  readonly secretBox: SecretBox;
  readonly options: Readonly<AccountsOptions>;
}

export interface AccountsServiceDeps {
  database: Database;
  events: DomainEvents;
  /** Configuration; development defaults when omitted (never in production: the API passes config). */
  options?: AccountsOptions | undefined;
}

export function createAccountsService(deps: AccountsServiceDeps): AccountsService {
  const ctx = createAccountsContext(deps);
  const authenticator = createAuthenticator(ctx);
  return {
    register: (input, meta) => register(ctx, input, meta),
    verifyEmail: (token, meta) => verifyEmail(ctx, token, meta),
    resendVerification: (email) => resendVerification(ctx, email),
    login: (input, meta) => login(ctx, input, meta),
    signInUser: (user, meta, options = {}) =>
      signInUser(ctx, user, meta, { amr: options.amr ?? ["oauth"], event: options.event ?? "auth.login" }),
    sendMfaCode: (input) => sendChallengeCode(ctx, input),
    verifyMfa: (input, meta) => verifyChallenge(ctx, input, meta),
    refresh: (token, meta) => refreshSession(ctx, token, meta),
    logout: (token, meta) => logoutByRefreshToken(ctx, token, meta),
    async logoutAll(actor, meta) {
      await revokeSessionsOf(ctx, { userId: actor.userId, reason: "logout-all", meta });
    },
    forgotPassword: (email, meta) => forgotPassword(ctx, email, meta),
    resetPassword: (input, meta) => resetPassword(ctx, input, meta),
    stepUp: (actor, input, meta) => stepUp(ctx, actor, input, meta),
    sendStepUpCode: (actor, method) => sendStepUpCode(ctx, actor, method),

    getMe: (actor) => getMe(ctx, actor),
    updateMe: (actor, changes, meta) => updateMe(ctx, actor, changes, meta),
    changePassword: (actor, input, meta) => changePassword(ctx, actor, input, meta),
    requestEmailChange: (actor, email, meta) => requestEmailChange(ctx, actor, email, meta),
    confirmEmailChange: (token, meta) => confirmEmailChange(ctx, token, meta),
    listSessions: (actor) => listSessions(ctx, actor),
    revokeSession: (actor, id, meta) => revokeOwnSession(ctx, actor, id, meta),
    async revokeOtherSessions(actor, meta) {
      await revokeSessionsOf(ctx, {
        userId: actor.userId,
        reason: "revoked-by-user",
        exceptSessionId: actor.sessionId,
        meta,
      });
    },
    revokeAllSessions: (input) => revokeSessionsOf(ctx, input),

    getMfaStatus: (actor) => getMfaStatus(ctx, actor),
    startTotpEnrolment: (actor) => startTotpEnrolment(ctx, actor),
    startEmailEnrolment: (actor) => startEmailEnrolment(ctx, actor),
    startSmsEnrolment: (actor, phone) => startSmsEnrolment(ctx, actor, phone),
    confirmEnrolment: (actor, kind, code, meta) => confirmEnrolment(ctx, actor, kind, code, meta),
    disableFactor: (actor, kind, meta) => disableFactor(ctx, actor, kind, meta),
    regenerateRecoveryCodes: (actor, meta) => regenerateRecoveryCodes(ctx, actor, meta),

    authenticate: (token) => authenticator.authenticate(token),
    stepUpAt: (sessionId) => sessionStepUpAt(ctx, sessionId),
    async jwks() {
      const set = await ctx.accessTokens.jwks();
      if (set.keys.length > 0) return set;
      // A fresh install has no key until the first sign-in; publish one now, since readers
      // may cache the set for a few minutes.
      await ctx.accessTokens.rotate();
      return ctx.accessTokens.jwks();
    },

    hasher: ctx.hasher,
    accessTokens: ctx.accessTokens,
    totp: ctx.totp,
    secretBox: ctx.secretBox,
    options: ctx.options,
  };
}
