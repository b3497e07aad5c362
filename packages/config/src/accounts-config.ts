import { z } from "zod";
import type { ConfigIssue } from "./config-error.js";
import type { FolioEnv } from "./config-sources.js";
import { Secret } from "./secret.js";

/** Reads one variable: parsed value, or the fallback when unset (an invalid value is an issue). */
export type ReadVariable = <T>(
  name: string,
  schema: z.ZodType<T, string>,
  expected: string,
  fallback: T,
) => T;

/** Used for AUTH_SECRET in development and test when it is unset. Published, so never valid in production. */
export const DEV_AUTH_SECRET = "folio-dev-auth-secret-not-for-production-use!";
/** argon2id floor (OWASP): 19 MiB, 2 iterations, 1 lane; configuration may only raise it. */
export const ARGON2_MIN = Object.freeze({ memoryKiB: 19_456, timeCost: 2, parallelism: 1 });

export type AuthConfig = Readonly<{
  /** `iss` of access tokens; defaults to PUBLIC_URL. */
  issuer: string;
  /** `aud` of access tokens. */
  audience: string;
  jwtAlgorithm: "EdDSA" | "ES256";
  accessTokenTtlSeconds: number;
  refreshIdleTtlSeconds: number;
  refreshAbsoluteTtlSeconds: number;
  keyRotationDays: number;
  stepUpTtlSeconds: number;
  argon2: Readonly<{ memoryKiB: number; timeCost: number; parallelism: number }>;
  /** Members may sign themselves up (staff are always invited). */
  registrationOpen: boolean;
  /** Cookies carry `Secure` (required by the `__Host-` prefix); only plain-http non-localhost dev turns it off. */
  cookieSecure: boolean;
}>;

export type MessagingConfig = Readonly<{
  /** smtp:// or smtps:// URL; null delivers to the dev outbox (refused in production). */
  smtpUrl: Secret | null;
  mailFrom: string;
  /** HTTP SMS gateway; null delivers SMS to the dev outbox. */
  smsHttpUrl: string | null;
  smsHttpToken: Secret | null;
  /** The dev outbox endpoint and log lines exist outside production only. */
  devOutbox: boolean;
}>;

export type OAuthClientConfig = Readonly<{ clientId: string; clientSecret: Secret }>;
export type OAuthConfig = Readonly<{
  github: (OAuthClientConfig & Readonly<{ authorizeUrl: string; tokenUrl: string; apiUrl: string }>) | null;
  google: OAuthClientConfig | null;
  oidc: (OAuthClientConfig & Readonly<{ issuer: string; name: string }>) | null;
}>;

export const ACCOUNT_VARIABLES = [
  "AUTH_ISSUER",
  "AUTH_AUDIENCE",
  "AUTH_JWT_ALGORITHM",
  "AUTH_ACCESS_TOKEN_TTL_SECONDS",
  "AUTH_REFRESH_IDLE_TTL_SECONDS",
  "AUTH_REFRESH_ABSOLUTE_TTL_SECONDS",
  "AUTH_KEY_ROTATION_DAYS",
  "AUTH_STEP_UP_TTL_SECONDS",
  "AUTH_ARGON2_MEMORY_KIB",
  "AUTH_ARGON2_TIME_COST",
  "AUTH_ARGON2_PARALLELISM",
  "AUTH_REGISTRATION_OPEN",
  "AUTH_COOKIE_SECURE",
  "MAIL_FROM",
  "SMS_HTTP_URL",
  "OAUTH_GITHUB_CLIENT_ID",
  "OAUTH_GITHUB_AUTHORIZE_URL",
  "OAUTH_GITHUB_TOKEN_URL",
  "OAUTH_GITHUB_API_URL",
  "OAUTH_GOOGLE_CLIENT_ID",
  "OAUTH_OIDC_ISSUER",
  "OAUTH_OIDC_CLIENT_ID",
  "OAUTH_OIDC_NAME",
] as const;
export const ACCOUNT_SECRET_VARIABLES = [
  "AUTH_SECRET",
  "SMTP_URL",
  "SMS_HTTP_TOKEN",
  "OAUTH_GITHUB_CLIENT_SECRET",
  "OAUTH_GOOGLE_CLIENT_SECRET",
  "OAUTH_OIDC_CLIENT_SECRET",
] as const;

interface Parsers {
  integer: (min: number, max: number) => z.ZodType<number, string>;
  boolean: z.ZodType<boolean, string>;
  httpUrl: z.ZodType<string, string>;
}

