import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, formatConfigError } from "./config-error.js";
import { DEV_AUTH_SECRET } from "./accounts-config.js";
import { DEV_CURSOR_SECRET, EXAMPLE_CURSOR_SECRET, loadConfig } from "./load-config.js";

const STRONG_SECRET = "x7Lq9v2Rk4Tz8Wm1Np6Hs3Jd5Fg0Bc2Ye";
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), "folio-config-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function load(env: Record<string, string | undefined> = {}, file?: string) {
  return loadConfig({ env, cwd, ...(file === undefined ? {} : { file }) });
}

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error("expected a ConfigError");
}

function writeConfig(name: string, content: unknown) {
  mkdirSync(path.join(cwd, "config"), { recursive: true });
  const file = path.join(cwd, "config", name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("loadConfig defaults", () => {
  it("gives a complete development config from an empty environment", () => {
    const config = load();
    expect(config).toMatchObject({
      env: "development",
      host: "127.0.0.1",
      apiPort: 3001,
      webPort: 3000,
      publicUrl: "http://localhost:3000",
      apiUrl: "http://127.0.0.1:3001",
      logLevel: "info",
      dataDir: path.join(cwd, "data"),
      database: {
        url: null,
        replicaUrls: [],
        poolMax: 10,
        statementTimeoutMs: 15_000,
        connectionTimeoutMs: 5_000,
        applicationName: "folio",
      },
      redis: { url: null },
      cache: { keyPrefix: null },
      http: {
        bodyLimitBytes: 1_048_576,
        corsOrigins: ["http://localhost:3000"],
        trustProxy: false,
        shutdownTimeoutMs: 8_000,
        requestTimeoutMs: 30_000,
      },
      features: {},
    });
    expect(config.secrets.cursorSecret.reveal()).toBe(DEV_CURSOR_SECRET);
  });

  it("derives URLs from the ports and is silent in test", () => {
    const config = load({ NODE_ENV: "test", WEB_PORT: "4000", API_PORT: "4001" });
    expect(config.env).toBe("test");
    expect(config.logLevel).toBe("silent");
    expect(config.publicUrl).toBe("http://localhost:4000");
    expect(config.apiUrl).toBe("http://127.0.0.1:4001");
    expect(config.http.corsOrigins).toEqual(["http://localhost:4000"]);
  });

  it("prefers FOLIO_ENV over NODE_ENV and treats empty values as unset", () => {
    expect(load({ FOLIO_ENV: "test", NODE_ENV: "production" }).env).toBe("test");
    expect(load({ API_PORT: "", LOG_LEVEL: "  " }).apiPort).toBe(3001);
  });

  it("is deeply frozen", () => {
    const config = load({ FEATURE_FLAGS: "a=true" });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.http.corsOrigins)).toBe(true);
    expect(Object.isFrozen(config.features)).toBe(true);
    expect(() => {
      (config.database as { poolMax: number }).poolMax = 99;
    }).toThrow(TypeError);
  });
});

