import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import {
  BadRequestError,
  MethodNotAllowedError,
  NotFoundError,
  PROBLEM_CONTENT_TYPE,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
  internalServerProblem,
  isFolioError,
  problemTypeUri,
  toProblemDetails,
  type FolioError,
  type ProblemDetails,
  uuidv7,
} from "@folio/core";
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  HTTPMethods,
} from "fastify";
import fp from "fastify-plugin";
import { REQUEST_ID_HEADER } from "./request-id.js";
import { pointerFor } from "./zod-validation.js";

export const NO_STORE = "no-store";

/** The path part of the request URL: what `instance` names. */
function pathOf(url: string): string {
  const queryAt = url.indexOf("?");
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

interface MappedError {
  problem: ProblemDetails;
  headers?: Readonly<Record<string, string>> | undefined;
}

function fromFolio(error: FolioError, request: FastifyRequest): MappedError {
  return {
    problem: toProblemDetails(error, { instance: pathOf(request.url), requestId: request.id }),
    headers: error.headers,
  };
}

/** A client error Fastify raised itself, answered with its status and a fixed, safe text. */
function plainProblem(status: number, detail: string, request: FastifyRequest): MappedError {
  const title = STATUS_CODES[status] ?? "Bad Request";
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    problem: {
      type: problemTypeUri(slug),
      title,
      status,
      detail,
      instance: pathOf(request.url),
      request_id: request.id,
    },
  };
}

interface ValidationEntry {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).code === "string";
}

/**
 * Turns anything thrown while handling a request into the problem to answer, or null when it is
 * not a client error (logged and answered as a generic 500).
 */
export function mapError(
  error: unknown,
  request: FastifyRequest,
  bodyLimitBytes: number,
): MappedError | null {
  if (isFolioError(error))
    return error.status >= 500 && error.status !== 503 ? null : fromFolio(error, request);
  if (!isFastifyError(error)) return null;
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return fromFolio(new PayloadTooLargeError(bodyLimitBytes), request);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return fromFolio(new UnsupportedMediaTypeError(request.headers["content-type"]), request);
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return fromFolio(
        new BadRequestError("The request body is empty but its content-type says JSON."),
        request,
      );
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return fromFolio(new BadRequestError("The request body is not valid JSON."), request);
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return fromFolio(new BadRequestError("The request body does not match its Content-Length."), request);
    case "FST_ERR_VALIDATION": {
      // A validator other than ours (e.g. a plugin's JSON schema): keep the field paths.
      const part = (error as FastifyError & { validationContext?: string }).validationContext ?? "body";
      const entries = ((error as FastifyError & { validation?: ValidationEntry[] }).validation ?? []).map(
        (v) => ({
          pointer: pointerFor(
            part,
            (v.instancePath ?? "").split("/").filter((t) => t !== ""),
          ),
          detail: v.message ?? "is invalid",
        }),
      );
      return fromFolio(new ValidationError(entries), request);
    }
    default:
      break;
  }
  // JSON.parse failures surface as a SyntaxError carrying statusCode 400.
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return fromFolio(new BadRequestError("The request body is not valid JSON."), request);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500)
    return plainProblem(status, STATUS_CODES[status] ?? "Bad request", request);
  return null;
}

export function sendProblem(reply: FastifyReply, mapped: MappedError): FastifyReply {
  for (const [name, value] of Object.entries(mapped.headers ?? {})) reply.header(name, value);
  return reply
    .code(mapped.problem.status)
    .header("cache-control", NO_STORE)
    .type(PROBLEM_CONTENT_TYPE)
    .send(mapped.problem);
}

const PROBED_METHODS: readonly HTTPMethods[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

/** Methods that would match this path, for a 405 instead of a 404. */
function allowedMethods(app: FastifyInstance, request: FastifyRequest): string[] {
  const path = pathOf(request.url);
  return PROBED_METHODS.filter(
    (method) => method !== request.method && app.findRoute({ method, url: path }) !== null,
  );
}

export interface ProblemDetailsOptions {
  bodyLimitBytes: number;
}

const problemDetails: FastifyPluginAsync<ProblemDetailsOptions> = (app, { bodyLimitBytes }) => {
  app.setErrorHandler((error, request, reply) => {
    const mapped = mapError(error, request, bodyLimitBytes);
    if (mapped === null) {
      request.log.error({ err: error }, "request failed");
      return sendProblem(reply, {
        problem: internalServerProblem({ instance: pathOf(request.url), requestId: request.id }),
      });
    }
    if (mapped.problem.status >= 500)
      request.log.warn({ err: error }, "request answered with %d", mapped.problem.status);
    return sendProblem(reply, mapped);
  });

  app.setNotFoundHandler((request, reply) => {
    const allowed = allowedMethods(app, request);
    const error =
      allowed.length > 0
        ? new MethodNotAllowedError(allowed)
        : new NotFoundError("route", `${request.method} ${pathOf(request.url)}`);
    return sendProblem(reply, fromFolio(error, request));
  });
  return Promise.resolve();
};

/** Error handler and 404/405 handler answering `application/problem+json`. */
export const problemDetailsPlugin = fp(problemDetails, { name: "folio-problem-details", fastify: "5.x" });

/**
 * Fastify's `frameworkErrors`: failures before routing (a malformed URL such as `/%zz`), where
 * hooks have not run, still answer problem details with a request id.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header(REQUEST_ID_HEADER, request.id);
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
      ? error.statusCode
      : 400;
  void sendProblem(
    reply,
    plainProblem(
      status,
      error.code === "FST_ERR_BAD_URL" ? "The request URL is malformed." : "The request is invalid.",
      request,
    ),
  );
}

/**
 * Node's `clientError`: the request could not even be parsed (oversized headers or URL,
 * malformed request line). Answers a minimal problem document on the raw socket and closes it.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const title = STATUS_CODES[status] ?? "Bad Request";
  const body = JSON.stringify({
    type: problemTypeUri(title.toLowerCase().replace(/[^a-z0-9]+/g, "-")),
    title,
    status,
    detail:
      status === 431 ? "The request line or headers are too large." : "The request could not be parsed.",
    request_id: uuidv7(),
  } satisfies ProblemDetails);
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Cache-Control: ${NO_STORE}\r\nConnection: close\r\n\r\n${body}`,
  );
}
