import { PROBLEM_CONTENT_TYPE } from "@folio/core";
import { ProblemDetailsSchema } from "@folio/types";
import { z } from "zod";

/**
 * `security` of an operation anyone may call: an explicit empty requirement list, so the
 * document says "no authentication" rather than leaving it unstated.
 */
export const PUBLIC: Record<string, string[]>[] = [];

/** For routes without parameters: like every list endpoint, an unknown parameter is a 400. */
export const NoQuerySchema = z.strictObject({});

const PROBLEM_DESCRIPTIONS = {
  400: "The request is invalid; `errors` names each offending field by JSON Pointer",
  404: "The resource does not exist",
  405: "The method is not allowed on this resource",
  414: "The request URI is too long",
  429: "Too many requests; retry after the `Retry-After` header",
  500: "Unexpected server error; quote `request_id` when reporting it",
  503: "The service is temporarily unavailable",
} as const;

export type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

/**
 * Response schemas for error statuses, documented as `application/problem+json`. Fastify picks
 * the serializer by the reply's content type, so problems sent by the error handler go through
 * `ProblemDetailsSchema` too.
 */
export function problemResponses<S extends ProblemStatus>(
  ...statuses: S[]
): Record<S, { description: string; content: Record<string, { schema: typeof ProblemDetailsSchema }> }> {
  const out = {} as Record<
    S,
    { description: string; content: Record<string, { schema: typeof ProblemDetailsSchema }> }
  >;
  for (const status of statuses) {
    out[status] = {
      description: PROBLEM_DESCRIPTIONS[status],
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemDetailsSchema } },
    };
  }
  return out;
}

declare module "fastify" {
  interface FastifySchema {
    /** Description of each success response in the OpenAPI document (see openapi.ts). */
    responseDescriptions?: Partial<Record<number, string>>;
  }
}
