import { z } from "zod";
import { AuthorSummarySchema } from "./authors.js";
import {
  CursorSchema,
  IdSchema,
  LimitSchema,
  ProblemDetailsSchema,
  SlugSchema,
  TimestampSchema,
  listEnvelopeSchema,
} from "./common.js";
import { PostBodySchema, PostTypeValues, PostVisibilityValues, isSafeImageSrc } from "./posts.js";
import { CategorySummarySchema, TagSummarySchema } from "./taxonomy.js";

// Contracts of the staff posts API (issue 5, /api/v1/admin/posts and /admin/pages): the editor's
// view of a post with its workflow state, the write bodies and the list query.

export const PostStatusValues = [
  "draft",
  "in_review",
  "approved",
  "scheduled",
  "published",
  "archived",
] as const;
export type PostStatus = (typeof PostStatusValues)[number];
export const PostStatusSchema = z.enum(PostStatusValues).meta({ id: "PostStatus" });

export const WorkflowActionValues = [
  "submit",
  "withdraw",
  "approve",
  "reject",
  "publish",
  "schedule",
  "unschedule",
  "unpublish",
  "archive",
  "unarchive",
] as const;
export type WorkflowAction = (typeof WorkflowActionValues)[number];
export const WorkflowActionSchema = z.enum(WorkflowActionValues).meta({ id: "WorkflowAction" });

export const StaffCoverImageSchema = z
  .object({
    url: z.string(),
    alt: z.string().nullable(),
    media_id: IdSchema.nullable(),
    focal_x: z.number().min(0).max(1),
    focal_y: z.number().min(0).max(1),
  })
  .meta({ id: "StaffCoverImage" });
export type StaffCoverImage = z.infer<typeof StaffCoverImageSchema>;

export const StaffSeoSchema = z
  .object({
    meta_title: z.string().nullable(),
    meta_description: z.string().nullable(),
    canonical_url: z.string().nullable(),
    og_title: z.string().nullable(),
    og_description: z.string().nullable(),
    og_image_url: z.string().nullable(),
    twitter_title: z.string().nullable(),
    twitter_description: z.string().nullable(),
    twitter_image_url: z.string().nullable(),
  })
  .meta({ id: "StaffSeo" });
export type StaffSeo = z.infer<typeof StaffSeoSchema>;

const staffPostShape = {
  id: IdSchema,
  type: z.enum(PostTypeValues),
  title: z.string(),
  slug: SlugSchema,
  excerpt: z.string().nullable(),
  status: PostStatusSchema,
  visibility: z.enum(PostVisibilityValues),
  featured: z.boolean(),
  comments_enabled: z.boolean(),
  published_at: TimestampSchema.nullable().meta({
    description: "When it went live, or (while `scheduled`) when it goes live",
  }),
  unpublish_at: TimestampSchema.nullable().meta({ description: "When a due job archives it" }),
  cover_image: StaffCoverImageSchema.nullable(),
  primary_category: CategorySummarySchema.nullable(),
  tags: z.array(TagSummarySchema),
  authors: z.array(AuthorSummarySchema).meta({ description: "In byline order" }),
  reading_time_minutes: z.number().int().nonnegative(),
  version: z.number().int().positive().meta({ description: "Send it back (or `If-Match`) on every write" }),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
  deleted_at: TimestampSchema.nullable().meta({ description: "Set while the post is in the trash" }),
  created_by: AuthorSummarySchema.nullable(),
  allowed_actions: z
    .array(WorkflowActionSchema)
    .meta({ description: "The workflow actions the caller may take now" }),
  can_edit: z.boolean(),
  can_delete: z.boolean(),
};

export const StaffPostSchema = z
  .object({
    ...staffPostShape,
    body: PostBodySchema,
    html: z.string(),
    categories: z.array(CategorySummarySchema),
    seo: StaffSeoSchema,
  })
  .meta({ id: "StaffPost" });
export type StaffPost = z.infer<typeof StaffPostSchema>;

export const StaffPostSummarySchema = z.object(staffPostShape).meta({ id: "StaffPostSummary" });
export type StaffPostSummary = z.infer<typeof StaffPostSummarySchema>;

/** The keys `fields` may name (`id` is always included). */
export const StaffPostSummaryFieldValues = Object.keys(staffPostShape).filter((k) => k !== "id") as Exclude<
  keyof typeof staffPostShape,
  "id"
>[];
export type StaffPostSummaryField = (typeof StaffPostSummaryFieldValues)[number];

/** A list item: every key but `id` may be left out by `fields` or `include`. */
export const StaffPostListItemSchema = StaffPostSummarySchema.partial().required({ id: true }).meta({
  id: "StaffPostListItem",
  description:
    "A StaffPostSummary; keys not named by `fields` (and relations not named by `include`) are absent",
});
export type StaffPostListItem = z.infer<typeof StaffPostListItemSchema>;
export const StaffPostListSchema = listEnvelopeSchema(StaffPostListItemSchema).meta({ id: "StaffPostList" });
export type StaffPostList = z.infer<typeof StaffPostListSchema>;

