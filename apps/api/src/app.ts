import type { Config } from "@folio/config";
import { ServiceUnavailableError, UriTooLongError } from "@folio/core";
import type { Database } from "@folio/database";
import type { DevOutboxService } from "@folio/domain";
import Fastify, { LogController, type FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { LoggerOptions } from "pino";
import type { Registry } from "prom-client";
import { authPlugin } from "./plugins/auth.js";
import { httpCachePlugin, type PublicCachePolicy } from "./plugins/http-cache.js";
import { metricsPlugin } from "./plugins/metrics.js";
import { openApiPlugin, type OpenApiServer } from "./plugins/openapi.js";
import { clientErrorHandler, frameworkErrors, problemDetailsPlugin } from "./plugins/problem-details.js";
import { genRequestId, requestIdPlugin } from "./plugins/request-id.js";
import { securityPlugin } from "./plugins/security.js";
import { responseSerializerCompiler } from "./plugins/serialization.js";
import { zodValidatorCompiler } from "./plugins/zod-validation.js";
import { authRoutes } from "./routes/auth.routes.js";
import { adminRolesRoutes } from "./routes/admin-roles.routes.js";
import { adminUsersRoutes } from "./routes/admin-users.routes.js";
import { auditRoutes } from "./routes/audit.routes.js";
import { commentsRoutes } from "./routes/comments.routes.js";
import { authorsRoutes } from "./routes/authors.routes.js";
import { devOutboxRoutes } from "./routes/dev-outbox.routes.js";
import { docsRoutes } from "./routes/docs.routes.js";
import { healthRoutes } from "./routes/health.routes.js";
import { jobsRoutes } from "./routes/jobs.routes.js";
import { jwksRoutes } from "./routes/jwks.routes.js";
import { mediaRoutes } from "./routes/media.routes.js";
import { meRoutes } from "./routes/me.routes.js";
import { notesRoutes } from "./routes/notes.routes.js";
import { metricsRoutes } from "./routes/metrics.routes.js";
import { oauthRoutes } from "./routes/oauth.routes.js";
import { revisionsRoutes } from "./routes/revisions.routes.js";
import { postsRoutes } from "./routes/posts.routes.js";
import { adminPostsRoutes } from "./routes/admin-posts.routes.js";
import { taxonomyRoutes } from "./routes/taxonomy.routes.js";
import { adminTaxonomyRoutes } from "./routes/admin-taxonomy.routes.js";
import { redirectsRoutes } from "./routes/redirects.routes.js";
import { sitemapRoutes } from "./routes/sitemap.routes.js";
import { createApiTokenAuthenticator, tokensRoutes } from "./routes/tokens.routes.js";
import type { ApiServices } from "./services.js";

/**
 * Longest request target we route (8 KiB, what common proxies accept). Longer ones answer 414;
 * beyond Node's header limit (16 KiB) Node itself rejects the request (431, see clientErrorHandler).
 */
export const MAX_URL_LENGTH = 8_192;

/** Logged request headers that carry credentials. */
export const REDACTED_LOG_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export const DEFAULT_OPENAPI_SERVERS: readonly OpenApiServer[] = [
  { url: "/", description: "The Folio instance serving this document" },
];

export interface BuildAppDeps {
  config: Config;
  database: Pick<Database, "ping">;
  services: ApiServices;
  /** Checked by readiness when given. */
  redis?: Redis | null | undefined;
  /** pino options merged over the defaults (level from config, credential redaction), or false for no logs. */
  logger?: LoggerOptions | false | undefined;
  /**
   * `servers` of the OpenAPI document. Default: "/", the instance serving the document (a
   * self-hosted API has no canonical URL).
   */
  openApiServers?: readonly OpenApiServer[] | undefined;
  /** Prometheus registry of the app (default: a new one); pass it to share it with the cache. */
  metricsRegistry?: Registry | undefined;
  /** Cache-Control lifetimes of routes flagged `config.publicCache` (see http-cache.ts). */
  publicCachePolicy?: Partial<PublicCachePolicy> | undefined;
  /** The dev mailbox reader; its route exists only when `config.messaging.devOutbox` is true too. */
  devOutbox?: DevOutboxService | undefined;
}

function loggerOptions(config: Config, logger: LoggerOptions | false | undefined): false | LoggerOptions {
  if (logger === false) return false;
  return {
    level: config.logLevel,
    ...logger,
    redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" },
  };
}

/**
 * The Folio HTTP API with every plugin and route registered; not yet listening and not yet
 * `ready()`, so callers (tests) may still add routes or hooks.
 */
export async function buildApp(deps: BuildAppDeps): Promise<FastifyInstance> {
  const { config, services } = deps;
  const app = Fastify({
    logger: loggerOptions(config, deps.logger),
    logController: new LogController({ requestIdLogLabel: "request_id" }),
    genReqId: genRequestId,
    requestIdHeader: false,
    bodyLimit: config.http.bodyLimitBytes,
    routerOptions: { maxParamLength: MAX_URL_LENGTH },
    trustProxy: config.http.trustProxy,
    requestTimeout: config.http.requestTimeoutMs,
    // Answered by our own onRequest hook so the 503 is problem details too.
    return503OnClosing: false,
    frameworkErrors,
    clientErrorHandler,
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);

  // Cross-cutting plugins first: every route below gets them.
  await app.register(requestIdPlugin);
  await app.register(problemDetailsPlugin, { bodyLimitBytes: config.http.bodyLimitBytes });
  await app.register(metricsPlugin, { registry: deps.metricsRegistry });
  await app.register(httpCachePlugin, deps.publicCachePolicy ? { policy: deps.publicCachePolicy } : {});
  await app.register(securityPlugin, { corsOrigins: config.http.corsOrigins });
  await app.register(openApiPlugin, {
    servers: deps.openApiServers ?? DEFAULT_OPENAPI_SERVERS,
  });

  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  app.addHook("onRequest", (request, reply, done) => {
    if (closing) {
      reply.header("connection", "close");
      done(new ServiceUnavailableError("The server is shutting down; retry on another instance.", 1));
      return;
    }
    if (request.url.length > MAX_URL_LENGTH) {
      done(new UriTooLongError(`The request URI is longer than ${MAX_URL_LENGTH} characters.`));
      return;
    }
    done();
  });
  // Responses finishing during shutdown close their connection instead of keeping it alive.
  app.addHook("onSend", (_request, reply, payload, done) => {
    if (closing) reply.header("connection", "close");
    done(null, payload);
  });

  // Before the routes: it checks that each declares a permission, and enforces it.
  await app.register(authPlugin, {
    authenticate: (token) => services.accounts.authenticate(token),
    stepUpAt: (sessionId) => services.accounts.stepUpAt(sessionId),
    authenticateApiToken: createApiTokenAuthenticator(services.admin.tokens),
    stepUpTtlSeconds: config.auth.stepUpTtlSeconds,
    cookieSecure: config.auth.cookieSecure,
    allowedOrigins: [...new Set([...config.http.corsOrigins, new URL(config.publicUrl).origin])],
  });

  // Routes: HTTP only, one line per module.
  await app.register(healthRoutes, { database: deps.database, redis: deps.redis });
  await app.register(metricsRoutes);
  await app.register(postsRoutes, { prefix: "/api/v1", posts: services.posts });
  await app.register(adminPostsRoutes, { prefix: "/api/v1", postsAdmin: services.postsAdmin });
  await app.register(taxonomyRoutes, { prefix: "/api/v1", taxonomy: services.taxonomy });
  await app.register(authorsRoutes, { prefix: "/api/v1", authors: services.authors });
  await app.register(authRoutes, { prefix: "/api/v1", accounts: services.accounts });
  await app.register(meRoutes, { prefix: "/api/v1", accounts: services.accounts });
  await app.register(oauthRoutes, { prefix: "/api/v1", oauth: services.oauth });
  await app.register(jwksRoutes, { accounts: services.accounts });
  await app.register(adminUsersRoutes, { prefix: "/api/v1", users: services.admin.users });
  await app.register(adminRolesRoutes, { prefix: "/api/v1", roles: services.admin.roles });
  await app.register(tokensRoutes, { prefix: "/api/v1", tokens: services.admin.tokens });
  await app.register(auditRoutes, { prefix: "/api/v1", audit: services.admin.audit });
  await app.register(revisionsRoutes, { prefix: "/api/v1", revisions: services.revisions });
  await app.register(notesRoutes, { prefix: "/api/v1", notes: services.notes });
  await app.register(jobsRoutes, { prefix: "/api/v1", jobs: services.jobs });
  await app.register(mediaRoutes, { media: services.media });
  await app.register(commentsRoutes, { prefix: "/api/v1", comments: services.comments });
  await app.register(adminTaxonomyRoutes, { prefix: "/api/v1", taxonomyAdmin: services.taxonomyAdmin });
  await app.register(redirectsRoutes, { prefix: "/api/v1", redirects: services.redirects });
  await app.register(sitemapRoutes, { prefix: "/api/v1", discovery: services.discovery });
  if (config.messaging.devOutbox && deps.devOutbox) {
    await app.register(devOutboxRoutes, { prefix: "/api/v1", devOutbox: deps.devOutbox });
  }
  await app.register(docsRoutes);
  return app;
}
