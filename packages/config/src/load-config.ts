import path from "node:path";
import { deepFreeze, isHttpUrl } from "@folio/core";
import { z } from "zod";
import {
  type AuthConfig,
  DEV_AUTH_SECRET,
  type MessagingConfig,
  type OAuthConfig,
  readAuthConfig,
  readMessagingConfig,
  readOAuthConfig,
} from "./accounts-config.js";
import { ConfigError, type ConfigIssue } from "./config-error.js";
import { type JobsConfig, readJobsConfig } from "./jobs-config.js";
import { type MediaConfig, readMediaConfig } from "./media-config.js";
import {
  CONFIG_VARIABLES,
  type EnvSource,
  type FolioEnv,
  SECRET_VARIABLES,
  type SecretVariable,
  describeValue,
  locateConfigFile,
  present,
  readConfigFile,
  resolveEnvName,
  resolveSecret,
} from "./config-sources.js";
import { FLAG_NAME_PATTERN } from "./feature-flags.js";
import { Secret } from "./secret.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Used for CURSOR_SECRET in development and test when it is unset. Published, so never valid in production. */
export const DEV_CURSOR_SECRET = "folio-dev-cursor-secret-not-for-production-use";
/** The placeholder shown in documentation; refused in production like the dev default. */
export const EXAMPLE_CURSOR_SECRET = "replace-me-with-at-least-32-random-characters";
/** Every published secret value production refuses to start with. */
export const KNOWN_DEFAULT_SECRETS: readonly string[] = Object.freeze([
  DEV_CURSOR_SECRET,
  EXAMPLE_CURSOR_SECRET,
  DEV_AUTH_SECRET,
]);
export const SECRET_MIN_LENGTH = 32;

export type Config = Readonly<{
  env: FolioEnv;
  host: string;
  apiPort: number;
  webPort: number;
  publicUrl: string;
  apiUrl: string;
  logLevel: LogLevel;
  dataDir: string;
  database: Readonly<{
    url: Secret | null;
    replicaUrls: Secret[];
    poolMax: number;
    statementTimeoutMs: number;
    connectionTimeoutMs: number;
    applicationName: string;
  }>;
  redis: Readonly<{ url: Secret | null }>;
  /** The read cache: `keyPrefix` scopes its Redis keys and bus channel (null: from the database name). */
  cache: Readonly<{ keyPrefix: string | null }>;
  http: Readonly<{
    bodyLimitBytes: number;
    corsOrigins: string[];
    trustProxy: boolean;
    shutdownTimeoutMs: number;
    requestTimeoutMs: number;
  }>;
  secrets: Readonly<{ cursorSecret: Secret; authSecret: Secret }>;
  auth: AuthConfig;
  messaging: MessagingConfig;
  oauth: OAuthConfig;
  jobs: JobsConfig;
  media: MediaConfig;
  features: Readonly<Record<string, boolean>>;
}>;

export interface LoadConfigOptions {
  /** Defaults to `process.env`. */
  env?: EnvSource | undefined;
  /** Base for relative paths (DATA_DIR, *_FILE, the config file). Defaults to `process.cwd()`. */
  cwd?: string | undefined;
  /** Config file to read instead of FOLIO_CONFIG_FILE / `<cwd>/config/<env>.json`. */
  file?: string | undefined;
}

const integer = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
// Parsed with the WHATWG URL parser (via isHttpUrl) rather than a hostname regex, so IPv6 literals
// and container names such as http://folio_api:3001 are accepted.
const httpUrl = z
  .string()
  .trim()
  .refine((value) => isHttpUrl(value), "must be an http(s) URL with a host and no credentials")
  .transform((url) => url.replace(/\/+$/, ""));
const origin = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/ }))
  .refine((value) => new URL(value).origin === value.replace(/\/$/, ""), "must be an origin without a path")
  .transform((value) => new URL(value).origin);
const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"]))
  .transform((value) => ["true", "1", "yes", "on"].includes(value));
const postgresUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^postgres(ql)?$/ }));
const redisUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^rediss?$/ }));
const cacheKeyPrefix = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/);
const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[^\s/]+$/);
const applicationName = z
  .string()
  .trim()
  .min(1)
  .max(63)
  .regex(/^[\x20-\x7e]+$/);
const list = (item: z.ZodType<string, string>) =>
  z.string().transform((value, ctx) => {
    const items = value
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    const parsed: string[] = [];
    for (const entry of items) {
      const result = item.safeParse(entry);
      if (result.success) parsed.push(result.data);
      else ctx.addIssue({ code: "custom", message: `invalid entry` });
    }
    return parsed;
  });
const flags = z.string().transform((value, ctx) => {
  const result: Record<string, boolean> = {};
  for (const entry of value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")) {
    const [name = "", raw = "true", ...rest] = entry.split("=").map((part) => part.trim());
    const enabled = boolean.safeParse(raw);
    if (!FLAG_NAME_PATTERN.test(name) || !enabled.success || rest.length > 0) {
      ctx.addIssue({ code: "custom", message: `invalid entry ${entry}` });
      continue;
    }
    result[name] = enabled.data;
  }
  return result;
});

/**
 * Reads and validates the configuration once (normally in main.ts). Sources, strongest first:
 * the environment, then the JSON file (`file`, FOLIO_CONFIG_FILE, or `<cwd>/config/<env>.json` when
 * it exists), then defaults. Throws `ConfigError` listing every invalid variable; returns a
 * deep-frozen `Config`.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const issues: ConfigIssue[] = [];
  const envName = resolveEnvName(env, issues);
  const fileValues = readConfigFile(locateConfigFile({ file: options.file, cwd }, env, envName), issues);

  const values: EnvSource = { ...fileValues };
  for (const name of [...CONFIG_VARIABLES, ...SECRET_VARIABLES.map((secret) => `${secret}_FILE`)]) {
    const fromEnv = present(env[name]);
    if (fromEnv !== undefined) values[name] = fromEnv;
  }
  const secrets = new Map<SecretVariable, string | undefined>(
    SECRET_VARIABLES.map((name) => [name, resolveSecret(name, values, cwd, issues)]),
  );

  function read<T>(name: string, schema: z.ZodType<T, string>, expected: string, fallback: T): T {
    const isSecret = (SECRET_VARIABLES as readonly string[]).includes(name);
    const raw = isSecret ? secrets.get(name as SecretVariable) : present(values[name]);
    if (raw === undefined) return fallback;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    issues.push(
      isSecret ? { variable: name, expected } : { variable: name, expected, received: describeValue(raw) },
    );
    return fallback;
  }

  const webPort = read("WEB_PORT", integer(0, 65_535), "a port number 0-65535", 3000);
  const apiPort = read("API_PORT", integer(0, 65_535), "a port number 0-65535", 3001);
  const publicUrl = read(
    "PUBLIC_URL",
    httpUrl,
    "an http(s) URL such as https://blog.example.org",
    `http://localhost:${webPort}`,
  );
  const parsers = { integer, boolean, httpUrl };
  const databaseUrl = read("DATABASE_URL", postgresUrl, "a postgres:// or postgresql:// URL", null);
  const redisUrlValue = read("REDIS_URL", redisUrl, "a redis:// or rediss:// URL", null);
  const replicaUrls = read(
    "DATABASE_REPLICA_URLS",
    list(postgresUrl),
    "a comma-separated list of postgres:// or postgresql:// URLs",
    [],
  );

  const config = {
    env: envName,
    host: read("HOST", host, "a host name or IP address to bind to", "127.0.0.1"),
    apiPort,
    webPort,
    publicUrl,
    apiUrl: read(
      "API_URL",
      httpUrl,
      "an http(s) URL such as http://127.0.0.1:3001",
      `http://127.0.0.1:${apiPort}`,
    ),
    logLevel: read(
      "LOG_LEVEL",
      z.string().trim().pipe(z.enum(LOG_LEVELS)),
      LOG_LEVELS.join(" | "),
      envName === "test" ? "silent" : "info",
    ),
    dataDir: path.resolve(cwd, read("DATA_DIR", z.string().trim().min(1), "a directory path", "./data")),
    database: {
      url: databaseUrl === null ? null : new Secret(databaseUrl),
      replicaUrls: replicaUrls.map((url) => new Secret(url)),
      poolMax: read("DATABASE_POOL_MAX", integer(1, 1000), "an integer 1-1000", 10),
      statementTimeoutMs: read(
        "DATABASE_STATEMENT_TIMEOUT_MS",
        integer(0, 86_400_000),
        "milliseconds (0 disables)",
        15_000,
      ),
      connectionTimeoutMs: read(
        "DATABASE_CONNECTION_TIMEOUT_MS",
        integer(0, 600_000),
        "milliseconds (0 waits forever)",
        5_000,
      ),
      applicationName: read(
        "DATABASE_APPLICATION_NAME",
        applicationName,
        "1-63 printable ASCII characters",
        "folio",
      ),
    },
    redis: { url: redisUrlValue === null ? null : new Secret(redisUrlValue) },
    cache: {
      keyPrefix: read(
        "CACHE_KEY_PREFIX",
        cacheKeyPrefix,
        "1-100 characters: letters, digits and . _ : -",
        null,
      ),
    },
    http: {
      bodyLimitBytes: read(
        "BODY_LIMIT_BYTES",
        integer(1, 2 ** 31 - 1),
        "a positive number of bytes",
        1_048_576,
      ),
      corsOrigins: read(
        "CORS_ORIGINS",
        list(origin),
        "a comma-separated list of origins such as https://blog.example.org",
        [URL.canParse(publicUrl) ? new URL(publicUrl).origin : publicUrl],
      ),
      trustProxy: read("TRUST_PROXY", boolean, "true or false", false),
      shutdownTimeoutMs: read("SHUTDOWN_TIMEOUT_MS", integer(0, 600_000), "milliseconds", 8_000),
      requestTimeoutMs: read(
        "REQUEST_TIMEOUT_MS",
        integer(1, 3_600_000),
        "milliseconds (at least 1)",
        30_000,
      ),
    },
    secrets: {
      cursorSecret: new Secret(
        requiredSecret("CURSOR_SECRET", DEV_CURSOR_SECRET, envName, secrets.get("CURSOR_SECRET"), issues),
      ),
      authSecret: new Secret(
        requiredSecret("AUTH_SECRET", DEV_AUTH_SECRET, envName, secrets.get("AUTH_SECRET"), issues),
      ),
    },
    auth: readAuthConfig(read, parsers, publicUrl),
    messaging: readMessagingConfig(read, parsers, envName, issues),
    oauth: readOAuthConfig(read, parsers, issues),
    jobs: readJobsConfig(read, parsers, envName, issues),
    media: readMediaConfig(read, parsers, cwd, issues),
    features: read(
      "FEATURE_FLAGS",
      flags,
      "comma-separated name=true|false pairs (names match ^[a-z][a-z0-9_.-]{0,63}$)",
      {},
    ),
  };
  if (issues.length > 0) throw new ConfigError(issues);
  return deepFreeze(config) as Config;
}

/** A secret with a published development default that production must replace. */
function requiredSecret(
  variable: "CURSOR_SECRET" | "AUTH_SECRET",
  devDefault: string,
  envName: FolioEnv,
  value: string | undefined,
  issues: ConfigIssue[],
): string {
  if (value === undefined) {
    if (envName !== "production") return devDefault;
    issues.push({
      variable,
      expected: `a secret of at least ${SECRET_MIN_LENGTH} characters (required in production; or set ${variable}_FILE)`,
    });
    return "";
  }
  if (value.length < SECRET_MIN_LENGTH) {
    issues.push({
      variable,
      expected: `a secret of at least ${SECRET_MIN_LENGTH} characters (got ${value.length})`,
    });
  } else if (envName === "production" && KNOWN_DEFAULT_SECRETS.includes(value)) {
    issues.push({ variable, expected: "your own secret, not a published development or example default" });
  }
  return value;
}
