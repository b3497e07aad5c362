import { backoffDelayMs } from "@folio/core";
import { OutboxRepository, type Database, type OutboxRow } from "@folio/database";
import type { MessagingLogger } from "../messaging/mailer.js";
import type { JobPayloads, JobTopic } from "./job-topics.js";
import { type BatchResult, createPollLoop, type PollLoop } from "./poll-loop.js";

/** The runner's logger (pino-compatible); `debug` is optional. */
export interface JobsLogger extends MessagingLogger {
  debug?(obj: object, msg: string): void;
}

/** What a handler gets besides its payload. */
export interface JobContext {
  jobId: string;
  /** 1-based: the attempt this run is. */
  attempt: number;
  /** Aborted when the job's time limit passes; pass it to fetch and friends. */
  signal: AbortSignal;
  now(): Date;
}

/**
 * One kind of job (CONVENTIONS: `{ name, version, payload, run }`). `payload` checks the stored
 * JSON and throws `InvalidJobPayloadError` when it can never run (dead-lettered at once); `run`
 * is idempotent — it re-reads what it acts on and does nothing when the job is stale.
 */
export interface JobHandler<T extends JobTopic = JobTopic> {
  name: T;
  version: number;
  payload(raw: unknown): JobPayloads[T];
  run(payload: JobPayloads[T], context: JobContext): Promise<void>;
  /** Longest run before the signal aborts it. Default: the runner's `jobTimeoutMs`. */
  timeoutMs?: number | undefined;
}

/** A handler of any one topic (what a runner takes a list of). */
export type AnyJobHandler = { [T in JobTopic]: JobHandler<T> }[JobTopic];

/** The stored payload is malformed: retrying cannot help, so the job is dead-lettered at once. */
export class InvalidJobPayloadError extends Error {
  override readonly name = "InvalidJobPayloadError";
}

export interface JobRunnerOptions {
  database: Database;
  /** One handler per topic; the runner claims only these topics. */
  handlers: readonly AnyJobHandler[];
  logger?: JobsLogger | undefined;
  /** Wait between polls when nothing was due. Default 1000. */
  pollIntervalMs?: number | undefined;
  /** Jobs claimed per statement. Default 10. */
  batchSize?: number | undefined;
  /** Attempts before a job is dead-lettered. Default 8. */
  maxAttempts?: number | undefined;
  /** Delay before retrying after failed attempt `attempt` (1-based). Default: 5 s doubling, capped at 1 h. */
  backoffMs?: ((attempt: number) => number) | undefined;
  /** Default time limit of one run. Default 60 s. */
  jobTimeoutMs?: number | undefined;
  /**
   * How long a claim holds before another runner may take the job again. Must exceed a whole
   * batch's time limits. Default: batchSize × the longest time limit + 1 minute.
   */
  lockMs?: number | undefined;
  now?: (() => Date) | undefined;
}

/**
 * The poll loop over the job topics: `start()` runs jobs already due (e.g. while the process was
 * down) at once; `drain()` resolves with how many jobs completed.
 */
export interface JobRunner extends PollLoop {
  /** The topics this runner claims. */
  readonly topics: readonly string[];
}

const HOUR_MS = 3_600_000;

/** 5 s, 10 s, 20 s … capped at an hour, with "equal" jitter. */
export function defaultJobBackoffMs(attempt: number): number {
  return backoffDelayMs(attempt, { baseDelayMs: 5_000, maxDelayMs: HOUR_MS, factor: 2, jitter: "equal" });
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs the job topics of the outbox (decision 0006): claims due rows of its topics with
 * `FOR UPDATE SKIP LOCKED` (several runners — API processes or `apps/worker` — take disjoint
 * jobs), runs each handler under a time limit, then completes the row or records the failure
 * with a backoff, dead-lettering after `maxAttempts`. At least once: a crash between the effect
 * and `complete` runs the job again once its claim expires, which idempotent handlers absorb.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const outbox = new OutboxRepository(options.database);
  // Each handler parses its own payload, so the map can forget which topic's payload it takes.
  const handlers = new Map<string, JobHandler>();
  for (const handler of options.handlers as readonly JobHandler[]) {
    if (handlers.has(handler.name)) throw new Error(`two handlers for job topic ${handler.name}`);
    handlers.set(handler.name, handler);
  }
  const topics = Object.freeze([...handlers.keys()]);
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 10;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? defaultJobBackoffMs;
  const jobTimeoutMs = options.jobTimeoutMs ?? 60_000;
  const longest = Math.max(jobTimeoutMs, ...[...handlers.values()].map((h) => h.timeoutMs ?? 0));
  const lockMs = options.lockMs ?? batchSize * longest + 60_000;
  const now = options.now ?? (() => new Date());
  const log = options.logger;

  async function execute(row: OutboxRow): Promise<boolean> {
    const context = { jobId: row.id, topic: row.topic, attempt: row.attempts };
    const handler = handlers.get(row.topic);
    if (row.lockedUntil !== null && now().getTime() >= row.lockedUntil.getTime()) {
      // The batch ran past the claim: another runner may already be running this one.
      log?.warn(context, "job claim expired before it ran; leaving it to the next claim");
      return false;
    }
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new Error("job time limit reached")),
      handler?.timeoutMs ?? jobTimeoutMs,
    );
    try {
      if (!handler) throw new InvalidJobPayloadError(`no handler for topic ${row.topic}`);
      const payload = handler.payload(row.payload);
      await handler.run(payload, {
        jobId: row.id,
        attempt: row.attempts,
        signal: timeout.signal,
        now,
      });
    } catch (error) {
      const dead = error instanceof InvalidJobPayloadError || row.attempts >= maxAttempts;
      const retryAt = dead ? null : new Date(now().getTime() + backoffMs(row.attempts));
      const reason = describeError(error);
      try {
        await outbox.fail(row.id, reason, retryAt);
      } catch (failError) {
        log?.error({ ...context, err: failError }, "could not record a failed job");
      }
      if (dead) log?.error({ ...context, error: reason }, "job dead-lettered");
      else
        log?.warn({ ...context, error: reason, retryAt: retryAt?.toISOString() }, "job failed; will retry");
      return false;
    } finally {
      clearTimeout(timer);
    }
    try {
      await outbox.complete(row.id);
    } catch (error) {
      // Done but not recorded: it runs again once its claim expires; the handler is idempotent.
      log?.error({ ...context, err: error }, "job ran but was not marked complete");
    }
    return true;
  }

  async function runBatch(): Promise<BatchResult> {
    if (topics.length === 0) return { claimed: 0, done: 0 };
    const rows = await outbox.claim({ limit: batchSize, lockMs, now: now(), topics });
    let completed = 0;
    for (const row of rows) if (await execute(row)) completed += 1;
    return { claimed: rows.length, done: completed };
  }

  return {
    topics,
    ...createPollLoop({
      runBatch,
      // A job that ran may have enqueued follow-ups (a publish enqueues a revalidation): look again.
      again: (result) => result.claimed > 0,
      pollIntervalMs,
      onPollError: (error) => log?.warn({ err: error }, "job poll failed"),
    }),
  };
}