export function readAuthConfig(read: ReadVariable, p: Parsers, publicUrl: string): AuthConfig {
  const day = 86_400;
  return {
    issuer: read("AUTH_ISSUER", p.httpUrl, "an http(s) URL (default PUBLIC_URL)", publicUrl),
    audience: read("AUTH_AUDIENCE", z.string().trim().min(1).max(200), "a non-empty string", "folio"),
    jwtAlgorithm: read(
      "AUTH_JWT_ALGORITHM",
      z
        .string()
        .trim()
        .pipe(z.enum(["EdDSA", "ES256"])),
      "EdDSA | ES256",
      "EdDSA",
    ),
    accessTokenTtlSeconds: read(
      "AUTH_ACCESS_TOKEN_TTL_SECONDS",
      p.integer(60, 900),
      "seconds, 60-900 (at most 15 minutes)",
      900,
    ),
    refreshIdleTtlSeconds: read(
      "AUTH_REFRESH_IDLE_TTL_SECONDS",
      p.integer(300, 90 * day),
      "seconds, 300-7776000",
      14 * day,
    ),
    refreshAbsoluteTtlSeconds: read(
      "AUTH_REFRESH_ABSOLUTE_TTL_SECONDS",
      p.integer(300, 365 * day),
      "seconds, 300-31536000",
      30 * day,
    ),
    keyRotationDays: read("AUTH_KEY_ROTATION_DAYS", p.integer(1, 365), "days, 1-365", 30),
    stepUpTtlSeconds: read("AUTH_STEP_UP_TTL_SECONDS", p.integer(60, 3600), "seconds, 60-3600", 900),
    argon2: {
      memoryKiB: read(
        "AUTH_ARGON2_MEMORY_KIB",
        p.integer(ARGON2_MIN.memoryKiB, 4_194_304),
        `KiB, at least ${ARGON2_MIN.memoryKiB}`,
        ARGON2_MIN.memoryKiB,
      ),
      timeCost: read("AUTH_ARGON2_TIME_COST", p.integer(ARGON2_MIN.timeCost, 100), "2-100", 2),
      parallelism: read("AUTH_ARGON2_PARALLELISM", p.integer(ARGON2_MIN.parallelism, 64), "1-64", 1),
    },
    registrationOpen: read("AUTH_REGISTRATION_OPEN", p.boolean, "true or false", true),
    cookieSecure: read("AUTH_COOKIE_SECURE", p.boolean, "true or false", true),
  };
}

export function readMessagingConfig(
  read: ReadVariable,
  p: Parsers,
  envName: FolioEnv,
  issues: ConfigIssue[],
): MessagingConfig {
  const smtpUrl = read(
    "SMTP_URL",
    z
      .string()
      .trim()
      .pipe(z.url({ protocol: /^smtps?$/ })),
    "an smtp:// or smtps:// URL",
    null,
  );
  const smsHttpToken = read("SMS_HTTP_TOKEN", z.string().min(1), "a token", null);
  if (envName === "production" && smtpUrl === null) {
    issues.push({ variable: "SMTP_URL", expected: "an smtp:// or smtps:// URL (required in production)" });
  }
  return {
    smtpUrl: smtpUrl === null ? null : new Secret(smtpUrl),
    mailFrom: read(
      "MAIL_FROM",
      z.string().trim().min(3).max(320),
      "a sender such as Folio <no-reply@example.org>",
      "Folio <no-reply@localhost>",
    ),
    smsHttpUrl: read("SMS_HTTP_URL", p.httpUrl, "an http(s) URL", null),
    smsHttpToken: smsHttpToken === null ? null : new Secret(smsHttpToken),
    devOutbox: envName !== "production",
  };
}

export function readOAuthConfig(read: ReadVariable, p: Parsers, issues: ConfigIssue[]): OAuthConfig {
  const text = z.string().trim().min(1).max(500);
  function client(prefix: string): OAuthClientConfig | null {
    const clientId = read(`OAUTH_${prefix}_CLIENT_ID`, text, "a client id", null);
    const clientSecret = read(`OAUTH_${prefix}_CLIENT_SECRET`, text, "a client secret", null);
    if (clientId === null && clientSecret === null) return null;
    if (clientId === null || clientSecret === null) {
      const missing = clientId === null ? `OAUTH_${prefix}_CLIENT_ID` : `OAUTH_${prefix}_CLIENT_SECRET`;
      issues.push({ variable: missing, expected: `set together with the other OAUTH_${prefix}_* variable` });
      return null;
    }
    return { clientId, clientSecret: new Secret(clientSecret) };
  }
  const github = client("GITHUB");
  const google = client("GOOGLE");
  const oidcClient = client("OIDC");
  const oidcIssuer = read("OAUTH_OIDC_ISSUER", p.httpUrl, "the issuer URL of an OpenID provider", null);
  if (oidcClient !== null && oidcIssuer === null) {
    issues.push({ variable: "OAUTH_OIDC_ISSUER", expected: "the issuer URL of an OpenID provider" });
  }
  return {
    github:
      github === null
        ? null
        : {
            ...github,
            authorizeUrl: read(
              "OAUTH_GITHUB_AUTHORIZE_URL",
              p.httpUrl,
              "an http(s) URL",
              "https://github.com/login/oauth/authorize",
            ),
            tokenUrl: read(
              "OAUTH_GITHUB_TOKEN_URL",
              p.httpUrl,
              "an http(s) URL",
              "https://github.com/login/oauth/access_token",
            ),
            apiUrl: read("OAUTH_GITHUB_API_URL", p.httpUrl, "an http(s) URL", "https://api.github.com"),
          },
    google,
    oidc:
      oidcClient === null || oidcIssuer === null
        ? null
        : {
            ...oidcClient,
            issuer: oidcIssuer,
            name: read(
              "OAUTH_OIDC_NAME",
              z.string().trim().min(1).max(60),
              "a display name",
              "Single sign-on",
            ),
          },
  };
}
