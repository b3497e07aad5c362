import {
  createAccessTokens,
  createPasswordHasher,
  createSecretBox,
  createTotp,
  DEFAULT_ACCOUNT_POLICY,
  DEFAULT_IP_POLICY,
  type AccessTokens,
  type PasswordHasher,
  type SecretBox,
  type ThrottlePolicy,
  type Totp,
} from "@folio/auth";
import type { Database } from "@folio/database";
import type { DomainEvents } from "../events/domain-events.js";
import { createSigningKeyStore } from "./signing-key-store.js";

/** What the account flows need from configuration (`config.auth` plus a few site facts). */
export interface AccountsOptions {
  /** AUTH_SECRET (≥ 32 characters): seals TOTP secrets and private signing keys. */
  secret: string;
  /** The web site's URL: emailed links point at its pages. */
  publicUrl: string;
  /** Shown in authenticator apps and emails. Default "Folio". */
  siteName?: string | undefined;
  issuer: string;
  audience: string;
  jwtAlgorithm: "EdDSA" | "ES256";
  accessTokenTtlSeconds: number;
  refreshIdleTtlSeconds: number;
  refreshAbsoluteTtlSeconds: number;
  keyRotationDays: number;
  stepUpTtlSeconds: number;
  argon2: Readonly<{ memoryKiB: number; timeCost: number; parallelism: number }>;
  registrationOpen: boolean;
  /** Overrides of the per-account and per-IP sign-in throttles (@folio/auth defaults). */
  accountThrottle?: Partial<ThrottlePolicy> | undefined;
  ipThrottle?: Partial<ThrottlePolicy> | undefined;
  /** How long a session's revocation state may be served from memory; at most 30 s. Default 10 s. */
  sessionCacheMs?: number | undefined;
  now?: (() => Date) | undefined;
}

/** Development defaults; the secret is the published dev one, so never used in production (config refuses it). */
export const DEFAULT_ACCOUNTS_OPTIONS: Readonly<AccountsOptions> = Object.freeze({
  secret: "folio-dev-auth-secret-not-for-production-use!",
  publicUrl: "http://localhost:3000",
  siteName: "Folio",
  issuer: "http://localhost:3000",
  audience: "folio",
  jwtAlgorithm: "EdDSA",
  accessTokenTtlSeconds: 900,
  refreshIdleTtlSeconds: 14 * 86_400,
  refreshAbsoluteTtlSeconds: 30 * 86_400,
  keyRotationDays: 30,
  stepUpTtlSeconds: 900,
  argon2: { memoryKiB: 19_456, timeCost: 2, parallelism: 1 },
  registrationOpen: true,
});

/** Paths of the web pages emailed links open (the web app owns them). */
export const ACCOUNT_LINK_PATHS = Object.freeze({
  verifyEmail: "/verify-email",
  resetPassword: "/reset-password",
  /** Where to ask for a reset link (the account-locked and password-changed emails point here). */
  forgotPassword: "/forgot-password",
  confirmEmailChange: "/confirm-email",
  security: "/dashboard/settings/security",
});

/** Lifetimes of the single-use tokens and challenges. */
export const ACCOUNT_TTLS = Object.freeze({
  verifyEmailMs: 24 * 3_600_000,
  resetPasswordMs: 30 * 60_000,
  changeEmailMs: 24 * 3_600_000,
  mfaCodeMs: 10 * 60_000,
  mfaChallengeMs: 5 * 60_000,
});

/** Wrong codes a challenge (or an emailed code) survives. */
export const MAX_CODE_ATTEMPTS = 5;
/** Codes one user may be sent per purpose in MFA_CODE_WINDOW_MS. */
export const MAX_CODES_PER_WINDOW = 5;
export const MFA_CODE_WINDOW_MS = 10 * 60_000;
export const RECOVERY_CODE_COUNT = 10;

/** Everything the flows share; built once per `createAccountsService`. */
export interface AccountsContext {
  database: Database;
  options: Readonly<AccountsOptions>;
  siteName: string;
  hasher: PasswordHasher;
  accessTokens: AccessTokens;
  totp: Totp;
  secretBox: SecretBox;
  events: DomainEvents;
  accountThrottle: ThrottlePolicy;
  ipThrottle: ThrottlePolicy;
  now(): Date;
  /** An absolute URL of a web page, e.g. `link("/verify-email", { token })`. */
  link(path: string, query?: Record<string, string>): string;
  /** Announces revoked sessions after the commit (WebSocket layers and the auth cache listen). */
  announceRevoked(userId: string, sessionIds: readonly string[], reason: string): void;
}

export function createAccountsContext(deps: {
  database: Database;
  events: DomainEvents;
  options?: AccountsOptions | undefined;
}): AccountsContext {
  const options = deps.options ?? DEFAULT_ACCOUNTS_OPTIONS;
  const now = options.now ?? (() => new Date());
  const secretBox = createSecretBox(options.secret);
  const siteName = options.siteName ?? "Folio";
  const accessTokens = createAccessTokens({
    store: createSigningKeyStore(deps.database),
    secretBox,
    issuer: options.issuer,
    audience: options.audience,
    algorithm: options.jwtAlgorithm,
    ttlSeconds: options.accessTokenTtlSeconds,
    rotationIntervalSeconds: options.keyRotationDays * 86_400,
    now,
  });
  const base = options.publicUrl.endsWith("/") ? options.publicUrl : `${options.publicUrl}/`;
  return {
    database: deps.database,
    options,
    siteName,
    hasher: createPasswordHasher({
      memoryCost: options.argon2.memoryKiB,
      timeCost: options.argon2.timeCost,
      parallelism: options.argon2.parallelism,
    }),
    accessTokens,
    totp: createTotp({ issuer: siteName, now }),
    secretBox,
    events: deps.events,
    accountThrottle: { ...DEFAULT_ACCOUNT_POLICY, ...options.accountThrottle },
    ipThrottle: { ...DEFAULT_IP_POLICY, ...options.ipThrottle },
    now,
    link(path, query = {}) {
      const url = new URL(path.replace(/^\//, ""), base);
      for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
      return url.toString();
    },
    announceRevoked(userId, sessionIds, reason) {
      for (const sessionId of sessionIds) {
        // The revocation is committed; a failing listener must not turn it into an error.
        deps.events.emit("session.revoked", { sessionId, userId, reason }).catch(() => undefined);
      }
    },
  };
}
