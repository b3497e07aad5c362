import { BentoCache, bentostore, tracingChannels, type CacheOperationMessage } from "bentocache";
import type { CacheProvider, L2CacheDriver } from "bentocache/types";
import pg from "pg";
import {
  assertNamespaceName,
  internalKey,
  namespaceLabel,
  namespaceTag,
  ROOT_SEGMENT,
  stackPrefix,
} from "./keys.js";
import { type FastReader, MemoryFastPath, parseEntry } from "./memory-fast-path.js";
import { memoryTier } from "./memory-tier.js";
import { CacheMetrics } from "./metrics.js";
import { PostgresDriver } from "./postgres-tier.js";
import {
  adoptRedis,
  connectRedis,
  redisBus,
  redisTier,
  watchRedis,
  type RedisConnection,
} from "./redis-tier.js";
import { type RemoteTier, TieredRemoteDriver } from "./remote-tiers.js";
import { checkSerialisable, deepFreeze } from "./serialization.js";
import { TierHealth } from "./tier-health.js";
import type {
  Cache,
  CacheOptions,
  CacheTier,
  GetOrSetOptions,
  LoaderContext,
  SetOptions,
  WarmEntry,
} from "./types.js";

const DEFAULTS = {
  ttlMs: 60_000,
  maxValueBytes: 1024 * 1024,
  maxEntries: 10_000,
  maxBytes: 64 * 1024 * 1024,
};
const WARM_CONCURRENCY = 8;

interface Shared {
  bento: BentoCache<Record<string, ReturnType<typeof bentostore>>>;
  store: CacheProvider;
  options: CacheOptions;
  metrics: CacheMetrics;
  rootLabel: string;
  version: number;
  abort: AbortController;
  fastPath: MemoryFastPath | undefined;
  /** The L2 tiers, read directly when L1 cannot answer (see TieredCache.#fromRemote). */
  remote: TieredRemoteDriver | undefined;
  close: () => Promise<void>;
}

