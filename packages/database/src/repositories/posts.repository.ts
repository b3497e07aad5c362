import { and, eq, exists, sql, type SQL } from "drizzle-orm";
import { categories, postAuthors, postCategories, posts, postTags, type PostRow } from "../schema/index.js";
import { type DbSource, VersionedRepository } from "./base.repository.js";
import {
  type AuthorRef,
  loadAuthors,
  loadCategories,
  loadTags,
  replacePostRelations,
  type TaxonRef,
} from "./post-relations.js";

/** Position in the published listing: `publishedAt` is the exact stored value (microseconds). */
export interface PublishedKey {
  /** ISO 8601 UTC with microseconds, as produced by the listing (`sortKey.publishedAt`). */
  publishedAt: string;
  id: string;
}

export interface ListPublishedOptions {
  limit: number;
  after?: PublishedKey | undefined;
  tagId?: string | undefined;
  categoryId?: string | undefined;
  authorId?: string | undefined;
  featured?: boolean | undefined;
  include?: { authors?: boolean | undefined; tags?: boolean | undefined } | undefined;
}

export interface PublishedPostSummaryRow {
  id: string;
  slug: string;
  title: string;
  excerpt: string | null;
  featured: boolean;
  coverImageUrl: string | null;
  coverImageAlt: string | null;
  readingTimeMinutes: number;
  publishedAt: Date;
  updatedAt: Date;
  primaryCategory: TaxonRef | null;
  /** Present when `include.authors`. */
  authors?: AuthorRef[];
  /** Present when `include.tags`. */
  tags?: TaxonRef[];
  sortKey: PublishedKey;
}

export interface PublishedPostRow extends PostRow {
  publishedAt: Date;
  primaryCategory: TaxonRef | null;
  authors: AuthorRef[];
  tags: TaxonRef[];
  categories: TaxonRef[];
}

export interface PublishedPage {
  items: PublishedPostSummaryRow[];
  hasMore: boolean;
}

