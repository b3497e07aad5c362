import { asc, count, eq, sql } from "drizzle-orm";
import { posts, postTags, tags, type TagRow } from "../schema/index.js";
import { CrudRepository, type DbSource } from "./base.repository.js";

export interface TagWithCount extends TagRow {
  /** Published posts with this tag. */
  postCount: number;
}

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
      .where(eq(posts.status, "published"))
      .groupBy(postTags.tagId)
      .as("counts");
    const rows = await db
      .select({ tag: tags, postCount: sql<number>`coalesce(${counts.n}, 0)::int` })
      .from(tags)
      .leftJoin(counts, eq(counts.tagId, tags.id))
      .orderBy(asc(tags.name), asc(tags.slug));
    return rows.map((r) => ({ ...r.tag, postCount: Number(r.postCount) }));
  }
}
