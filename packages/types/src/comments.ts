import { z } from "zod";
import { CursorSchema, IdSchema, LimitSchema, TimestampSchema, listEnvelopeSchema } from "./common.js";

// Contracts of comments (issue 5): members comment on published posts in a thread of bounded
// depth; staff moderate a queue. Bodies are a markdown subset; `html` is its sanitised rendering.

export const CommentStatusValues = ["pending", "approved", "spam", "deleted"] as const;
export const CommentStatusSchema = z.enum(CommentStatusValues);
export type CommentStatus = z.infer<typeof CommentStatusSchema>;

export const CommentModerationValues = ["all", "first", "none"] as const;
export const CommentModerationSchema = z.enum(CommentModerationValues).meta({
  description:
    "`all`: every comment waits for a moderator; `first`: a member's first comment waits, later ones are approved; `none`: comments appear at once",
});
export type CommentModeration = z.infer<typeof CommentModerationSchema>;

/** Longest accepted comment body (markdown source), in characters. */
export const COMMENT_BODY_MAX_LENGTH = 10_000;
/** A member may edit their own comment for this long after posting it. */
export const COMMENT_EDIT_WINDOW_MINUTES = 15;

export const CommentAuthorSchema = z
  .object({
    display_name: z.string(),
    slug: z.string(),
    avatar_url: z.string().nullable(),
  })
  .meta({ id: "CommentAuthor" });
export type CommentAuthor = z.infer<typeof CommentAuthorSchema>;

export const PublicCommentSchema = z
  .object({
    id: IdSchema,
    post_id: IdSchema,
    parent_id: IdSchema.nullable(),
    depth: z.number().int().nonnegative().meta({ description: "0 = top level" }),
    author: CommentAuthorSchema.nullable().meta({ description: "Null when the account was deleted" }),
    html: z.string().meta({ description: "Sanitised rendering of the markdown body" }),
    created_at: TimestampSchema,
    edited_at: TimestampSchema.nullable(),
    is_own: z.boolean().optional().meta({ description: "Present for signed-in callers: they wrote it" }),
  })
  .meta({ id: "PublicComment" });
export type PublicComment = z.infer<typeof PublicCommentSchema>;

/** Approved comments of a post in thread order (each reply follows its parent, oldest first). */
export const PublicCommentListSchema = listEnvelopeSchema(PublicCommentSchema).meta({
  id: "PublicCommentList",
});
export type PublicCommentList = z.infer<typeof PublicCommentListSchema>;

/** What the author of a comment gets back from a write: the comment plus its moderation state. */
export const OwnCommentSchema = PublicCommentSchema.extend({
  status: CommentStatusSchema,
  body_markdown: z.string(),
}).meta({ id: "OwnComment" });
export type OwnComment = z.infer<typeof OwnCommentSchema>;

export const StaffCommentSchema = PublicCommentSchema.omit({ is_own: true })
  .extend({
    status: CommentStatusSchema,
    body_markdown: z.string(),
    report_count: z.number().int().nonnegative(),
    post: z.object({ id: IdSchema, slug: z.string(), title: z.string() }),
    author_id: IdSchema.nullable(),
    author_email: z.string().nullable(),
    moderated_at: TimestampSchema.nullable(),
    updated_at: TimestampSchema,
  })
  .meta({ id: "StaffComment" });
export type StaffComment = z.infer<typeof StaffCommentSchema>;

export const StaffCommentListSchema = listEnvelopeSchema(StaffCommentSchema).meta({ id: "StaffCommentList" });
export type StaffCommentList = z.infer<typeof StaffCommentListSchema>;

export const CommentCountsSchema = z
  .object({
    pending: z.number().int().nonnegative(),
    approved: z.number().int().nonnegative(),
    spam: z.number().int().nonnegative(),
    deleted: z.number().int().nonnegative(),
  })
  .meta({ id: "CommentCounts" });
export type CommentCounts = z.infer<typeof CommentCountsSchema>;

const CommentBodySchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(COMMENT_BODY_MAX_LENGTH)
  .meta({ description: "Markdown subset: emphasis, strong, code, links, quotes, lists" });