// The exact timestamp as text, so a keyset cursor survives the round trip through JS (whose
// Date has millisecond precision while timestamptz keeps microseconds).
const exactPublishedAt = sql<string>`to_char(${posts.publishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function primaryCategoryOf(row: {
  primaryCategoryId: string | null;
  primaryCategorySlug: string | null;
  primaryCategoryName: string | null;
}): TaxonRef | null {
  if (
    row.primaryCategoryId === null ||
    row.primaryCategorySlug === null ||
    row.primaryCategoryName === null
  ) {
    return null;
  }
  return { id: row.primaryCategoryId, slug: row.primaryCategorySlug, name: row.primaryCategoryName };
}

export class PostsRepository extends VersionedRepository<typeof posts> {
  constructor(source: DbSource) {
    super(source, posts, "post");
  }

  /**
   * Published posts, newest first, keyset-paginated on (published_at desc, id desc) — served by
   * the partial index `posts_published_keyset_idx`. Fetches `limit + 1` rows to know whether a
   * next page exists; bylines and tags of the whole page load in one query each.
   */
  async listPublished(options: ListPublishedOptions): Promise<PublishedPage> {
    const db = this.access.read();
    const conditions: (SQL | undefined)[] = [eq(posts.status, "published")];
    if (options.after) {
      conditions.push(
        sql`(${posts.publishedAt}, ${posts.id}) < (${options.after.publishedAt}::timestamptz, ${options.after.id}::uuid)`,
      );
    }
    if (options.featured !== undefined) conditions.push(eq(posts.featured, options.featured));
    if (options.tagId !== undefined) {
      const tagId = options.tagId;
      conditions.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(postTags)
            .where(and(eq(postTags.postId, posts.id), eq(postTags.tagId, tagId))),
        ),
      );
    }
    if (options.categoryId !== undefined) {
      const categoryId = options.categoryId;
      conditions.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(postCategories)
            .where(and(eq(postCategories.postId, posts.id), eq(postCategories.categoryId, categoryId))),
        ),
      );
    }
    if (options.authorId !== undefined) {
      const authorId = options.authorId;
      conditions.push(
        exists(
          db
            .select({ one: sql`1` })
            .from(postAuthors)
            .where(and(eq(postAuthors.postId, posts.id), eq(postAuthors.userId, authorId))),
        ),
      );
    }
    const rows = await db
      .select({
        id: posts.id,
        slug: posts.slug,
        title: posts.title,
        excerpt: posts.excerpt,
        featured: posts.featured,
        coverImageUrl: posts.coverImageUrl,
        coverImageAlt: posts.coverImageAlt,
        readingTimeMinutes: posts.readingTimeMinutes,
        publishedAt: posts.publishedAt,
        exactPublishedAt,
        updatedAt: posts.updatedAt,
        primaryCategoryId: categories.id,
        primaryCategorySlug: categories.slug,
        primaryCategoryName: categories.name,
      })
      .from(posts)
      .leftJoin(categories, eq(categories.id, posts.primaryCategoryId))
      .where(and(...conditions))
      // NULLS LAST matches the keyset indexes (published posts always have published_at); with
      // the default NULLS FIRST PostgreSQL cannot walk the index and sorts the whole table.
      .orderBy(sql`${posts.publishedAt} desc nulls last`, sql`${posts.id} desc nulls last`)
      .limit(options.limit + 1);

    const page = rows.slice(0, options.limit);
    const ids = page.map((r) => r.id);
    const [authors, tagMap] = await Promise.all([
      options.include?.authors ? loadAuthors(db, ids) : undefined,
      options.include?.tags ? loadTags(db, ids) : undefined,
    ]);
    const items = page.map((row): PublishedPostSummaryRow => {
      const item: PublishedPostSummaryRow = {
        id: row.id,
        slug: row.slug,
        title: row.title,
        excerpt: row.excerpt,
        featured: row.featured,
        coverImageUrl: row.coverImageUrl,
        coverImageAlt: row.coverImageAlt,
        readingTimeMinutes: row.readingTimeMinutes,
        // Non-null: the posts_published_at_check constraint guarantees it for published posts.
        publishedAt: row.publishedAt ?? new Date(row.exactPublishedAt),
        updatedAt: row.updatedAt,
        primaryCategory: primaryCategoryOf(row),
        sortKey: { publishedAt: row.exactPublishedAt, id: row.id },
      };
      if (authors) item.authors = authors.get(row.id) ?? [];
      if (tagMap) item.tags = tagMap.get(row.id) ?? [];
      return item;
    });
    return { items, hasMore: rows.length > options.limit };
  }

  /** A published post with its bylines, tags, categories and primary category; null otherwise. */
  async findPublishedBySlug(slug: string): Promise<PublishedPostRow | null> {
    const db = this.access.read();
    const rows = await db
      .select({
        post: posts,
        primaryCategoryId: categories.id,
        primaryCategorySlug: categories.slug,
        primaryCategoryName: categories.name,
      })
      .from(posts)
      .leftJoin(categories, eq(categories.id, posts.primaryCategoryId))
      .where(and(eq(posts.slug, slug), eq(posts.status, "published")))
      .limit(1);
    const row = rows[0];
    if (!row?.post.publishedAt) return null;
    const ids = [row.post.id];
    const [authors, tagMap, categoryMap] = await Promise.all([
      loadAuthors(db, ids),
      loadTags(db, ids),
      loadCategories(db, ids),
    ]);
    return {
      ...row.post,
      publishedAt: row.post.publishedAt,
      primaryCategory: primaryCategoryOf(row),
      authors: authors.get(row.post.id) ?? [],
      tags: tagMap.get(row.post.id) ?? [],
      categories: categoryMap.get(row.post.id) ?? [],
    };
  }

  async findBySlug(slug: string): Promise<PostRow | null> {
    const rows = await this.access.write.select().from(posts).where(eq(posts.slug, slug)).limit(1);
    return rows[0] ?? null;
  }

  /** Replaces bylines / tags / categories; run inside a transaction with the post write. */
  async setRelations(
    postId: string,
    relations: { authorIds?: string[]; tagIds?: string[]; categoryIds?: string[] },
  ): Promise<void> {
    await replacePostRelations(this.access.write, postId, relations);
  }
}
