import { sitemapChunkResponse } from "@/lib/feeds";

/** One sitemap chunk, e.g. /sitemap/posts-2.xml (404 for unknown kinds and pages). */
export async function GET(
  _request: Request,
  context: { params: Promise<{ chunk: string }> },
): Promise<Response> {
  const { chunk } = await context.params;
  return await sitemapChunkResponse(chunk);
}
