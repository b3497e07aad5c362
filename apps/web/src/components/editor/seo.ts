// The search-result preview: Google shows about 60 characters of a title and 155 of a
// description, cutting at a word boundary and adding an ellipsis.

export const SEO_TITLE_LIMIT = 60;
export const SEO_DESCRIPTION_LIMIT = 155;

export function truncateForSnippet(text: string, limit: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= limit) return clean;
  const cut = clean.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  const base = space > limit * 0.6 ? cut.slice(0, space) : cut;
  return `${base.replace(/[\s.,;:!?-]+$/, "")}…`;
}

/** The breadcrumb-like URL Google prints above a result: "example.com › my-post". */
export function snippetUrl(siteUrl: string, slug: string): string {
  let host = siteUrl;
  try {
    host = new URL(siteUrl).host;
  } catch {
    // Keep what we were given.
  }
  return slug === "" ? host : `${host} › ${slug}`;
}
