import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ConfigIssue } from "./config-error.js";
import { ACCOUNT_SECRET_VARIABLES, ACCOUNT_VARIABLES } from "./accounts-config.js";
import { JOBS_SECRET_VARIABLES, JOBS_VARIABLES } from "./jobs-config.js";
import { MEDIA_SECRET_VARIABLES, MEDIA_VARIABLES } from "./media-config.js";

export type EnvSource = Record<string, string | undefined>;

export const ENVIRONMENTS = ["development", "test", "production"] as const;
export type FolioEnv = (typeof ENVIRONMENTS)[number];

/** Variables that hold secrets: never echoed in errors, and each may come from `<NAME>_FILE`. */
export const SECRET_VARIABLES = [
  "DATABASE_URL",
  "DATABASE_REPLICA_URLS",
  "REDIS_URL",
  "CURSOR_SECRET",
  ...ACCOUNT_SECRET_VARIABLES,
  ...JOBS_SECRET_VARIABLES,
  ...MEDIA_SECRET_VARIABLES,
] as const;
export type SecretVariable = (typeof SECRET_VARIABLES)[number];

/** Every variable `loadConfig` reads (besides FOLIO_ENV, NODE_ENV and FOLIO_CONFIG_FILE). */
export const CONFIG_VARIABLES = [
  "HOST",
  "API_PORT",
  "WEB_PORT",
  "PUBLIC_URL",
  "API_URL",
  "LOG_LEVEL",
  "DATA_DIR",
  "DATABASE_URL",
  "DATABASE_REPLICA_URLS",
  "DATABASE_POOL_MAX",
  "DATABASE_STATEMENT_TIMEOUT_MS",
  "DATABASE_CONNECTION_TIMEOUT_MS",
  "DATABASE_APPLICATION_NAME",
  "REDIS_URL",
  "CACHE_KEY_PREFIX",
  "BODY_LIMIT_BYTES",
  "CORS_ORIGINS",
  "TRUST_PROXY",
  "SHUTDOWN_TIMEOUT_MS",
  "REQUEST_TIMEOUT_MS",
  "CURSOR_SECRET",
  "FEATURE_FLAGS",
  ...ACCOUNT_VARIABLES,
  ...ACCOUNT_SECRET_VARIABLES,
  ...JOBS_VARIABLES,
  ...JOBS_SECRET_VARIABLES,
  ...MEDIA_VARIABLES,
  ...MEDIA_SECRET_VARIABLES,
] as const;

const FILE_KEYS = new Set<string>([...CONFIG_VARIABLES, ...SECRET_VARIABLES.map((name) => `${name}_FILE`)]);
const ENVIRONMENT_ONLY = new Set(["FOLIO_ENV", "NODE_ENV", "FOLIO_CONFIG_FILE"]);

/** An unset or empty variable counts as absent, so `NAME=` in a .env file means "use the default". */
export function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** Shows a non-secret value in an error, shortened. */
export function describeValue(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

export function resolveEnvName(env: EnvSource, issues: ConfigIssue[]): FolioEnv {
  const variable = present(env.FOLIO_ENV) !== undefined ? "FOLIO_ENV" : "NODE_ENV";
  const value = present(env[variable])?.trim();
  if (value === undefined) return "development";
  if ((ENVIRONMENTS as readonly string[]).includes(value)) return value as FolioEnv;
  issues.push({ variable, expected: ENVIRONMENTS.join(" | "), received: describeValue(value) });
  return "development";
}

export interface ConfigFileLocation {
  path: string;
  /** Named by the caller or FOLIO_CONFIG_FILE, so it must exist. */
  explicit: boolean;
}

export function locateConfigFile(
  options: { file?: string | undefined; cwd: string },
  env: EnvSource,
  envName: FolioEnv,
): ConfigFileLocation {
  const named = options.file ?? present(env.FOLIO_CONFIG_FILE);
  if (named !== undefined) return { path: path.resolve(options.cwd, named), explicit: true };
  return { path: path.join(options.cwd, "config", `${envName}.json`), explicit: false };
}

function fileValue(key: string, value: unknown): string | undefined | null {
  if (value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
    return value.join(",");
  }
  if (
    key === "FEATURE_FLAGS" &&
    typeof value === "object" &&
    Object.values(value).every((v) => typeof v === "boolean")
  ) {
    return Object.entries(value as Record<string, boolean>)
      .map(([name, enabled]) => `${name}=${enabled}`)
      .join(",");
  }
  return null;
}

/** Reads the JSON config file: `{ "API_PORT": 3001, "CORS_ORIGINS": ["https://a.example"], ... }`. */
export function readConfigFile(location: ConfigFileLocation, issues: ConfigIssue[]): Record<string, string> {
  const fileIssue = (expected: string) =>
    issues.push({ variable: "FOLIO_CONFIG_FILE", expected, received: describeValue(location.path) });
  if (!existsSync(location.path)) {
    if (location.explicit) fileIssue("an existing JSON config file");
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(location.path, "utf8"));
  } catch (err) {
    fileIssue(`a readable file of valid JSON (${err instanceof Error ? err.message : String(err)})`);
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    fileIssue("a JSON object whose keys are variable names");
    return {};
  }
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(parsed)) {
    if (ENVIRONMENT_ONLY.has(key)) {
      issues.push({ variable: key, expected: "to be set in the environment, not in the config file" });
      continue;
    }
    if (!FILE_KEYS.has(key)) {
      issues.push({ variable: key, expected: "a known configuration variable (is it misspelt?)" });
      continue;
    }
    const value = fileValue(key, raw);
    if (value === null) {
      issues.push({ variable: key, expected: "a string, number, boolean or list in the config file" });
    } else if (value !== undefined) {
      values[key] = value;
    }
  }
  return values;
}

/** Resolves a secret from `NAME` or the file named by `NAME_FILE` (trimmed); both at once is an error. */
export function resolveSecret(
  name: SecretVariable,
  values: EnvSource,
  cwd: string,
  issues: ConfigIssue[],
): string | undefined {
  const direct = present(values[name]);
  const fileVariable = `${name}_FILE`;
  const fileRef = present(values[fileVariable]);
  if (direct !== undefined && fileRef !== undefined) {
    issues.push({ variable: name, expected: `either ${name} or ${fileVariable}, not both` });
    return undefined;
  }
  if (fileRef === undefined) return direct?.trim();
  const filePath = path.resolve(cwd, fileRef);
  let content: string;
  try {
    content = readFileSync(filePath, "utf8").trim();
  } catch {
    issues.push({
      variable: fileVariable,
      expected: "a readable file holding the secret",
      received: describeValue(filePath),
    });
    return undefined;
  }
  if (content === "") {
    issues.push({
      variable: fileVariable,
      expected: "a file holding a non-empty secret",
      received: describeValue(filePath),
    });
    return undefined;
  }
  return content;
}
