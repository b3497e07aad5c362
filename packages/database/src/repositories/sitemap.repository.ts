import type { DbSource } from "./base.repository.js";
import { dbAccess, type DbAccess } from "./base.repository.js";
import type { AuthorRef, TaxonRef } from "./post-relations.js";
import { StatementBuilder } from "./static-statement.js";

// The public discovery reads — sitemap chunks and feeds — as single static statements. Live
// means what the public site shows: published, not in the trash. Members-only posts are listed
// (their title and excerpt are public); feeds leave their body out (the service does that).

export const sitemapKinds = ["posts", "pages", "tags", "categories", "authors"] as const;
export type SitemapKindName = (typeof sitemapKinds)[number];

export interface SitemapKindStats {
  kind: SitemapKindName;
  /** URLs of this kind. */
  count: number;
  /** Latest change among them (ISO 8601), null when there are none. */
  lastmod: string | null;
}

export interface SitemapRow {
  /** The slug of the post, page, tag, category or author. */
  slug: string;
  /** ISO 8601 UTC. */
  lastmod: string;
}

export interface FeedScopeFilter {
  tagId?: string | undefined;
  categoryId?: string | undefined;
  authorId?: string | undefined;
}

export interface FeedPostRow {
  id: string;
  slug: string;
  title: string;
  excerpt: string | null;
  html: string;
  visibility: "public" | "members";
  publishedAt: string;
  updatedAt: string;
  primaryCategory: TaxonRef | null;
  authors: AuthorRef[];
  tags: TaxonRef[];
}

