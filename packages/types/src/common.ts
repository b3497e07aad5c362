import { z } from "zod";

/** Lower-case words joined by single hyphens, as stored in every `slug` column. */
export const SLUG_MAX_LENGTH = 191;
export const SlugSchema = z
  .string()
  .min(1)
  .max(SLUG_MAX_LENGTH)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case letters, digits and single hyphens")
  .meta({
    description: "URL-safe identifier: lower-case letters, digits and single hyphens",
    example: "hello-world",
  });

export const IdSchema = z.uuid().meta({ description: "UUIDv7 identifier" });

export const TimestampSchema = z.iso.datetime({ offset: true }).meta({ description: "RFC 3339 timestamp" });

/** Opaque, signed pagination cursor issued by the API in `next_cursor`. */
export const CursorSchema = z
  .string()
  .min(1)
  .max(512)
  .meta({ description: "Opaque cursor from a previous page's `next_cursor`" });

export const PAGE_LIMIT_DEFAULT = 15;
export const PAGE_LIMIT_MAX = 100;
const limitMessage = `must be a whole number from 1 to ${PAGE_LIMIT_MAX}`;
export const LimitSchema = z.coerce
  .number({ error: limitMessage })
  .int({ error: limitMessage })
  .min(1, { error: limitMessage })
  .max(PAGE_LIMIT_MAX, { error: limitMessage })
  .default(PAGE_LIMIT_DEFAULT)
  .meta({ description: `Page size, 1–${PAGE_LIMIT_MAX}` });

/** `{ data, next_cursor }`: every cursor-paginated list answers with this envelope. */
export function listEnvelopeSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: "Cursor for the next page; null on the last page" }),
  });
}
export interface ListEnvelope<T> {
  data: T[];
  next_cursor: string | null;
}

export const FieldErrorSchema = z.object({
  pointer: z
    .string()
    .meta({ description: "JSON Pointer (RFC 6901) to the offending input, e.g. /query/limit" }),
  detail: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, as every error response is shaped (`application/problem+json`). */
export const ProblemDetailsSchema = z
  .object({
    type: z.string().meta({ description: "Stable URI identifying the kind of problem" }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: "ProblemDetails", description: "RFC 9457 problem details" });
export type ProblemDetails = z.infer<typeof ProblemDetailsSchema>;
