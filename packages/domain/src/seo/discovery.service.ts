import { NotFoundError } from "@folio/core";
import type { FeedPostRow, Repositories, SitemapKindName } from "@folio/database";
import {
  FEED_ITEM_LIMIT,
  type Feed,
  type FeedItem,
  type FeedQuery,
  SITEMAP_CHUNK_SIZE,
  type SitemapChunk,
  type SitemapIndex,
} from "@folio/types";
import { findAuthorBySlug } from "../authors/authors.service.js";
import { toAuthorSummary, toTaxonSummary } from "../posts/post-mappers.js";

export type DiscoveryServiceDeps = Pick<Repositories, "sitemap" | "tags" | "categories" | "users">;

/** What the web app turns into sitemap.xml, its chunks and the RSS / Atom feeds. */
export interface DiscoveryService {
  /** One entry per chunk of at most SITEMAP_CHUNK_SIZE URLs, per kind; kinds without URLs have none. */
  sitemapIndex(): Promise<SitemapIndex>;
  /** 404 for a page past the last one. */
  sitemapChunk(kind: SitemapKindName, page: number): Promise<SitemapChunk>;
  /** The latest FEED_ITEM_LIMIT live posts; 404 for an unknown tag, category or author. */
  feed(query: FeedQuery): Promise<Feed>;
}

const PATH_PREFIX: Record<SitemapKindName, string> = {
  posts: "/",
  pages: "/",
  tags: "/tag/",
  categories: "/category/",
  authors: "/author/",
};

function toFeedItem(row: FeedPostRow): FeedItem {
  const gated = row.visibility === "members";
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    // Members-only bodies never leave the site through a feed: the excerpt stands in.
    html: gated ? "" : row.html,
    gated,
    published_at: row.publishedAt,
    updated_at: row.updatedAt,
    authors: row.authors.map(toAuthorSummary),
    tags: row.tags.map(toTaxonSummary),
    primary_category: row.primaryCategory && toTaxonSummary(row.primaryCategory),
  };
}

export function createDiscoveryService(deps: DiscoveryServiceDeps): DiscoveryService {
  async function scopeOf(query: FeedQuery) {
    if (query.tag !== undefined) {
      const tag = await deps.tags.findBySlug(query.tag);
      if (!tag) throw new NotFoundError("tag", query.tag);
      return {
        filter: { tagId: tag.id },
        scope: { kind: "tag" as const, slug: tag.slug, name: tag.name, description: tag.description },
      };
    }
    if (query.category !== undefined) {
      const category = await deps.categories.findBySlug(query.category);
      if (!category) throw new NotFoundError("category", query.category);
      return {
        filter: { categoryId: category.id },
        scope: {
          kind: "category" as const,
          slug: category.slug,
          name: category.name,
          description: category.description,
        },
      };
    }
    if (query.author !== undefined) {
      const profile = await findAuthorBySlug(deps.users, query.author);
      if (!profile) throw new NotFoundError("author", query.author);
      const { user } = profile;
      return {
        filter: { authorId: user.id },
        scope: { kind: "author" as const, slug: user.slug, name: user.displayName, description: user.bio },
      };
    }
    return { filter: {}, scope: { kind: "site" as const, slug: null, name: null, description: null } };
  }

  return {
    async sitemapIndex() {
      const stats = await deps.sitemap.stats();
      return {
        chunk_size: SITEMAP_CHUNK_SIZE,
        chunks: stats.flatMap((s) =>
          Array.from({ length: Math.ceil(s.count / SITEMAP_CHUNK_SIZE) }, (_, i) => ({
            kind: s.kind,
            page: i + 1,
            lastmod: s.lastmod,
          })),
        ),
      };
    },

    async sitemapChunk(kind, page) {
      const rows = await deps.sitemap.chunk(kind, page, SITEMAP_CHUNK_SIZE);
      if (rows.length === 0 && page > 1) throw new NotFoundError("sitemap page", `${kind}/${page}`);
      return {
        kind,
        page,
        data: rows.map((row) => ({ path: `${PATH_PREFIX[kind]}${row.slug}`, lastmod: row.lastmod })),
      };
    },

    async feed(query) {
      const { filter, scope } = await scopeOf(query);
      const rows = await deps.sitemap.feedPosts(filter, FEED_ITEM_LIMIT);
      const items = rows.map(toFeedItem);
      const updated = items.reduce<string | null>(
        (latest, item) => (latest === null || item.updated_at > latest ? item.updated_at : latest),
        null,
      );
      return { scope, updated_at: updated, items };
    },
  };
}
