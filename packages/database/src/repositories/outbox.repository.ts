import { uuidv7 } from "@folio/core";
import { and, asc, count, desc, eq, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { outbox, posts, type OutboxRow } from "../schema/index.js";
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

/** Keyset position of `listJobs`: `available_at` (exact, ISO; null for dead letters) and the id. */
export interface OutboxJobKey {
  at: string | null;
  id: string;
}

/** A job row for the staff view, with the post a `post.*` payload names (when it still exists). */
export type OutboxJobRecord = OutboxRow & {
  dead: boolean;
  post: { id: string; title: string; slug: string; status: string } | null;
  sortKey: OutboxJobKey;
};

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

  /**
   * One page of the jobs of `topics` for the staff view: `pending` (not processed, not dead; due
   * soonest first) or `dead` (newest first). Each row names the post a `post.*` payload points at.
   */
  async listJobs(options: {
    state: "pending" | "dead";
    topics: readonly string[];
    limit: number;
    after?: OutboxJobKey | undefined;
    /** Only this job (in either state). */
    id?: string | undefined;
  }): Promise<{ items: OutboxJobRecord[]; hasMore: boolean }> {
    const dead = options.state === "dead";
    const postId = sql`case when ${outbox.payload}->>'postId' ~ '^[0-9a-fA-F-]{36}$' then (${outbox.payload}->>'postId')::uuid end`;
    const after = options.after;
    const keyset =
      after === undefined
        ? undefined
        : dead
          ? lt(outbox.id, after.id)
          : sql`(${outbox.availableAt}, ${outbox.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`;
    const rows = await this.access.write
      .select({
        job: outbox,
        isDead: sql<boolean>`${outbox.availableAt} = ${INFINITY}`,
        availableAtKey: sql<string>`to_char(${outbox.availableAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        post: { id: posts.id, title: posts.title, slug: posts.slug, status: posts.status },
      })
      .from(outbox)
      .leftJoin(posts, sql`${posts.id} = ${postId}`)
      .where(
        and(
          isNull(outbox.processedAt),
          options.id !== undefined
            ? eq(outbox.id, options.id)
            : dead
              ? eq(outbox.availableAt, INFINITY)
              : ne(outbox.availableAt, INFINITY),
          inArray(outbox.topic, [...options.topics]),
          keyset,
        ),
      )
      .orderBy(...(dead ? [desc(outbox.id)] : [asc(outbox.availableAt), asc(outbox.id)]))
      .limit(options.limit + 1);
    return {
      items: rows.slice(0, options.limit).map((row) => ({
        ...row.job,
        dead: row.isDead,
        post: row.post?.id ? row.post : null,
        sortKey: { at: row.isDead ? null : row.availableAtKey, id: row.job.id },
      })),
      hasMore: rows.length > options.limit,
    };
  }

  /**
   * Makes a dead letter, or a pending message waiting for its retry, due now with a fresh attempt
   * count. Resolves false when there is no such unprocessed message of `topics`, or it is claimed
   * right now (it is running).
   */
  async requeue(id: string, topics: readonly string[], now: Date): Promise<boolean> {
    const rows = await this.access.write
      .update(outbox)
      .set({ availableAt: now, attempts: 0, lockedUntil: null })
      .where(
        and(
          eq(outbox.id, id),
          isNull(outbox.processedAt),
          inArray(outbox.topic, [...topics]),
          or(isNull(outbox.lockedUntil), lt(outbox.lockedUntil, now)),
        ),
      )
      .returning({ id: outbox.id });
    return rows.length > 0;
  }

  /** Deletes processed messages older than `before` (dead letters stay); resolves how many. */
  async deleteProcessedBefore(before: Date): Promise<number> {
    const rows = await this.access.write
      .delete(outbox)
      .where(lt(outbox.processedAt, before))
      .returning({ id: outbox.id });
    return rows.length;
  }

  /** One message by id (any state), or null. */
  async findById(id: string): Promise<OutboxRow | null> {
    const rows = await this.access.write.select().from(outbox).where(eq(outbox.id, id)).limit(1);
    return rows[0] ?? null;
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