export function createCache(options: CacheOptions): Cache {
  assertNamespaceName(options.namespace);
  const version = options.version ?? 1;
  const prefix = stackPrefix(options.keyPrefix ?? "folio-cache", options.namespace, version);
  const rootLabel = options.namespace;
  const maxValueBytes = options.maxValueBytes ?? DEFAULTS.maxValueBytes;
  const tiers: CacheTier[] = [];
  if (options.memory !== false) tiers.push("memory");
  if (options.redis) tiers.push("redis");
  if (options.postgres) tiers.push("postgres");
  const metrics = new CacheMetrics(options.metrics, tiers);
  const closers: (() => Promise<void>)[] = [];
  const beforeClose: (() => void)[] = [];

  const store = bentostore();
  let fastPath: MemoryFastPath | undefined;
  if (options.memory !== false) {
    const memory = memoryTier({
      maxEntries: options.memory?.maxEntries ?? DEFAULTS.maxEntries,
      maxBytes: options.memory?.maxBytes ?? DEFAULTS.maxBytes,
      maxValueBytes,
      stackPrefix: prefix,
      rootLabel,
      metrics,
      onDispose: (key) => fastPath?.forget(key),
    });
    store.useL1Layer(memory.driver);
    fastPath = new MemoryFastPath(memory.lru, prefix);
  }

  const remote: RemoteTier[] = [];
  let redis: RedisConnection | undefined;
  if (options.redis) {
    redis = "url" in options.redis ? connectRedis(options.redis.url) : adoptRedis(options.redis.client);
    const health = new TierHealth("redis", metrics, options.logger);
    watchRedis(redis, health);
    remote.push(redisTier(redis, health, prefix));
    const connection = redis;
    beforeClose.push(() => (connection.closing = true));
    closers.push(async () => {
      if (connection.owned) await connection.client.quit().catch(() => connection.client.disconnect());
    });
    store.useBus(redisBus(redis, health, prefix));
  }
  if (options.postgres) {
    const pgOptions = options.postgres;
    const pool =
      "pool" in pgOptions
        ? pgOptions.pool
        : new pg.Pool({ connectionString: pgOptions.connectionString, max: 4 });
    if (!("pool" in pgOptions)) closers.push(() => pool.end());
    pool.on("error", () => undefined);
    const health = new TierHealth("postgres", metrics, options.logger);
    const driver = new PostgresDriver({ pool, table: pgOptions.table ?? "folio_cache", prefix });
    // While PostgreSQL is down, one request a second probes it.
    remote.push({
      name: "postgres",
      driver,
      health,
      isAvailable: () => health.up || health.msSinceFailure() > 1_000,
    });
    const sweepMs = pgOptions.sweepIntervalMs ?? 60_000;
    if (sweepMs !== false) {
      const timer = setInterval(() => {
        driver.prune().catch((error: unknown) => health.fail(error));
      }, sweepMs);
      timer.unref();
      closers.unshift(() => Promise.resolve(clearInterval(timer)));
    }
  }
  let remoteDriver: TieredRemoteDriver | undefined;
  if (remote.length > 0) {
    const driver = new TieredRemoteDriver(remote, rootLabel, metrics, () => Promise.resolve());
    store.useL2Layer({ options: {}, factory: (): L2CacheDriver => driver });
    remoteDriver = driver;
  }

  const bento = new BentoCache({
    default: "cache",
    stores: { cache: store },
    prefix,
    ttl: options.defaultTtlMs ?? DEFAULTS.ttlMs,
    grace: false,
    // Remote failures are handled (and counted) in TieredRemoteDriver; this is a second net.
    suppressL2Errors: true,
  });
  beforeClose.push(instrument(prefix, rootLabel, metrics, tiers.includes("memory")));
  const abort = new AbortController();
  const shared: Shared = {
    bento,
    store: bento.use("cache"),
    options,
    metrics,
    rootLabel,
    version,
    abort,
    fastPath,
    remote: remoteDriver,
    close: async () => {
      abort.abort(new Error("cache closed"));
      metrics.close();
      for (const hook of beforeClose) hook();
      await bento.disconnectAll();
      for (const close of closers) await close();
    },
  };
  return new TieredCache(shared, ROOT_SEGMENT, []);
}

/**
 * Namespace-level and memory-tier hits/misses come from bentocache's tracing channel, which says
 * which tier served a read (its `cache:hit` event does not on the plain `get` path). The channel is
 * process-wide, so each cache keeps only its own prefix. Returns the unsubscribe function.
 */
function instrument(
  prefix: string,
  rootLabel: string,
  metrics: CacheMetrics,
  hasMemory: boolean,
): () => void {
  const own = `${prefix}:`;
  const ignore = () => undefined;
  const handlers = {
    start: ignore,
    end: ignore,
    asyncStart: ignore,
    error: ignore,
    asyncEnd(message: CacheOperationMessage) {
      if (message.hit === undefined || (message.operation !== "get" && message.operation !== "getOrSet"))
        return;
      if (!message.key?.startsWith(own)) return;
      const label = namespaceLabel(rootLabel, message.key.slice(own.length));
      if (!label) return;
      if (!message.hit) {
        metrics.count(label, "misses");
        if (hasMemory) metrics.tierMiss(label, "memory");
        return;
      }
      metrics.count(label, message.graced ? "staleHits" : "hits");
      if (!hasMemory) return;
      if (message.tier === "l1" && !message.graced) metrics.tierHit(label, "memory");
      else metrics.tierMiss(label, "memory");
    },
  };
  tracingChannels.cacheOperation.subscribe(handlers);
  return () => tracingChannels.cacheOperation.unsubscribe(handlers);
}

class TieredCache implements Cache {
  readonly name: string;
  readonly #tags: string[];
  readonly #memory: FastReader | undefined;
  readonly #recordMemoryHit: () => void;

