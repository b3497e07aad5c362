import { type Cache, type CacheLogger, createCache } from "@folio/cache";
import type { Database } from "@folio/database";
import { PUBLIC_READ_TTL_MS } from "@folio/domain";
import type { Registry } from "prom-client";

/** The cache's namespace: the metrics label (`folio`, `folio.posts`, ...) and part of every key. */
export const API_CACHE_NAMESPACE = "folio";

/** L1 bounds per API process. */
export const API_CACHE_MEMORY = { maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 } as const;

export interface ApiCacheOptions {
  /** L2 Redis and the invalidation bus between API processes; memory only when null. */
  redisUrl: string | null;
  /** Shared by every API process reading the same database: see cacheKeyPrefixFor. */
  keyPrefix: string;
  /** The app's registry: `folio_cache_*` metrics appear on /metrics. */
  registry?: Registry | null | undefined;
  logger?: CacheLogger | undefined;
}

/**
 * The API's read cache: memory (L1) in every process, plus Redis (L2) and the pub/sub bus that
 * drops every process's L1 copy of an invalidated entry when REDIS_URL is set. Redis being down
 * degrades it to L1 and the database; requests keep succeeding and it reconnects by itself.
 */
export function createApiCache(options: ApiCacheOptions): Cache {
  return createCache({
    namespace: API_CACHE_NAMESPACE,
    memory: API_CACHE_MEMORY,
    redis: options.redisUrl === null ? null : { url: options.redisUrl },
    defaultTtlMs: PUBLIC_READ_TTL_MS,
    ttlJitter: 0.1,
    metrics: options.registry ?? null,
    keyPrefix: options.keyPrefix,
    ...(options.logger && { logger: options.logger }),
  });
}

/**
 * Cache keys are scoped to the database they were read from: `folio-cache:<database name>`.
 * Every API process of a deployment reads the same database (through pgbouncer, a replica or
 * directly: the name is the server's, not the URL's), so they share entries and invalidations;
 * deployments with differently named databases can share one Redis without seeing each other's
 * entries. Two deployments whose databases have the same name need separate Redis databases
 * (`redis://host:6379/<n>`).
 */
export async function cacheKeyPrefixFor(database: Pick<Database, "withConnection">): Promise<string> {
  const [row] = await database.withConnection((connection) =>
    connection.query<{ name: string }>("select current_database() as name"),
  );
  if (!row) throw new Error("current_database() returned no row");
  return `folio-cache:${row.name}`;
}
