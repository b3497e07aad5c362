import { MemoryDriver } from "bentocache/drivers/memory";
import type { CreateDriverResult, L1CacheDriver } from "bentocache/types";
import { LRUCache } from "lru-cache";
import { namespaceLabel } from "./keys.js";
import type { CacheMetrics } from "./metrics.js";

export interface MemoryTierOptions {
  maxEntries: number;
  maxBytes: number;
  maxValueBytes: number;
  stackPrefix: string;
  rootLabel: string;
  metrics: CacheMetrics;
  /** Called with the key of every entry the LRU drops or replaces (evicted, deleted, overwritten). */
  onDispose?: (key: string) => void;
}

/**
 * bentocache's memory driver over an LRU we build ourselves, so evictions can be counted
 * (`dispose` with reason "evict") and reads timed. Entries are the serialised strings bentocache
 * writes, which is what lets the LRU bound bytes as well as entries.
 */
export function memoryTier(options: MemoryTierOptions): {
  driver: CreateDriverResult<L1CacheDriver>;
  lru: LRUCache<string, string>;
} {
  const strip = options.stackPrefix.length + 1;
  const lru = new LRUCache<string, string>({
    max: options.maxEntries,
    maxSize: options.maxBytes,
    maxEntrySize: Math.min(options.maxBytes, options.maxValueBytes * 2),
    sizeCalculation: (value, key) => Buffer.byteLength(value, "utf8") + key.length,
    ttlAutopurge: false,
    // The same clock as bentocache's logical expiry (Date.now), so the two never disagree about
    // whether an entry is alive, and tests can move both with fake timers.
    perf: { now: () => Date.now() },
    ttlResolution: 0,
    dispose: (_value, key, reason) => {
      options.onDispose?.(key);
      if (reason !== "evict") return;
      const label = namespaceLabel(options.rootLabel, key.slice(strip));
      if (label) options.metrics.eviction(label, "memory");
    },
  });
  return {
    lru,
    driver: {
      options: { serialize: true },
      factory: (config: Record<string, unknown>) =>
        new TimedMemoryDriver(new MemoryDriver({ ...config, cacheInstance: lru }), options),
    },
  };
}

class TimedMemoryDriver implements L1CacheDriver {
  readonly type = "l1" as const;
  #reads = 0;

  constructor(
    private readonly inner: MemoryDriver,
    private readonly options: MemoryTierOptions,
  ) {}

  get(key: string): string | undefined {
    if (++this.#reads % this.options.metrics.memorySampleEvery !== 0) return this.inner.get(key);
    const start = performance.now();
    const value = this.inner.get(key);
    const label = namespaceLabel(this.options.rootLabel, key);
    if (label) this.options.metrics.latency("memory", label, "get", (performance.now() - start) / 1000);
    return value;
  }

  namespace(namespace: string): TimedMemoryDriver {
    return new TimedMemoryDriver(this.inner.namespace(namespace), this.options);
  }

  pull(key: string): string | undefined {
    return this.inner.pull(key);
  }

  set(key: string, value: string, ttl?: number): boolean {
    return this.inner.set(key, value, ttl);
  }

  getRemainingTtl(key: string): number {
    return this.inner.getRemainingTtl(key);
  }

  clear(): void {
    this.inner.clear();
  }

  delete(key: string): boolean {
    return this.inner.delete(key);
  }

  deleteMany(keys: string[]): boolean {
    return this.inner.deleteMany(keys);
  }

  disconnect(): void {
    // The LRU holds no connection; MemoryDriver.disconnect only clears it.
    void this.inner.disconnect();
  }
}
