// Background jobs in the API process: with JOBS_MODE=inline (the embedded default) the API runs
// the job runner and scheduler itself; with JOBS_MODE=worker only `apps/worker` processes do.
import type { Config } from "@folio/config";
import type { Database } from "@folio/database";
import {
  createBackgroundJobs,
  type BackgroundJobs,
  type JobsLogger,
  type PublishingJobsTarget,
} from "@folio/domain";

export interface ApiJobs {
  /** The running jobs, or null when JOBS_MODE=worker leaves them to apps/worker. */
  jobs: BackgroundJobs | null;
  start(): void;
  /** Stops the runner and scheduler, letting the job in flight finish. */
  close(): Promise<void>;
}

/** The background jobs from the configuration (created stopped: start them once the server listens). */
export function createBackgroundJobsFromConfig(
  config: Config,
  database: Database,
  posts: PublishingJobsTarget,
  logger?: JobsLogger,
): BackgroundJobs {
  return createBackgroundJobs({
    database,
    posts,
    trashRetentionDays: config.jobs.trashRetentionDays,
    webRevalidateUrl: config.jobs.webRevalidateUrl,
    revalidateSecret: config.jobs.revalidateSecret?.reveal() ?? null,
    pollIntervalMs: config.jobs.pollIntervalMs,
    logger,
  });
}

export function createApiJobs(
  config: Config,
  database: Database,
  posts: PublishingJobsTarget,
  logger?: JobsLogger,
): ApiJobs {
  const jobs =
    config.jobs.mode === "inline" ? createBackgroundJobsFromConfig(config, database, posts, logger) : null;
  return {
    jobs,
    start() {
      jobs?.start();
    },
    async close() {
      await jobs?.stop();
    },
  };
}
