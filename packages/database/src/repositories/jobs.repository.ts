import { and, asc, eq, isNull, lte } from "drizzle-orm";
import { posts } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

/** A post whose scheduled transition is due. */
export interface DuePostRow {
  id: string;
  /** `published_at` for a due publication, `unpublish_at` for a due unpublication. */
  at: Date;
}

/**
 * The scheduler's safety sweep: posts whose scheduled publication or unpublication is due, so a
 * missing job (restored backup, job deleted by hand) is enqueued again. Both use partial indexes
 * (`posts_scheduled_idx`, `posts_unpublish_idx`).
 */
export class JobsRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** Live `scheduled` posts with `published_at <= now`, oldest first. */
  async dueScheduledPosts(now: Date, limit: number): Promise<DuePostRow[]> {
    const rows = await this.access.write
      .select({ id: posts.id, at: posts.publishedAt })
      .from(posts)
      .where(and(eq(posts.status, "scheduled"), lte(posts.publishedAt, now), isNull(posts.deletedAt)))
      .orderBy(asc(posts.publishedAt), asc(posts.id))
      .limit(limit);
    return rows.flatMap((row) => (row.at === null ? [] : [{ id: row.id, at: row.at }]));
  }

  /** Live `published` posts with `unpublish_at <= now`, oldest first. */
  async dueUnpublications(now: Date, limit: number): Promise<DuePostRow[]> {
    const rows = await this.access.write
      .select({ id: posts.id, at: posts.unpublishAt })
      .from(posts)
      .where(and(eq(posts.status, "published"), lte(posts.unpublishAt, now), isNull(posts.deletedAt)))
      .orderBy(asc(posts.unpublishAt), asc(posts.id))
      .limit(limit);
    return rows.flatMap((row) => (row.at === null ? [] : [{ id: row.id, at: row.at }]));
  }
}