describe("loadConfig values", () => {
  it("parses every variable", () => {
    const config = load({
      FOLIO_ENV: "production",
      HOST: "0.0.0.0",
      API_PORT: "8081",
      WEB_PORT: "8080",
      PUBLIC_URL: "https://blog.example.org/",
      API_URL: "http://api.internal:8081",
      LOG_LEVEL: "debug",
      DATA_DIR: "/var/lib/folio",
      DATABASE_URL: "postgresql://folio:pw@db:5432/folio",
      DATABASE_REPLICA_URLS: "postgres://folio:pw@r1:5432/folio, postgres://folio:pw@r2:5432/folio,",
      DATABASE_POOL_MAX: "20",
      DATABASE_STATEMENT_TIMEOUT_MS: "0",
      DATABASE_CONNECTION_TIMEOUT_MS: "2500",
      DATABASE_APPLICATION_NAME: "folio-api",
      REDIS_URL: "rediss://:pw@cache:6380",
      CACHE_KEY_PREFIX: "blog-eu:cache",
      BODY_LIMIT_BYTES: "2048",
      CORS_ORIGINS: "https://blog.example.org, https://admin.example.org/",
      TRUST_PROXY: "TRUE",
      SHUTDOWN_TIMEOUT_MS: "1000",
      REQUEST_TIMEOUT_MS: "5000",
      CURSOR_SECRET: STRONG_SECRET,
      FEATURE_FLAGS: "newsletter=false, comments=true,search.v2",
      AUTH_SECRET: `${STRONG_SECRET}-auth`,
      AUTH_JWT_ALGORITHM: "ES256",
      AUTH_ACCESS_TOKEN_TTL_SECONDS: "600",
      AUTH_ARGON2_MEMORY_KIB: "65536",
      AUTH_REGISTRATION_OPEN: "false",
      SMTP_URL: "smtps://mailer:pw@smtp.example.org:465",
      MAIL_FROM: "Blog <news@example.org>",
      SMS_HTTP_URL: "https://sms.example.org/send/",
      SMS_HTTP_TOKEN: "sms-token",
      OAUTH_GITHUB_CLIENT_ID: "gh-id",
      OAUTH_GITHUB_CLIENT_SECRET: "gh-secret",
      OAUTH_OIDC_ISSUER: "https://id.example.org",
      OAUTH_OIDC_CLIENT_ID: "oidc-id",
      OAUTH_OIDC_CLIENT_SECRET: "oidc-secret",
    });
    expect(config.secrets.authSecret.reveal()).toBe(`${STRONG_SECRET}-auth`);
    expect(config.auth).toMatchObject({
      issuer: "https://blog.example.org",
      audience: "folio",
      jwtAlgorithm: "ES256",
      accessTokenTtlSeconds: 600,
      argon2: { memoryKiB: 65_536, timeCost: 2, parallelism: 1 },
      registrationOpen: false,
      cookieSecure: true,
    });
    expect(config.messaging.smtpUrl?.reveal()).toBe("smtps://mailer:pw@smtp.example.org:465");
    expect(config.messaging).toMatchObject({
      mailFrom: "Blog <news@example.org>",
      smsHttpUrl: "https://sms.example.org/send",
      devOutbox: false,
    });
    expect(config.oauth.github).toMatchObject({ clientId: "gh-id", apiUrl: "https://api.github.com" });
    expect(config.oauth.github?.clientSecret.reveal()).toBe("gh-secret");
    expect(config.oauth.google).toBeNull();
    expect(config.oauth.oidc).toMatchObject({ issuer: "https://id.example.org", name: "Single sign-on" });
    expect(config.host).toBe("0.0.0.0");
    expect(config.publicUrl).toBe("https://blog.example.org");
    expect(config.apiUrl).toBe("http://api.internal:8081");
    expect(config.logLevel).toBe("debug");
    expect(config.dataDir).toBe("/var/lib/folio");
    expect(config.database.url?.reveal()).toBe("postgresql://folio:pw@db:5432/folio");
    expect(config.database.replicaUrls.map((url) => url.reveal())).toEqual([
      "postgres://folio:pw@r1:5432/folio",
      "postgres://folio:pw@r2:5432/folio",
    ]);
    expect(config.database).toMatchObject({
      poolMax: 20,
      statementTimeoutMs: 0,
      connectionTimeoutMs: 2500,
      applicationName: "folio-api",
    });
    expect(config.redis.url?.reveal()).toBe("rediss://:pw@cache:6380");
    expect(config.cache.keyPrefix).toBe("blog-eu:cache");
    expect(config.http).toEqual({
      bodyLimitBytes: 2048,
      corsOrigins: ["https://blog.example.org", "https://admin.example.org"],
      trustProxy: true,
      shutdownTimeoutMs: 1000,
      requestTimeoutMs: 5000,
    });
    expect(config.secrets.cursorSecret.reveal()).toBe(STRONG_SECRET);
    expect(config.features).toEqual({ newsletter: false, comments: true, "search.v2": true });
    expect(JSON.stringify(config)).not.toContain("pw@");
    expect(JSON.stringify(config)).not.toContain(STRONG_SECRET);
  });

  it("accepts container names and IPv6 literals in URLs, but not credentials", () => {
    const config = load({ API_URL: "http://folio_api:3001/", PUBLIC_URL: "http://[::1]:3000" });
    expect(config.apiUrl).toBe("http://folio_api:3001");
    expect(config.publicUrl).toBe("http://[::1]:3000");
    expect(config.http.corsOrigins).toEqual(["http://[::1]:3000"]);
    expect(issuesOf(() => load({ PUBLIC_URL: "https://user:pw@blog.example.org" }))[0]!.variable).toBe(
      "PUBLIC_URL",
    );
  });

  it("lists every bad variable at once, with what was expected", () => {
    const issues = issuesOf(() =>
      load({
        API_PORT: "abc",
        WEB_PORT: "70000",
        PUBLIC_URL: "ftp://example.org",
        LOG_LEVEL: "loud",
        DATABASE_POOL_MAX: "0",
        TRUST_PROXY: "maybe",
        CORS_ORIGINS: "https://a.example/path",
        FEATURE_FLAGS: "Bad=yes",
        REDIS_URL: "http://cache",
        CACHE_KEY_PREFIX: "has spaces",
      }),
    );
    expect(issues.map((issue) => issue.variable)).toEqual([
      "WEB_PORT",
      "API_PORT",
      "PUBLIC_URL",
      "REDIS_URL",
      "LOG_LEVEL",
      "DATABASE_POOL_MAX",
      "CACHE_KEY_PREFIX",
      "CORS_ORIGINS",
      "TRUST_PROXY",
      "FEATURE_FLAGS",
    ]);
    expect(issues.find((issue) => issue.variable === "API_PORT")).toEqual({
      variable: "API_PORT",
      expected: "a port number 0-65535",
      received: '"abc"',
    });
  });

  it("never echoes a secret value", () => {
    const issues = issuesOf(() =>
      load({
        DATABASE_URL: "mysql://root:topsecret@db/folio",
        CURSOR_SECRET: "short-but-secret",
        REDIS_URL: "memcached://x:topsecret@h",
      }),
    );
    expect(issues.map((issue) => issue.variable).sort()).toEqual([
      "CURSOR_SECRET",
      "DATABASE_URL",
      "REDIS_URL",
    ]);
    const text = JSON.stringify(issues) + formatConfigError(new ConfigError(issues));
    expect(text).not.toContain("topsecret");
    expect(text).not.toContain("short-but-secret");
  });

  it("formats a readable report", () => {
    const err = new ConfigError([
      { variable: "API_PORT", expected: "a port number 0-65535", received: '"abc"' },
      { variable: "CURSOR_SECRET", expected: "a secret of at least 32 characters" },
    ]);
    expect(formatConfigError(err)).toBe(
      [
        "Invalid configuration (2 problems):",
        '  - API_PORT: expected a port number 0-65535 (received "abc")',
        "  - CURSOR_SECRET: expected a secret of at least 32 characters",
        "Fix the variables above (environment, .env or the config file) and start again.",
      ].join("\n"),
    );
    expect(formatConfigError(new Error("disk on fire"))).toBe(
      "Could not load the configuration: disk on fire",
    );
  });

  it("rejects an unknown environment name", () => {
    expect(issuesOf(() => load({ NODE_ENV: "staging" }))).toEqual([
      { variable: "NODE_ENV", expected: "development | test | production", received: '"staging"' },
    ]);
  });
});

