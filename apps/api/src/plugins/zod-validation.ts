import { ValidationError, type FieldError } from "@folio/core";
import type { FastifySchemaCompiler } from "fastify";
import type { z } from "zod";

/** Where the invalid value was, as the first segment of its JSON Pointer. */
const PART_PREFIX: Record<string, string> = {
  querystring: "/query",
  params: "/params",
  body: "/body",
  headers: "/headers",
};

/** RFC 6901: `~` becomes `~0` and `/` becomes `~1` in each reference token. */
export function escapePointerToken(token: PropertyKey): string {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

export function pointerFor(part: string, path: readonly PropertyKey[]): string {
  const prefix = PART_PREFIX[part] ?? `/${escapePointerToken(part)}`;
  return `${prefix}${path.map((token) => `/${escapePointerToken(token)}`).join("")}`;
}

/** One field error per zod issue; an unknown key becomes an error pointing at that key. */
export function fieldErrorsFromIssues(part: string, issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({
          pointer: pointerFor(part, [...issue.path, key]),
          detail: "is not a recognised parameter",
        });
      }
      continue;
    }
    errors.push({ pointer: pointerFor(part, issue.path), detail: issue.message });
  }
  return errors;
}

/**
 * Like fastify-type-provider-zod's validatorCompiler, but a failure is our `ValidationError`
 * with RFC 6901 pointers prefixed by the request part (`/query/limit`), so the error handler
 * answers every validation failure with the same problem document.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const part = httpPart ?? "body";
  return (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new ValidationError(fieldErrorsFromIssues(part, result.error.issues)) };
  };
};