export const CreateCommentBodySchema = z.strictObject({
  post_id: IdSchema,
  parent_id: IdSchema.nullable().optional().meta({ description: "The comment this one replies to" }),
  body: CommentBodySchema,
});
export type CreateCommentBody = z.infer<typeof CreateCommentBodySchema>;

export const UpdateCommentBodySchema = z.strictObject({ body: CommentBodySchema });
export type UpdateCommentBody = z.infer<typeof UpdateCommentBodySchema>;

export const ReportCommentBodySchema = z.strictObject({
  reason: z.string().trim().min(1, "must not be empty").max(1000),
});
export type ReportCommentBody = z.infer<typeof ReportCommentBodySchema>;

export const CommentIdParamsSchema = z.strictObject({ id: IdSchema });
export type CommentIdParams = z.infer<typeof CommentIdParamsSchema>;

export const ListPublicCommentsQuerySchema = z.strictObject({
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type ListPublicCommentsQuery = z.output<typeof ListPublicCommentsQuerySchema>;

export const ListStaffCommentsQuerySchema = z.strictObject({
  status: CommentStatusSchema.optional().meta({ description: "Default: pending" }),
  post_id: IdSchema.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Matches the body or the author's name or email (case-insensitive)" }),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});
export type ListStaffCommentsQuery = z.output<typeof ListStaffCommentsQuerySchema>;
export type ListStaffCommentsQueryInput = z.input<typeof ListStaffCommentsQuerySchema>;

export const CommentCountsQuerySchema = z.strictObject({ post_id: IdSchema.optional() });
export type CommentCountsQuery = z.infer<typeof CommentCountsQuerySchema>;

export const ModerateCommentBodySchema = z.strictObject({ status: CommentStatusSchema });
export type ModerateCommentBody = z.infer<typeof ModerateCommentBodySchema>;

export const CommentBulkActionValues = ["approve", "spam", "delete", "restore"] as const;
export const CommentBulkActionSchema = z.enum(CommentBulkActionValues);
export type CommentBulkAction = z.infer<typeof CommentBulkActionSchema>;

export const BulkModerateCommentsBodySchema = z.strictObject({
  ids: z.array(IdSchema).min(1).max(100),
  action: CommentBulkActionSchema.meta({ description: "`restore` moves comments back to pending" }),
});
export type BulkModerateCommentsBody = z.infer<typeof BulkModerateCommentsBodySchema>;

export const BulkModerateCommentsResultSchema = z
  .object({
    updated: z.number().int().nonnegative(),
    status: CommentStatusSchema,
    ids: z.array(IdSchema).meta({ description: "The comments that were changed" }),
  })
  .meta({ id: "BulkModerateCommentsResult" });
export type BulkModerateCommentsResult = z.infer<typeof BulkModerateCommentsResultSchema>;

export const COMMENT_MAX_DEPTH_LIMIT = 8;
export const CommentSettingsSchema = z
  .object({
    moderation: CommentModerationSchema,
    max_depth: z.number().int().min(0).max(COMMENT_MAX_DEPTH_LIMIT).meta({
      description: "Deepest reply level (0 = no replies); a reply below it joins its parent's level",
    }),
    report_threshold: z
      .number()
      .int()
      .min(1)
      .max(100)
      .meta({ description: "Reports that send an approved comment back to pending" }),
  })
  .meta({ id: "CommentSettings" });
export type CommentSettings = z.infer<typeof CommentSettingsSchema>;

export const DEFAULT_COMMENT_SETTINGS: CommentSettings = Object.freeze({
  moderation: "first",
  max_depth: 3,
  report_threshold: 3,
});

export const UpdateCommentSettingsBodySchema = z
  .strictObject({
    moderation: CommentModerationSchema.optional(),
    max_depth: CommentSettingsSchema.shape.max_depth.optional(),
    report_threshold: CommentSettingsSchema.shape.report_threshold.optional(),
  })
  .refine(
    (b) => b.moderation !== undefined || b.max_depth !== undefined || b.report_threshold !== undefined,
    {
      message: "name at least one of moderation, max_depth, report_threshold",
    },
  );
export type UpdateCommentSettingsBody = z.infer<typeof UpdateCommentSettingsBodySchema>;
