import { type FieldError, type FolioError, InternalError } from "./errors.js";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** RFC 9457 problem details as Folio sends them (matches `ProblemDetailsSchema` in @folio/types). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
  /** Extension members (RFC 9457 §3.2) of the error, e.g. `current_version`. */
  [extension: string]: unknown;
}

/** Member names an extension may not take over. */
const STANDARD_MEMBERS = new Set(["type", "title", "status", "detail", "instance", "request_id", "errors"]);

export interface ProblemContext {
  /** The request path (or another URI identifying this occurrence). */
  instance?: string | undefined;
  requestId?: string | undefined;
}

const INTERNAL_DETAIL = "An unexpected error occurred. Quote the request id when reporting it.";

function withContext(problem: ProblemDetails, ctx: ProblemContext | undefined): ProblemDetails {
  if (ctx?.instance !== undefined) problem.instance = ctx.instance;
  if (ctx?.requestId !== undefined) problem.request_id = ctx.requestId;
  return problem;
}

/** The generic 500 answer for anything that is not a client-facing error: never a message or a stack. */
export function internalServerProblem(ctx?: ProblemContext): ProblemDetails {
  const reference = new InternalError();
  return withContext(
    { type: reference.type, title: reference.title, status: reference.status, detail: INTERNAL_DETAIL },
    ctx,
  );
}

/** A plain, JSON-ready problem details object for `err`; keys without a value are left out. */
export function toProblemDetails(err: FolioError, ctx?: ProblemContext): ProblemDetails {
  if (err instanceof InternalError || err.status === 500) return internalServerProblem(ctx);
  const problem: ProblemDetails = { type: err.type, title: err.title, status: err.status };
  for (const [name, value] of Object.entries(err.extensions ?? {})) {
    if (!STANDARD_MEMBERS.has(name) && value !== undefined) problem[name] = value;
  }
  if (err.detail !== undefined) problem.detail = err.detail;
  withContext(problem, ctx);
  if (err.errors !== undefined)
    problem.errors = err.errors.map((e) => ({ pointer: e.pointer, detail: e.detail }));
  return problem;
}
