import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { getCategories, getTags, listPosts } from "@/lib/api";
import { absoluteUrl } from "@/lib/post-metadata";

// Built per request from the API (through its 60 s data cache): never at build time, when the
// API is not running.
const MAX_POST_PAGES = 50;
const PAGE_SIZE = 100;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  const entries: MetadataRoute.Sitemap = [{ url: absoluteUrl("/"), changeFrequency: "hourly", priority: 1 }];

  let cursor: string | undefined;
  for (let i = 0; i < MAX_POST_PAGES; i++) {
    const page = await listPosts({}, cursor, PAGE_SIZE);
    if (page.kind !== "ok") break;
    for (const post of page.posts) {
      entries.push({
        url: absoluteUrl(`/${post.slug}`),
        lastModified: post.updated_at,
        changeFrequency: "weekly",
        priority: 0.8,
      });
    }
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }

  const [tags, categories] = await Promise.all([getTags(), getCategories()]);
  for (const category of categories) {
    entries.push({ url: absoluteUrl(`/category/${category.slug}`), changeFrequency: "daily", priority: 0.5 });
  }
  for (const tag of tags) {
    if (tag.post_count > 0)
      entries.push({ url: absoluteUrl(`/tag/${tag.slug}`), changeFrequency: "daily", priority: 0.4 });
  }
  return entries;
}
