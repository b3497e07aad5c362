import { z } from "zod";
import { AuthorSummarySchema } from "./authors.js";
import { IdSchema, SlugSchema, TimestampSchema } from "./common.js";
import { CategorySummarySchema, TagSummarySchema } from "./taxonomy.js";

/** Feeds list the latest published posts (never pages), newest first. */
export const FEED_ITEM_LIMIT = 20;
/** At most this many URLs per sitemap chunk (the protocol allows 50,000; smaller chunks cache better). */
export const SITEMAP_CHUNK_SIZE = 5000;

export const FeedScopeKindValues = ["site", "tag", "category", "author"] as const;
export type FeedScopeKind = (typeof FeedScopeKindValues)[number];

export const FeedQuerySchema = z
  .strictObject({
    tag: SlugSchema.optional(),
    category: SlugSchema.optional(),
    author: SlugSchema.optional(),
  })
  .refine((q) => [q.tag, q.category, q.author].filter((v) => v !== undefined).length <= 1, {
    message: "give at most one of tag, category, author",
  });
export type FeedQuery = z.infer<typeof FeedQuerySchema>;

export const FeedItemSchema = z
  .object({
    id: IdSchema,
    slug: SlugSchema,
    title: z.string(),
    excerpt: z.string().nullable(),
    html: z.string().meta({
      description: "Sanitised body HTML for `content:encoded`; empty for members-only posts (`gated`)",
    }),
    gated: z.boolean().meta({ description: "Members-only: the feed carries the excerpt only" }),
    published_at: TimestampSchema,
    updated_at: TimestampSchema,
    authors: z.array(AuthorSummarySchema),
    tags: z.array(TagSummarySchema),
    primary_category: CategorySummarySchema.nullable(),
  })
  .meta({ id: "FeedItem" });
export type FeedItem = z.infer<typeof FeedItemSchema>;

export const FeedSchema = z
  .object({
    scope: z.object({
      kind: z.enum(FeedScopeKindValues),
      slug: SlugSchema.nullable().meta({ description: "null for the whole site" }),
      name: z.string().nullable().meta({ description: "Tag, category or author name; null for the site" }),
      description: z.string().nullable(),
    }),
    updated_at: TimestampSchema.nullable().meta({ description: "Latest item change; null when empty" }),
    items: z.array(FeedItemSchema),
  })
  .meta({ id: "Feed" });
export type Feed = z.infer<typeof FeedSchema>;

export const SitemapKindValues = ["posts", "pages", "tags", "categories", "authors"] as const;
export type SitemapKind = (typeof SitemapKindValues)[number];
export const SitemapKindSchema = z.enum(SitemapKindValues);

export const SitemapIndexSchema = z
  .object({
    chunk_size: z.number().int().positive(),
    chunks: z.array(
      z.object({
        kind: SitemapKindSchema,
        page: z.number().int().min(1),
        lastmod: TimestampSchema.nullable(),
      }),
    ),
  })
  .meta({ id: "SitemapIndex" });
export type SitemapIndex = z.infer<typeof SitemapIndexSchema>;

export const SitemapChunkParamsSchema = z.strictObject({ kind: SitemapKindSchema });
export const SitemapChunkQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type SitemapChunkQuery = z.output<typeof SitemapChunkQuerySchema>;

export const SitemapEntrySchema = z.object({
  path: z.string().meta({ description: "Site path, e.g. /hello-world or /tag/news" }),
  lastmod: TimestampSchema,
});
export type SitemapEntry = z.infer<typeof SitemapEntrySchema>;

export const SitemapChunkSchema = z
  .object({ kind: SitemapKindSchema, page: z.number().int().min(1), data: z.array(SitemapEntrySchema) })
  .meta({ id: "SitemapChunk" });
export type SitemapChunk = z.infer<typeof SitemapChunkSchema>;