export const StaffPostCountsSchema = z
  .object({
    draft: z.number().int().nonnegative(),
    in_review: z.number().int().nonnegative(),
    approved: z.number().int().nonnegative(),
    scheduled: z.number().int().nonnegative(),
    published: z.number().int().nonnegative(),
    archived: z.number().int().nonnegative(),
    trash: z.number().int().nonnegative(),
  })
  .meta({ id: "StaffPostCounts" });
export type StaffPostCounts = z.infer<typeof StaffPostCountsSchema>;

// --- Write bodies -------------------------------------------------------------------------------

export const POST_TITLE_MAX = 255;
export const POST_EXCERPT_MAX = 1000;
const URL_MAX = 2048;

const httpUrl = z
  .string()
  .max(URL_MAX)
  .regex(/^https?:\/\/[^\s/\\][^\s]*$/i, "must be an http(s) URL");
const imageUrl = z
  .string()
  .max(URL_MAX)
  .refine(isSafeImageSrc, "must be an http(s) URL or a site-relative path");

export const SeoInputSchema = z
  .strictObject({
    meta_title: z.string().trim().max(300).nullable(),
    meta_description: z.string().trim().max(1000).nullable(),
    canonical_url: httpUrl.nullable(),
    og_title: z.string().trim().max(300).nullable(),
    og_description: z.string().trim().max(1000).nullable(),
    og_image_url: imageUrl.nullable(),
    twitter_title: z.string().trim().max(300).nullable(),
    twitter_description: z.string().trim().max(1000).nullable(),
    twitter_image_url: imageUrl.nullable(),
  })
  .partial()
  .meta({ id: "SeoUpdate", description: "Fields to set; null clears one" });
export type SeoInput = z.infer<typeof SeoInputSchema>;

export const CoverImageInputSchema = z
  .strictObject({
    media_id: IdSchema.optional().meta({ description: "A media-library item; its URL is used" }),
    url: imageUrl.optional().meta({ description: "An external image (when no media_id)" }),
    alt: z.string().max(1000).nullable().optional(),
    focal_x: z.number().min(0).max(1).optional().meta({ description: "Sets the media item's focal point" }),
    focal_y: z.number().min(0).max(1).optional(),
  })
  .refine((c) => c.media_id !== undefined || c.url !== undefined, {
    message: "name a media_id or a url",
  })
  .meta({ id: "CoverImageUpdate" });
export type CoverImageInput = z.infer<typeof CoverImageInputSchema>;

const postFields = {
  title: z.string().trim().min(1).max(POST_TITLE_MAX),
  slug: SlugSchema.optional().meta({ description: "Generated from the title when left out" }),
  excerpt: z.string().trim().max(POST_EXCERPT_MAX).nullable().optional(),
  body: PostBodySchema.optional(),
  featured: z.boolean().optional(),
  visibility: z.enum(PostVisibilityValues).optional(),
  comments_enabled: z.boolean().optional(),
  cover_image: CoverImageInputSchema.nullable().optional(),
  primary_category_id: IdSchema.nullable().optional(),
  category_ids: z.array(IdSchema).max(50).optional(),
  tag_ids: z.array(IdSchema).max(50).optional(),
  author_ids: z
    .array(IdSchema)
    .min(1)
    .max(20)
    .optional()
    .meta({ description: "Byline order; defaults to the caller; only editors may name others" }),
  seo: SeoInputSchema.optional(),
};

export const PostInputSchema = z.strictObject(postFields).meta({ id: "PostCreate" });
export type PostInput = z.infer<typeof PostInputSchema>;
export type PostInputBody = z.input<typeof PostInputSchema>;

export const PostVersionSchema = z
  .number()
  .int()
  .positive()
  .meta({ description: "The `version` you read (alternative to `If-Match`)" });

export const PostPatchSchema = z
  .strictObject({
    ...postFields,
    title: postFields.title.optional(),
    version: PostVersionSchema.optional(),
    autosave: z
      .boolean()
      .optional()
      .meta({ description: "Coalesce into your autosave revision instead of adding a `save` revision" }),
  })
  .meta({ id: "PostPatch" });
export type PostPatch = z.infer<typeof PostPatchSchema>;
export type PostPatchBody = z.input<typeof PostPatchSchema>;

export const WORKFLOW_COMMENT_MAX = 2000;
export const WorkflowActionBodySchema = z
  .strictObject({
    version: PostVersionSchema.optional(),
    comment: z
      .string()
      .trim()
      .min(1)
      .max(WORKFLOW_COMMENT_MAX)
      .optional()
      .meta({ description: "Why; required for `reject`" }),
    publish_at: TimestampSchema.optional().meta({ description: "`schedule`: when to publish (future)" }),
    unpublish_at: TimestampSchema.nullable()
      .optional()
      .meta({ description: "`schedule`/`publish`: when to archive it again" }),
  })
  .meta({ id: "WorkflowActionBody" });
