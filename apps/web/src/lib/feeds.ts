import "server-only";
import { connection } from "next/server";
import { createFolioClient, isProblemError } from "@folio/api-client";
import {
  FeedSchema,
  SitemapChunkSchema,
  SitemapIndexSchema,
  SitemapKindValues,
  type Feed,
  type FeedQuery,
  type SitemapChunk,
  type SitemapIndex,
  type SitemapKind,
} from "@folio/types";
import { API_URL, IS_BUILD_PHASE, PUBLIC_URL } from "@/env";
import {
  ATOM_CONTENT_TYPE,
  type FeedFormat,
  type FeedSite,
  RSS_CONTENT_TYPE,
  XML_CONTENT_TYPE,
  parseSitemapChunkName,
  renderAtom,
  renderRss,
  renderSitemapChunk,
  renderSitemapIndex,
  renderUrlset,
} from "@/lib/feed-xml";
import { SITE_DESCRIPTION, SITE_NAME, siteFeedAlternates, type FeedScope } from "@/lib/site";

// Feeds and sitemaps are rendered per request from API data held in Next's data cache, tagged so
// the API's `web.revalidate` jobs (tags `posts`, `tag:<slug>`, …) expire them at once; the
// time-based revalidate is a safety net. Shared caches in front may keep the XML for a minute.

const REVALIDATE_SECONDS = 300;
const XML_CACHE_CONTROL = "public, max-age=60, s-maxage=60, stale-while-revalidate=300";

const client = createFolioClient({
  baseUrl: API_URL,
  // Resolve fetch per call: Next.js patches globalThis.fetch (data cache) after modules load.
  fetch: (input, init) => fetch(input, init),
  timeoutMs: 8_000,
  retry: { retries: 1, baseDelayMs: 100, maxDelayMs: 1_000 },
});

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const feedSite: FeedSite = { origin: PUBLIC_URL, name: SITE_NAME, description: SITE_DESCRIPTION };

/**
 * `<link rel="alternate">` entries for page metadata (`alternates: { types: feedLinks(scope) }`):
 * the RSS and Atom feeds of `scope` (a tag, category or author archive), then the site's.
 */
export function feedLinks(scope: FeedScope = { kind: "site" }): ReturnType<typeof siteFeedAlternates> {
  return siteFeedAlternates(scope);
}

async function requireRuntime(): Promise<void> {
  // The API is not running during `next build`: render these on demand instead.
  if (IS_BUILD_PHASE) await connection();
}

function xml(body: string, contentType: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: { "content-type": contentType, "cache-control": XML_CACHE_CONTROL },
  });
}

function notFound(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

function feedTags(query: FeedQuery): string[] {
  const tags = ["posts", "feeds"];
  if (query.tag !== undefined) tags.push(`tag:${query.tag}`);
  if (query.category !== undefined) tags.push(`category:${query.category}`);
  if (query.author !== undefined) tags.push(`author:${query.author}`);
  return tags;
}

/** The feed data, or null when the tag / category / author does not exist. */
export async function fetchFeed(query: FeedQuery): Promise<Feed | null> {
  await requireRuntime();
  try {
    return await client.request<Feed>("GET", "/api/v1/feeds/posts", {
      query: { ...query },
      schema: FeedSchema,
      next: { revalidate: REVALIDATE_SECONDS, tags: feedTags(query) },
    });
  } catch (error) {
    if (isProblemError(error) && error.status === 404) return null;
    throw error;
  }
}

/** A complete feed response for a route handler: `scope` `{}` is the whole site. */
export async function feedResponse(format: FeedFormat, query: FeedQuery = {}): Promise<Response> {
  const slug = query.tag ?? query.category ?? query.author;
  if (slug !== undefined && (slug.length > 191 || !SLUG.test(slug))) return notFound();
  const feed = await fetchFeed(query);
  if (!feed) return notFound();
  return format === "rss"
    ? xml(renderRss(feed, feedSite), RSS_CONTENT_TYPE)
    : xml(renderAtom(feed, feedSite), ATOM_CONTENT_TYPE);
}

const SITEMAP_TAGS = ["posts", "sitemap", "tags", "categories", "authors"];

async function fetchSitemapIndex(): Promise<SitemapIndex> {
  await requireRuntime();
  return await client.request<SitemapIndex>("GET", "/api/v1/sitemap", {
    schema: SitemapIndexSchema,
    next: { revalidate: REVALIDATE_SECONDS, tags: SITEMAP_TAGS },
  });
}

async function fetchSitemapChunk(kind: SitemapKind, page: number): Promise<SitemapChunk | null> {
  await requireRuntime();
  try {
    return await client.request<SitemapChunk>("GET", `/api/v1/sitemap/${kind}`, {
      query: { page },
      schema: SitemapChunkSchema,
      next: { revalidate: REVALIDATE_SECONDS, tags: SITEMAP_TAGS },
    });
  } catch (error) {
    if (isProblemError(error) && error.status === 404) return null;
    throw error;
  }
}

/** `/sitemap.xml`: the index of every chunk. */
export async function sitemapIndexResponse(): Promise<Response> {
  return xml(renderSitemapIndex(await fetchSitemapIndex(), PUBLIC_URL), XML_CONTENT_TYPE);
}

/** `/sitemap/<kind>-<page>.xml`; `site-1.xml` holds the home page. */
export async function sitemapChunkResponse(name: string): Promise<Response> {
  const parsed = parseSitemapChunkName(name);
  if (!parsed) return notFound();
  if (parsed.kind === "site") {
    if (parsed.page !== 1) return notFound();
    const index = await fetchSitemapIndex();
    const latest = index.chunks
      .map((c) => c.lastmod)
      .reduce<string | null>(
        (max, value) => (value !== null && (max === null || value > max) ? value : max),
        null,
      );
    return xml(renderUrlset([{ path: "/", lastmod: latest }], PUBLIC_URL), XML_CONTENT_TYPE);
  }
  const kind = SitemapKindValues.find((k) => k === parsed.kind);
  if (kind === undefined) return notFound();
  const chunk = await fetchSitemapChunk(kind, parsed.page);
  if (!chunk) return notFound();
  return xml(renderSitemapChunk(chunk, PUBLIC_URL), XML_CONTENT_TYPE);
}
