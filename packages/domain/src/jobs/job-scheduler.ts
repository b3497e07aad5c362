import { JobsRepository, OutboxRepository, type Database } from "@folio/database";
import type { JobsLogger } from "./job-runner.js";
import { enqueueJob } from "./job-topics.js";
import { createPollLoop } from "./poll-loop.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Due posts re-enqueued per sweep; a larger backlog is caught by the next sweeps. */
const SWEEP_LIMIT = 500;

export interface JobSchedulerOptions {
  database: Database;
  /** Trashed posts older than this many days are purged. */
  trashRetentionDays: number;
  /** Processed outbox rows older than this are deleted. Default 7 days. */
  processedRetentionMs?: number | undefined;
  /** Between ticks. Default one hour. */
  intervalMs?: number | undefined;
  /** Called after a tick enqueued something (wake the runner). */
  onEnqueued?: (() => void) | undefined;
  logger?: JobsLogger | undefined;
  now?: (() => Date) | undefined;
}

export interface SchedulerTick {
  /** `post.publish` / `post.unpublish` jobs that were missing for due posts. */
  publishEnqueued: number;
  unpublishEnqueued: number;
  /** Whether this hour's `posts.purge-trash` job was new. */
  purgeEnqueued: boolean;
  /** Processed outbox rows deleted. */
  deleted: number;
}

export interface JobScheduler {
  /** Ticks now (the start-up sweep), then every `intervalMs`, until `stop()`. */
  start(): void;
  stop(): Promise<void>;
  tick(): Promise<SchedulerTick>;
}

/** The hour a purge belongs to, as its dedupe key: one purge job per hour however many processes tick. */
export function purgeTrashDedupeKey(at: Date): string {
  return `posts.purge-trash:${at.toISOString().slice(0, 13)}`;
}

/**
 * The periodic part of the job system: every tick (at start, then hourly) it enqueues the hour's
 * `posts.purge-trash` job (one per hour across all processes, by dedupe key), re-enqueues any
 * missing `post.publish` / `post.unpublish` job of a post due before the next tick (belt and
 * braces: the job is normally written with the schedule, and the dedupe key makes this a no-op
 * then; rows written without one — a restored backup, the demo seed — still publish on time),
 * and deletes processed outbox rows older than a week. Every process may run it; dedupe keys keep
 * the effects single.
 */
export function createJobScheduler(options: JobSchedulerOptions): JobScheduler {
  const jobs = new JobsRepository(options.database);
  const outbox = new OutboxRepository(options.database);
  const intervalMs = options.intervalMs ?? HOUR_MS;
  const processedRetentionMs = options.processedRetentionMs ?? 7 * DAY_MS;
  const now = options.now ?? (() => new Date());
  const log = options.logger;

  async function tick(): Promise<SchedulerTick> {
    const at = now();
    const result: SchedulerTick = {
      publishEnqueued: 0,
      unpublishEnqueued: 0,
      purgeEnqueued: false,
      deleted: 0,
    };
    // Looking one interval ahead: a post due before the next tick gets its job in time.
    const horizon = new Date(at.getTime() + intervalMs);
    for (const post of await jobs.dueScheduledPosts(horizon, SWEEP_LIMIT)) {
      const iso = post.at.toISOString();
      const added = await enqueueJob(outbox, {
        topic: "post.publish",
        payload: { postId: post.id, publishAt: iso },
        runAt: post.at,
        dedupeKey: `post.publish:${post.id}:${iso}`,
      });
      if (added) result.publishEnqueued += 1;
    }
    for (const post of await jobs.dueUnpublications(horizon, SWEEP_LIMIT)) {
      const iso = post.at.toISOString();
      const added = await enqueueJob(outbox, {
        topic: "post.unpublish",
        payload: { postId: post.id, unpublishAt: iso },
        runAt: post.at,
        dedupeKey: `post.unpublish:${post.id}:${iso}`,
      });
      if (added) result.unpublishEnqueued += 1;
    }
    result.purgeEnqueued = await enqueueJob(outbox, {
      topic: "posts.purge-trash",
      payload: { olderThan: new Date(at.getTime() - options.trashRetentionDays * DAY_MS).toISOString() },
      dedupeKey: purgeTrashDedupeKey(at),
    });
    result.deleted = await outbox.deleteProcessedBefore(new Date(at.getTime() - processedRetentionMs));
    if (result.publishEnqueued + result.unpublishEnqueued > 0) {
      log?.warn(result, "scheduler enqueued missing jobs for posts due before its next tick");
    }
    if (result.publishEnqueued + result.unpublishEnqueued > 0 || result.purgeEnqueued) options.onEnqueued?.();
    return result;
  }

  // A tick is one pass over everything; it never asks for another at once.
  const loop = createPollLoop({
    runBatch: async () => {
      await tick();
      return { claimed: 0, done: 0 };
    },
    again: () => false,
    pollIntervalMs: intervalMs,
    onPollError: (error) => log?.warn({ err: error }, "job scheduler tick failed"),
  });

  return { start: () => loop.start(), stop: () => loop.stop(), tick };
}
