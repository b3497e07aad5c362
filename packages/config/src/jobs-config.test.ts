import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfig } from "./load-config.js";

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), "folio-jobs-config-"));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const load = (env: Record<string, string | undefined> = {}) => loadConfig({ env, cwd });

function variablesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => issue.variable);
  }
  throw new Error("expected a ConfigError");
}

/** What production needs besides the jobs variables. */
const PRODUCTION = {
  FOLIO_ENV: "production",
  CURSOR_SECRET: "x7Lq9v2Rk4Tz8Wm1Np6Hs3Jd5Fg0Bc2Ye",
  AUTH_SECRET: "p3Lq9v2Rk4Tz8Wm1Np6Hs3Jd5Fg0Bc2Yx",
  SMTP_URL: "smtps://mailer:pw@smtp.example.org:465",
};

describe("jobs configuration", () => {
  it("defaults to jobs inside the API, a 30-day trash and no web revalidation", () => {
    expect(load().jobs).toEqual({
      mode: "inline",
      trashRetentionDays: 30,
      webRevalidateUrl: null,
      revalidateSecret: null,
      pollIntervalMs: 1_000,
    });
  });

  it("reads every variable, keeping the secret a Secret", () => {
    const { jobs } = load({
      JOBS_MODE: "Worker",
      TRASH_RETENTION_DAYS: "7",
      WEB_REVALIDATE_URL: "http://web:3000/api/revalidate/",
      REVALIDATE_SECRET: "a-shared-secret-for-isr",
      JOBS_POLL_INTERVAL_MS: "250",
    });
    expect(jobs).toMatchObject({
      mode: "worker",
      trashRetentionDays: 7,
      webRevalidateUrl: "http://web:3000/api/revalidate",
      pollIntervalMs: 250,
    });
    expect(jobs.revalidateSecret?.reveal()).toBe("a-shared-secret-for-isr");
    expect(String(jobs.revalidateSecret)).not.toContain("a-shared-secret");
  });

  it("refuses bad values, and a revalidation URL without its secret in production", () => {
    expect(
      variablesOf(() =>
        load({
          JOBS_MODE: "cron",
          TRASH_RETENTION_DAYS: "0",
          REVALIDATE_SECRET: "short",
          JOBS_POLL_INTERVAL_MS: "1",
        }),
      ).sort(),
    ).toEqual(["JOBS_MODE", "JOBS_POLL_INTERVAL_MS", "REVALIDATE_SECRET", "TRASH_RETENTION_DAYS"]);
    expect(
      variablesOf(() =>
        load({ ...PRODUCTION, WEB_REVALIDATE_URL: "https://blog.example.org/api/revalidate" }),
      ),
    ).toEqual(["REVALIDATE_SECRET"]);
    expect(
      load({
        ...PRODUCTION,
        WEB_REVALIDATE_URL: "https://blog.example.org/api/revalidate",
        REVALIDATE_SECRET: "a-shared-secret-for-isr",
      }).jobs.webRevalidateUrl,
    ).toBe("https://blog.example.org/api/revalidate");
    // Without a URL production needs no secret: the web app is simply not called.
    expect(load(PRODUCTION).jobs.revalidateSecret).toBeNull();
  });
});
