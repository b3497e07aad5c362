import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { REQUEST_ID_HEADER } from "./request-id.js";

/**
 * The API answers JSON only, so nothing it sends may load or run anything: `default-src 'none'`.
 * The docs page (/docs) gets its own, wider policy (see DOCS_CONTENT_SECURITY_POLICY).
 */
export const API_CONTENT_SECURITY_POLICY = {
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
export const DOCS_CONTENT_SECURITY_POLICY = {
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

export interface SecurityPluginOptions {
  corsOrigins: readonly string[];
}

const security: FastifyPluginAsync<SecurityPluginOptions> = async (app, { corsOrigins }) => {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
    // Responses are JSON read by other origins through CORS; CORP would only block no-cors reads.
    crossOriginResourcePolicy: { policy: "same-site" },
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

/** Security headers (@fastify/helmet) and CORS for the configured origins. */
export const securityPlugin = fp(security, { name: "folio-security", fastify: "5.x" });
