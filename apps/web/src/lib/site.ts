/** Site-wide identity used by the layout, metadata and structured data. */
export const SITE_NAME = "Folio";
export const SITE_DESCRIPTION = "Stories, essays and notes from the people behind Folio.";
/** localStorage key of the reader's explicit theme choice ("light" | "dark"). */
export const THEME_STORAGE_KEY = "folio-theme";

/** A feed scope: the whole site, or one tag, category or author (routes under /tag/… etc.). */
export type FeedScope =
  { kind: "site" } | { kind: "tag" | "category" | "author"; slug: string; name: string };

/**
 * `alternates.types` for page metadata: `<link rel="alternate">` to the RSS 2.0 and Atom feeds of
 * `scope`, plus the site-wide ones on archive pages, so feed readers find them from any page.
 */
export function siteFeedAlternates(
  scope: FeedScope = { kind: "site" },
): Record<"application/rss+xml" | "application/atom+xml", { url: string; title: string }[]> {
  const feeds: { base: string; title: string }[] = [];
  if (scope.kind !== "site") {
    feeds.push({ base: `/${scope.kind}/${scope.slug}`, title: `${SITE_NAME}: ${scope.name}` });
  }
  feeds.push({ base: "", title: SITE_NAME });
  return {
    "application/rss+xml": feeds.map((f) => ({ url: `${f.base}/rss.xml`, title: `${f.title} (RSS)` })),
    "application/atom+xml": feeds.map((f) => ({ url: `${f.base}/atom.xml`, title: `${f.title} (Atom)` })),
  };
}