describe("secrets", () => {
  it("reads NAME_FILE, trimmed, relative to cwd", () => {
    writeFileSync(path.join(cwd, "cursor.txt"), `${STRONG_SECRET}\n`);
    writeFileSync(path.join(cwd, "db.txt"), "postgres://folio:pw@db/folio\n");
    const config = load({ CURSOR_SECRET_FILE: "cursor.txt", DATABASE_URL_FILE: path.join(cwd, "db.txt") });
    expect(config.secrets.cursorSecret.reveal()).toBe(STRONG_SECRET);
    expect(config.database.url?.reveal()).toBe("postgres://folio:pw@db/folio");
  });

  it("refuses NAME and NAME_FILE together, and unreadable or empty files", () => {
    writeFileSync(path.join(cwd, "empty.txt"), "\n");
    const issues = issuesOf(() =>
      load({
        CURSOR_SECRET: STRONG_SECRET,
        CURSOR_SECRET_FILE: "cursor.txt",
        REDIS_URL_FILE: "missing.txt",
        DATABASE_URL_FILE: "empty.txt",
      }),
    );
    expect(issues.map((issue) => issue.variable)).toEqual([
      "DATABASE_URL_FILE",
      "REDIS_URL_FILE",
      "CURSOR_SECRET",
    ]);
    expect(issues[2]!.expected).toBe("either CURSOR_SECRET or CURSOR_SECRET_FILE, not both");
  });

  it("requires a strong, non-default cursor secret in production", () => {
    const production = { FOLIO_ENV: "production" };
    expect(issuesOf(() => load(production))[0]!.variable).toBe("CURSOR_SECRET");
    expect(issuesOf(() => load({ ...production, CURSOR_SECRET: "too-short" }))[0]!.expected).toMatch(
      /at least 32/,
    );
    for (const published of [DEV_CURSOR_SECRET, EXAMPLE_CURSOR_SECRET]) {
      expect(issuesOf(() => load({ ...production, CURSOR_SECRET: published }))[0]!.expected).toMatch(
        /not a published/,
      );
    }
    const complete = {
      CURSOR_SECRET: STRONG_SECRET,
      AUTH_SECRET: `${STRONG_SECRET}!`,
      SMTP_URL: "smtp://mail:25",
    };
    expect(load({ ...production, ...complete }).env).toBe("production");
  });

  it("requires its own auth secret and an SMTP server in production", () => {
    const production = { FOLIO_ENV: "production", CURSOR_SECRET: STRONG_SECRET };
    expect(issuesOf(() => load(production)).map((issue) => issue.variable)).toEqual([
      "AUTH_SECRET",
      "SMTP_URL",
    ]);
    expect(
      issuesOf(() => load({ ...production, AUTH_SECRET: DEV_AUTH_SECRET, SMTP_URL: "smtp://mail:25" }))[0]!
        .expected,
    ).toMatch(/not a published/);
  });

  it("keeps argon2 at or above the OWASP floor and access tokens at most 15 minutes", () => {
    expect(issuesOf(() => load({ AUTH_ARGON2_MEMORY_KIB: "1024" }))[0]!.variable).toBe(
      "AUTH_ARGON2_MEMORY_KIB",
    );
    expect(issuesOf(() => load({ AUTH_ARGON2_TIME_COST: "1" }))[0]!.variable).toBe("AUTH_ARGON2_TIME_COST");
    expect(issuesOf(() => load({ AUTH_ACCESS_TOKEN_TTL_SECONDS: "3600" }))[0]!.variable).toBe(
      "AUTH_ACCESS_TOKEN_TTL_SECONDS",
    );
    const config = load();
    expect(config.auth.argon2).toEqual({ memoryKiB: 19_456, timeCost: 2, parallelism: 1 });
    expect(config.messaging).toMatchObject({ smtpUrl: null, devOutbox: true });
    expect(config.oauth).toEqual({ github: null, google: null, oidc: null });
  });

  it("wants both halves of an OAuth client", () => {
    expect(issuesOf(() => load({ OAUTH_GOOGLE_CLIENT_ID: "id" }))[0]).toMatchObject({
      variable: "OAUTH_GOOGLE_CLIENT_SECRET",
    });
    expect(
      issuesOf(() => load({ OAUTH_OIDC_CLIENT_ID: "id", OAUTH_OIDC_CLIENT_SECRET: "s" }))[0],
    ).toMatchObject({
      variable: "OAUTH_OIDC_ISSUER",
    });
  });

  it("rejects a short cursor secret in development too", () => {
    expect(issuesOf(() => load({ CURSOR_SECRET: "short" }))[0]!.variable).toBe("CURSOR_SECRET");
  });
});

