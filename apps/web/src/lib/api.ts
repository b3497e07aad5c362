import "server-only";
import { connection } from "next/server";
import { cache } from "react";
import { createFolioClient, isProblemError, type PostsListQuery } from "@folio/api-client";
import { PostSchema, type Author, type Category, type Post, type PostList, type Tag } from "@folio/types";
import { API_URL, IS_BUILD_PHASE } from "@/env";

// ISR cache tags. The API's `web.revalidate` jobs name these (plus paths) and POST them to
// /api/revalidate, which expires them at once; the time-based revalidate is only a safety net.
//   posts            every post list and every post/page read
//   post:<slug>      one post or page (pages use the same tag: one slug namespace)
//   tag:<slug>, category:<slug>, author:<slug>   a filtered list (and, for authors, the profile)
//   tags, categories, authors                    taxonomy and author reads

/** Seconds a rendered page or fetched response stays fresh before Next.js regenerates it. */
export const REVALIDATE_SECONDS = 60;
/** Posts per page on lists. */
export const PAGE_SIZE = 12;

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MAX_LENGTH = 191;
const CURSOR_MAX_LENGTH = 512;

const client = createFolioClient({
  baseUrl: API_URL,
  // Resolve fetch per call: Next.js patches globalThis.fetch (data cache, ISR) after modules load.
  fetch: (input, init) => fetch(input, init),
  timeoutMs: 8_000,
  retry: { retries: 1, baseDelayMs: 100, maxDelayMs: 1_000 },
  next: { revalidate: REVALIDATE_SECONDS },
});

/** Slugs the API could never match: answer 404 without a round trip. */
export function isPlausibleSlug(slug: string): boolean {
  return slug.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(slug);
}

/**
 * During `next build` nothing may reach the API (it is not running). Calling connection() there
 * tells Next.js this render needs a request, so the page is rendered on demand instead; at
 * runtime it is a no-op for ISR pages because this branch is never taken.
 */
async function requireRuntime(): Promise<void> {
  if (IS_BUILD_PHASE) await connection();
}

function isNotFound(error: unknown): boolean {
  return isProblemError(error) && error.status === 404;
}

export const getPost = cache(async (slug: string): Promise<Post | null> => {
  if (!isPlausibleSlug(slug)) return null;
  await requireRuntime();
  try {
    return await client.posts.get(slug, {
      next: { revalidate: REVALIDATE_SECONDS, tags: ["posts", `post:${slug}`] },
    });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
});

/** A published page (`type: "page"`) by slug, or null. Pages are never listed, only read. */
export const getPage = cache(async (slug: string): Promise<Post | null> => {
  if (!isPlausibleSlug(slug)) return null;
  await requireRuntime();
  try {
    return await client.request<Post>("GET", `/api/v1/pages/${encodeURIComponent(slug)}`, {
      schema: PostSchema,
      next: { revalidate: REVALIDATE_SECONDS, tags: ["posts", "pages", `post:${slug}`] },
    });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
});

/** What lives at `/{slug}`: a post, else a page (one slug namespace), else nothing. */
export const getPostOrPage = cache(async (slug: string): Promise<Post | null> => {
  return (await getPost(slug)) ?? (await getPage(slug));
});

export const getAuthor = cache(async (slug: string): Promise<Author | null> => {
  if (!isPlausibleSlug(slug)) return null;
  await requireRuntime();
  try {
    return await client.authors.get(slug, {
      next: { revalidate: REVALIDATE_SECONDS, tags: ["authors", `author:${slug}`] },
    });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
});

export const getTags = cache(async (): Promise<Tag[]> => {
  await requireRuntime();
  const list = await client.tags.list({ next: { revalidate: REVALIDATE_SECONDS, tags: ["tags"] } });
  return list.data;
});

export const getCategories = cache(async (): Promise<Category[]> => {
  await requireRuntime();
  const list = await client.categories.list({
    next: { revalidate: REVALIDATE_SECONDS, tags: ["categories"] },
  });
  return list.data;
});

export type PostFilter = Pick<PostsListQuery, "tag" | "category" | "author" | "featured">;

export type PostPage =
  | { kind: "ok"; posts: PostList["data"]; nextCursor: string | null }
  /** The cursor in the URL is not one the API issued (edited, truncated, or expired). */
  | { kind: "invalid-cursor" };

function listTags(filter: PostFilter): string[] {
  const tags = ["posts"];
  if (filter.tag !== undefined) tags.push(`tag:${filter.tag}`);
  if (filter.category !== undefined) tags.push(`category:${filter.category}`);
  if (filter.author !== undefined) tags.push(`author:${filter.author}`);
  return tags;
}

/**
 * One page of published posts, with authors and tags embedded. A cursor the API rejects is a
 * reader-facing condition (an old or hand-edited link), not a server error.
 */
export async function listPosts(
  filter: PostFilter,
  cursor?: string,
  limit: number = PAGE_SIZE,
): Promise<PostPage> {
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH)) {
    return { kind: "invalid-cursor" };
  }
  await requireRuntime();
  const query: PostsListQuery = { ...filter, limit, include: ["authors", "tags"] };
  if (cursor !== undefined) query.cursor = cursor;
  try {
    const page = await client.posts.list(query, {
      next: { revalidate: REVALIDATE_SECONDS, tags: listTags(filter) },
    });
    return { kind: "ok", posts: page.data, nextCursor: page.next_cursor };
  } catch (error) {
    if (cursor !== undefined && isProblemError(error) && error.status === 400) {
      const pointsAtCursor = error.problem.errors?.some((e) => e.pointer.endsWith("/cursor")) ?? true;
      if (pointsAtCursor) return { kind: "invalid-cursor" };
    }
    throw error;
  }
}

/** The categories from the root down to `slug`, for breadcrumbs; null when `slug` is unknown. */
export function categoryTrail(categories: readonly Category[], slug: string): Category[] | null {
  const byId = new Map(categories.map((c) => [c.id, c]));
  let current = categories.find((c) => c.slug === slug);
  if (current === undefined) return null;
  const trail: Category[] = [];
  const seen = new Set<string>();
  while (current !== undefined && !seen.has(current.id)) {
    seen.add(current.id);
    trail.unshift(current);
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return trail;
}

/** Top-level categories in their configured order, for navigation. */
export function topLevelCategories(categories: readonly Category[]): Category[] {
  return categories
    .filter((c) => c.parent_id === null)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

/** Direct children of a category, in order. */
export function childCategories(categories: readonly Category[], parentId: string): Category[] {
  return categories
    .filter((c) => c.parent_id === parentId)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}
