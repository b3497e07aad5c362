import { z } from "zod";
import { AuthorSummarySchema } from "./authors.js";
import { CursorSchema, IdSchema, LimitSchema, TimestampSchema, listEnvelopeSchema } from "./common.js";

// Contracts of a post's editorial history (issue 5): revisions and their diff, staff-only notes,
// the workflow transitions, and the staff view of background jobs.

/** `/admin/posts/{id}/revisions|notes|transitions`. */
export const PostHistoryParamsSchema = z.strictObject({ id: IdSchema });
export type PostHistoryParams = z.infer<typeof PostHistoryParamsSchema>;

// ---------------------------------------------------------------------------------------------
// Revisions

export const RevisionKindValues = ["save", "autosave", "restore"] as const;
export type RevisionKind = (typeof RevisionKindValues)[number];

export const RevisionSummarySchema = z
  .object({
    id: IdSchema,
    post_id: IdSchema,
    kind: z.enum(RevisionKindValues).meta({
      description:
        "`save`: an explicit save; `autosave`: the caller's coalesced autosave; `restore`: a restore",
    }),
    post_version: z
      .number()
      .int()
      .positive()
      .meta({ description: "The post `version` this revision captured" }),
    title: z.string(),
    author: AuthorSummarySchema.nullable(),
    restored_from: IdSchema.nullable().meta({ description: "For `restore`: the revision restored" }),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .meta({ id: "RevisionSummary" });
export type RevisionSummary = z.infer<typeof RevisionSummarySchema>;

/** The editor document as stored (validated on write by the posts contract; output only here). */
const RevisionBodySchema = z
  .looseObject({ type: z.literal("doc"), content: z.array(z.unknown()) })
  .meta({ description: 'The editor\'s JSON document (`{ type: "doc", content: [...] }`)' });

export const RevisionSchema = RevisionSummarySchema.extend({
  slug: z.string(),
  excerpt: z.string().nullable(),
  body: RevisionBodySchema,
  html: z.string(),
  fields: z.record(z.string(), z.unknown()).meta({
    description: "The other editable fields (SEO, cover, taxonomy, authors, flags) as the API names them",
  }),
}).meta({ id: "Revision" });
export type Revision = z.infer<typeof RevisionSchema>;

export const RevisionListSchema = listEnvelopeSchema(RevisionSummarySchema).meta({ id: "RevisionList" });
export type RevisionList = z.infer<typeof RevisionListSchema>;

export const ListRevisionsQuerySchema = z.strictObject({
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});
export type ListRevisionsQuery = z.output<typeof ListRevisionsQuerySchema>;

export const RevisionParamsSchema = z.strictObject({ id: IdSchema, revisionId: IdSchema });
export type RevisionParams = z.infer<typeof RevisionParamsSchema>;

export const RevisionDiffQuerySchema = z.strictObject({
  from: IdSchema.meta({ description: "The older revision" }),
  to: IdSchema.optional().meta({ description: "The newer revision; default: the post as it is now" }),
});
export type RevisionDiffQuery = z.infer<typeof RevisionDiffQuerySchema>;

export const DiffOpValues = ["equal", "insert", "delete"] as const;
export type DiffOp = (typeof DiffOpValues)[number];

export const FieldChangeSchema = z
  .object({ field: z.string(), before: z.unknown(), after: z.unknown() })
  .meta({ id: "FieldChange" });
export type FieldChange = z.infer<typeof FieldChangeSchema>;

export const ContentChangeSchema = z
  .object({ op: z.enum(DiffOpValues), text: z.string() })
  .meta({ id: "ContentChange" });
export type ContentChange = z.infer<typeof ContentChangeSchema>;

export const RevisionDiffSchema = z
  .object({
    from: RevisionSummarySchema,
    to: RevisionSummarySchema.meta({
      description: "With `to` omitted: the current post, as a summary with the post's own id and kind `save`",
    }),
    fields: z.array(FieldChangeSchema).meta({ description: "Changed fields (title, slug, excerpt, SEO, …)" }),
    content: z
      .array(ContentChangeSchema)
      .meta({ description: "Word diff of the rendered text, in document order" }),
  })
  .meta({ id: "RevisionDiff" });
export type RevisionDiff = z.infer<typeof RevisionDiffSchema>;

export const RestoreRevisionBodySchema = z.strictObject({
  version: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: "The post version the caller read (or send `If-Match`)" }),
});
export type RestoreRevisionBody = z.infer<typeof RestoreRevisionBodySchema>;

