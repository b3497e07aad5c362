import { and, asc, count, eq, inArray, isNull, like, ne, or, sql } from "drizzle-orm";
import { posts, postTags, tags, type TagRow } from "../schema/index.js";
import { CrudRepository, type DbSource } from "./base.repository.js";

export interface TagWithCount extends TagRow {
  /** Published posts with this tag. */
  postCount: number;
}

export interface TagMergeOutcome {
  /** Posts of the merged tag that did not carry the surviving tag yet. */
  movedPosts: number;
}

/** Tags: the public list and the staff writes (run writes on a transaction's repositories). */
export class TagsRepository extends CrudRepository<typeof tags> {
  constructor(source: DbSource) {
    super(source, tags, "tag");
  }

  async findBySlug(slug: string): Promise<TagRow | null> {
    const rows = await this.access.read().select().from(tags).where(eq(tags.slug, slug)).limit(1);
    return rows[0] ?? null;
  }

  /** Every tag by name, with its published post count (one grouped query). */
  async listWithPostCounts(): Promise<TagWithCount[]> {
    const db = this.access.read();
    const counts = db
      .select({ tagId: postTags.tagId, n: count().as("n") })
      .from(postTags)
      .innerJoin(posts, eq(posts.id, postTags.postId))
      .where(and(eq(posts.status, "published"), isNull(posts.deletedAt)))
      .groupBy(postTags.tagId)
      .as("counts");
    const rows = await db
      .select({ tag: tags, postCount: sql<number>`coalesce(${counts.n}, 0)::int` })
      .from(tags)
      .leftJoin(counts, eq(counts.tagId, tags.id))
      .orderBy(asc(tags.name), asc(tags.slug));
    return rows.map((r) => ({ ...r.tag, postCount: Number(r.postCount) }));
  }

  /** The tag with its published post count; null when it does not exist. */
  async findWithPostCount(id: string): Promise<TagWithCount | null> {
    const db = this.access.write;
    const [row] = await db.select().from(tags).where(eq(tags.id, id)).limit(1);
    if (!row) return null;
    const counted = await db
      .select({ n: count() })
      .from(postTags)
      .innerJoin(posts, eq(posts.id, postTags.postId))
      .where(and(eq(postTags.tagId, id), eq(posts.status, "published"), isNull(posts.deletedAt)));
    return { ...row, postCount: Number(counted[0]?.n ?? 0) };
  }

  /** Locks the tag rows (in id order, so two merges cannot deadlock); returns the ones found. */
  async lock(ids: string[]): Promise<TagRow[]> {
    const sorted = [...new Set(ids)].sort();
    return await this.access.write
      .select()
      .from(tags)
      .where(inArray(tags.id, sorted))
      .orderBy(asc(tags.id))
      .for("update");
  }

  async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
    const rows = await this.access.write
      .select({ id: tags.id })
      .from(tags)
      .where(exceptId === undefined ? eq(tags.slug, slug) : and(eq(tags.slug, slug), ne(tags.id, exceptId)))
      .limit(1);
    return rows.length > 0;
  }

  /** Slugs starting with `base` (for de-duplication with -2, -3…). */
  async slugsLike(base: string): Promise<string[]> {
    const rows = await this.access.write
      .select({ slug: tags.slug })
      .from(tags)
      .where(or(eq(tags.slug, base), like(tags.slug, `${base}-%`)));
    return rows.map((r) => r.slug);
  }

  /** Slugs of the live posts carrying the tag (for revalidating their pages). */
  async livePostSlugs(tagId: string, limit = 200): Promise<string[]> {
    const rows = await this.access.write
      .select({ slug: posts.slug })
      .from(postTags)
      .innerJoin(posts, eq(posts.id, postTags.postId))
      .where(and(eq(postTags.tagId, tagId), eq(posts.status, "published"), isNull(posts.deletedAt)))
      .limit(limit);
    return rows.map((r) => r.slug);
  }

  /**
   * Gives every post of `fromId` the tag `intoId` (at the merged tag's position, no duplicates)
   * and deletes `fromId` (its post_tags rows go with it).
   */
  async mergeInto(fromId: string, intoId: string): Promise<TagMergeOutcome> {
    const db = this.access.write;
    const moved = await db
      .insert(postTags)
      .select(
        db
          .select({
            postId: postTags.postId,
            tagId: sql<string>`${intoId}::uuid`.as("tag_id"),
            position: postTags.position,
          })
          .from(postTags)
          .where(eq(postTags.tagId, fromId)),
      )
      .onConflictDoNothing()
      .returning({ postId: postTags.postId });
    await db.delete(tags).where(eq(tags.id, fromId));
    return { movedPosts: moved.length };
  }
}
