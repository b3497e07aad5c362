import type { ProblemDetails } from "@folio/types";

const PROBLEM_ERROR_BRAND = Symbol.for("folio.api-client.problem-error");

/**
 * An HTTP error answered by the API (or by something in front of it), carrying its RFC 9457
 * problem details. Non-problem error bodies are turned into a synthesised problem so callers
 * always switch on the same shape.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;
  readonly requestId?: string;
  /** Method and URL of the request that failed, for logs. */
  readonly method: string;
  readonly url: string;

  constructor(init: {
    problem: ProblemDetails;
    method: string;
    url: string;
    requestId?: string | undefined;
  }) {
    const { problem } = init;
    super(
      `${init.method} ${init.url} failed with ${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ""}`,
    );
    this.name = "ProblemError";
    this.status = problem.status;
    this.problem = problem;
    this.method = init.method;
    this.url = init.url;
    const requestId = init.requestId ?? problem.request_id;
    if (requestId !== undefined) this.requestId = requestId;
  }
}
Object.defineProperty(ProblemError.prototype, PROBLEM_ERROR_BRAND, { value: true, enumerable: false });

/** True for a ProblemError, including one created by another copy of this package. */
export function isProblemError(e: unknown): e is ProblemError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as Record<PropertyKey, unknown>)[PROBLEM_ERROR_BRAND] === true &&
    typeof (e as { status?: unknown }).status === "number"
  );
}

/** The request did not complete within `timeoutMs` (after all retries). */
export class TimeoutError extends Error {
  readonly timeoutMs: number;
  constructor(method: string, url: string, timeoutMs: number) {
    super(`${method} ${url} timed out after ${timeoutMs} ms`);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** The request could not reach the server (connection refused, reset, DNS failure…). */
export class NetworkError extends Error {
  constructor(method: string, url: string, cause: unknown) {
    super(`${method} ${url} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "NetworkError";
  }
}

export interface ValidationIssue {
  path: PropertyKey[];
  message: string;
}

/** The server answered 2xx but the body does not match the contract the client expects. */
export class ResponseValidationError extends Error {
  readonly issues: ValidationIssue[];
  readonly status: number;
  constructor(method: string, url: string, status: number, issues: ValidationIssue[]) {
    const summary = issues
      .slice(0, 5)
      .map((i) => `${i.path.length > 0 ? i.path.map(String).join(".") : "(root)"}: ${i.message}`)
      .join("; ");
    super(
      `${method} ${url} returned a ${status} response that does not match the expected schema: ${summary}`,
    );
    this.name = "ResponseValidationError";
    this.issues = issues;
    this.status = status;
  }
}

const STATUS_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function isProblemShape(value: unknown): value is ProblemDetails {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === "string" && typeof v.status === "number";
}

/**
 * Builds the problem for an error response from its already-read body: the body itself when it
 * is problem details (or JSON shaped like one), otherwise a synthesised `about:blank` problem
 * with the status' title and, as `detail`, the start of the body text.
 */
export function problemFromResponse(
  res: { status: number; statusText: string; headers: Headers },
  text: string,
): ProblemDetails {
  const contentType = res.headers.get("content-type") ?? "";
  if (/json/i.test(contentType) && text.length > 0) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isProblemShape(parsed)) {
        return { ...parsed, type: typeof parsed.type === "string" ? parsed.type : "about:blank" };
      }
    } catch {
      // Not JSON after all: fall through to a synthesised problem.
    }
  }
  const problem: ProblemDetails = {
    type: "about:blank",
    title: STATUS_TITLES[res.status] ?? (res.statusText || `HTTP ${res.status}`),
    status: res.status >= 400 && res.status <= 599 ? res.status : 500,
  };
  const detail = text.trim().slice(0, 500);
  if (detail.length > 0) problem.detail = detail;
  const requestId = res.headers.get("x-request-id");
  if (requestId !== null) problem.request_id = requestId;
  return problem;
}
