import { uuidv7 } from "@folio/core";
import { and, asc, count, desc, eq, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { outbox, type OutboxRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface NewOutboxMessage {
  /** What kind of work this is; the dispatcher routes on it ("email", "sms", …). */
  topic: string;
  payload: Record<string, unknown>;
  /** A second enqueue with the same key is ignored (idempotent producers). */
  dedupeKey?: string | undefined;
  /** Not before this instant (default: now, by this process's clock). */
  availableAt?: Date | undefined;
}

export interface ClaimOutboxOptions {
  /** At most this many messages. */
  limit: number;
  /** How long the claim holds: after that another dispatcher may take the message again. */
  lockMs: number;
  now: Date;
  /** Only these topics (default: every topic). */
  topics?: readonly string[] | undefined;
}

/** A message that failed for good: kept for inspection, never claimed again. */
export type DeadOutboxRow = Omit<OutboxRow, "availableAt">;

/** Longest `last_error` kept: provider answers can be long, the row only needs the gist. */
export const OUTBOX_ERROR_MAX_LENGTH = 2_000;

// Dead letters keep `processed_at` null and move `available_at` to +infinity: no claim ever
// reaches them, and the pending index still finds them for `listDead()`.
const INFINITY = sql`'infinity'::timestamptz`;

/**
 * The transactional outbox: producers `enqueue` in the transaction of the change that causes the
 * message, dispatchers `claim` due messages, deliver them, then `complete` or `fail` each one.
 * Delivery is at least once: a claim that expires (crash, slow provider) is claimed again.
 */
export class OutboxRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /**
   * Records a message; on a transaction handle it commits or rolls back with the caller's change.
   * Resolves false when a message with the same `dedupeKey` already exists.
   */
  async enqueue(message: NewOutboxMessage): Promise<boolean> {
    const rows = await this.access.write
      .insert(outbox)
      .values({
        id: uuidv7(),
        topic: message.topic,
        payload: message.payload,
        dedupeKey: message.dedupeKey ?? null,
        // Not the column's `now()` default: claims compare with the dispatcher's clock in whole
        // milliseconds, and a microsecond `now()` could put a message just after a claim's `now`.
        availableAt: message.availableAt ?? new Date(),
      })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
    return rows.length > 0;
  }

  /**
   * Locks up to `limit` due messages for `lockMs` and counts the attempt, in one statement.
   * `FOR UPDATE SKIP LOCKED` makes concurrent dispatchers take disjoint rows; a row another
   * dispatcher claimed and committed in between fails the re-checked `locked_until` condition.
   * Oldest first.
   */
  async claim(options: ClaimOutboxOptions): Promise<OutboxRow[]> {
    if (options.limit <= 0) return [];
    const { now } = options;
    const db = this.access.write;
    const due = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          isNull(outbox.processedAt),
          lte(outbox.availableAt, now),
          or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
          options.topics === undefined ? undefined : inArray(outbox.topic, [...options.topics]),
        ),
      )
      .orderBy(asc(outbox.availableAt), asc(outbox.id))
      .limit(options.limit)
      .for("update", { skipLocked: true });
    const rows = await db
      .update(outbox)
      .set({
        lockedUntil: new Date(now.getTime() + options.lockMs),
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(inArray(outbox.id, due))
      .returning();
    // UPDATE … RETURNING has no order of its own.
    return rows.sort(
      (a, b) => a.availableAt.getTime() - b.availableAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /**
   * Marks a message delivered. The payload is cleared: it may hold secrets (reset links,
   * one-time codes) that must not outlive their delivery; topic, dedupe key and times remain.
   */
  async complete(id: string): Promise<void> {
    await this.access.write
      .update(outbox)
      .set({ processedAt: sql`now()`, lockedUntil: null, lastError: null, payload: {} })
      .where(eq(outbox.id, id));
  }

  /**
   * Records a failed attempt and releases the claim: retried from `retryAt`, or, with null,
   * dead-lettered (kept with its payload and error, never claimed again).
   */
  async fail(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.access.write
      .update(outbox)
      .set({
        lockedUntil: null,
        lastError: error.slice(0, OUTBOX_ERROR_MAX_LENGTH),
        availableAt: retryAt ?? INFINITY,
      })
      .where(eq(outbox.id, id));
  }

  /** Messages still to deliver (due now or later, claimed or not); dead letters excluded. */
  async pending(): Promise<number> {
    const rows = await this.access.write
      .select({ n: count() })
      .from(outbox)
      .where(and(isNull(outbox.processedAt), ne(outbox.availableAt, INFINITY)));
    return Number(rows[0]?.n ?? 0);
  }

  /** Dead letters, newest first. */
  async listDead(options: { limit?: number } = {}): Promise<DeadOutboxRow[]> {
    return this.access.write
      .select({
        id: outbox.id,
        topic: outbox.topic,
        payload: outbox.payload,
        dedupeKey: outbox.dedupeKey,
        createdAt: outbox.createdAt,
        attempts: outbox.attempts,
        lockedUntil: outbox.lockedUntil,
        processedAt: outbox.processedAt,
        lastError: outbox.lastError,
      })
      .from(outbox)
      .where(and(isNull(outbox.processedAt), eq(outbox.availableAt, INFINITY)))
      .orderBy(desc(outbox.id))
      .limit(options.limit ?? 100);
  }
}
