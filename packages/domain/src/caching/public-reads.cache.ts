import { type Cache, cached } from "@folio/cache";
import { FolioError } from "@folio/core";
import type { ListPostsQuery } from "@folio/types";
import type { AuthorsService } from "../authors/authors.service.js";
import type { PostsService } from "../posts/posts.service.js";
import type { TaxonomyService } from "../taxonomy/taxonomy.service.js";

/**
 * How long a public read is kept. Short, because invalidation by tag is the main mechanism and
 * the TTL only bounds how long a write that emitted no event (the seed CLI, SQL by hand) stays
 * invisible.
 */
export const PUBLIC_READ_TTL_MS = 60_000;

/**
 * How long after its TTL, or after an invalidation, a public read may still be answered when
 * loading it fails (the database is down): readers keep seeing the site instead of a 500. Reads
 * wait for the loader otherwise (no background refresh), so a read after a publish shows it.
 * Shared caches in front of the API serve stale content through `stale-while-revalidate`.
 */
export const PUBLIC_READ_GRACE_MS = 6 * 60 * 60 * 1000;

/**
 * Tags carried by the cached reads. Post counts (tags, categories, authors) change whenever a post
 * is published or unpublished, so those reads also carry "posts"; every post event invalidates it.
 */
export const PUBLIC_READ_TAGS = {
  posts: "posts",
  tags: "tags",
  categories: "categories",
  authors: "authors",
  post: (slug: string) => `post-slug:${slug}`,
  postId: (id: string) => `post:${id}`,
  tag: (slug: string) => `tag:${slug}`,
  category: (slug: string) => `category:${slug}`,
  author: (slug: string) => `author:${slug}`,
} as const;

/**
 * The cache key of a listing: every field that changes the answer, in a fixed order, with
 * `include` sorted and de-duplicated, so equivalent queries share one entry.
 */
export function listPostsCacheKey(query: ListPostsQuery): string {
  const include = [...new Set(query.include ?? [])].sort();
  return `list:${JSON.stringify([
    query.limit,
    query.cursor ?? null,
    query.tag ?? null,
    query.category ?? null,
    query.author ?? null,
    query.featured ?? null,
    include,
  ])}`;
}

/** Tags of a listing: every listing carries "posts", plus one tag per filter it uses. */
export function listPostsCacheTags(query: ListPostsQuery): string[] {
  const tags: string[] = [PUBLIC_READ_TAGS.posts];
  if (query.tag !== undefined) tags.push(PUBLIC_READ_TAGS.tag(query.tag));
  if (query.category !== undefined) tags.push(PUBLIC_READ_TAGS.category(query.category));
  if (query.author !== undefined) tags.push(PUBLIC_READ_TAGS.author(query.author));
  return tags;
}

export interface PublicReadServices {
  posts: PostsService;
  taxonomy: TaxonomyService;
  authors: AuthorsService;
}

/**
 * Only failures of the source fall back to a stale value. A domain error (a post that is gone, a
 * forged cursor: a 4xx) is the answer itself and reaches the caller.
 */
export function isSourceFailure(error: unknown): boolean {
  return !(error instanceof FolioError && error.status < 500);
}

const options = {
  ttlMs: PUBLIC_READ_TTL_MS,
  graceMs: PUBLIC_READ_GRACE_MS,
  backgroundRefresh: false,
  graceOnError: isSourceFailure,
} as const;

/**
 * The same services with their public reads served through `cache` (read-through, one loader
 * call per key at a time). Each domain gets its own namespace (`<cache>.posts`, ...) for metrics;
 * tags are shared by the whole cache, so `invalidateTags(["posts"])` reaches every namespace.
 * Errors (unknown slugs, invalid cursors) are never cached.
 */
export function cachePublicReads<S extends PublicReadServices>(services: S, cache: Cache): S {
  const postsCache = cache.namespace("posts");
  const taxonomyCache = cache.namespace("taxonomy");
  const authorsCache = cache.namespace("authors");
  const { posts, taxonomy, authors } = services;
  return {
    ...services,
    posts: {
      ...posts,
      listPublished: cached(postsCache, (query: ListPostsQuery) => posts.listPublished(query), {
        ...options,
        key: listPostsCacheKey,
        tags: listPostsCacheTags,
      }),
      getPublishedBySlug: cached(postsCache, (slug: string) => posts.getPublishedBySlug(slug), {
        ...options,
        key: (slug) => `slug:${slug}`,
        tags: (slug) => [PUBLIC_READ_TAGS.posts, PUBLIC_READ_TAGS.post(slug)],
        resultTags: (post) => [PUBLIC_READ_TAGS.postId(post.id)],
      }),
      getPublishedPageBySlug: cached(postsCache, (slug: string) => posts.getPublishedPageBySlug(slug), {
        ...options,
        key: (slug) => `page:${slug}`,
        tags: (slug) => [PUBLIC_READ_TAGS.posts, PUBLIC_READ_TAGS.post(slug)],
        resultTags: (page) => [PUBLIC_READ_TAGS.postId(page.id)],
      }),
    },
    taxonomy: {
      ...taxonomy,
      listTags: cached(taxonomyCache, () => taxonomy.listTags(), {
        ...options,
        key: () => "tags",
        tags: () => [PUBLIC_READ_TAGS.tags, PUBLIC_READ_TAGS.posts],
      }),
      listCategories: cached(taxonomyCache, () => taxonomy.listCategories(), {
        ...options,
        key: () => "categories",
        tags: () => [PUBLIC_READ_TAGS.categories, PUBLIC_READ_TAGS.posts],
      }),
    },
    authors: {
      ...authors,
      getBySlug: cached(authorsCache, (slug: string) => authors.getBySlug(slug), {
        ...options,
        key: (slug) => `slug:${slug}`,
        tags: (slug) => [PUBLIC_READ_TAGS.authors, PUBLIC_READ_TAGS.author(slug), PUBLIC_READ_TAGS.posts],
      }),
    },
  };
}
