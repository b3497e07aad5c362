import type { Cache } from "./types.js";

/** Domain event type -> the tags it invalidates, computed from the event payload. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- payloads differ per event; each mapper narrows its own
export type CacheEventMap = Record<string, (payload: any) => string[]>;

export interface CacheEvent {
  type: string;
  payload?: unknown;
}

export interface EventInvalidator {
  /** Invalidates the tags the event maps to and returns them; unknown events invalidate nothing. */
  handle(event: CacheEvent): Promise<string[]>;
}

export function createEventInvalidator(cache: Cache, map: CacheEventMap): EventInvalidator {
  return {
    async handle(event) {
      const mapper = Object.hasOwn(map, event.type) ? map[event.type] : undefined;
      if (!mapper) return [];
      const tags = [...new Set(mapper(event.payload ?? {}))];
      if (tags.length > 0) await cache.invalidateTags(tags);
      return tags;
    },
  };
}

interface PostPayload {
  id: string;
  slug?: string;
  authorSlug?: string;
  tagSlugs?: string[];
  categorySlugs?: string[];
}

function postTags(p: PostPayload): string[] {
  return [
    "posts",
    `post:${p.id}`,
    ...(p.slug ? [`post-slug:${p.slug}`] : []),
    ...(p.authorSlug ? [`author:${p.authorSlug}`] : []),
    ...(p.tagSlugs ?? []).map((slug) => `tag:${slug}`),
    ...(p.categorySlugs ?? []).map((slug) => `category:${slug}`),
  ];
}

/**
 * Folio's domain events. Tags written by readers:
 * - "posts" on every post list and post; `post:<id>` and `post-slug:<slug>` on one post
 * - "tags" / `tag:<slug>` on taxonomy reads, "categories" / `category:<slug>` likewise
 * - `author:<slug>` on an author's page and their posts
 */
export const folioCacheEvents: CacheEventMap = {
  "post.published": (p: PostPayload) => postTags(p),
  "post.updated": (p: PostPayload & { previousSlug?: string }) => [
    ...postTags(p),
    ...(p.previousSlug ? [`post-slug:${p.previousSlug}`] : []),
  ],
  "post.unpublished": (p: PostPayload) => postTags(p),
  "post.deleted": (p: PostPayload) => postTags(p),
  "tag.renamed": (p: { slug?: string; previousSlug?: string }) => [
    "tags",
    "posts",
    ...(p.slug ? [`tag:${p.slug}`] : []),
    ...(p.previousSlug ? [`tag:${p.previousSlug}`] : []),
  ],
  "tag.deleted": (p: { slug?: string }) => ["tags", "posts", ...(p.slug ? [`tag:${p.slug}`] : [])],
  "category.updated": (p: { slug?: string; previousSlug?: string }) => [
    "categories",
    "posts",
    ...(p.slug ? [`category:${p.slug}`] : []),
    ...(p.previousSlug ? [`category:${p.previousSlug}`] : []),
  ],
  "author.updated": (p: { slug: string; previousSlug?: string }) => [
    `author:${p.slug}`,
    ...(p.previousSlug ? [`author:${p.previousSlug}`] : []),
    "posts",
  ],
};
