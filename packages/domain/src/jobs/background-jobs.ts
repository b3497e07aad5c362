import type { Database } from "@folio/database";
import {
  createJobRunner,
  type AnyJobHandler,
  type JobRunner,
  type JobRunnerOptions,
  type JobsLogger,
} from "./job-runner.js";
import { createJobScheduler, type JobScheduler } from "./job-scheduler.js";
import { publishingJobHandlers, type PublishingJobsTarget } from "./publishing-jobs.js";
import { createWebRevalidator } from "./web-revalidate.js";

export interface BackgroundJobsOptions {
  database: Database;
  /** `services.postsAdmin`. */
  posts: PublishingJobsTarget;
  trashRetentionDays: number;
  webRevalidateUrl: string | null;
  revalidateSecret: string | null;
  pollIntervalMs?: number | undefined;
  /** More topics, run by the same runner. */
  extraHandlers?: readonly AnyJobHandler[] | undefined;
  logger?: JobsLogger | undefined;
  /** Runner tuning (tests). */
  runner?:
    | Pick<JobRunnerOptions, "batchSize" | "maxAttempts" | "backoffMs" | "lockMs" | "jobTimeoutMs" | "now">
    | undefined;
  fetch?: typeof fetch | undefined;
}

export interface BackgroundJobs {
  runner: JobRunner;
  scheduler: JobScheduler;
  /** Starts the runner (due jobs run at once) and the scheduler (its start-up sweep, then hourly). */
  start(): void;
  /** Stops both, letting the job in flight finish and record its outcome. */
  stop(): Promise<void>;
}

/**
 * The job runner and scheduler of one process, wired the same in the API (`JOBS_MODE=inline`)
 * and in `apps/worker`.
 */
export function createBackgroundJobs(options: BackgroundJobsOptions): BackgroundJobs {
  const revalidator = createWebRevalidator({
    url: options.webRevalidateUrl,
    secret: options.revalidateSecret,
    fetch: options.fetch,
  });
  const runner = createJobRunner({
    ...options.runner,
    database: options.database,
    logger: options.logger,
    pollIntervalMs: options.pollIntervalMs,
    handlers: [
      ...publishingJobHandlers({ posts: options.posts, revalidator, logger: options.logger }),
      ...(options.extraHandlers ?? []),
    ],
  });
  const scheduler = createJobScheduler({
    database: options.database,
    trashRetentionDays: options.trashRetentionDays,
    logger: options.logger,
    now: options.runner?.now,
    onEnqueued: () => runner.wake(),
  });
  return {
    runner,
    scheduler,
    start() {
      runner.start();
      scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await runner.stop();
    },
  };
}
