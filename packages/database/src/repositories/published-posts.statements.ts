import { getTableColumns } from "drizzle-orm";
import { type MediaVariant, posts, type PostRow } from "../schema/index.js";
import type { AuthorRef, TaxonRef } from "./post-relations.js";
import { type StaticStatement, StatementBuilder } from "./static-statement.js";

// The public read path as single statements: a page of published posts (or one post) together
// with its bylines / tags / categories, aggregated per post as JSON by PostgreSQL. One round
// trip and one planning instead of three or four, and the text of each variant is built once.

/** What the listing statement binds; which parts of the SQL exist depends on `ListVariant`. */
export interface ListArgs {
  /** Exact `published_at` of the last row seen (ISO 8601 with microseconds) and its id. */
  after?: { publishedAt: string; id: string } | undefined;
  tagId?: string | undefined;
  categoryId?: string | undefined;
  authorId?: string | undefined;
  /** Rows to fetch: the page size + 1, to know whether a next page exists. */
  fetch: number;
}

export interface ListVariant {
  after: boolean;
  featured: boolean | undefined;
  tag: boolean;
  category: boolean;
  author: boolean;
  authors: boolean;
  tags: boolean;
}

/** One listing row as both drivers return it (`json` decoded, timestamps as ISO text). */
export interface ListedPostRecord {
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
  /** `published_at` in UTC with microseconds: the keyset cursor needs the exact value. */
  publishedAt: string;
  updatedAt: string;
  primaryCategoryId: string | null;
  primaryCategorySlug: string | null;
  primaryCategoryName: string | null;
  authors?: AuthorRef[];
  tags?: TaxonRef[];
}

/** The cover's media item as the public reads show it (focal point, size, renditions). */
export interface CoverMediaRef {
  id: string;
  focalX: number;
  focalY: number;
  width: number | null;
  height: number | null;
  variants: MediaVariant[];
}

/** The cover media of the post row `p` as JSON (null without one). */
const coverMediaJson = (mediaId: string) =>
  `(select json_build_object('id', m.id, 'focalX', m.focal_x, 'focalY', m.focal_y, 'width', m.width, ` +
  `'height', m.height, 'variants', m.variants) from media m where m.id = ${mediaId})`;

const isoUtc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Bylines of the post `postId` (an SQL expression) in byline order, `[]` without any. */
const authorsJson = (postId: string) =>
  `coalesce((select json_agg(json_build_object('id', u.id, 'slug', u.slug, 'displayName', u.display_name, ` +
  `'avatarUrl', u.avatar_url) order by pa.position, u.display_name) ` +
  `from post_authors pa join users u on u.id = pa.user_id where pa.post_id = ${postId}), '[]'::json)`;

/** Tags of the post in the order the editor gave them. */
const tagsJson = (postId: string) =>
  `coalesce((select json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) ` +
  `order by pt.position, t.name) from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = ${postId}), '[]'::json)`;

/** Categories of the post by category position, then name. */
const categoriesJson = (postId: string) =>
  `coalesce((select json_agg(json_build_object('id', k.id, 'slug', k.slug, 'name', k.name) ` +
  `order by k.position, k.name) from post_categories pk join categories k on k.id = pk.category_id ` +
  `where pk.post_id = ${postId}), '[]'::json)`;

// NULLS LAST matches the keyset indexes posts_published_keyset_idx / posts_featured_keyset_idx
// (published posts always have published_at); with NULLS FIRST PostgreSQL would sort the table.
const keysetOrder = (t: string) => `${t}.published_at desc nulls last, ${t}.id desc nulls last`;

