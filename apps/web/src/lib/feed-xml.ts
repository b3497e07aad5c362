// Framework-free XML for the feeds (RSS 2.0, Atom 1.0) and the sitemap (index + chunks): pure
// functions of the API's JSON, so they are unit-tested without Next.js.
import type { Feed, FeedItem, SitemapChunk, SitemapIndex } from "@folio/types";

export const RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8";
export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";
export const XML_CONTENT_TYPE = "application/xml; charset=utf-8";

export interface FeedSite {
  /** Absolute origin (and base path) of the site, no trailing slash: `https://example.org`. */
  origin: string;
  name: string;
  description: string;
  language?: string;
}

export type FeedFormat = "rss" | "atom";

// Characters XML 1.0 does not allow anywhere (C0 controls but tab/LF/CR, U+FFFE/U+FFFF) and lone
// surrogate halves: a post title pasted from elsewhere must not make the whole feed unparseable.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Drops characters XML cannot carry. */
export function xmlSafe(text: string): string {
  return text.replace(INVALID_XML_CHARS, "");
}

/** Text content or attribute value: `& < > " '` escaped, invalid characters dropped. */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A CDATA section; a `]]>` inside is split across two sections so it cannot end the first early. */
export function cdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

function element(name: string, text: string, attributes = ""): string {
  return `<${name}${attributes}>${escapeXml(text)}</${name}>`;
}

/** RFC 822 date (RSS 2.0): `Tue, 01 Dec 2026 12:00:00 GMT`. */
export function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

function scopePath(feed: Feed): string {
  return feed.scope.kind === "site" || feed.scope.slug === null
    ? ""
    : `/${feed.scope.kind}/${feed.scope.slug}`;
}

function feedTitle(feed: Feed, site: FeedSite): string {
  return feed.scope.name === null ? site.name : `${site.name}: ${feed.scope.name}`;
}

function itemUrl(site: FeedSite, item: FeedItem): string {
  return `${site.origin}/${item.slug}`;
}

function itemSummary(item: FeedItem): string {
  const excerpt = item.excerpt ?? "";
  if (!item.gated) return excerpt;
  return excerpt === "" ? "Members only." : `${excerpt} (Members only.)`;
}

/** The feed's own URL, e.g. `https://example.org/tag/news/rss.xml`. */
export function feedSelfUrl(site: FeedSite, feed: Feed, format: FeedFormat): string {
  return `${site.origin}${scopePath(feed)}/${format}.xml`;
}