const LIVE = (p: string) => `${p}.status = 'published' and ${p}.deleted_at is null`;
const iso = (expr: string) => `to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Per taxonomy or author: its slug and the latest change of it or of one of its live posts. */
const taxonLastmods = {
  tags:
    `select t.slug, greatest(t.updated_at, max(p.updated_at)) as lastmod from tags t ` +
    `join post_tags pt on pt.tag_id = t.id join posts p on p.id = pt.post_id and ${LIVE("p")} and p.type = 'post' ` +
    `group by t.id`,
  categories:
    `select k.slug, greatest(k.updated_at, max(p.updated_at)) as lastmod from categories k ` +
    `join post_categories pk on pk.category_id = k.id join posts p on p.id = pk.post_id and ${LIVE("p")} ` +
    `and p.type = 'post' group by k.id`,
  authors:
    `select u.slug, max(p.updated_at) as lastmod from users u ` +
    `join post_authors pa on pa.user_id = u.id join posts p on p.id = pa.post_id and ${LIVE("p")} ` +
    `and p.type = 'post' group by u.id`,
} as const;

const postLastmods = (type: "post" | "page") =>
  `select p.slug, p.updated_at as lastmod, p.published_at, p.id from posts p where ${LIVE("p")} and p.type = '${type}'`;

const statsStatement = new StatementBuilder<Record<string, never>>()
  .text(
    [
      ["posts", postLastmods("post")],
      ["pages", postLastmods("page")],
      ["tags", taxonLastmods.tags],
      ["categories", taxonLastmods.categories],
      ["authors", taxonLastmods.authors],
    ]
      .map(
        ([kind, query]) =>
          `select '${kind}' as kind, count(*)::int as count, ${iso("max(x.lastmod)")} as lastmod from (${query}) x`,
      )
      .join(" union all "),
  )
  .build();

interface ChunkArgs {
  limit: number;
  offset: number;
}

function chunkStatement(kind: SitemapKindName) {
  // Posts and pages in publication order (oldest first), so a chunk's members only change when
  // something is unpublished; taxonomies and authors by slug.
  const query =
    kind === "posts" || kind === "pages"
      ? `select x.slug, ${iso("x.lastmod")} as lastmod from (${postLastmods(kind === "posts" ? "post" : "page")}) x ` +
        `order by x.published_at asc, x.id asc`
      : `select x.slug, ${iso("x.lastmod")} as lastmod from (${taxonLastmods[kind]}) x order by x.slug asc`;
  return new StatementBuilder<ChunkArgs>()
    .text(`${query} limit `)
    .param((a) => a.limit)
    .text(" offset ")
    .param((a) => a.offset)
    .build();
}

const chunkStatements = Object.fromEntries(
  sitemapKinds.map((kind) => [kind, chunkStatement(kind)]),
) as Record<SitemapKindName, ReturnType<typeof chunkStatement>>;

function feedStatement(filter: "tag" | "category" | "author" | "none") {
  const b = new StatementBuilder<FeedScopeFilter & { limit: number }>();
  b.text(
    `select p.id, p.slug, p.title, p.excerpt, p.html, p.visibility, ${iso("p.published_at")} as "publishedAt", ` +
      `${iso("p.updated_at")} as "updatedAt", ` +
      `case when c.id is null then null else json_build_object('id', c.id, 'slug', c.slug, 'name', c.name) end as "primaryCategory", ` +
      `coalesce((select json_agg(json_build_object('id', u.id, 'slug', u.slug, 'displayName', u.display_name, ` +
      `'avatarUrl', u.avatar_url) order by pa.position, u.display_name) from post_authors pa join users u on u.id = pa.user_id ` +
      `where pa.post_id = p.id), '[]'::json) as "authors", ` +
      `coalesce((select json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) order by pt.position, t.name) ` +
      `from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = p.id), '[]'::json) as "tags" ` +
      `from posts p left join categories c on c.id = p.primary_category_id ` +
      `where ${LIVE("p")} and p.type = 'post'`,
  );
  if (filter === "tag") {
    b.text(" and exists (select 1 from post_tags f where f.post_id = p.id and f.tag_id = ")
      .param((a) => a.tagId)
      .text(")");
  } else if (filter === "category") {
    b.text(" and exists (select 1 from post_categories f where f.post_id = p.id and f.category_id = ")
      .param((a) => a.categoryId)
      .text(")");
  } else if (filter === "author") {
    b.text(" and exists (select 1 from post_authors f where f.post_id = p.id and f.user_id = ")
      .param((a) => a.authorId)
      .text(")");
  }
  // Matches the partial index posts_published_keyset_idx (newest first).
  b.text(" order by p.published_at desc nulls last, p.id desc nulls last limit ").param((a) => a.limit);
  return b.build();
}

const feedStatements = {
  none: feedStatement("none"),
  tag: feedStatement("tag"),
  category: feedStatement("category"),
  author: feedStatement("author"),
};

/** Sitemap chunks and feed items (replica-tolerant reads). */
export class SitemapRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  /** URL count and latest change per kind, in `sitemapKinds` order. */
  async stats(): Promise<SitemapKindStats[]> {
    const rows = await statsStatement.rows<{ kind: SitemapKindName; count: number; lastmod: string | null }>(
      this.access.read(),
      {},
    );
    return sitemapKinds.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return { kind, count: Number(row?.count ?? 0), lastmod: row?.lastmod ?? null };
    });
  }

  /** One chunk: rows `(page - 1) * size` to `page * size - 1` of the kind. */
  async chunk(kind: SitemapKindName, page: number, size: number): Promise<SitemapRow[]> {
    return await chunkStatements[kind].rows<SitemapRow>(this.access.read(), {
      limit: size,
      offset: (page - 1) * size,
    });
  }

  /** The latest live posts (never pages), newest first, optionally of one tag, category or author. */
  async feedPosts(filter: FeedScopeFilter, limit: number): Promise<FeedPostRow[]> {
    const which =
      filter.tagId !== undefined
        ? "tag"
        : filter.categoryId !== undefined
          ? "category"
          : filter.authorId !== undefined
            ? "author"
            : "none";
    const rows = await feedStatements[which].rows<FeedPostRow & { primaryCategory: unknown }>(
      this.access.read(),
      {
        ...filter,
        limit,
      },
    );
    // PGlite and node-postgres both decode `json`; guard against a driver handing back text.
    const decode = <T>(value: unknown): T =>
      typeof value === "string" ? (JSON.parse(value) as T) : (value as T);
    return rows.map((row) => ({
      ...row,
      primaryCategory: decode<TaxonRef | null>(row.primaryCategory),
      authors: decode<AuthorRef[]>(row.authors),
      tags: decode<TaxonRef[]>(row.tags),
    }));
  }
}