// ---------------------------------------------------------------------------------------------
// Editorial notes (staff only; never in public responses)

export const NoteAnchorSchema = z
  .strictObject({
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    quote: z.string().max(2_000),
  })
  .refine((anchor) => anchor.to >= anchor.from, { message: "`to` must not be before `from`", path: ["to"] })
  .meta({ id: "NoteAnchor", description: "The passage (editor positions and its text) the note is about" });
export type NoteAnchor = z.infer<typeof NoteAnchorSchema>;

export const NoteSchema = z
  .object({
    id: IdSchema,
    post_id: IdSchema,
    author: AuthorSummarySchema.nullable(),
    body: z.string(),
    anchor: NoteAnchorSchema.nullable(),
    resolved_at: TimestampSchema.nullable(),
    resolved_by: AuthorSummarySchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .meta({ id: "Note" });
export type Note = z.infer<typeof NoteSchema>;

export const NoteListSchema = z.object({ data: z.array(NoteSchema) }).meta({ id: "NoteList" });
export type NoteList = z.infer<typeof NoteListSchema>;

const NoteBodyTextSchema = z.string().trim().min(1).max(5_000);

export const CreateNoteBodySchema = z.strictObject({
  body: NoteBodyTextSchema,
  anchor: NoteAnchorSchema.nullable().optional(),
});
export type CreateNoteBody = z.infer<typeof CreateNoteBodySchema>;

export const UpdateNoteBodySchema = z
  .strictObject({
    body: NoteBodyTextSchema.optional(),
    resolved: z.boolean().optional().meta({ description: "true resolves the note, false reopens it" }),
  })
  .refine((body) => body.body !== undefined || body.resolved !== undefined, {
    message: "name at least one of body, resolved",
  });
export type UpdateNoteBody = z.infer<typeof UpdateNoteBodySchema>;

export const NoteParamsSchema = z.strictObject({ id: IdSchema, noteId: IdSchema });
export type NoteParams = z.infer<typeof NoteParamsSchema>;

// ---------------------------------------------------------------------------------------------
// Workflow history

export const TransitionSchema = z
  .object({
    id: IdSchema,
    action: z.string().meta({ description: "The workflow action (submit, approve, publish, …)" }),
    from_status: z.string(),
    to_status: z.string(),
    actor: AuthorSummarySchema.nullable().meta({ description: "Null when the scheduler did it" }),
    comment: z.string().nullable(),
    created_at: TimestampSchema,
  })
  .meta({ id: "Transition" });
export type Transition = z.infer<typeof TransitionSchema>;

export const TransitionListSchema = z
  .object({ data: z.array(TransitionSchema) })
  .meta({ id: "TransitionList" });
export type TransitionList = z.infer<typeof TransitionListSchema>;

// ---------------------------------------------------------------------------------------------
// Jobs (staff view of the outbox's job topics)

export const JobStateValues = ["pending", "dead"] as const;
export type JobState = (typeof JobStateValues)[number];

export const JobSchema = z
  .object({
    id: IdSchema,
    topic: z.string(),
    state: z.enum(JobStateValues),
    payload: z.record(z.string(), z.unknown()),
    run_at: TimestampSchema.nullable().meta({ description: "When it is due; null for a dead letter" }),
    attempts: z.number().int().nonnegative(),
    last_error: z.string().nullable(),
    created_at: TimestampSchema,
    post: z
      .object({ id: IdSchema, title: z.string(), slug: z.string(), status: z.string() })
      .nullable()
      .meta({ description: "The post a `post.*` job acts on, when it still exists" }),
  })
  .meta({ id: "Job" });
export type Job = z.infer<typeof JobSchema>;

export const JobListSchema = listEnvelopeSchema(JobSchema).meta({ id: "JobList" });
export type JobList = z.infer<typeof JobListSchema>;

export const ListJobsQuerySchema = z.strictObject({
  state: z.enum(JobStateValues).default("pending"),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});
export type ListJobsQuery = z.output<typeof ListJobsQuerySchema>;

export const JobIdParamsSchema = z.strictObject({ id: IdSchema });
export type JobIdParams = z.infer<typeof JobIdParamsSchema>;
