import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users.js";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** One row per sign-in (a refresh-token family): device, IP, MFA level, lifetimes. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    userAgent: text("user_agent"),
    ip: text("ip"),
    /** Authentication methods used (RFC 8176 values: pwd, otp, sms, mail, oauth, rec). */
    amr: text("amr").array().notNull(),
    mfaLevel: text("mfa_level").$type<"none" | "mfa">().notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    lastSeenAt: tz("last_seen_at").notNull().defaultNow(),
    idleExpiresAt: tz("idle_expires_at").notNull(),
    absoluteExpiresAt: tz("absolute_expires_at").notNull(),
    /** Last re-authentication; sensitive actions need one within the step-up window. */
    stepUpAt: tz("step_up_at"),
    revokedAt: tz("revoked_at"),
    revokedReason: text("revoked_reason"),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId, t.createdAt),
    check("sessions_mfa_level_check", sql`${t.mfaLevel} in ('none', 'mfa')`),
  ],
);

/** Refresh tokens, stored as SHA-256 hashes; `rotated_at` set on use, so a second use is reuse. */
export const refreshTokens = pgTable(
  "refresh_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    createdAt: tz("created_at").notNull().defaultNow(),
    rotatedAt: tz("rotated_at"),
  },
  (t) => [index("refresh_tokens_session_idx").on(t.sessionId)],
);

/**
 * Short-lived challenges: the half-authenticated state between password and MFA ("mfa-login")
 * and re-authentication of a signed-in session ("step-up"). Only the token hash is stored.
 */
export const authChallenges = pgTable(
  "auth_challenges",
  {
    id: uuid("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"mfa-login" | "step-up">().notNull(),
    /** Methods already satisfied (e.g. pwd) carried into the session once MFA completes. */
    amr: text("amr").array().notNull(),
    sessionId: uuid("session_id").references(() => sessions.id, { onDelete: "cascade" }),
    userAgent: text("user_agent"),
    ip: text("ip"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    consumedAt: tz("consumed_at"),
  },
  (t) => [
    uniqueIndex("auth_challenges_token_hash_key").on(t.tokenHash),
    check("auth_challenges_purpose_check", sql`${t.purpose} in ('mfa-login', 'step-up')`),
  ],
);

export const oneTimeTokenPurposes = [
  "verify-email",
  "reset-password",
  "change-email",
  "invite",
  "mfa-email",
  "mfa-sms",
] as const;
export type OneTimeTokenPurpose = (typeof oneTimeTokenPurposes)[number];

/** Single-use, short-lived links and codes sent by email or SMS; hashed at rest. */
export const oneTimeTokens = pgTable(
  "one_time_tokens",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<OneTimeTokenPurpose>().notNull(),
    tokenHash: text("token_hash").notNull(),
    /** Purpose-specific data, e.g. the new address of a change-email token. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer("attempts").notNull().default(0),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    consumedAt: tz("consumed_at"),
  },
  (t) => [
    index("one_time_tokens_hash_idx").on(t.purpose, t.tokenHash),
    index("one_time_tokens_user_idx").on(t.userId, t.purpose),
    check(
      "one_time_tokens_purpose_check",
      sql`${t.purpose} in ('verify-email', 'reset-password', 'change-email', 'invite', 'mfa-email', 'mfa-sms')`,
    ),
  ],
);

/** Enrolled second factors. TOTP secrets are sealed (AES-256-GCM) with the auth secret. */
export const mfaFactors = pgTable(
  "mfa_factors",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"totp" | "email" | "sms">().notNull(),
    secretSealed: text("secret_sealed"),
    phone: text("phone"),
    /** Null until the user proves the factor works; unconfirmed factors never count. */
    confirmedAt: tz("confirmed_at"),
    /** Last accepted TOTP time step: a code for this step or an earlier one is a replay. */
    lastUsedStep: bigint("last_used_step", { mode: "number" }),
    lastUsedAt: tz("last_used_at"),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("mfa_factors_user_kind_key").on(t.userId, t.kind),
    check("mfa_factors_kind_check", sql`${t.kind} in ('totp', 'email', 'sms')`),
  ],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    usedAt: tz("used_at"),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/** Social identities linked to a user. */
export const oauthAccounts = pgTable(
  "oauth_accounts",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    email: text("email"),
    createdAt: tz("created_at").notNull().defaultNow(),
    lastLoginAt: tz("last_login_at"),
  },
  (t) => [
    uniqueIndex("oauth_accounts_provider_subject_key").on(t.provider, t.subject),
    uniqueIndex("oauth_accounts_user_provider_key").on(t.userId, t.provider),
  ],
);

/** An OAuth authorization in flight: state (hashed), PKCE verifier and nonce, ten minutes. */
export const oauthFlows = pgTable("oauth_flows", {
  stateHash: text("state_hash").primaryKey(),
  provider: text("provider").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  redirectTo: text("redirect_to"),
  /** Set when a signed-in user links a provider: the callback links instead of signing in. */
  linkUserId: uuid("link_user_id").references(() => users.id, { onDelete: "cascade" }),
  createdAt: tz("created_at").notNull().defaultNow(),
  expiresAt: tz("expires_at").notNull(),
});

/** Scoped tokens for integrations: hashed at rest, shown once. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** First characters of the token, shown in lists so users can tell tokens apart. */
    prefix: text("prefix").notNull(),
    scopes: text("scopes").array().notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    expiresAt: tz("expires_at"),
    lastUsedAt: tz("last_used_at"),
    revokedAt: tz("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash),
    index("api_tokens_user_idx").on(t.userId),
  ],
);

/** Failed sign-in counters per account (`account:<email>`) and per IP (`ip:<address>`). */
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: tz("last_failure_at"),
  lockedUntil: tz("locked_until"),
  /** When the owner was told about the lock, so one lock sends one email. */
  notifiedAt: tz("notified_at"),
});

/** JWT signing keys shared by every API process; private keys sealed with the auth secret. */
export const signingKeys = pgTable("signing_keys", {
  kid: text("kid").primaryKey(),
  alg: text("alg").notNull(),
  publicJwk: jsonb("public_jwk").$type<Record<string, unknown>>().notNull(),
  privateJwkSealed: text("private_jwk_sealed").notNull(),
  createdAt: tz("created_at").notNull().defaultNow(),
  activatesAt: tz("activates_at").notNull(),
  retiresAt: tz("retires_at").notNull(),
  expiresAt: tz("expires_at").notNull(),
});

export type SessionRow = typeof sessions.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;
export type AuthChallengeRow = typeof authChallenges.$inferSelect;
export type OneTimeTokenRow = typeof oneTimeTokens.$inferSelect;
export type MfaFactorRow = typeof mfaFactors.$inferSelect;
export type RecoveryCodeRow = typeof recoveryCodes.$inferSelect;
export type OAuthAccountRow = typeof oauthAccounts.$inferSelect;
export type OAuthFlowRow = typeof oauthFlows.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type AuthThrottleRow = typeof authThrottle.$inferSelect;
export type SigningKeyRow = typeof signingKeys.$inferSelect;
