import type { Pool } from "pg";
import type { Cluster, Redis } from "ioredis";
import type { Registry } from "prom-client";

/** Where a value can be served from. */
export type CacheTier = "memory" | "redis" | "postgres";

export interface CacheLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  /** Used for "tier recovered" messages when present. */
  info?(obj: object, msg: string): void;
}

export interface CacheOptions {
  /** Logical name, part of every key (e.g. "folio"). */
  namespace: string;
  /** Bump to invalidate a whole namespace: keys include `v<version>`. Default 1. */
  version?: number;
  /** L1 in-process LRU (default on: 10 000 entries, 64 MiB). */
  memory?: { maxEntries?: number; maxBytes?: number } | false;
  /**
   * L2 Redis and the pub/sub bus that keeps every node's L1 coherent. A URL creates (and owns) a
   * single-node client; a passed client (single node, sentinel or cluster) is used as is and never
   * closed by the cache.
   */
  redis?: { url: string } | { client: Redis | Cluster } | null;
  /** Optional L3: a PostgreSQL table with expiry and a periodic sweep. */
  postgres?:
    | { connectionString: string; table?: string; sweepIntervalMs?: number | false }
    | { pool: Pool; table?: string; sweepIntervalMs?: number | false }
    | null;
  /** Default 60 000. */
  defaultTtlMs?: number;
  /** Fraction of the TTL added or removed at random (0.1 = ±10 %). Default 0. */
  ttlJitter?: number;
  /** How long after its TTL a value may still be served stale (loader failing or refreshing). */
  graceMs?: number | false;
  /** Serialised values larger than this are not cached (the loader result is still returned). Default 1 MiB. */
  maxValueBytes?: number;
  /** Registry for the metrics (a per-app registry; never the global one). */
  metrics?: Registry | null;
  logger?: CacheLogger;
  /** Prefix of every Redis and PostgreSQL key (tests use one per run). Default "folio-cache". */
  keyPrefix?: string;
}

export interface GetOrSetOptions {
  ttlMs?: number;
  tags?: string[];
  graceMs?: number | false;
  /**
   * Within the grace period: true (default) answers the stale value at once and reloads in the
   * background (stale-while-revalidate); false waits for the loader and answers the stale value
   * only if the loader fails, so a read after an invalidation is always fresh while the source is up.
   */
  backgroundRefresh?: boolean;
  /**
   * Which loader errors the grace period covers (default: every error). An error it refuses (a
   * "not found" that means the value is gone, not that the source is down) reaches the caller
   * even while a stale value is at hand.
   */
  graceOnError?: (error: unknown) => boolean;
  /** Cache a `null` result (negative caching). Default false: null is returned but not stored. */
  cacheNull?: boolean;
}

export interface SetOptions {
  ttlMs?: number;
  tags?: string[];
}

export interface LoaderContext {
  /** Aborted when the cache is closed. */
  signal?: AbortSignal;
  /**
   * Adds tags known only once the value is loaded (a post read by slug also carries `post:<id>`).
   * Present in `getOrSet` loaders.
   */
  addTags?: (tags: string[]) => void;
}

export interface WarmEntry {
  key: string;
  loader: () => Promise<unknown>;
  ttlMs?: number;
  tags?: string[];
}

export interface TierStats {
  hits: number;
  misses: number;
  evictions: number;
  errors: number;
  hitRatio: number;
}

export interface NamespaceStats {
  hits: number;
  misses: number;
  staleHits: number;
  loads: number;
  loadErrors: number;
  evictions: number;
  hitRatio: number;
  tiers: Partial<Record<CacheTier, TierStats>>;
}

export interface CacheSummary {
  namespace: string;
  version: number;
  tiers: Partial<Record<CacheTier, TierStats & { healthy: boolean }>>;
  namespaces: Record<string, NamespaceStats>;
  totals: NamespaceStats;
}

export interface Cache {
  /** The metrics label of this namespace, e.g. "folio" or "folio.posts". */
  readonly name: string;
  get<T>(key: string): Promise<T | undefined>;
  /** Read-through with single-flight per key (per process). */
  getOrSet<T>(key: string, loader: (ctx: LoaderContext) => Promise<T>, options?: GetOrSetOptions): Promise<T>;
  /** Write-through: memory, Redis and PostgreSQL before it resolves. */
  set<T>(key: string, value: T, options?: SetOptions): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** Every key carrying any of the tags, in every tier and (over the bus) every node's L1. */
  invalidateTags(tags: string[]): Promise<void>;
  clear(): Promise<void>;
  /** A child namespace sharing the tiers: its own keys and clear(); tags are shared with the whole cache. */
  namespace(name: string): Cache;
  warm(entries: WarmEntry[]): Promise<{ warmed: number; failed: number }>;
  summary(): CacheSummary;
  close(): Promise<void>;
}
