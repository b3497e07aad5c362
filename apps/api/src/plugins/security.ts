import cors from "@fastify/cors";
import type { FastifyPluginAsync } from "fastify";
import helmet, { type HelmetOptions } from "helmet";
import type { IncomingMessage, ServerResponse } from "node:http";
import fp from "fastify-plugin";
import { REQUEST_ID_HEADER } from "./request-id.js";

/**
 * The API answers JSON only, so nothing it sends may load or run anything: `default-src 'none'`.
 * The docs page (/docs) gets its own, wider policy (see DOCS_CONTENT_SECURITY_POLICY).
 */
export const API_CONTENT_SECURITY_POLICY: HelmetOptions["contentSecurityPolicy"] = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

/**
 * Scalar's page: its bundle and styles come from this server (/docs/js/scalar.js), its start-up
 * configuration is an inline script, and it loads its web fonts from fonts.scalar.com. Requests
 * it makes ("Try it") go to this origin only.
 */
export const DOCS_CONTENT_SECURITY_POLICY: HelmetOptions["contentSecurityPolicy"] = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'", "'unsafe-inline'"],
    styleSrc: ["'self'", "'unsafe-inline'", "https://fonts.scalar.com"],
    fontSrc: ["'self'", "data:", "https://fonts.scalar.com"],
    imgSrc: ["'self'", "data:", "https:"],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", "blob:"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route's security headers: "docs" for the API reference page, the API's otherwise. */
    securityHeaders?: "api" | "docs";
  }
}

const SHARED_HEADER_OPTIONS: HelmetOptions = {
  // Responses are JSON read by other origins through CORS; CORP would only block no-cors reads.
  crossOriginResourcePolicy: { policy: "same-site" },
};

/**
 * The headers helmet sets for `options`, computed once. @fastify/helmet built helmet's
 * middleware on every request (parsing the CSP directives each time); none of our headers depend
 * on the request, so each request copies a ready object instead.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
      return response;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error instanceof Error) throw error;
    if (error !== undefined) throw new Error("helmet refused its options");
  });
  return Object.freeze(headers);
}

export interface SecurityPluginOptions {
  corsOrigins: readonly string[];
}

const security: FastifyPluginAsync<SecurityPluginOptions> = async (app, { corsOrigins }) => {
  const api = securityHeaders({
    ...SHARED_HEADER_OPTIONS,
    contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
  });
  const docs = securityHeaders({
    ...SHARED_HEADER_OPTIONS,
    contentSecurityPolicy: DOCS_CONTENT_SECURITY_POLICY,
  });
  // Every response, errors and the router's 404 included; a route may still override one.
  app.addHook("onRequest", (request, reply, done) => {
    reply.headers(request.routeOptions.config.securityHeaders === "docs" ? docs : api);
    done();
  });
  await app.register(cors, {
    origin: [...corsOrigins],
    methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
    allowedHeaders: ["accept", "authorization", "content-type", REQUEST_ID_HEADER],
    exposedHeaders: [REQUEST_ID_HEADER, "retry-after", "allow"],
    maxAge: 600,
    strictPreflight: true,
  });
};

/** Security headers (helmet's, computed once) and CORS for the configured origins. */
export const securityPlugin = fp(security, { name: "folio-security", fastify: "5.x" });
