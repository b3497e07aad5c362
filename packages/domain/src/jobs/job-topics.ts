import type { OutboxRepository } from "@folio/database";

/**
 * Background jobs are outbox rows (decision 0006): written in the transaction of the change that
 * causes them, due at `available_at`, claimed with FOR UPDATE SKIP LOCKED and run at least once
 * by the job runner — in-process in the embedded default, by `apps/worker` in server mode. Every
 * handler is idempotent: it re-reads the row it acts on and does nothing when the job is stale.
 */
export interface JobPayloads {
  /** Publish a scheduled post when its time comes; stale when the post was rescheduled or unscheduled. */
  "post.publish": { postId: string; publishAt: string };
  /** Archive a published post at its `unpublish_at`; stale when that changed. */
  "post.unpublish": { postId: string; unpublishAt: string };
  /** Tell the web app to regenerate these paths and cache tags (ISR on-demand revalidation). */
  "web.revalidate": { paths: string[]; tags: string[] };
  /** Purge trashed posts older than the retention period (enqueued hourly by the scheduler). */
  "posts.purge-trash": { olderThan: string };
}

export type JobTopic = keyof JobPayloads;

export const JOB_TOPICS: readonly JobTopic[] = Object.freeze([
  "post.publish",
  "post.unpublish",
  "web.revalidate",
  "posts.purge-trash",
]);

export interface EnqueueJob<T extends JobTopic> {
  topic: T;
  payload: JobPayloads[T];
  /** Not before this instant (default: now). */
  runAt?: Date | undefined;
  /** A second enqueue with the same key is ignored, e.g. `post.publish:<id>:<iso>`. */
  dedupeKey?: string | undefined;
}

/**
 * Records a job on the caller's transaction (`createRepositories(tx).outbox`). Resolves false
 * when a job with the same `dedupeKey` already exists.
 */
export async function enqueueJob<T extends JobTopic>(
  outbox: Pick<OutboxRepository, "enqueue">,
  job: EnqueueJob<T>,
): Promise<boolean> {
  return await outbox.enqueue({
    topic: job.topic,
    payload: { ...job.payload },
    dedupeKey: job.dedupeKey,
    availableAt: job.runAt,
  });
}
