import { uuidv7 } from "@folio/core";
import type { FastifyPluginAsync, RawRequestDefaultExpression } from "fastify";
import fp from "fastify-plugin";

export const REQUEST_ID_HEADER = "x-request-id";
/** What we accept from a caller or a proxy: short, and safe to log and echo. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export function isAcceptableRequestId(value: unknown): value is string {
  return typeof value === "string" && REQUEST_ID_PATTERN.test(value);
}

/**
 * Fastify's `genReqId`: keeps a sane incoming `x-request-id` (so a proxy's id follows the request
 * through our logs) and generates a UUIDv7 otherwise.
 */
export function genRequestId(req: RawRequestDefaultExpression): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return isAcceptableRequestId(incoming) ? incoming : uuidv7();
}

const requestId: FastifyPluginAsync = (app) => {
  app.addHook("onRequest", (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  return Promise.resolve();
};

/** Echoes the request id on every response (errors and 404s included). */
export const requestIdPlugin = fp(requestId, { name: "folio-request-id", fastify: "5.x" });
