import { uuidv7 } from "@folio/core";
import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  commentReports,
  comments,
  posts,
  users,
  type CommentRow,
  type CommentStatus,
  type NewCommentRow,
  type PostStatus,
  type PostType,
  type PostVisibility,
} from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

/** A timestamp column as exact UTC text (microseconds): keyset cursors need the stored value. */
const isoUtcSql = (column: AnyPgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** `%text%` for ILIKE with `\`, `%` and `_` escaped. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What the comment rules need to know about the post a comment belongs to. */
export interface CommentPostRef {
  id: string;
  slug: string;
  title: string;
  type: PostType;
  status: PostStatus;
  visibility: PostVisibility;
  commentsEnabled: boolean;
  deletedAt: Date | null;
}

export interface CommentAuthorRef {
  id: string;
  displayName: string;
  slug: string;
  avatarUrl: string | null;
  email: string;
}

/** A comment with its author (null once the account is deleted) and its post. */
export interface CommentRecord extends CommentRow {
  author: CommentAuthorRef | null;
  post: { id: string; slug: string; title: string };
  /** Exact `created_at` (ISO, microseconds) for keyset cursors. */
  createdAtKey: string;
}

/** Keyset position: exact `created_at` text and id. */
export interface CommentKey {
  createdAt: string;
  id: string;
}

export interface StaffCommentSearch {
  status: CommentStatus;
  postId?: string | undefined;
  q?: string | undefined;
  limit: number;
  /** Newest first: rows strictly older than this position. */
  before?: CommentKey | undefined;
}

export type CommentCountsRecord = Record<CommentStatus, number>;

const postRefColumns = {
  id: posts.id,
  slug: posts.slug,
  title: posts.title,
  type: posts.type,
  status: posts.status,
  visibility: posts.visibility,
  commentsEnabled: posts.commentsEnabled,
  deletedAt: posts.deletedAt,
};

const recordColumns = {
  comment: comments,
  authorId: users.id,
  authorDisplayName: users.displayName,
  authorSlug: users.slug,
  authorAvatarUrl: users.avatarUrl,
  authorEmail: users.email,
  postId: posts.id,
  postSlug: posts.slug,
  postTitle: posts.title,
  createdAtKey: isoUtcSql(comments.createdAt),
};

interface JoinedRow {
  comment: CommentRow;
  authorId: string | null;
  authorDisplayName: string | null;
  authorSlug: string | null;
  authorAvatarUrl: string | null;
  authorEmail: string | null;
  postId: string;
  postSlug: string;
  postTitle: string;
  createdAtKey: string;
}

function toRecord(row: JoinedRow): CommentRecord {
  return {
    ...row.comment,
    author:
      row.authorId === null
        ? null
        : {
            id: row.authorId,
            displayName: row.authorDisplayName ?? "",
            slug: row.authorSlug ?? "",
            avatarUrl: row.authorAvatarUrl,
            email: row.authorEmail ?? "",
          },
    post: { id: row.postId, slug: row.postSlug, title: row.postTitle },
    createdAtKey: row.createdAtKey,
  };
}

/** Comments, their reports and the little the comment rules read of posts and users. */
export class CommentsRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  private joined(db = this.access.write) {
    return db
      .select(recordColumns)
      .from(comments)
      .innerJoin(posts, eq(posts.id, comments.postId))
      .leftJoin(users, eq(users.id, comments.authorId));
  }

  async findPostById(postId: string): Promise<CommentPostRef | null> {
    const rows = await this.access.write
      .select(postRefColumns)
      .from(posts)
      .where(eq(posts.id, postId))
      .limit(1);
    return rows[0] ?? null;
  }

  async findPostBySlug(slug: string): Promise<CommentPostRef | null> {
    const rows = await this.access
      .read()
      .select(postRefColumns)
      .from(posts)
      .where(eq(posts.slug, slug))
      .limit(1);
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<CommentRow | null> {
    const rows = await this.access.write.select().from(comments).where(eq(comments.id, id)).limit(1);
    return rows[0] ?? null;
  }

  /** Locks the row (FOR UPDATE) for the rest of the caller's transaction. */
  async findByIdForUpdate(id: string): Promise<CommentRow | null> {
    const rows = await this.access.write.select().from(comments).where(eq(comments.id, id)).for("update");
    return rows[0] ?? null;
  }

  async findRecord(id: string): Promise<CommentRecord | null> {
    const rows = await this.joined().where(eq(comments.id, id)).limit(1);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findRecords(ids: readonly string[]): Promise<CommentRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.joined()
      .where(inArray(comments.id, [...ids]))
      .orderBy(desc(comments.createdAt), desc(comments.id));
    return rows.map(toRecord);
  }

  /**
   * Serialises a member's comment writes across processes: the caller's transaction holds the
   * user row's lock until it ends, so two concurrent posts cannot both pass the rate limit.
   */
  async lockAuthor(userId: string): Promise<(CommentAuthorRef & { status: string }) | null> {
    const rows = await this.access.write
      .select({
        id: users.id,
        displayName: users.displayName,
        slug: users.slug,
        avatarUrl: users.avatarUrl,
        email: users.email,
        status: users.status,
      })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    return rows[0] ?? null;
  }

  async findAuthor(userId: string): Promise<(CommentAuthorRef & { status: string }) | null> {
    const rows = await this.access.write
      .select({
        id: users.id,
        displayName: users.displayName,
        slug: users.slug,
        avatarUrl: users.avatarUrl,
        email: users.email,
        status: users.status,
      })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    return rows[0] ?? null;
  }

  /** How many comments (any status) the member wrote after `since`, and when the oldest of them was. */
  async countByAuthorSince(authorId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const rows = await this.access.write
      .select({ count: count(), oldest: sql<Date | string | null>`min(${comments.createdAt})` })
      .from(comments)
      .where(and(eq(comments.authorId, authorId), gt(comments.createdAt, since)));
    const row = rows[0];
    const oldest = row?.oldest ?? null;
    return { count: row?.count ?? 0, oldest: oldest === null ? null : new Date(oldest) };
  }

  async hasApprovedComment(authorId: string): Promise<boolean> {
    const rows = await this.access.write
      .select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.authorId, authorId), eq(comments.status, "approved")))
      .limit(1);
    return rows.length > 0;
  }

  async create(values: Omit<NewCommentRow, "id"> & { id?: string }): Promise<CommentRow> {
    const rows = await this.access.write
      .insert(comments)
      .values({ ...values, id: values.id ?? uuidv7() })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("insert into comments returned no row");
    return row;
  }

  async update(
    id: string,
    changes: Partial<Pick<CommentRow, "bodyMarkdown" | "html" | "status" | "reportCount" | "editedAt">> & {
      moderatedBy?: string | null;
      moderatedAt?: Date | null;
    },
    now: Date,
  ): Promise<CommentRow> {
    const rows = await this.access.write
      .update(comments)
      .set({ ...changes, updatedAt: now })
      .where(eq(comments.id, id))
      .returning();
    const row = rows[0];
    if (!row) throw new Error(`comment ${id} vanished during the update`);
    return row;
  }

  /** Locks the given comments (FOR UPDATE) and returns the ones that exist. */
  async lockMany(ids: readonly string[]): Promise<CommentRow[]> {
    if (ids.length === 0) return [];
    return await this.access.write
      .select()
      .from(comments)
      .where(inArray(comments.id, [...ids]))
      .orderBy(asc(comments.id))
      .for("update");
  }

  async setStatusMany(
    ids: readonly string[],
    status: CommentStatus,
    moderatedBy: string | null,
    now: Date,
    resetReports: boolean,
  ): Promise<CommentRow[]> {
    if (ids.length === 0) return [];
    return await this.access.write
      .update(comments)
      .set({
        status,
        moderatedBy,
        moderatedAt: now,
        updatedAt: now,
        ...(resetReports ? { reportCount: 0 } : {}),
      })
      .where(inArray(comments.id, [...ids]))
      .returning();
  }

  /** Records a report; false when this member already reported the comment. */
  async addReport(commentId: string, reporterId: string, reason: string, now: Date): Promise<boolean> {
    const rows = await this.access.write
      .insert(commentReports)
      .values({ id: uuidv7(), commentId, reporterId, reason, createdAt: now })
      .onConflictDoNothing({ target: [commentReports.commentId, commentReports.reporterId] })
      .returning({ id: commentReports.id });
    return rows.length > 0;
  }

  async incrementReports(commentId: string, now: Date): Promise<CommentRow> {
    const rows = await this.access.write
      .update(comments)
      .set({ reportCount: sql`${comments.reportCount} + 1`, updatedAt: now })
      .where(eq(comments.id, commentId))
      .returning();
    const row = rows[0];
    if (!row) throw new Error(`comment ${commentId} vanished during the report`);
    return row;
  }

  /**
   * A page of approved threads of a post: `limit` top-level comments (oldest first, after
   * `after`), each with its approved replies (a reply whose parent is not approved is left out
   * with its subtree). Ordered by thread; the caller arranges each thread depth-first.
   */
  async listApprovedThreads(
    postId: string,
    options: { limit: number; after?: CommentKey | undefined },
  ): Promise<{ roots: CommentRecord[]; replies: CommentRecord[]; hasMore: boolean }> {
    const db = this.access.read();
    const conditions: (SQL | undefined)[] = [
      eq(comments.postId, postId),
      eq(comments.status, "approved"),
      isNull(comments.parentId),
    ];
    if (options.after) {
      conditions.push(
        or(
          sql`${comments.createdAt} > ${options.after.createdAt}::timestamptz`,
          and(
            sql`${comments.createdAt} = ${options.after.createdAt}::timestamptz`,
            sql`${comments.id} > ${options.after.id}`,
          ),
        ),
      );
    }
    const rootRows = await this.joined(db)
      .where(and(...conditions))
      .orderBy(asc(comments.createdAt), asc(comments.id))
      .limit(options.limit + 1);
    const hasMore = rootRows.length > options.limit;
    const roots = rootRows.slice(0, options.limit).map(toRecord);
    if (roots.length === 0) return { roots, replies: [], hasMore };
    // Every approved descendant reachable through approved comments (depth is bounded, ≤ 8).
    const rootIds = sql.join(
      roots.map((r) => sql`${r.id}::uuid`),
      sql`, `,
    );
    const descendantIds = await db.execute<{ id: string }>(sql`
      with recursive thread(id) as (
        select c.id from comments c where c.parent_id in (${rootIds}) and c.status = 'approved'
        union all
        select c.id from comments c join thread t on c.parent_id = t.id where c.status = 'approved'
      )
      select id from thread`);
    const ids = resultRows<{ id: string }>(descendantIds).map((r) => r.id);
    if (ids.length === 0) return { roots, replies: [], hasMore };
    const replyRows = await this.joined(db)
      .where(inArray(comments.id, ids))
      .orderBy(asc(comments.createdAt), asc(comments.id));
    return { roots, replies: replyRows.map(toRecord), hasMore };
  }

  /** The moderation queue: newest first, keyset-paginated. */
  async listForStaff(search: StaffCommentSearch): Promise<{ items: CommentRecord[]; hasMore: boolean }> {
    const conditions: (SQL | undefined)[] = [eq(comments.status, search.status)];
    if (search.postId !== undefined) conditions.push(eq(comments.postId, search.postId));
    if (search.q !== undefined) {
      const pattern = likePattern(search.q);
      conditions.push(
        or(
          ilike(comments.bodyMarkdown, pattern),
          ilike(users.displayName, pattern),
          ilike(users.email, pattern),
        ),
      );
    }
    if (search.before) {
      conditions.push(
        or(
          sql`${comments.createdAt} < ${search.before.createdAt}::timestamptz`,
          and(
            sql`${comments.createdAt} = ${search.before.createdAt}::timestamptz`,
            lt(comments.id, search.before.id),
          ),
        ),
      );
    }
    const rows = await this.joined(this.access.read())
      .where(and(...conditions))
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(search.limit + 1);
    return { items: rows.slice(0, search.limit).map(toRecord), hasMore: rows.length > search.limit };
  }

  async countByStatus(postId?: string): Promise<CommentCountsRecord> {
    const rows = await this.access
      .read()
      .select({ status: comments.status, count: count() })
      .from(comments)
      .where(postId === undefined ? undefined : eq(comments.postId, postId))
      .groupBy(comments.status);
    const counts: CommentCountsRecord = { pending: 0, approved: 0, spam: 0, deleted: 0 };
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }
}

/** `db.execute` answers `{ rows }` on both drivers (node-postgres and PGlite). */
function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}
