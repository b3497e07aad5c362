import { sitemapIndexResponse } from "@/lib/feeds";

/** The sitemap index: one `<sitemap>` per chunk of at most 5,000 URLs (see /sitemap/[chunk]). */
export function GET(): Promise<Response> {
  return sitemapIndexResponse();
}