describe("config file", () => {
  it("reads config/<env>.json, with the environment winning", () => {
    writeConfig("test.json", {
      API_PORT: 4101,
      LOG_LEVEL: "warn",
      CORS_ORIGINS: ["https://a.example", "https://b.example"],
      FEATURE_FLAGS: { newsletter: true, comments: false },
      TRUST_PROXY: true,
      REDIS_URL: null,
    });
    const config = load({ FOLIO_ENV: "test", LOG_LEVEL: "error" });
    expect(config.apiPort).toBe(4101);
    expect(config.logLevel).toBe("error");
    expect(config.http.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(config.http.trustProxy).toBe(true);
    expect(config.features).toEqual({ newsletter: true, comments: false });
    expect(config.redis.url).toBeNull();
  });

  it("ignores other environments' files", () => {
    writeConfig("production.json", { API_PORT: 9999 });
    expect(load().apiPort).toBe(3001);
  });

  it("uses FOLIO_CONFIG_FILE or the file option, which must exist", () => {
    const file = writeConfig("custom.json", { WEB_PORT: "5000" });
    expect(load({ FOLIO_CONFIG_FILE: file }).webPort).toBe(5000);
    expect(load({ FOLIO_CONFIG_FILE: "config/custom.json" }).webPort).toBe(5000);
    expect(load({}, "config/custom.json").webPort).toBe(5000);
    expect(issuesOf(() => load({ FOLIO_CONFIG_FILE: "config/nope.json" }))[0]).toMatchObject({
      variable: "FOLIO_CONFIG_FILE",
      expected: "an existing JSON config file",
    });
  });

  it("reports invalid JSON, unknown keys, environment-only keys and nested values", () => {
    writeConfig("development.json", "{ not json");
    expect(issuesOf(() => load())[0]!.expected).toMatch(/valid JSON/);
    writeConfig("development.json", {
      API_PROT: 1,
      FOLIO_ENV: "production",
      HOST: { nested: true },
      API_PORT: "x",
    });
    expect(issuesOf(() => load()).map((issue) => issue.variable)).toEqual([
      "API_PROT",
      "FOLIO_ENV",
      "HOST",
      "API_PORT",
    ]);
    writeConfig("development.json", [1, 2]);
    expect(issuesOf(() => load())[0]!.expected).toMatch(/JSON object/);
  });

  it("may name secret files but never shows their contents", () => {
    writeFileSync(path.join(cwd, "cursor.txt"), STRONG_SECRET);
    writeConfig("development.json", { CURSOR_SECRET_FILE: "cursor.txt" });
    expect(load().secrets.cursorSecret.reveal()).toBe(STRONG_SECRET);
  });
});