export type WorkflowActionBody = z.infer<typeof WorkflowActionBodySchema>;

// --- Params and queries -------------------------------------------------------------------------

export const StaffPostIdParamsSchema = z.strictObject({ id: IdSchema });
export type StaffPostIdParams = z.infer<typeof StaffPostIdParamsSchema>;
export const WorkflowActionParamsSchema = z.strictObject({ id: IdSchema, action: WorkflowActionSchema });
export type WorkflowActionParams = z.infer<typeof WorkflowActionParamsSchema>;

const booleanQuery = z
  .enum(["true", "false"])
  .transform((v) => v === "true")
  .meta({ description: "`true` or `false`" });

function commaList<T extends string>(values: readonly T[], what: string, max = 256) {
  return z
    .string()
    .max(max)
    .transform((value, ctx) => {
      const parts = [
        ...new Set(
          value
            .split(",")
            .map((p) => p.trim())
            .filter((p) => p.length > 0),
        ),
      ];
      const unknown = parts.filter((p) => !(values as readonly string[]).includes(p));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `unknown ${what} ${unknown.map((u) => JSON.stringify(u)).join(", ")}; allowed: ${values.join(", ")}`,
        });
        return z.NEVER;
      }
      return parts as T[];
    });
}

export const StaffPostSortValues = [
  "-updated_at",
  "updated_at",
  "-published_at",
  "published_at",
  "title",
  "-title",
] as const;
export type StaffPostSort = (typeof StaffPostSortValues)[number];

export const StaffPostIncludeValues = ["authors", "tags"] as const;
export type StaffPostInclude = (typeof StaffPostIncludeValues)[number];

export const ListStaffPostsQuerySchema = z.strictObject({
  status: commaList(PostStatusValues, "status")
    .optional()
    .meta({ description: "Comma list of statuses", example: "draft,in_review" }),
  author: z.string().min(1).max(191).optional().meta({ description: "An author's user id or slug" }),
  tag: SlugSchema.optional().meta({ description: "Tag slug" }),
  category: SlugSchema.optional().meta({ description: "Category slug" }),
  from: TimestampSchema.optional().meta({
    description: "On or after (updated_at, or published_at with date=published)",
  }),
  to: TimestampSchema.optional().meta({
    description: "Before (updated_at, or published_at with date=published)",
  }),
  date: z.enum(["updated", "published"]).optional().meta({ description: "Which date from/to apply to" }),
  featured: booleanQuery.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Case-insensitive substring of the title" }),
  trashed: booleanQuery.optional().meta({ description: "`true`: only the trash" }),
  sort: z.enum(StaffPostSortValues).default("-updated_at"),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
  include: commaList(StaffPostIncludeValues, "include", 64)
    .optional()
    .meta({ description: "Relations to embed (default both): authors, tags", example: "authors,tags" }),
  fields: commaList(StaffPostSummaryFieldValues, "field", 512).optional().meta({
    description: "Comma list of StaffPostSummary keys to return (id always)",
    example: "title,status",
  }),
});
export type ListStaffPostsQuery = z.output<typeof ListStaffPostsQuerySchema>;
export type ListStaffPostsQueryInput = z.input<typeof ListStaffPostsQuerySchema>;

export const StaffPostCountsQuerySchema = z.strictObject({
  type: z.enum(PostTypeValues).default("post"),
});
export type StaffPostCountsQuery = z.output<typeof StaffPostCountsQuerySchema>;

export const DeletePostQuerySchema = z.strictObject({
  permanent: booleanQuery.optional().meta({ description: "`true`: purge a trashed post for good" }),
});
export type DeletePostQuery = z.output<typeof DeletePostQuerySchema>;

// --- Problems -----------------------------------------------------------------------------------

/** 409 `…/version-conflict`: the write named a stale version. */
export const VersionConflictProblemSchema = ProblemDetailsSchema.extend({
  current_version: z.number().int().positive().meta({ description: "The post's version now" }),
}).meta({ id: "VersionConflictProblem" });
export type VersionConflictProblem = z.infer<typeof VersionConflictProblemSchema>;

/** 409 `…/illegal-transition`: the action is not allowed from the current status for this caller. */
export const IllegalTransitionProblemSchema = ProblemDetailsSchema.extend({
  status_from: PostStatusSchema,
  allowed_actions: z.array(WorkflowActionSchema),
}).meta({ id: "IllegalTransitionProblem" });
export type IllegalTransitionProblem = z.infer<typeof IllegalTransitionProblemSchema>;

/** Any 409 of the staff post routes (version conflict, illegal transition, slug taken). */
export const PostConflictProblemSchema = ProblemDetailsSchema.extend({
  current_version: z.number().int().positive().optional(),
  status_from: PostStatusSchema.optional(),
  allowed_actions: z.array(WorkflowActionSchema).optional(),
}).meta({ id: "PostConflictProblem" });
export type PostConflictProblem = z.infer<typeof PostConflictProblemSchema>;
