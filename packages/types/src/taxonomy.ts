import { z } from "zod";
import { IdSchema, SlugSchema } from "./common.js";

export const TagSummarySchema = z
  .object({ id: IdSchema, slug: SlugSchema, name: z.string() })
  .meta({ id: "TagSummary" });
export type TagSummary = z.infer<typeof TagSummarySchema>;

export const TagSchema = TagSummarySchema.extend({
  description: z.string().nullable(),
  post_count: z.number().int().nonnegative().meta({ description: "Published posts with this tag" }),
}).meta({ id: "Tag" });
export type Tag = z.infer<typeof TagSchema>;

export const CategorySummarySchema = z
  .object({ id: IdSchema, slug: SlugSchema, name: z.string() })
  .meta({ id: "CategorySummary" });
export type CategorySummary = z.infer<typeof CategorySummarySchema>;

export const CategorySchema = CategorySummarySchema.extend({
  description: z.string().nullable(),
  parent_id: IdSchema.nullable().meta({ description: "Parent category; null for a top-level category" }),
  position: z.number().int().meta({ description: "Order among siblings" }),
  post_count: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: "Published posts in this category (not counting sub-categories)" }),
}).meta({ id: "Category" });
export type Category = z.infer<typeof CategorySchema>;

export const TagListSchema = z.object({ data: z.array(TagSchema) }).meta({ id: "TagList" });
export type TagList = z.infer<typeof TagListSchema>;
export const CategoryListSchema = z.object({ data: z.array(CategorySchema) }).meta({ id: "CategoryList" });
export type CategoryList = z.infer<typeof CategoryListSchema>;

// ---------------------------------------------------------------------------------------------
// Staff inputs (POST/PATCH /api/v1/admin/tags|categories). Slugs default to one generated from
// the name; an explicit slug that is taken is a 409 `slug-taken`.

const TaxonNameSchema = z.string().trim().min(1).max(100).meta({ description: "Display name" });
const TaxonDescriptionSchema = z.string().trim().max(1000).nullable();

export const TagIdParamsSchema = z.strictObject({ id: IdSchema });
export type TagIdParams = z.infer<typeof TagIdParamsSchema>;
export const CategoryIdParamsSchema = z.strictObject({ id: IdSchema });
export type CategoryIdParams = z.infer<typeof CategoryIdParamsSchema>;

export const TagInputSchema = z
  .strictObject({
    name: TaxonNameSchema,
    slug: SlugSchema.optional().meta({ description: "Defaults to a slug generated from the name" }),
    description: TaxonDescriptionSchema.optional(),
  })
  .meta({ id: "CreateTagBody" });
export type TagInput = z.infer<typeof TagInputSchema>;

export const TagPatchSchema = z
  .strictObject({
    name: TaxonNameSchema.optional(),
    slug: SlugSchema.optional().meta({
      description: "A new slug keeps a 301 redirect from `/tag/<old>` to `/tag/<new>`",
    }),
    description: TaxonDescriptionSchema.optional(),
  })
  .meta({ id: "UpdateTagBody" });
export type TagPatch = z.infer<typeof TagPatchSchema>;

export const TagMergeBodySchema = z
  .strictObject({
    into_id: IdSchema.meta({ description: "The tag that receives the posts; the merged tag is deleted" }),
  })
  .meta({ id: "MergeTagBody" });
export type TagMergeBody = z.infer<typeof TagMergeBodySchema>;

export const TagMergeResultSchema = z
  .object({
    tag: TagSchema.meta({ description: "The surviving tag" }),
    moved_posts: z.number().int().nonnegative().meta({ description: "Posts that gained the surviving tag" }),
    redirect_from: z.string().meta({ description: "The path now redirected, e.g. /tag/old" }),
  })
  .meta({ id: "TagMergeResult" });
export type TagMergeResult = z.infer<typeof TagMergeResultSchema>;

export const CategoryInputSchema = z
  .strictObject({
    name: TaxonNameSchema,
    slug: SlugSchema.optional().meta({ description: "Defaults to a slug generated from the name" }),
    description: TaxonDescriptionSchema.optional(),
    parent_id: IdSchema.nullable()
      .optional()
      .meta({ description: "Parent category; null/absent: top level" }),
    position: z
      .number()
      .int()
      .min(0)
      .max(100_000)
      .optional()
      .meta({ description: "Order among siblings (ascending); defaults to after the last sibling" }),
  })
  .meta({ id: "CreateCategoryBody" });
export type CategoryInput = z.infer<typeof CategoryInputSchema>;

export const CategoryPatchSchema = z
  .strictObject({
    name: TaxonNameSchema.optional(),
    slug: SlugSchema.optional().meta({
      description: "A new slug keeps a 301 redirect from `/category/<old>` to `/category/<new>`",
    }),
    description: TaxonDescriptionSchema.optional(),
    parent_id: IdSchema.nullable()
      .optional()
      .meta({ description: "Move under another category (422 when that makes a cycle); null: top level" }),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .meta({ id: "UpdateCategoryBody" });
export type CategoryPatch = z.infer<typeof CategoryPatchSchema>;
