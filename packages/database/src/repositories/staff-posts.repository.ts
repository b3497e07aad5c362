import { uuidv7 } from "@folio/core";
import {
  type AnyColumn,
  and,
  asc,
  eq,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import type { Db } from "../db-types.js";
import {
  categories,
  media,
  postAuthors,
  postCategories,
  postRevisions,
  posts,
  postTags,
  postTransitions,
  tags,
  users,
  type NewPostRow,
  type PostBodyDocument,
  type PostRevisionKind,
  type PostRow,
  type PostStatus,
  type PostType,
} from "../schema/index.js";
import { dbAccess, runQueries, type DbAccess, type DbSource } from "./base.repository.js";
import { type AuthorRef, replacePostRelations, type TaxonRef } from "./post-relations.js";

// The staff (dashboard) side of posts and pages: every state, trash included, with the rows the
// editor needs. Writes run on the caller's transaction; the domain decides who may do what.

/** A post with everything the staff view shows. */
export interface StaffPostRecord extends PostRow {
  authors: AuthorRef[];
  tags: TaxonRef[];
  categories: TaxonRef[];
  primaryCategory: TaxonRef | null;
  creator: AuthorRef | null;
  /** The cover's media item (its storage key and focal point), when the cover is one. */
  coverMedia: { storageKey: string; focalX: number; focalY: number } | null;
}

export type StaffSortField = "updated_at" | "published_at" | "title";

/** Keyset position: the sort value (ISO text with microseconds for dates, or the title) and id. */
export interface StaffListKey {
  value: string | null;
  id: string;
}

export interface StaffListOptions {
  type: PostType;
  statuses?: PostStatus[] | undefined;
  trashed: boolean;
  /** Only posts this user authors or created. */
  ownerId?: string | undefined;
  authorId?: string | undefined;
  tagId?: string | undefined;
  categoryId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  dateField: "updated_at" | "published_at";
  featured?: boolean | undefined;
  q?: string | undefined;
  sort: StaffSortField;
  descending: boolean;
  after?: StaffListKey | undefined;
  limit: number;
}

export type StaffListRow = Omit<StaffPostRecord, "body" | "html" | "categories"> & { sortKey: StaffListKey };

export interface RevisionSnapshot {
  postId: string;
  postVersion: number;
  title: string;
  slug: string;
  excerpt: string | null;
  body: PostBodyDocument;
  html: string;
  fields: Record<string, unknown>;
  authorId: string | null;
  restoredFrom?: string | null | undefined;
}

export type StaffPostCountsRow = Record<PostStatus | "trash", number>;

const isoUtc = (column: SQL | AnyColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `(post authored by or created by userId)` for the "own posts only" rule. */
export function ownedBy(userId: string): SQL {
  return sql`(${posts.createdBy} = ${userId} or exists (select 1 from ${postAuthors} oa where oa.post_id = ${posts.id} and oa.user_id = ${userId}))`;
}

async function authorRefsOf(db: Db, postIds: string[]): Promise<Map<string, AuthorRef[]>> {
  const out = new Map<string, AuthorRef[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .select({
      postId: postAuthors.postId,
      id: users.id,
      slug: users.slug,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
    })
    .from(postAuthors)
    .innerJoin(users, eq(users.id, postAuthors.userId))
    .where(inArray(postAuthors.postId, postIds))
    .orderBy(asc(postAuthors.position), asc(users.displayName));
  for (const { postId, ...author } of rows) out.set(postId, [...(out.get(postId) ?? []), author]);
  return out;
}

async function tagRefsOf(db: Db, postIds: string[]): Promise<Map<string, TaxonRef[]>> {
  const out = new Map<string, TaxonRef[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .select({ postId: postTags.postId, id: tags.id, slug: tags.slug, name: tags.name })
    .from(postTags)
    .innerJoin(tags, eq(tags.id, postTags.tagId))
    .where(inArray(postTags.postId, postIds))
    .orderBy(asc(postTags.position), asc(tags.name));
  for (const { postId, ...tag } of rows) out.set(postId, [...(out.get(postId) ?? []), tag]);
  return out;
}

async function userRefs(db: Db, ids: (string | null)[]): Promise<Map<string, AuthorRef>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, slug: users.slug, displayName: users.displayName, avatarUrl: users.avatarUrl })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

async function taxaOf(db: Db, table: typeof tags | typeof categories, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, TaxonRef>();
  const rows = await db
    .select({ id: table.id, slug: table.slug, name: table.name })
    .from(table)
    .where(inArray(table.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

async function coverMediaOf(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map<string, StaffPostRecord["coverMedia"]>();
  const rows = await db
    .select({ id: media.id, storageKey: media.storageKey, focalX: media.focalX, focalY: media.focalY })
    .from(media)
    .where(inArray(media.id, wanted));
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

export class StaffPostsRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** The post with its relations, read from the primary (the editor must see its own write). */
  async findById(id: string): Promise<StaffPostRecord | null> {
    const db = this.access.write;
    const [row] = await db.select().from(posts).where(eq(posts.id, id)).limit(1);
    if (!row) return null;
    const [authors, tagMap, categoryRows, people, primary, cover] = await runQueries(this.access, [
      () => authorRefsOf(db, [id]),
      () => tagRefsOf(db, [id]),
      () =>
        db
          .select({ id: categories.id, slug: categories.slug, name: categories.name })
          .from(postCategories)
          .innerJoin(categories, eq(categories.id, postCategories.categoryId))
          .where(eq(postCategories.postId, id))
          .orderBy(asc(categories.position), asc(categories.name)),
      () => userRefs(db, [row.createdBy]),
      () => taxaOf(db, categories, [row.primaryCategoryId]),
      () => coverMediaOf(db, [row.coverMediaId]),
    ]);
    return {
      ...row,
      authors: authors.get(id) ?? [],
      tags: tagMap.get(id) ?? [],
      categories: categoryRows,
      primaryCategory: (row.primaryCategoryId && primary.get(row.primaryCategoryId)) || null,
      creator: (row.createdBy && people.get(row.createdBy)) || null,
      coverMedia: (row.coverMediaId && cover.get(row.coverMediaId)) || null,
    };
  }

  /** Locks the row for the rest of the transaction (FOR UPDATE). */
  async lock(id: string): Promise<PostRow | null> {
    const [row] = await this.access.write.select().from(posts).where(eq(posts.id, id)).for("update").limit(1);
    return row ?? null;
  }

  /** True when `userId` is a byline of the post or created it. */
  async isOwner(postId: string, userId: string): Promise<boolean> {
    const rows = await this.access.write
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.id, postId), ownedBy(userId)))
      .limit(1);
    return rows.length > 0;
  }

  async insert(values: NewPostRow & { id: string }): Promise<PostRow> {
    const [row] = await this.access.write.insert(posts).values(values).returning();
    if (!row) throw new Error("insert into posts returned no row");
    return row;
  }

  /**
   * Applies `changes` when the stored version still equals `expectedVersion` (and bumps it, in
   * the same statement: of two concurrent writers with one version exactly one matches).
   * Null when the version moved on or the post is gone.
   */
  async updateVersioned(
    id: string,
    expectedVersion: number,
    changes: Partial<NewPostRow>,
    now: Date,
  ): Promise<PostRow | null> {
    const set = { ...changes, updatedAt: now, version: sql`${posts.version} + 1` };
    delete (set as { id?: unknown }).id;
    const [row] = await this.access.write
      .update(posts)
      .set(set)
      .where(and(eq(posts.id, id), eq(posts.version, expectedVersion)))
      .returning();
    return row ?? null;
  }

  /**
   * A due change made by the job runner: moves the post from `from` to `to` only while it is
   * still in `from`, not trashed, and `column` still holds exactly `atIso` (else null: stale job).
   */
  async transitionDue(
    id: string,
    from: PostStatus,
    column: "publishedAt" | "unpublishAt",
    atIso: string,
    to: PostStatus,
    now: Date,
  ): Promise<PostRow | null> {
    const [row] = await this.access.write
      .update(posts)
      .set({ status: to, updatedAt: now, version: sql`${posts.version} + 1` })
      .where(
        and(
          eq(posts.id, id),
          eq(posts.status, from),
          isNull(posts.deletedAt),
          sql`${posts[column]} = ${atIso}::timestamptz`,
        ),
      )
      .returning();
    return row ?? null;
  }

  async deleteById(id: string): Promise<boolean> {
    const rows = await this.access.write.delete(posts).where(eq(posts.id, id)).returning({ id: posts.id });
    return rows.length > 0;
  }

  /** Trashed posts older than `olderThan`, deleted; returns their ids and slugs. */
  async purgeTrashedBefore(
    olderThan: Date,
    limit = 500,
  ): Promise<{ id: string; slug: string; type: PostType }[]> {
    const victims = this.access.write
      .select({ id: posts.id })
      .from(posts)
      .where(and(isNotNull(posts.deletedAt), lt(posts.deletedAt, olderThan)))
      .limit(limit);
    return await this.access.write
      .delete(posts)
      .where(inArray(posts.id, victims))
      .returning({ id: posts.id, slug: posts.slug, type: posts.type });
  }

  async setRelations(
    postId: string,
    relations: { authorIds?: string[]; tagIds?: string[]; categoryIds?: string[] },
  ): Promise<void> {
    await replacePostRelations(this.access.write, postId, relations);
  }

  /** Slugs equal to `base` or `base-<n>` (for de-duplication), excluding the post `exceptId`. */
  async slugsLike(base: string, exceptId?: string): Promise<string[]> {
    const rows = await this.access.write
      .select({ slug: posts.slug })
      .from(posts)
      .where(
        and(
          or(eq(posts.slug, base), sql`${posts.slug} ~ ${`^${base}-[0-9]+$`}`),
          exceptId === undefined ? undefined : sql`${posts.id} <> ${exceptId}`,
        ),
      );
    return rows.map((r) => r.slug);
  }

  async slugOwner(slug: string): Promise<string | null> {
    const [row] = await this.access.write
      .select({ id: posts.id })
      .from(posts)
      .where(eq(posts.slug, slug))
      .limit(1);
    return row?.id ?? null;
  }

  /** Which of these ids exist in `table` (to report unknown ones by position). */
  async existingIds(table: "tags" | "categories" | "users" | "media", ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const t = { tags, categories, users, media }[table];
    const rows = await this.access.write
      .select({ id: t.id })
      .from(t)
      .where(inArray(t.id, [...new Set(ids)]));
    return new Set(rows.map((r) => r.id));
  }

  async findMedia(id: string): Promise<{ id: string; storageKey: string; alt: string } | null> {
    const [row] = await this.access.write
      .select({ id: media.id, storageKey: media.storageKey, alt: media.alt })
      .from(media)
      .where(eq(media.id, id))
      .limit(1);
    return row ?? null;
  }

  async setMediaFocal(id: string, focalX: number | undefined, focalY: number | undefined): Promise<void> {
    const set: { focalX?: number; focalY?: number; updatedAt: Date } = { updatedAt: new Date() };
    if (focalX !== undefined) set.focalX = focalX;
    if (focalY !== undefined) set.focalY = focalY;
    await this.access.write.update(media).set(set).where(eq(media.id, id));
  }

  // --- revisions and transitions (inside the caller's transaction) ------------------------------

  async insertRevision(
    kind: Exclude<PostRevisionKind, "autosave">,
    snapshot: RevisionSnapshot,
    now: Date,
  ): Promise<string> {
    const id = uuidv7();
    await this.access.write.insert(postRevisions).values({
      id,
      kind,
      ...snapshot,
      restoredFrom: snapshot.restoredFrom ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return id;
  }

  /** Creates or overwrites the caller's single autosave revision of the post. */
  async upsertAutosave(snapshot: RevisionSnapshot, now: Date): Promise<void> {
    const { postId, authorId, ...rest } = snapshot;
    await this.access.write
      .insert(postRevisions)
      .values({ id: uuidv7(), kind: "autosave", postId, authorId, ...rest, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [postRevisions.postId, postRevisions.authorId],
        targetWhere: sql`${postRevisions.kind} = 'autosave'`,
        set: {
          postVersion: rest.postVersion,
          title: rest.title,
          slug: rest.slug,
          excerpt: rest.excerpt,
          body: rest.body,
          html: rest.html,
          fields: rest.fields,
          updatedAt: now,
        },
      });
  }

  async deleteAutosave(postId: string, authorId: string): Promise<void> {
    await this.access.write
      .delete(postRevisions)
      .where(
        and(
          eq(postRevisions.postId, postId),
          eq(postRevisions.authorId, authorId),
          eq(postRevisions.kind, "autosave"),
        ),
      );
  }

  async insertTransition(t: {
    postId: string;
    action: string;
    fromStatus: PostStatus;
    toStatus: PostStatus;
    actorId: string | null;
    comment: string | null;
    now: Date;
  }): Promise<void> {
    await this.access.write.insert(postTransitions).values({
      id: uuidv7(),
      postId: t.postId,
      action: t.action,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      actorId: t.actorId,
      comment: t.comment,
      createdAt: t.now,
    });
  }

  // --- lists ------------------------------------------------------------------------------------

  async list(options: StaffListOptions): Promise<{ items: StaffListRow[]; hasMore: boolean }> {
    const db = this.access.read();
    const sortColumn =
      options.sort === "title"
        ? posts.title
        : options.sort === "published_at"
          ? posts.publishedAt
          : posts.updatedAt;
    const sortValue = options.sort === "title" ? sql<string>`${posts.title}` : isoUtc(sortColumn);
    const conditions: (SQL | undefined)[] = [
      eq(posts.type, options.type),
      options.trashed ? isNotNull(posts.deletedAt) : isNull(posts.deletedAt),
      options.statuses && options.statuses.length > 0 ? inArray(posts.status, options.statuses) : undefined,
      options.ownerId === undefined ? undefined : ownedBy(options.ownerId),
      options.authorId === undefined
        ? undefined
        : sql`exists (select 1 from ${postAuthors} fa where fa.post_id = ${posts.id} and fa.user_id = ${options.authorId})`,
      options.tagId === undefined
        ? undefined
        : sql`exists (select 1 from ${postTags} ft where ft.post_id = ${posts.id} and ft.tag_id = ${options.tagId})`,
      options.categoryId === undefined
        ? undefined
        : sql`(${posts.primaryCategoryId} = ${options.categoryId} or exists (select 1 from ${postCategories} fc where fc.post_id = ${posts.id} and fc.category_id = ${options.categoryId}))`,
      options.featured === undefined ? undefined : eq(posts.featured, options.featured),
      options.q === undefined ? undefined : ilike(posts.title, likePattern(options.q)),
    ];
    const dateColumn = options.dateField === "published_at" ? posts.publishedAt : posts.updatedAt;
    if (options.from) conditions.push(sql`${dateColumn} >= ${options.from.toISOString()}::timestamptz`);
    if (options.to) conditions.push(sql`${dateColumn} < ${options.to.toISOString()}::timestamptz`);
    if (options.after) conditions.push(this.keysetCondition(options, sortColumn));
    const direction = options.descending ? sql`desc` : sql`asc`;
    // Dates: NULLs (unpublished) always last; ties broken by id in the same direction.
    const rows = await db
      .select({ post: posts, sortValue })
      .from(posts)
      .where(and(...conditions))
      .orderBy(sql`${sortColumn} ${direction} nulls last`, sql`${posts.id} ${direction}`)
      .limit(options.limit + 1);
    const page = rows.slice(0, options.limit);
    const ids = page.map((r) => r.post.id);
    const [authors, tagMap, people, primary, cover] = await runQueries(this.access, [
      () => authorRefsOf(db, ids),
      () => tagRefsOf(db, ids),
      () =>
        userRefs(
          db,
          page.map((r) => r.post.createdBy),
        ),
      () =>
        taxaOf(
          db,
          categories,
          page.map((r) => r.post.primaryCategoryId),
        ),
      () =>
        coverMediaOf(
          db,
          page.map((r) => r.post.coverMediaId),
        ),
    ]);
    const items = page.map(({ post, sortValue: value }): StaffListRow => {
      const { body: _body, html: _html, ...rest } = post;
      return {
        ...rest,
        authors: authors.get(post.id) ?? [],
        tags: tagMap.get(post.id) ?? [],
        primaryCategory: (post.primaryCategoryId && primary.get(post.primaryCategoryId)) || null,
        creator: (post.createdBy && people.get(post.createdBy)) || null,
        coverMedia: (post.coverMediaId && cover.get(post.coverMediaId)) || null,
        sortKey: { value, id: post.id },
      };
    });
    return { items, hasMore: rows.length > options.limit };
  }

  private keysetCondition(options: StaffListOptions, column: SQL.Aliased | AnyColumn): SQL {
    const after = options.after!;
    const idCmp = options.descending ? sql`${posts.id} < ${after.id}` : sql`${posts.id} > ${after.id}`;
    // Titles can be long, so their cursor carries only the id and the title is looked up.
    const value =
      options.sort === "title"
        ? sql`(select kp.title from ${posts} kp where kp.id = ${after.id})`
        : sql`${after.value}::timestamptz`;
    if (options.sort !== "title" && after.value === null) {
      // Past the last non-null value: only NULLs remain (NULLS LAST), ordered by id.
      return sql`(${column} is null and ${idCmp})`;
    }
    const beyond = options.descending ? sql`${column} < ${value}` : sql`${column} > ${value}`;
    return sql`(${beyond} or (${column} = ${value} and ${idCmp}) or ${column} is null)`;
  }

  /** Posts per status (not trashed) and in the trash, for one type. */
  async counts(type: PostType, ownerId?: string): Promise<StaffPostCountsRow> {
    const rows = await this.access
      .read()
      .select({
        status: posts.status,
        trashed: sql<boolean>`${posts.deletedAt} is not null`,
        n: sql<number>`count(*)::int`,
      })
      .from(posts)
      .where(and(eq(posts.type, type), ownerId === undefined ? undefined : ownedBy(ownerId)))
      .groupBy(posts.status, sql`${posts.deletedAt} is not null`);
    const out: StaffPostCountsRow = {
      draft: 0,
      in_review: 0,
      approved: 0,
      scheduled: 0,
      published: 0,
      archived: 0,
      trash: 0,
    };
    for (const row of rows) {
      const n = Number(row.n);
      if (row.trashed) out.trash += n;
      else out[row.status] += n;
    }
    return out;
  }
}
