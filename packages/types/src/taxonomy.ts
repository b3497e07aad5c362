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
