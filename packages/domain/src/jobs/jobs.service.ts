import { type CursorCodec, isUuid, NotFoundError, ValidationError } from "@folio/core";
import type { OutboxJobRecord, OutboxRepository } from "@folio/database";
import type { Job, JobList, ListJobsQuery } from "@folio/types";
import { JOB_TOPICS } from "./job-topics.js";

export interface JobsServiceDeps {
  outbox: OutboxRepository;
  cursors: CursorCodec;
  /** After a retry is committed (wake the runner in this process, if it runs one). */
  onRequeued?: (() => void) | undefined;
  now?: (() => Date) | undefined;
}

export interface JobsService {
  /** Pending jobs (scheduled publications first by due time) or dead letters (newest first). */
  list(query: ListJobsQuery): Promise<JobList>;
  /** Makes a dead (or failed, waiting) job due now with a fresh attempt count. */
  retry(id: string): Promise<Job>;
}

const CURSOR_POINTER = "/query/cursor";
const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

export function toJob(row: OutboxJobRecord): Job {
  return {
    id: row.id,
    topic: row.topic,
    state: row.dead ? "dead" : "pending",
    payload: row.payload,
    run_at: row.dead ? null : row.availableAt.toISOString(),
    attempts: row.attempts,
    last_error: row.lastError,
    created_at: row.createdAt.toISOString(),
    post: row.post,
  };
}

/**
 * The staff view of background jobs (`settings:manage`): what is scheduled and what failed for
 * good, and a retry for the latter. Only job topics: email and SMS rows carry personal data and
 * have their own (development) view.
 */
export function createJobsService(deps: JobsServiceDeps): JobsService {
  const now = deps.now ?? (() => new Date());

  function decodeCursor(cursor: string, dead: boolean): { at: string | null; id: string } {
    const payload = deps.cursors.decode<Record<string, unknown>>(cursor, CURSOR_POINTER);
    const { j: state, a: at, i: id } = payload;
    const validAt = dead ? at === null : typeof at === "string" && CURSOR_TIMESTAMP.test(at);
    if (state !== (dead ? "dead" : "pending") || !validAt || !isUuid(id)) {
      throw new ValidationError([{ pointer: CURSOR_POINTER, detail: "cursor is not a job list cursor" }]);
    }
    return { at: at as string | null, id };
  }

  async function find(id: string): Promise<Job> {
    const page = await deps.outbox.listJobs({ state: "pending", topics: JOB_TOPICS, limit: 1, id });
    const found = page.items[0];
    if (found) return toJob(found);
    throw new NotFoundError("job", id);
  }

  return {
    async list(query) {
      const dead = query.state === "dead";
      const page = await deps.outbox.listJobs({
        state: query.state,
        topics: JOB_TOPICS,
        limit: query.limit,
        after: query.cursor === undefined ? undefined : decodeCursor(query.cursor, dead),
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map(toJob),
        next_cursor:
          page.hasMore && last
            ? deps.cursors.encode({ j: query.state, a: last.sortKey.at, i: last.sortKey.id })
            : null,
      };
    },

    async retry(id) {
      if (!(await deps.outbox.requeue(id, JOB_TOPICS, now()))) throw new NotFoundError("job", id);
      deps.onRequeued?.();
      return find(id);
    },
  };
}
