import { z } from "zod";
import { AuthorSummarySchema } from "./authors.js";
import { CursorSchema, IdSchema, LimitSchema, TimestampSchema, listEnvelopeSchema } from "./common.js";

// Contracts of the media library (issue 5). Files are uploaded as multipart/form-data (field
// `file`, optional `alt`), so the upload body has no zod schema; its text fields are checked with
// `MediaUploadFieldsSchema`. The bytes are served at `GET /media/<key>` with immutable caching.

/** Types accepted by the upload, detected from the content (never the name or Content-Type). */
export const MediaMimeTypeValues = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "image/avif",
  "image/gif",
  "application/pdf",
] as const;
export type MediaMimeType = (typeof MediaMimeTypeValues)[number];

/** Widths (px) of the generated WebP and AVIF renditions; none is wider than the original. */
export const MEDIA_VARIANT_WIDTHS = [320, 640, 1024, 1600, 2400] as const;

export const MEDIA_ALT_MAX_LENGTH = 1000;
export const MEDIA_CAPTION_MAX_LENGTH = 2000;

export const MediaVariantSchema = z
  .object({
    format: z.enum(["webp", "avif", "jpeg", "png"]),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    url: z.string().meta({ description: "Absolute path (or CDN URL) of the rendition" }),
  })
  .meta({ id: "MediaVariant" });
export type MediaVariant = z.infer<typeof MediaVariantSchema>;

const FocalSchema = z
  .number()
  .min(0)
  .max(1)
  .meta({ description: "Focal point as a fraction of the width/height (0..1)" });

export const MediaSchema = z
  .object({
    id: IdSchema,
    url: z.string().meta({ description: "URL of the original file, e.g. /media/<key>" }),
    filename: z.string(),
    mime_type: z.string().meta({ description: "Detected from the content", example: "image/jpeg" }),
    byte_size: z.number().int().nonnegative(),
    width: z.number().int().positive().nullable(),
    height: z.number().int().positive().nullable(),
    alt: z.string(),
    caption: z.string().nullable(),
    focal_x: FocalSchema,
    focal_y: FocalSchema,
    variants: z.array(MediaVariantSchema),
    uploader: AuthorSummarySchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .meta({ id: "Media" });
export type Media = z.infer<typeof MediaSchema>;

export const MediaListSchema = listEnvelopeSchema(MediaSchema).meta({ id: "MediaList" });
export type MediaList = z.infer<typeof MediaListSchema>;

export const ListMediaQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "Matches filename or alt text (case-insensitive substring)" }),
  type: z.enum(["image"]).optional().meta({ description: "Only images (no PDFs)" }),
  cursor: CursorSchema.optional(),
  limit: LimitSchema,
});
export type ListMediaQuery = z.output<typeof ListMediaQuerySchema>;
export type ListMediaQueryInput = z.input<typeof ListMediaQuerySchema>;

const AltSchema = z.string().trim().max(MEDIA_ALT_MAX_LENGTH);
const CaptionSchema = z.string().trim().max(MEDIA_CAPTION_MAX_LENGTH);

/** The text parts of the multipart upload (besides the `file` part). */
export const MediaUploadFieldsSchema = z.strictObject({
  alt: AltSchema.optional(),
});
export type MediaUploadFields = z.infer<typeof MediaUploadFieldsSchema>;

export const UpdateMediaBodySchema = z
  .strictObject({
    alt: AltSchema.optional(),
    caption: CaptionSchema.nullable().optional(),
    focal_x: FocalSchema.optional(),
    focal_y: FocalSchema.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "name at least one of alt, caption, focal_x, focal_y",
  });
export type UpdateMediaBody = z.infer<typeof UpdateMediaBodySchema>;

export const MediaIdParamsSchema = z.strictObject({ id: IdSchema });
export type MediaIdParams = z.infer<typeof MediaIdParamsSchema>;
