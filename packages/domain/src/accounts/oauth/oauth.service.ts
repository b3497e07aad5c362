import {
  generateCodeVerifier,
  generateNonce,
  generateOAuthState,
  hashOpaqueToken,
  OAuthError,
  type OAuthProfile,
  type OAuthProvider,
  type OAuthProviderId,
  safeEqualHex,
} from "@folio/auth";
import { ConflictError, isSafeRedirect, NotFoundError, ValidationError } from "@folio/core";
import {
  type Database,
  type Db,
  type OAuthFlowRow,
  OAuthRepository,
  type UserRow,
  UsersRepository,
} from "@folio/database";
import type { AccountsService } from "../accounts.service.js";
import { recordAudit, type RequestMeta } from "../audit.js";
import type { LoginResult } from "../sessions.flow.js";
import {
  LastSignInMethodError,
  OAuthAccountTakenError,
  OAuthAlreadyLinkedError,
  OAuthFlowError,
  OAuthLinkRequiredError,
} from "./oauth-errors.js";
import { createMemberFromProfile, usableEmail } from "./oauth-users.js";

/** Ten minutes to come back from the provider (the cookie lives as long). */
export const OAUTH_FLOW_TTL_SECONDS = 600;
export const DEFAULT_OAUTH_REDIRECT = "/dashboard";
/** Where "connect a provider" returns by default: the connected-accounts settings page. */
export const DEFAULT_LINK_REDIRECT = "/dashboard/settings/connections";

export interface OAuthServiceDeps {
  database: Database;
  /**
   * The account flows: `signInUser` continues exactly like a password sign-in (an MFA challenge
   * when a factor is enrolled, else a session); `options` gives the clock and registration policy.
   */
  accounts: Pick<AccountsService, "signInUser" | "options">;
  /** The configured providers; their order is the order of `listProviders()`. */
  providers: readonly OAuthProvider[];
  flowTtlSeconds?: number;
}

export interface OAuthStartInput {
  provider: string;
  /** A relative path on this site; validated here (open-redirect safe). */
  redirectTo?: string | null | undefined;
  /** Set for "connect a provider" from settings: the callback links instead of signing in. */
  linkUserId?: string | null | undefined;
}

export interface OAuthStart {
  /** Put it in the `__Host-folio_oauth` cookie: the callback must come back with it. */
  state: string;
  authorizationUrl: URL;
  expiresAt: Date;
}

export interface OAuthCallbackInput {
  provider: string;
  code: string | null | undefined;
  state: string | null | undefined;
  /** The state from the `__Host-folio_oauth` cookie of the browser making the callback. */
  cookieState: string | null | undefined;
  /** The provider's `error` parameter (the user denied access, …). */
  providerError?: string | null | undefined;
  meta: RequestMeta;
}

export type OAuthCompletion =
  | { kind: "signed-in"; user: UserRow; created: boolean; signIn: LoginResult; redirectTo: string }
  | { kind: "linked"; user: UserRow; redirectTo: string };

export interface OAuthConnection {
  provider: string;
  email: string | null;
  createdAt: Date;
}

export interface OAuthService {
  listProviders(): { id: OAuthProviderId; name: string }[];
  isConfigured(provider: string): boolean;
  start(input: OAuthStartInput): Promise<OAuthStart>;
  /**
   * The provider's callback. Throws `OAuthFlowError`, `OAuthLinkRequiredError` or
   * `OAuthAccountTakenError`; nothing but the (single-use) flow row changes when it does.
   */
  complete(input: OAuthCallbackInput): Promise<OAuthCompletion>;
  listConnections(userId: string): Promise<OAuthConnection[]>;
  /** 404 when not linked; 409 `last-sign-in-method` when it is the only way left to sign in. */
  unlink(userId: string, provider: string, meta: RequestMeta): Promise<void>;
  /** Housekeeping for a job: drops abandoned flows. */
  deleteExpiredFlows(): Promise<number>;
}

type Resolution = { kind: "linked"; user: UserRow } | { kind: "sign-in"; user: UserRow; created: boolean };

