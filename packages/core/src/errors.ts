/**
 * One error hierarchy for every Folio package. Each error maps to an RFC 9457 problem details
 * document (see problem-details.ts) with a stable `type` URI that clients may switch on.
 */

/** A single invalid input, addressed by an RFC 6901 JSON Pointer such as `/query/limit` or `/body/title`. */
export interface FieldError {
  pointer: string;
  detail: string;
}

const PROBLEM_TYPE_BASE = "https://folio.dev/problems/";

/** The stable problem `type` URI for a kebab-case slug, e.g. `problemTypeUri("not-found")`. */
export function problemTypeUri(slug: string): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}

/**
 * Brand shared by every copy of this package (Symbol.for is process-global), so `isFolioError`
 * recognises errors thrown by a second installed copy where `instanceof` would fail.
 */
const FOLIO_ERROR_BRAND = Symbol.for("folio.error");

export interface FolioErrorInit {
  /** Kebab-case slug; becomes the `type` URI. */
  slug: string;
  title: string;
  status: number;
  detail?: string | undefined;
  errors?: FieldError[] | undefined;
  /** Machine-readable code; defaults to the slug. */
  code?: string | undefined;
  headers?: Record<string, string> | undefined;
  /**
   * RFC 9457 extension members sent next to `type`, `title` and `status`, e.g.
   * `{ current_version: 7 }`. Standard member names are ignored here.
   */
  extensions?: Record<string, unknown> | undefined;
  cause?: unknown;
}

export abstract class FolioError extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly code: string;
  readonly headers?: Record<string, string>;
  readonly extensions?: Readonly<Record<string, unknown>>;

  protected constructor(init: FolioErrorInit) {
    super(init.detail ?? init.title, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.type = problemTypeUri(init.slug);
    this.title = init.title;
    this.status = init.status;
    this.code = init.code ?? init.slug;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.errors !== undefined)
      this.errors = init.errors.map((e) => ({ pointer: e.pointer, detail: e.detail }));
    if (init.headers !== undefined) this.headers = { ...init.headers };
    if (init.extensions !== undefined) this.extensions = Object.freeze({ ...init.extensions });
  }
}

// On the prototype (not enumerable) so the brand never shows up in serialised errors.
Object.defineProperty(FolioError.prototype, FOLIO_ERROR_BRAND, { value: true, enumerable: false });

/** True for any Folio error, including ones created by another copy of @folio/core. */
export function isFolioError(e: unknown): e is FolioError {
  if (typeof e !== "object" || e === null) return false;
  const candidate = e as Partial<Record<PropertyKey, unknown>>;
  return (
    candidate[FOLIO_ERROR_BRAND] === true &&
    typeof candidate.type === "string" &&
    typeof candidate.title === "string" &&
    typeof candidate.status === "number" &&
    typeof candidate.code === "string"
  );
}

export class BadRequestError extends FolioError {
  constructor(detail: string, options?: ErrorOptions) {
    super({ slug: "bad-request", title: "Bad Request", status: 400, detail, cause: options?.cause });
  }
}

export class ValidationError extends FolioError {
  declare readonly errors: FieldError[];
  constructor(errors: FieldError[], detail = "The request contains invalid values.") {
    super({ slug: "validation", title: "Validation Failed", status: 400, detail, errors });
  }
}

export class UnauthorizedError extends FolioError {
  constructor(detail?: string) {
    super({ slug: "unauthorized", title: "Unauthorized", status: 401, detail });
  }
}

export class ForbiddenError extends FolioError {
  constructor(detail?: string) {
    super({ slug: "forbidden", title: "Forbidden", status: 403, detail });
  }
}

export class NotFoundError extends FolioError {
  readonly resource: string;
  readonly id?: string;
  constructor(resource: string, id?: string) {
    super({
      slug: "not-found",
      title: "Not Found",
      status: 404,
      detail:
        id === undefined ? `${resource} was not found` : `${resource} ${JSON.stringify(id)} was not found`,
    });
    this.resource = resource;
    if (id !== undefined) this.id = id;
  }
}

export class MethodNotAllowedError extends FolioError {
  /** `allowedMethods` becomes the `Allow` header the response must carry (RFC 9110 §15.5.6). */
  constructor(allowedMethods?: readonly string[]) {
    super({
      slug: "method-not-allowed",
      title: "Method Not Allowed",
      status: 405,
      detail:
        allowedMethods === undefined
          ? "The method is not allowed for this resource."
          : `The method is not allowed for this resource; allowed: ${allowedMethods.join(", ")}.`,
      headers: allowedMethods === undefined ? undefined : { Allow: allowedMethods.join(", ") },
    });
  }
}

export class ConflictError extends FolioError {
  /** `code` is a stable, kebab-case reason such as "post-already-published"; the `type` stays .../conflict. */
  constructor(code: string, detail?: string) {
    super({ slug: "conflict", title: "Conflict", status: 409, code, detail });
  }
}

export class PayloadTooLargeError extends FolioError {
  readonly limitBytes?: number;
  constructor(limitBytes?: number) {
    super({
      slug: "payload-too-large",
      title: "Payload Too Large",
      status: 413,
      detail:
        limitBytes === undefined
          ? "The request body is too large."
          : `The request body exceeds the limit of ${limitBytes} bytes.`,
    });
    if (limitBytes !== undefined) this.limitBytes = limitBytes;
  }
}

export class UriTooLongError extends FolioError {
  constructor(detail = "The request URI is too long.") {
    super({ slug: "uri-too-long", title: "URI Too Long", status: 414, detail });
  }
}

export class UnsupportedMediaTypeError extends FolioError {
  constructor(contentType?: string) {
    super({
      slug: "unsupported-media-type",
      title: "Unsupported Media Type",
      status: 415,
      detail:
        contentType === undefined
          ? "The request body's media type is not supported."
          : `The media type ${JSON.stringify(contentType)} is not supported.`,
    });
  }
}

export class UnprocessableError extends FolioError {
  constructor(detail: string, errors?: FieldError[]) {
    super({ slug: "unprocessable", title: "Unprocessable Content", status: 422, detail, errors });
  }
}

function retryAfterHeader(seconds: number): Record<string, string> {
  return { "Retry-After": String(Math.max(0, Math.ceil(seconds))) };
}

export class RateLimitedError extends FolioError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    const seconds = Math.max(0, Math.ceil(retryAfterSeconds));
    super({
      slug: "rate-limited",
      title: "Too Many Requests",
      status: 429,
      detail: `Too many requests; retry after ${seconds} second${seconds === 1 ? "" : "s"}.`,
      headers: retryAfterHeader(seconds),
    });
    this.retryAfterSeconds = seconds;
  }
}

export class ServiceUnavailableError extends FolioError {
  readonly retryAfterSeconds?: number;
  constructor(detail?: string, retryAfterSeconds?: number) {
    super({
      slug: "service-unavailable",
      title: "Service Unavailable",
      status: 503,
      detail,
      headers: retryAfterSeconds === undefined ? undefined : retryAfterHeader(retryAfterSeconds),
    });
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = Math.max(0, Math.ceil(retryAfterSeconds));
  }
}

/**
 * A failure that is our fault. Its `detail` is for logs only: `toProblemDetails` answers it with the
 * same generic text as any unknown error, so internal messages never reach a client.
 */
export class InternalError extends FolioError {
  constructor(detail?: string, options?: ErrorOptions) {
    super({ slug: "internal", title: "Internal Server Error", status: 500, detail, cause: options?.cause });
  }
}
