import { eq } from "drizzle-orm";
import { posts, type PostRow } from "../schema/index.js";
import { type DbSource, VersionedRepository } from "./base.repository.js";
import { type AuthorRef, replacePostRelations, type TaxonRef } from "./post-relations.js";
import {
  type CoverMediaRef,
  type ListedPostRecord,
  listPublishedStatement,
  publishedBySlugStatement,
  publishedPageBySlugStatement,
  toPublishedPostRecord,
} from "./published-posts.statements.js";

export type { CoverMediaRef } from "./published-posts.statements.js";

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
  visibility: PostRow["visibility"];
  coverImageUrl: string | null;
  coverImageAlt: string | null;
  coverMedia: CoverMediaRef | null;
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
  coverMedia: CoverMediaRef | null;
}

export interface PublishedPage {
  items: PublishedPostSummaryRow[];
  hasMore: boolean;
}

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
   * the partial index `posts_published_keyset_idx` (or `posts_featured_keyset_idx`). ONE
   * statement: it fetches `limit + 1` rows to know whether a next page exists, and aggregates
   * the bylines and tags of just those rows as JSON when the include asks for them.
   */
  async listPublished(options: ListPublishedOptions): Promise<PublishedPage> {
    const include = { authors: options.include?.authors === true, tags: options.include?.tags === true };
    const statement = listPublishedStatement({
      after: options.after !== undefined,
      featured: options.featured,
      tag: options.tagId !== undefined,
      category: options.categoryId !== undefined,
      author: options.authorId !== undefined,
      ...include,
    });
    const rows = await statement.rows<ListedPostRecord>(this.access.read(), {
      after: options.after,
      tagId: options.tagId,
      categoryId: options.categoryId,
      authorId: options.authorId,
      fetch: options.limit + 1,
    });
    const count = Math.min(rows.length, options.limit);
    const items: PublishedPostSummaryRow[] = new Array<PublishedPostSummaryRow>(count);
    for (let i = 0; i < count; i += 1) {
      const row = rows[i]!;
      const item: PublishedPostSummaryRow = {
        id: row.id,
        slug: row.slug,
        title: row.title,
        excerpt: row.excerpt,
        featured: row.featured,
        visibility: row.visibility,
        coverImageUrl: row.coverImageUrl,
        coverImageAlt: row.coverImageAlt,
        coverMedia: row.coverMedia ?? null,
        readingTimeMinutes: row.readingTimeMinutes,
        // Millisecond Date for the API; the exact text stays in the sort key.
        publishedAt: new Date(row.publishedAt),
        updatedAt: new Date(row.updatedAt),
        primaryCategory: primaryCategoryOf(row),
        sortKey: { publishedAt: row.publishedAt, id: row.id },
      };
      if (include.authors) item.authors = row.authors ?? [];
      if (include.tags) item.tags = row.tags ?? [];
      items[i] = item;
    }
    return { items, hasMore: rows.length > options.limit };
  }

  /**
   * A published post (or, with `type: "page"`, page) that is not in the trash, with its bylines,
   * tags, categories and primary category; null otherwise.
   */
  async findPublishedBySlug(slug: string, type: "post" | "page" = "post"): Promise<PublishedPostRow | null> {
    const statement = type === "page" ? publishedPageBySlugStatement : publishedBySlugStatement;
    const [row] = await statement.rows<Record<string, unknown>>(this.access.read(), { slug });
    if (!row) return null;
    const record = toPublishedPostRecord(row);
    const publishedAt = record.post.publishedAt;
    // Cannot be null: the posts_published_at_check constraint requires it for published posts.
    if (!publishedAt) return null;
    return {
      ...record.post,
      publishedAt,
      primaryCategory: primaryCategoryOf(record),
      authors: record.authors,
      tags: record.tags,
      categories: record.categories,
      coverMedia: record.coverMedia,
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
