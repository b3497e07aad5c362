import { z } from "zod";
import { IdSchema, SlugSchema } from "./common.js";

export const AuthorSummarySchema = z
  .object({
    id: IdSchema,
    slug: SlugSchema,
    name: z.string(),
    avatar_url: z.string().nullable(),
  })
  .meta({ id: "AuthorSummary" });
export type AuthorSummary = z.infer<typeof AuthorSummarySchema>;

export const AuthorSchema = AuthorSummarySchema.extend({
  bio: z.string().nullable(),
  website_url: z.string().nullable(),
  post_count: z.number().int().nonnegative().meta({ description: "Published posts by this author" }),
}).meta({ id: "Author" });
export type Author = z.infer<typeof AuthorSchema>;

export const AuthorSlugParamsSchema = z.strictObject({ slug: SlugSchema });
export type AuthorSlugParams = z.infer<typeof AuthorSlugParamsSchema>;
