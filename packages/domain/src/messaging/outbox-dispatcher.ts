import { backoffDelayMs, isPlainObject } from "@folio/core";
import { OutboxRepository, type Database, type OutboxRow } from "@folio/database";
import {
  assertEmailData,
  assertSmsData,
  isEmailTemplate,
  isSmsTemplate,
  renderEmail,
  renderSms,
  type MessageSite,
} from "./mail-templates.js";
import type { Mailer, MessagingLogger, SmsProvider } from "./mailer.js";
import { type BatchResult, createPollLoop, type PollLoop } from "../jobs/poll-loop.js";
import { EMAIL_TOPIC, MESSAGING_TOPICS, SMS_TOPIC } from "./outbox.js";

export interface OutboxDispatcherOptions {
  database: Database;
  mailer: Mailer;
  sms: SmsProvider;
  site: MessageSite;
  logger?: MessagingLogger | undefined;
  /** Wait between polls when nothing was due. Default 1000. */
  pollIntervalMs?: number | undefined;
  /** Messages claimed per statement. Default 20. */
  batchSize?: number | undefined;
  /** Attempts before a message is dead-lettered. Default 8. */
  maxAttempts?: number | undefined;
  /** Delay before retrying after failed attempt `attempt` (1-based). Default: 10 s doubling, capped at 1 h. */
  backoffMs?: ((attempt: number) => number) | undefined;
  /**
   * How long a claim holds before another dispatcher may take the message again. Must exceed
   * the time to deliver a whole batch; a message whose claim ran out is skipped, not sent.
   * Default 5 minutes.
   */
  lockMs?: number | undefined;
  now?: (() => Date) | undefined;
}

/** The poll loop; `drain()` resolves with how many messages were delivered. */
export type OutboxDispatcher = PollLoop;

/** The payload cannot be delivered, however often it is tried: fail it without retrying. */
class UndeliverableError extends Error {
  override readonly name = "UndeliverableError";
}

const HOUR_MS = 3_600_000;

/** 10 s, 20 s, 40 s … capped at an hour, with "equal" jitter so retries of one outage spread out. */
export function defaultOutboxBackoffMs(attempt: number): number {
  return backoffDelayMs(attempt, { baseDelayMs: 10_000, maxDelayMs: HOUR_MS, factor: 2, jitter: "equal" });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // nodemailer puts the server's answer ("550 5.1.1 unknown user") in `response`.
  const response = (error as { response?: unknown }).response;
  const detail = typeof response === "string" && !error.message.includes(response) ? ` (${response})` : "";
  return `${error.name}: ${error.message}${detail}`;
}

/**
 * Delivers the `email` and `sms` outbox topics; other topics are left to their own consumers.
 *
 * At least once: a message is marked complete only after the provider accepted it, so a crash (or
 * a lost database connection) between the two sends it again once its claim expires. Providers
 * are not idempotent, so a rare duplicate email or SMS is the price of never losing one.
 * A failed attempt is retried after `backoffMs(attempt)`, up to `maxAttempts`; a payload that
 * cannot be interpreted (unknown template, malformed data) is dead-lettered at once.
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const outbox = new OutboxRepository(options.database);
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? defaultOutboxBackoffMs;
  const lockMs = options.lockMs ?? 5 * 60_000;
  const now = options.now ?? (() => new Date());
  const log = options.logger;

  async function send(row: OutboxRow): Promise<void> {
    const payload: unknown = row.payload;
    if (!isPlainObject(payload)) throw new UndeliverableError("payload is not an object");
    const { to, template, data } = payload;
    if (typeof to !== "string") throw new UndeliverableError("payload has no recipient");
    if (row.topic === EMAIL_TOPIC) {
      if (!isEmailTemplate(template))
        throw new UndeliverableError(`unknown email template ${String(template)}`);
      try {
        assertEmailData(template, data);
      } catch (error) {
        throw new UndeliverableError((error as Error).message);
      }
      const mail = renderEmail(template, data, options.site);
      await options.mailer.send({ to, ...mail });
    } else if (row.topic === SMS_TOPIC) {
      if (!isSmsTemplate(template)) throw new UndeliverableError(`unknown SMS template ${String(template)}`);
      try {
        assertSmsData(template, data);
      } catch (error) {
        throw new UndeliverableError((error as Error).message);
      }
      await options.sms.send({ to, body: renderSms(template, data, options.site) });
    } else {
      throw new UndeliverableError(`unknown topic ${row.topic}`);
    }
  }

  /** Delivers one claimed message and records the outcome; true when it was delivered. */
  async function deliver(row: OutboxRow): Promise<boolean> {
    const context = { outboxId: row.id, topic: row.topic, attempt: row.attempts };
    if (row.lockedUntil !== null && now().getTime() >= row.lockedUntil.getTime()) {
      // The batch ran past the claim: another dispatcher may already be sending this one.
      log?.warn(context, "outbox claim expired before delivery; leaving the message to the next claim");
      return false;
    }
    try {
      await send(row);
    } catch (error) {
      const undeliverable = error instanceof UndeliverableError;
      const dead = undeliverable || row.attempts >= maxAttempts;
      const retryAt = dead ? null : new Date(now().getTime() + backoffMs(row.attempts));
      const reason = describeError(error);
      try {
        await outbox.fail(row.id, reason, retryAt);
      } catch (failError) {
        // The claim expires and the message is tried again: nothing is lost.
        log?.error({ ...context, err: failError }, "could not record a failed outbox delivery");
      }
      if (dead) {
        log?.error({ ...context, error: reason }, "outbox message dead-lettered");
      } else {
        log?.warn(
          { ...context, error: reason, retryAt: retryAt?.toISOString() },
          "outbox delivery failed; will retry",
        );
      }
      return false;
    }
    try {
      await outbox.complete(row.id);
    } catch (error) {
      // Sent but not recorded: the message goes out again once its claim expires (at least once).
      log?.error({ ...context, err: error }, "outbox message sent but not marked complete");
    }
    return true;
  }

  async function runBatch(): Promise<BatchResult> {
    const rows = await outbox.claim({ limit: batchSize, lockMs, now: now(), topics: MESSAGING_TOPICS });
    let delivered = 0;
    // One at a time: transactional volumes are small, and it keeps provider connections few.
    for (const row of rows) if (await deliver(row)) delivered += 1;
    return { claimed: rows.length, done: delivered };
  }

  return createPollLoop({
    runBatch,
    again: (result) => result.claimed >= batchSize,
    pollIntervalMs,
    onPollError: (error) => log?.warn({ err: error }, "outbox poll failed"),
  });
}
