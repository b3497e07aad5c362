import { z } from "zod";
import { AuthorSummarySchema } from "./authors.js";
import {
  CursorSchema,
  IdSchema,
  LimitSchema,
  SlugSchema,
  TimestampSchema,
  listEnvelopeSchema,
} from "./common.js";
import { CategorySummarySchema, TagSummarySchema } from "./taxonomy.js";

export const PostIncludeValues = ["authors", "tags"] as const;
export type PostInclude = (typeof PostIncludeValues)[number];

export const CoverImageSchema = z
  .object({ url: z.string(), alt: z.string().nullable() })
  .meta({ id: "CoverImage" });
export type CoverImage = z.infer<typeof CoverImageSchema>;

export const PostSummarySchema = z
  .object({
    id: IdSchema,
    slug: SlugSchema,
    title: z.string(),
    excerpt: z.string().nullable(),
    featured: z.boolean(),
    cover_image: CoverImageSchema.nullable(),
    reading_time_minutes: z.number().int().nonnegative(),
    published_at: TimestampSchema,
    updated_at: TimestampSchema,
    primary_category: CategorySummarySchema.nullable(),
    authors: z
      .array(AuthorSummarySchema)
      .optional()
      .meta({ description: "In byline order; present when `include` names `authors`" }),
    tags: z.array(TagSummarySchema).optional().meta({ description: "Present when `include` names `tags`" }),
  })
  .meta({ id: "PostSummary" });
export type PostSummary = z.infer<typeof PostSummarySchema>;

export const SeoSchema = z
  .object({
    meta_title: z.string().nullable(),
    meta_description: z.string().nullable(),
    og_title: z.string().nullable(),
    og_description: z.string().nullable(),
    og_image_url: z.string().nullable(),
    canonical_url: z.string().nullable(),
  })
  .meta({ id: "Seo" });
export type Seo = z.infer<typeof SeoSchema>;

/**
 * Structured body: a small block tree (paragraphs, headings, lists, quotes, code, images).
 * `html` is its rendering, stored alongside so readers never pay for rendering.
 */
export const BlockSchema = z
  .object({
    type: z.enum(["paragraph", "heading", "list", "quote", "code", "image"]),
    level: z.number().int().min(2).max(4).optional(),
    ordered: z.boolean().optional(),
    text: z.string().optional(),
    items: z.array(z.string()).optional(),
    language: z.string().optional(),
    src: z.string().optional(),
    alt: z.string().optional(),
    caption: z.string().optional(),
  })
  .meta({ id: "Block" });
export type Block = z.infer<typeof BlockSchema>;
export const PostBodySchema = z
  .object({ version: z.literal(1), blocks: z.array(BlockSchema) })
  .meta({ id: "PostBody" });
export type PostBody = z.infer<typeof PostBodySchema>;

export const PostSchema = PostSummarySchema.extend({
  html: z.string(),
  body: PostBodySchema,
  authors: z.array(AuthorSummarySchema),
  tags: z.array(TagSummarySchema),
  categories: z.array(CategorySummarySchema),
  seo: SeoSchema,
  created_at: TimestampSchema,
}).meta({ id: "Post" });
export type Post = z.infer<typeof PostSchema>;

export const PostListSchema = listEnvelopeSchema(PostSummarySchema).meta({ id: "PostList" });
export type PostList = z.infer<typeof PostListSchema>;

const includeSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const parts = value
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    const unknown = parts.filter((p) => !(PostIncludeValues as readonly string[]).includes(p));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `unknown include ${unknown.map((u) => JSON.stringify(u)).join(", ")}; allowed: ${PostIncludeValues.join(", ")}`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as PostInclude[];
  })
  .meta({ description: "Comma-separated relations to embed: authors, tags", example: "authors,tags" });

const booleanQuerySchema = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .meta({ description: "`true` or `false`" });

export const ListPostsQuerySchema = z.strictObject({
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
  tag: SlugSchema.optional().meta({ description: "Only posts with this tag slug" }),
  category: SlugSchema.optional().meta({ description: "Only posts in this category slug" }),
  author: SlugSchema.optional().meta({ description: "Only posts by this author slug" }),
  featured: booleanQuerySchema.optional(),
  include: includeSchema.optional(),
});
/** The parsed query (after coercion and defaults). */
export type ListPostsQuery = z.output<typeof ListPostsQuerySchema>;
/** The query as a client sends it. */
export type ListPostsQueryInput = z.input<typeof ListPostsQuerySchema>;

export const PostSlugParamsSchema = z.strictObject({ slug: SlugSchema });
export type PostSlugParams = z.infer<typeof PostSlugParamsSchema>;
