import { z } from "zod";
import type { ReadVariable } from "./accounts-config.js";
import type { ConfigIssue } from "./config-error.js";
import type { FolioEnv } from "./config-sources.js";
import { Secret } from "./secret.js";

/** Where background jobs run: in the API process (embedded default) or in `apps/worker` processes. */
export const JOBS_MODES = ["inline", "worker"] as const;
export type JobsMode = (typeof JOBS_MODES)[number];

/** The shared secret of the web app's revalidation endpoint: long enough not to be guessed. */
export const REVALIDATE_SECRET_MIN_LENGTH = 16;

export type JobsConfig = Readonly<{
  /** `inline`: the API process runs the job runner; `worker`: only `apps/worker` does. */
  mode: JobsMode;
  /** Trashed posts older than this many days are purged by the hourly `posts.purge-trash` job. */
  trashRetentionDays: number;
  /** `POST` target of `web.revalidate` jobs (the web app's `/api/revalidate`); null skips the call. */
  webRevalidateUrl: string | null;
  /** Sent as `x-folio-revalidate-secret`; required in production when the URL is set. */
  revalidateSecret: Secret | null;
  /** Wait between polls of the job runner when nothing was due. */
  pollIntervalMs: number;
}>;

export const JOBS_VARIABLES = [
  "JOBS_MODE",
  "JOBS_POLL_INTERVAL_MS",
  "TRASH_RETENTION_DAYS",
  "WEB_REVALIDATE_URL",
] as const;
export const JOBS_SECRET_VARIABLES = ["REVALIDATE_SECRET"] as const;

interface Parsers {
  integer: (min: number, max: number) => z.ZodType<number, string>;
  httpUrl: z.ZodType<string, string>;
}

export function readJobsConfig(
  read: ReadVariable,
  p: Parsers,
  envName: FolioEnv,
  issues: ConfigIssue[],
): JobsConfig {
  const webRevalidateUrl = read(
    "WEB_REVALIDATE_URL",
    p.httpUrl,
    "an http(s) URL such as http://127.0.0.1:3000/api/revalidate",
    null,
  );
  const revalidateSecret = read(
    "REVALIDATE_SECRET",
    z.string().min(REVALIDATE_SECRET_MIN_LENGTH),
    `a secret of at least ${REVALIDATE_SECRET_MIN_LENGTH} characters`,
    null,
  );
  if (envName === "production" && webRevalidateUrl !== null && revalidateSecret === null) {
    issues.push({
      variable: "REVALIDATE_SECRET",
      expected: "a secret shared with the web app (required in production when WEB_REVALIDATE_URL is set)",
    });
  }
  return {
    mode: read(
      "JOBS_MODE",
      z.string().trim().toLowerCase().pipe(z.enum(JOBS_MODES)),
      JOBS_MODES.join(" | "),
      "inline",
    ),
    trashRetentionDays: read("TRASH_RETENTION_DAYS", p.integer(1, 3650), "days, 1-3650", 30),
    webRevalidateUrl,
    revalidateSecret: revalidateSecret === null ? null : new Secret(revalidateSecret),
    pollIntervalMs: read("JOBS_POLL_INTERVAL_MS", p.integer(50, 60_000), "milliseconds, 50-60000", 1_000),
  };
}