/** RSS 2.0 with `atom:link rel="self"`, `content:encoded` (not for members-only posts) and `dc:creator`. */
export function renderRss(feed: Feed, site: FeedSite): string {
  const link = `${site.origin}${scopePath(feed)}` || site.origin;
  const description = feed.scope.description ?? site.description;
  const lastBuild = feed.updated_at ?? new Date(0).toISOString();
  const items = feed.items.map((item) => {
    const url = itemUrl(site, item);
    const parts = [
      element("title", item.title),
      element("link", url),
      element("guid", `urn:uuid:${item.id}`, ' isPermaLink="false"'),
      element("pubDate", rfc822(item.published_at)),
      ...item.authors.map((author) => element("dc:creator", author.name)),
      ...item.tags.map((tag) => element("category", tag.name)),
      element("description", itemSummary(item)),
    ];
    if (!item.gated && item.html !== "") parts.push(`<content:encoded>${cdata(item.html)}</content:encoded>`);
    return `<item>${parts.join("")}</item>`;
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" ` +
    `xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<channel>` +
    element("title", feedTitle(feed, site)) +
    element("link", link) +
    element("description", description) +
    element("language", site.language ?? "en") +
    element("lastBuildDate", rfc822(lastBuild)) +
    `<atom:link href="${escapeXml(feedSelfUrl(site, feed, "rss"))}" rel="self" type="application/rss+xml"/>` +
    element("generator", "Folio") +
    items.join("") +
    `</channel></rss>\n`
  );
}

/** Atom 1.0 (RFC 4287): stable `urn:uuid` ids, html content escaped as text (none for members-only posts). */
export function renderAtom(feed: Feed, site: FeedSite): string {
  const alternate = `${site.origin}${scopePath(feed)}` || site.origin;
  const self = feedSelfUrl(site, feed, "atom");
  const entries = feed.items.map((item) => {
    const url = itemUrl(site, item);
    const parts = [
      element("title", item.title, ' type="text"'),
      element("id", `urn:uuid:${item.id}`),
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      element("published", item.published_at),
      element("updated", item.updated_at),
      ...item.authors.map(
        (author) =>
          `<author>${element("name", author.name)}${element("uri", `${site.origin}/author/${author.slug}`)}</author>`,
      ),
      ...item.tags.map((tag) => `<category term="${escapeXml(tag.slug)}" label="${escapeXml(tag.name)}"/>`),
      element("summary", itemSummary(item), ' type="text"'),
    ];
    if (!item.gated && item.html !== "") parts.push(element("content", item.html, ' type="html"'));
    return `<entry>${parts.join("")}</entry>`;
  });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language ?? "en")}">` +
    element("title", feedTitle(feed, site), ' type="text"') +
    element("subtitle", feed.scope.description ?? site.description, ' type="text"') +
    element("id", self) +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(alternate)}"/>` +
    element("updated", feed.updated_at ?? new Date(0).toISOString()) +
    // Entries without an author inherit this one (RFC 4287 §4.1.1 wants an author for each).
    `<author>${element("name", site.name)}</author>` +
    element("generator", "Folio") +
    entries.join("") +
    `</feed>\n`
  );
}

/** The chunk file name the index points at, e.g. `posts-2.xml` under `/sitemap/`. */
export function sitemapChunkPath(kind: string, page: number): string {
  return `/sitemap/${kind}-${page}.xml`;
}

/** `posts-2.xml` → `{ kind: "posts", page: 2 }`; null for anything else. */
export function parseSitemapChunkName(name: string): { kind: string; page: number } | null {
  const match = /^([a-z]+)-([1-9][0-9]{0,4})\.xml$/.exec(name);
  if (!match) return null;
  return { kind: match[1]!, page: Number(match[2]) };
}

/** The sitemap index: the site chunk (home page) first, then every chunk the API lists. */
export function renderSitemapIndex(index: SitemapIndex, origin: string): string {
  const latest = index.chunks.reduce<string | null>(
    (max, chunk) => (chunk.lastmod !== null && (max === null || chunk.lastmod > max) ? chunk.lastmod : max),
    null,
  );
  const entries = [{ path: sitemapChunkPath("site", 1), lastmod: latest }].concat(
    index.chunks.map((chunk) => ({ path: sitemapChunkPath(chunk.kind, chunk.page), lastmod: chunk.lastmod })),
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
    entries
      .map(
        (entry) =>
          `<sitemap>${element("loc", `${origin}${entry.path}`)}` +
          `${entry.lastmod === null ? "" : element("lastmod", entry.lastmod)}</sitemap>`,
      )
      .join("") +
    `</sitemapindex>\n`
  );
}

/** One `<urlset>`: absolute `loc` (escaped) and `lastmod` per entry. */
export function renderUrlset(
  entries: readonly { path: string; lastmod: string | null }[],
  origin: string,
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
    entries
      .map(
        (entry) =>
          `<url>${element("loc", `${origin}${entry.path}`)}` +
          `${entry.lastmod === null ? "" : element("lastmod", entry.lastmod)}</url>`,
      )
      .join("") +
    `</urlset>\n`
  );
}

/** A chunk from the API as a `<urlset>`. */
export function renderSitemapChunk(chunk: SitemapChunk, origin: string): string {
  return renderUrlset(chunk.data, origin);
}
