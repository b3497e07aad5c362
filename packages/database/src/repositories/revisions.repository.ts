import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db-types.js";
import {
  postAuthors,
  postCategories,
  postRevisions,
  posts,
  postTags,
  users,
  type PostRevisionRow,
  type PostRow,
} from "../schema/index.js";
import { dbAccess, runQueries, type DbAccess, type DbSource } from "./base.repository.js";
import type { AuthorRef } from "./post-relations.js";

/** Keyset position of the revision list: the exact stored `created_at` (ISO, microseconds) and the id. */
export interface RevisionKey {
  createdAt: string;
  id: string;
}

export type RevisionSummaryRow = Pick<
  PostRevisionRow,
  "id" | "postId" | "kind" | "postVersion" | "title" | "restoredFrom" | "createdAt" | "updatedAt"
> & { author: AuthorRef | null; sortKey: RevisionKey };

export type RevisionRecord = PostRevisionRow & { author: AuthorRef | null };

/** Who may see a post's history: its bylines and creator (the rest is decided by permissions). */
export interface PostAccessRow {
  id: string;
  type: PostRow["type"];
  status: PostRow["status"];
  title: string;
  slug: string;
  version: number;
  deletedAt: Date | null;
  createdBy: string | null;
  authorIds: string[];
}

/** The post as it is now, in the revision's terms (for a diff against the current state). */
export type CurrentPostRow = PostRow & { authorIds: string[]; tagIds: string[]; categoryIds: string[] };

const createdAtKey = sql<string>`to_char(${postRevisions.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const authorColumns = {
  authorRefId: users.id,
  authorSlug: users.slug,
  authorName: users.displayName,
  authorAvatar: users.avatarUrl,
};

function authorOf(row: {
  authorRefId: string | null;
  authorSlug: string | null;
  authorName: string | null;
  authorAvatar: string | null;
}): AuthorRef | null {
  if (row.authorRefId === null || row.authorSlug === null || row.authorName === null) return null;
  return {
    id: row.authorRefId,
    slug: row.authorSlug,
    displayName: row.authorName,
    avatarUrl: row.authorAvatar,
  };
}

/**
 * The read side of post revisions (the posts service inserts them inside its writes), plus the
 * small post reads the history endpoints need: who may see a post, and its current state.
 */
export class PostRevisionsRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** A post's id, status, version and bylines — null when it does not exist. Trashed posts included. */
  async findPostAccess(postId: string): Promise<PostAccessRow | null> {
    const db = this.access.write;
    const rows = await db
      .select({
        id: posts.id,
        type: posts.type,
        status: posts.status,
        title: posts.title,
        slug: posts.slug,
        version: posts.version,
        deletedAt: posts.deletedAt,
        createdBy: posts.createdBy,
      })
      .from(posts)
      .where(eq(posts.id, postId))
      .limit(1);
    const row = rows[0];
    if (!row) return null;
    const authors = await db
      .select({ userId: postAuthors.userId })
      .from(postAuthors)
      .where(eq(postAuthors.postId, postId))
      .orderBy(asc(postAuthors.position));
    return { ...row, authorIds: authors.map((a) => a.userId) };
  }

  /** The whole post row with its relation ids in stored order. */
  async findCurrentPost(postId: string): Promise<CurrentPostRow | null> {
    const db = this.access.write;
    const rows = await db.select().from(posts).where(eq(posts.id, postId)).limit(1);
    const row = rows[0];
    if (!row) return null;
    const [authors, tags, categories] = await runQueries(this.access, [
      () =>
        db
          .select({ id: postAuthors.userId })
          .from(postAuthors)
          .where(eq(postAuthors.postId, postId))
          .orderBy(asc(postAuthors.position)),
      () =>
        db
          .select({ id: postTags.tagId })
          .from(postTags)
          .where(eq(postTags.postId, postId))
          .orderBy(asc(postTags.position)),
      () =>
        db
          .select({ id: postCategories.categoryId })
          .from(postCategories)
          .where(eq(postCategories.postId, postId))
          .orderBy(asc(postCategories.categoryId)),
    ]);
    return {
      ...row,
      authorIds: authors.map((a) => a.id),
      tagIds: tags.map((t) => t.id),
      categoryIds: categories.map((c) => c.id),
    };
  }

  /** One page of a post's revisions, newest first; fetches `limit + 1` to know whether more exist. */
  async listByPost(
    postId: string,
    page: { limit: number; after?: RevisionKey | undefined },
  ): Promise<{ items: RevisionSummaryRow[]; hasMore: boolean }> {
    const after: SQL | undefined =
      page.after === undefined
        ? undefined
        : sql`(${postRevisions.createdAt}, ${postRevisions.id}) < (${page.after.createdAt}::timestamptz, ${page.after.id}::uuid)`;
    const rows = await this.access
      .read()
      .select({
        id: postRevisions.id,
        postId: postRevisions.postId,
        kind: postRevisions.kind,
        postVersion: postRevisions.postVersion,
        title: postRevisions.title,
        restoredFrom: postRevisions.restoredFrom,
        createdAt: postRevisions.createdAt,
        updatedAt: postRevisions.updatedAt,
        createdAtKey,
        ...authorColumns,
      })
      .from(postRevisions)
      .leftJoin(users, eq(users.id, postRevisions.authorId))
      .where(and(eq(postRevisions.postId, postId), after))
      .orderBy(desc(postRevisions.createdAt), desc(postRevisions.id))
      .limit(page.limit + 1);
    return {
      items: rows.slice(0, page.limit).map((r) => ({
        id: r.id,
        postId: r.postId,
        kind: r.kind,
        postVersion: r.postVersion,
        title: r.title,
        restoredFrom: r.restoredFrom,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        author: authorOf(r),
        sortKey: { createdAt: r.createdAtKey, id: r.id },
      })),
      hasMore: rows.length > page.limit,
    };
  }

  /** One revision of one post (null when it belongs to another post or does not exist). */
  async find(postId: string, revisionId: string): Promise<RevisionRecord | null> {
    const rows = await this.access.write
      .select({ revision: postRevisions, ...authorColumns })
      .from(postRevisions)
      .leftJoin(users, eq(users.id, postRevisions.authorId))
      .where(and(eq(postRevisions.postId, postId), eq(postRevisions.id, revisionId)))
      .limit(1);
    const row = rows[0];
    return row ? { ...row.revision, author: authorOf(row) } : null;
  }

  /** Author references by id (for a current-state summary). */
  findAuthors(ids: readonly string[]): Promise<Map<string, AuthorRef>> {
    return loadAuthorRefs(this.access.read(), ids);
  }
}

/** Users as bylines, by id; ids without a user are absent from the map. */
export async function loadAuthorRefs(
  db: Db,
  ids: readonly (string | null)[],
): Promise<Map<string, AuthorRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, slug: users.slug, displayName: users.displayName, avatarUrl: users.avatarUrl })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((row) => [row.id, row]));
}