  constructor(
    private readonly shared: Shared,
    private readonly segment: string,
    ancestorTags: string[],
  ) {
    this.name = segment === ROOT_SEGMENT ? shared.rootLabel : `${shared.rootLabel}.${segment}`;
    this.#tags = segment === ROOT_SEGMENT ? [] : [...ancestorTags, namespaceTag(segment)];
    this.#memory = shared.fastPath?.reader(segment);
    this.#recordMemoryHit = shared.metrics.memoryHitRecorder(this.name);
  }

  #key(key: string): string {
    return internalKey(this.segment, key);
  }

  #ttl(ttlMs: number | undefined): number {
    const base = ttlMs ?? this.shared.options.defaultTtlMs ?? DEFAULTS.ttlMs;
    const jitter = this.shared.options.ttlJitter ?? 0;
    if (jitter <= 0) return base;
    return Math.max(1, Math.round(base * (1 + jitter * (Math.random() * 2 - 1))));
  }

  /** Our graceMs is the time after the TTL; bentocache's `grace` is the whole physical lifetime. */
  #grace(ttl: number, graceMs: number | false | undefined): number | false {
    const grace = graceMs ?? this.shared.options.graceMs ?? false;
    return grace === false || grace <= 0 ? false : ttl + grace;
  }

  /** A new array each time: bentocache keeps it, and a loader's `addTags` appends to it. */
  #allTags(tags: string[] | undefined): string[] {
    return tags?.length ? [...this.#tags, ...tags] : [...this.#tags];
  }

  #guard(key: string, value: unknown): boolean {
    const check = checkSerialisable(value, this.shared.options.maxValueBytes ?? DEFAULTS.maxValueBytes);
    if (check.ok) return true;
    this.shared.options.logger?.warn({ key, namespace: this.name, ...check }, "cache value not cached");
    return false;
  }

  /** A certain L1 hit, counted like the ones bentocache reports. */
  #fromMemory(key: string): { value: unknown } | undefined {
    if (this.#memory === undefined) return undefined;
    const hit = this.shared.fastPath?.read(this.#memory, key);
    if (hit) this.#recordMemoryHit();
    return hit;
  }

  /**
   * An L2 read without bentocache's per-call machinery (~10 µs: options objects, a tracing span,
   * a tag lookup through its get-or-set path), for the answer that needs none of it: a live
   * entry whose tags (if any) L1 can clear, as in #fromMemory. It is copied into L1 for the rest
   * of its logical lifetime, as bentocache would. Only when L1 holds nothing for the key: an L1
   * entry L1 could not vouch for may still be newer than L2's (a write while Redis was down).
   * Anything else (a miss, an expired or graced entry, a tag L1 does not know, a failing tier) is
   * left to bentocache, which reads L2 again.
   */
  async #fromRemote(key: string): Promise<{ value: unknown } | undefined> {
    const remote = this.shared.remote;
    if (remote === undefined) return undefined;
    if (this.#memory !== undefined && this.shared.fastPath?.holds(this.#memory, key)) return undefined;
    const raw = await remote.get(this.#key(key));
    if (raw === undefined) return undefined;
    const entry = parseEntry(raw);
    const now = Date.now();
    if (entry === undefined || entry.logicalExpiration <= now) return undefined;
    const fastPath = this.shared.fastPath;
    if (entry.tags?.length && (fastPath === undefined || !fastPath.tagsAllow(entry, now))) return undefined;
    const metrics = this.shared.metrics;
    metrics.count(this.name, "hits");
    if (fastPath !== undefined && this.#memory !== undefined) {
      metrics.tierMiss(this.name, "memory");
      fastPath.backfill(this.#memory, key, raw, entry.logicalExpiration - now);
    }
    return entry;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const hit = this.#fromMemory(key) ?? (await this.#fromRemote(key));
    if (hit) return hit.value as T;
    return deepFreeze(await this.shared.store.get<T>({ key: this.#key(key) }));
  }

  async getOrSet<T>(
    key: string,
    loader: (ctx: LoaderContext) => Promise<T>,
    options: GetOrSetOptions = {},
  ): Promise<T> {
    const hit = this.#fromMemory(key) ?? (await this.#fromRemote(key));
    if (hit) return hit.value as T;
    const ttl = this.#ttl(options.ttlMs);
    const metrics = this.shared.metrics;
    // A value we may not store (undefined, null without cacheNull, too large) reaches the caller
    // through this box; bentocache is told to skip it, which stores nothing.
    let uncached: { value: T } | undefined;
    let refused: { error: unknown } | undefined;
    try {
      const value = await this.shared.store.getOrSet<unknown>({
        key: this.#key(key),
        ttl,
        grace: this.#grace(ttl, options.graceMs),
        // bentocache's soft timeout: 0 answers a graced value at once, null waits for the factory.
        timeout: options.backgroundRefresh === false ? null : 0,
        tags: this.#allTags(options.tags),
        factory: async (ctx) => {
          metrics.count(this.name, "loads");
          let loaded: T;
          try {
            loaded = await loader({
              signal: this.shared.abort.signal,
              addTags: (tags) => ctx.setTags(tags),
            });
          } catch (error) {
            metrics.count(this.name, "loadErrors");
            if (options.graceOnError && !options.graceOnError(error)) {
              // Thrown below, past bentocache, which would answer a graced value instead.
              refused = { error };
              return ctx.skip();
            }
            throw error;
          }
          const cacheable =
            loaded !== undefined &&
            (loaded !== null || options.cacheNull === true) &&
            this.#guard(key, loaded);
          if (cacheable) return loaded;
          uncached = { value: loaded };
          return ctx.skip();
        },
      });
      if (refused) throw refused.error;
      return uncached ? uncached.value : deepFreeze(value as T);
    } catch (error) {
      // bentocache wraps loader errors in E_FACTORY_ERROR; callers see their own error.
      if (
        error instanceof Error &&
        "code" in error &&
        error.code === "E_FACTORY_ERROR" &&
        error.cause !== undefined
      ) {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrow exactly what the loader threw
        throw error.cause;
      }
      throw error;
    }
  }

  async set<T>(key: string, value: T, options: SetOptions = {}): Promise<void> {
    if (value === undefined || !this.#guard(key, value)) {
      await this.delete(key);
      return;
    }
    const ttl = this.#ttl(options.ttlMs);
    await this.shared.store.set({
      key: this.#key(key),
      value,
      ttl,
      grace: this.#grace(ttl, undefined),
      tags: this.#allTags(options.tags),
    });
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.shared.store.deleteMany({ keys: keys.map((key) => this.#key(key)) });
  }

  async invalidateTags(tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.shared.store.deleteByTag({ tags });
  }

  async clear(): Promise<void> {
    if (this.segment === ROOT_SEGMENT) await this.shared.store.clear();
    else await this.shared.store.deleteByTag({ tags: [namespaceTag(this.segment)] });
  }

  namespace(name: string): Cache {
    assertNamespaceName(name);
    const segment = this.segment === ROOT_SEGMENT ? name : `${this.segment}.${name}`;
    return new TieredCache(this.shared, segment, this.#tags);
  }

  async warm(entries: WarmEntry[]): Promise<{ warmed: number; failed: number }> {
    let warmed = 0;
    let failed = 0;
    const queue = [...entries];
    const worker = async (): Promise<void> => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        try {
          const value = await entry.loader();
          await this.set(entry.key, value, {
            ...(entry.ttlMs !== undefined && { ttlMs: entry.ttlMs }),
            ...(entry.tags && { tags: entry.tags }),
          });
          warmed += 1;
        } catch (error) {
          failed += 1;
          this.shared.options.logger?.warn(
            {
              key: entry.key,
              namespace: this.name,
              err: error instanceof Error ? error.message : String(error),
            },
            "cache warm-up loader failed",
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(WARM_CONCURRENCY, entries.length) }, worker));
    return { warmed, failed };
  }

  summary() {
    return this.shared.metrics.summary(this.shared.rootLabel, this.shared.version);
  }

  close(): Promise<void> {
    return this.shared.close();
  }
}