function buildListStatement(variant: ListVariant): StaticStatement<ListArgs> {
  const b = new StatementBuilder<ListArgs>();
  b.text(
    `select page.id, page.slug, page.title, page.excerpt, page.featured, page.visibility, ` +
      `page.cover_image_url as "coverImageUrl", page.cover_image_alt as "coverImageAlt", ` +
      `${coverMediaJson("page.cover_media_id")} as "coverMedia", ` +
      `page.reading_time_minutes as "readingTimeMinutes", ${isoUtc("page.published_at")} as "publishedAt", ` +
      `${isoUtc("page.updated_at")} as "updatedAt", c.id as "primaryCategoryId", ` +
      `c.slug as "primaryCategorySlug", c.name as "primaryCategoryName"`,
  );
  if (variant.authors) b.text(`, ${authorsJson("page.id")} as "authors"`);
  if (variant.tags) b.text(`, ${tagsJson("page.id")} as "tags"`);
  // The page itself is a keyset index walk; relations are only looked up for its rows.
  b.text(
    ` from (select p.id, p.slug, p.title, p.excerpt, p.featured, p.visibility, p.cover_image_url, ` +
      `p.cover_image_alt, p.cover_media_id, p.reading_time_minutes, p.published_at, p.updated_at, ` +
      `p.primary_category_id ` +
      // The exact predicate of the partial keyset indexes, so the planner can use them.
      `from posts p where p.status = 'published' and p.type = 'post' and p.deleted_at is null`,
  );
  if (variant.after) {
    b.text(" and (p.published_at, p.id) < (")
      .param((a) => a.after?.publishedAt)
      .text("::timestamptz, ")
      .param((a) => a.after?.id)
      .text("::uuid)");
  }
  // A constant, not a parameter, so the planner can match the featured partial index.
  if (variant.featured === true) b.text(" and p.featured");
  if (variant.featured === false) b.text(" and not p.featured");
  if (variant.tag) {
    b.text(" and exists (select 1 from post_tags ft where ft.post_id = p.id and ft.tag_id = ")
      .param((a) => a.tagId)
      .text("::uuid)");
  }
  if (variant.category) {
    b.text(" and exists (select 1 from post_categories fc where fc.post_id = p.id and fc.category_id = ")
      .param((a) => a.categoryId)
      .text("::uuid)");
  }
  if (variant.author) {
    b.text(" and exists (select 1 from post_authors fa where fa.post_id = p.id and fa.user_id = ")
      .param((a) => a.authorId)
      .text("::uuid)");
  }
  b.text(` order by ${keysetOrder("p")} limit `)
    .param((a) => a.fetch)
    .text(
      `) page left join categories c on c.id = page.primary_category_id ` + `order by ${keysetOrder("page")}`,
    );
  return b.build();
}

const listStatements = new Map<string, StaticStatement<ListArgs>>();

/** The listing statement of this variant, built on first use (at most 2·3·2·2·2·2·2 = 192). */
export function listPublishedStatement(variant: ListVariant): StaticStatement<ListArgs> {
  const key =
    `${+variant.after}${variant.featured === undefined ? "-" : +variant.featured}` +
    `${+variant.tag}${+variant.category}${+variant.author}${+variant.authors}${+variant.tags}`;
  let statement = listStatements.get(key);
  if (!statement) {
    statement = buildListStatement(variant);
    listStatements.set(key, statement);
  }
  return statement;
}

// Every posts column under its property name, decoded exactly as drizzle's own selects do.
const postColumns = Object.entries(getTableColumns(posts));

export interface PublishedPostRecord {
  post: PostRow;
  primaryCategoryId: string | null;
  primaryCategorySlug: string | null;
  primaryCategoryName: string | null;
  authors: AuthorRef[];
  tags: TaxonRef[];
  categories: TaxonRef[];
  coverMedia: CoverMediaRef | null;
}

function bySlugStatement(type: PostRow["type"]) {
  return new StatementBuilder<{ slug: string }>()
    .text(
      `select ${postColumns.map(([key, column]) => `p."${column.name}" as "post.${key}"`).join(", ")}, ` +
        `c.id as "primaryCategoryId", c.slug as "primaryCategorySlug", c.name as "primaryCategoryName", ` +
        `${authorsJson("p.id")} as "authors", ${tagsJson("p.id")} as "tags", ` +
        `${categoriesJson("p.id")} as "categories", ${coverMediaJson("p.cover_media_id")} as "coverMedia" ` +
        `from posts p left join categories c on c.id = p.primary_category_id ` +
        `where p.status = 'published' and p.type = '${type}' and p.deleted_at is null and p.slug = `,
    )
    .param((a) => a.slug)
    .text(" limit 1")
    .build();
}

/** A published, not trashed post by slug, with its primary category, bylines, tags and categories. */
export const publishedBySlugStatement = bySlugStatement("post");
/** The same for a page. */
export const publishedPageBySlugStatement = bySlugStatement("page");

/** Decodes a `publishedBySlugStatement` row (column values through the schema's decoders). */
export function toPublishedPostRecord(row: Record<string, unknown>): PublishedPostRecord {
  const post: Record<string, unknown> = {};
  for (const [key, column] of postColumns) {
    const value = row[`post.${key}`];
    post[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return {
    post: post as PostRow,
    primaryCategoryId: row.primaryCategoryId as string | null,
    primaryCategorySlug: row.primaryCategorySlug as string | null,
    primaryCategoryName: row.primaryCategoryName as string | null,
    authors: row.authors as AuthorRef[],
    tags: row.tags as TaxonRef[],
    categories: row.categories as TaxonRef[],
    coverMedia: (row.coverMedia as CoverMediaRef | null) ?? null,
  };
}