export function createOAuthService(deps: OAuthServiceDeps): OAuthService {
  const { database, accounts } = deps;
  const clock = accounts.options.now;
  const now = (): Date => (clock ? clock() : new Date());
  const ttlMs = (deps.flowTtlSeconds ?? OAUTH_FLOW_TTL_SECONDS) * 1000;
  const registrationOpen = accounts.options.registrationOpen;
  const providers = new Map<string, OAuthProvider>(deps.providers.map((p) => [p.id, p]));
  const oauth = new OAuthRepository(database);

  // Abandoned flows are swept at most once a minute by whichever process starts a flow, so the
  // table stays small without a scheduled job.
  let lastSweepAt = 0;
  async function sweepExpiredFlows(): Promise<void> {
    const at = now();
    if (at.getTime() - lastSweepAt < 60_000) return;
    lastSweepAt = at.getTime();
    await oauth.deleteExpiredFlows(at);
  }

  function providerOf(id: string): OAuthProvider | null {
    return providers.get(id) ?? null;
  }

  async function fail(
    reason: OAuthFlowError["reason"],
    input: { provider: string; meta: RequestMeta },
    cause?: unknown,
  ): Promise<never> {
    await recordAudit(database, {
      event: "oauth.login",
      outcome: "failure",
      actorId: null,
      targetId: null,
      details: { provider: input.provider, reason },
      meta: input.meta,
    });
    throw new OAuthFlowError(reason, cause === undefined ? undefined : { cause });
  }

  /** The flow for this callback, consumed; or null when the state, cookie or row do not agree. */
  async function takeFlow(input: OAuthCallbackInput): Promise<OAuthFlowRow | "expired" | null> {
    if (!input.state || !input.cookieState) return null;
    const stateHash = hashOpaqueToken(input.state);
    // Compare digests: equal length and constant time whatever the attacker sends.
    if (!safeEqualHex(stateHash, hashOpaqueToken(input.cookieState))) return null;
    const flow = await oauth.takeFlow(stateHash);
    if (!flow || flow.provider !== input.provider) return null;
    return flow.expiresAt.getTime() <= now().getTime() ? "expired" : flow;
  }

  async function linkTo(
    tx: Db,
    user: UserRow,
    profile: OAuthProfile,
    email: string | null,
    via: "settings" | "verified-email",
    meta: RequestMeta,
  ): Promise<void> {
    try {
      await new OAuthRepository(tx).linkAccount({
        userId: user.id,
        provider: profile.provider,
        subject: profile.subject,
        email,
        lastLoginAt: via === "settings" ? null : now(),
      });
    } catch (error) {
      if (error instanceof ConflictError) throw new OAuthAccountTakenError();
      throw error;
    }
    await recordAudit(tx, {
      event: "oauth.linked",
      outcome: "success",
      actorId: user.id,
      targetId: user.id,
      details: { provider: profile.provider, via },
      meta,
    });
  }

  /** Decides, in one transaction, who this identity is; links or creates as the rules allow. */
  function resolve(flow: OAuthFlowRow, profile: OAuthProfile, meta: RequestMeta): Promise<Resolution> {
    return database.transaction(async (tx) => {
      const users = new UsersRepository(tx);
      const links = new OAuthRepository(tx);
      const email = usableEmail(profile.email);
      const existing = await links.findAccount(profile.provider, profile.subject);

      if (flow.linkUserId !== null) {
        const user = await users.findById(flow.linkUserId);
        if (!user || user.status !== "active") throw new OAuthFlowError("account-unavailable");
        if (existing) {
          if (existing.userId !== user.id) throw new OAuthAccountTakenError();
          return { kind: "linked", user };
        }
        await linkTo(tx, user, profile, email, "settings", meta);
        return { kind: "linked", user };
      }

      if (existing) {
        const user = await users.findById(existing.userId);
        if (!user || user.status !== "active") throw new OAuthFlowError("account-unavailable");
        await links.recordLogin(existing.id, now(), email);
        return { kind: "sign-in", user, created: false };
      }

      if (email === null) throw new OAuthFlowError("email-required");
      const local = await users.findByEmail(email);
      if (local) {
        // Linking by email is only safe when both sides proved they own the address; otherwise a
        // provider account someone registered with a victim's address would take over theirs.
        if (!profile.emailVerified || local.emailVerifiedAt === null) throw new OAuthLinkRequiredError();
        if (local.status !== "active") throw new OAuthFlowError("account-unavailable");
        await linkTo(tx, local, profile, email, "verified-email", meta);
        return { kind: "sign-in", user: local, created: false };
      }

      if (!registrationOpen) throw new OAuthFlowError("registration-closed");
      // Only a provider-verified address may found an account: otherwise someone could claim a
      // victim's address at a lax provider, and keep that link after the victim resets the password.
      if (!profile.emailVerified) throw new OAuthFlowError("email-required");
      const user = await createMemberFromProfile(tx, { ...profile, email }, now());
      await recordAudit(tx, {
        event: "auth.register",
        outcome: "success",
        actorId: user.id,
        targetId: user.id,
        details: { via: "oauth", provider: profile.provider, email_verified: profile.emailVerified },
        meta,
      });
      await links.linkAccount({
        userId: user.id,
        provider: profile.provider,
        subject: profile.subject,
        email,
        lastLoginAt: now(),
      });
      await recordAudit(tx, {
        event: "oauth.linked",
        outcome: "success",
        actorId: user.id,
        targetId: user.id,
        details: { provider: profile.provider, via: "new-account" },
        meta,
      });
      return { kind: "sign-in", user, created: true };
    });
  }

  return {
    listProviders() {
      return [...providers.values()].map((p) => ({ id: p.id, name: p.displayName }));
    },

    isConfigured(provider) {
      return providers.has(provider);
    },

    async start(input) {
      const provider = providerOf(input.provider);
      if (!provider) throw new NotFoundError("OAuth provider", input.provider);
      const redirectTo = input.redirectTo ?? null;
      if (redirectTo !== null && !isSafeRedirect(redirectTo)) {
        throw new ValidationError([
          { pointer: "/query/redirect_to", detail: "Must be a path on this site, such as /dashboard." },
        ]);
      }
      const linkUserId = input.linkUserId ?? null;
      if (linkUserId !== null && (await oauth.findUserAccount(linkUserId, provider.id))) {
        throw new OAuthAlreadyLinkedError(provider.displayName);
      }
      await sweepExpiredFlows();
      const state = generateOAuthState();
      const codeVerifier = generateCodeVerifier();
      const nonce = generateNonce();
      const expiresAt = new Date(now().getTime() + ttlMs);
      // Build the URL first: a provider that is down (discovery failed) leaves no row behind.
      let authorizationUrl: URL;
      try {
        authorizationUrl = await provider.authorizationUrl({ state, codeVerifier, nonce });
      } catch (error) {
        if (error instanceof OAuthError) {
          throw new OAuthFlowError("provider-unavailable", { cause: error });
        }
        throw error;
      }
      await oauth.createFlow({
        stateHash: hashOpaqueToken(state),
        provider: provider.id,
        codeVerifier,
        nonce,
        redirectTo,
        linkUserId,
        expiresAt,
      });
      return { state, authorizationUrl, expiresAt };
    },

    async complete(input) {
      const provider = providerOf(input.provider);
      if (!provider) return fail("unknown-provider", input);
      const flow = await takeFlow(input);
      if (flow === null) return fail("state-mismatch", input);
      if (flow === "expired") return fail("expired-flow", input);
      if (input.providerError) return fail("provider-error", input);
      if (!input.code) return fail("missing-code", input);

      let profile: OAuthProfile;
      try {
        profile = await provider.exchange({
          code: input.code,
          codeVerifier: flow.codeVerifier,
          nonce: flow.nonce,
        });
      } catch (error) {
        return fail("exchange-failed", input, error);
      }

      let resolution: Resolution;
      try {
        resolution = await resolve(flow, profile, input.meta);
      } catch (error) {
        if (
          error instanceof OAuthFlowError ||
          error instanceof OAuthLinkRequiredError ||
          error instanceof OAuthAccountTakenError
        ) {
          await recordAudit(database, {
            event: flow.linkUserId === null ? "oauth.login" : "oauth.linked",
            outcome: "failure",
            actorId: flow.linkUserId,
            targetId: flow.linkUserId,
            details: {
              provider: provider.id,
              reason: error instanceof OAuthFlowError ? error.reason : error.redirectError,
            },
            meta: input.meta,
          });
          // A failed link started from settings goes back there, not to the login page.
          if (flow.linkUserId !== null) error.returnTo = flow.redirectTo ?? DEFAULT_LINK_REDIRECT;
        }
        throw error;
      }

      const redirectTo =
        flow.redirectTo ?? (flow.linkUserId === null ? DEFAULT_OAUTH_REDIRECT : DEFAULT_LINK_REDIRECT);
      if (resolution.kind === "linked") return { kind: "linked", user: resolution.user, redirectTo };
      // Exactly what a password sign-in does next: an MFA challenge when a factor is enrolled, else a
      // session (audited as auth.login with amr ["oauth"]).
      const signIn = await accounts.signInUser(resolution.user, input.meta, {
        amr: ["oauth"],
        event: "auth.login",
      });
      await recordAudit(database, {
        event: "oauth.login",
        outcome: "success",
        actorId: resolution.user.id,
        targetId: resolution.user.id,
        details: {
          provider: provider.id,
          created: resolution.created,
          mfa_pending: signIn.kind === "mfa-required",
        },
        meta: input.meta,
      });
      return { kind: "signed-in", user: resolution.user, created: resolution.created, signIn, redirectTo };
    },

    async listConnections(userId) {
      const accounts = await oauth.listUserAccounts(userId);
      return accounts.map((a) => ({ provider: a.provider, email: a.email, createdAt: a.createdAt }));
    },

    async unlink(userId, provider, meta) {
      await database.transaction(async (tx) => {
        const links = new OAuthRepository(tx);
        const methods = await links.signInMethodsForUpdate(userId);
        if (!methods?.providers.includes(provider)) throw new NotFoundError("connection", provider);
        if (!methods.hasPassword && methods.providers.length <= 1) {
          throw new LastSignInMethodError();
        }
        await links.unlinkAccount(userId, provider);
        await recordAudit(tx, {
          event: "oauth.unlinked",
          outcome: "success",
          actorId: userId,
          targetId: userId,
          details: { provider },
          meta,
        });
      });
    },

    deleteExpiredFlows() {
      return oauth.deleteExpiredFlows(now());
    },
  };
}
