export {
  DEFAULT_OPENAPI_SERVERS,
  MAX_URL_LENGTH,
  REDACTED_LOG_PATHS,
  buildApp,
  type BuildAppDeps,
} from "./app.js";
export {
  API_CACHE_MEMORY,
  API_CACHE_NAMESPACE,
  cacheKeyPrefixFor,
  createApiCache,
  type ApiCacheOptions,
} from "./cache.js";
export { API_VERSION, OPENAPI_TAGS, type OpenApiServer } from "./plugins/openapi.js";
export {
  DEFAULT_PUBLIC_CACHE_POLICY,
  entityTagOf,
  httpCachePlugin,
  ifNoneMatchMatches,
  publicCacheControl,
  type HttpCachePluginOptions,
  type PublicCachePolicy,
} from "./plugins/http-cache.js";
export { UNMATCHED_ROUTE, type ApiMetrics } from "./plugins/metrics.js";
export { REQUEST_ID_HEADER } from "./plugins/request-id.js";
export { createRedisClient, type RedisClientOptions } from "./redis.js";
export {
  createDatabaseFromConfig,
  startServer,
  type RunningServer,
  type StartServerOptions,
} from "./server.js";
export { installShutdownHandlers, type ShutdownOptions } from "./shutdown.js";
export { accountsOptionsFromConfig, type ApiServices } from "./services.js";
