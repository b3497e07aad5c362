import { z } from "zod";
import { CursorSchema, IdSchema, LimitSchema, TimestampSchema, listEnvelopeSchema } from "./common.js";

export const REDIRECT_PATH_MAX_LENGTH = 2000;
export const RedirectStatusCodeValues = [301, 302, 307, 308] as const;
export type RedirectStatusCode = (typeof RedirectStatusCodeValues)[number];
export const RedirectStatusCodeSchema = z
  .union([z.literal(301), z.literal(302), z.literal(307), z.literal(308)])
  .meta({ description: "301/308 permanent, 302/307 temporary" });

/** `manual`: added in the dashboard; the others were added when a slug changed. */
export const RedirectKindValues = ["manual", "post", "page", "tag", "category"] as const;
export type RedirectKind = (typeof RedirectKindValues)[number];
export const RedirectKindSchema = z.enum(RedirectKindValues);

export const RedirectSchema = z
  .object({
    id: IdSchema,
    from_path: z.string().meta({ description: "Site path, normalised: `/old`, no query, no trailing slash" }),
    to_path: z.string().meta({ description: "Site path (`/new`) or absolute http(s) URL" }),
    status_code: RedirectStatusCodeSchema,
    kind: RedirectKindSchema,
    hits: z.number().int().nonnegative(),
    last_hit_at: TimestampSchema.nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  })
  .meta({ id: "Redirect" });
export type Redirect = z.infer<typeof RedirectSchema>;

export const RedirectListSchema = listEnvelopeSchema(RedirectSchema).meta({ id: "RedirectList" });
export type RedirectList = z.infer<typeof RedirectListSchema>;

export const ListRedirectsQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(200).optional().meta({ description: "Substring of from_path or to_path" }),
  kind: RedirectKindSchema.optional(),
  limit: LimitSchema,
  cursor: CursorSchema.optional(),
});
export type ListRedirectsQuery = z.output<typeof ListRedirectsQuerySchema>;
export type ListRedirectsQueryInput = z.input<typeof ListRedirectsQuerySchema>;

const PathInputSchema = z.string().trim().min(1).max(REDIRECT_PATH_MAX_LENGTH);

export const RedirectInputSchema = z
  .strictObject({
    from_path: PathInputSchema.meta({
      description: "Site path; normalised (leading slash added, trailing slash and query dropped)",
    }),
    to_path: PathInputSchema.meta({ description: "Site path or absolute http(s) URL" }),
    status_code: RedirectStatusCodeSchema.default(301),
  })
  .meta({ id: "CreateRedirectBody" });
export type RedirectInput = z.output<typeof RedirectInputSchema>;
export type RedirectInputBody = z.input<typeof RedirectInputSchema>;

export const RedirectPatchSchema = z
  .strictObject({
    from_path: PathInputSchema.optional(),
    to_path: PathInputSchema.optional(),
    status_code: RedirectStatusCodeSchema.optional(),
  })
  .meta({ id: "UpdateRedirectBody" });
export type RedirectPatch = z.infer<typeof RedirectPatchSchema>;

export const RedirectIdParamsSchema = z.strictObject({ id: IdSchema });
export type RedirectIdParams = z.infer<typeof RedirectIdParamsSchema>;

export const ResolveRedirectQuerySchema = z.strictObject({
  path: z.string().min(1).max(REDIRECT_PATH_MAX_LENGTH).meta({ description: "The requested site path" }),
});
export type ResolveRedirectQuery = z.infer<typeof ResolveRedirectQuerySchema>;

export const RedirectResolutionSchema = z
  .object({ to_path: z.string(), status_code: RedirectStatusCodeSchema })
  .meta({ id: "RedirectResolution" });
export type RedirectResolution = z.infer<typeof RedirectResolutionSchema>;
