import type { L2CacheDriver } from "bentocache/types";
import { namespaceLabel } from "./keys.js";
import type { CacheMetrics } from "./metrics.js";
import type { RemoteEntry } from "./postgres-tier.js";
import type { TierHealth } from "./tier-health.js";
import type { CacheTier } from "./types.js";

export interface RemoteTier {
  name: Exclude<CacheTier, "memory">;
  driver: L2CacheDriver & { getEntry?(key: string): Promise<RemoteEntry | undefined> };
  health: TierHealth;
  /** False while the tier is known to be down, so requests skip it instead of waiting on it. */
  isAvailable(): boolean;
}

/**
 * The one L2 driver bentocache sees: Redis and/or PostgreSQL in order. Reads fall through the
 * tiers and backfill the faster one; writes and deletes go to every tier. A failing tier is marked
 * down (one warning, a metric) and skipped until it answers again, and its failure is never
 * surfaced to bentocache, so callers keep getting L1 + loader results.
 */
export class TieredRemoteDriver implements L2CacheDriver {
  readonly type = "l2" as const;

  constructor(
    private readonly tiers: RemoteTier[],
    private readonly rootLabel: string,
    private readonly metrics: CacheMetrics,
    private readonly onDisconnect: () => Promise<void>,
  ) {}

  namespace(namespace: string): TieredRemoteDriver {
    const tiers = this.tiers.map((tier) => ({
      ...tier,
      driver: tier.driver.namespace(namespace) as RemoteTier["driver"],
    }));
    return new TieredRemoteDriver(tiers, this.rootLabel, this.metrics, async () => {});
  }

  async #run<T>(
    tier: RemoteTier,
    key: string | undefined,
    operation: string,
    fn: () => Promise<T>,
  ): Promise<T | typeof FAILED> {
    if (!tier.isAvailable()) return FAILED;
    const label = key === undefined ? this.rootLabel : namespaceLabel(this.rootLabel, key);
    const start = performance.now();
    try {
      const result = await fn();
      tier.health.recover();
      if (label) this.metrics.latency(tier.name, label, operation, (performance.now() - start) / 1000);
      return result;
    } catch (error) {
      tier.health.fail(error, label ?? this.rootLabel);
      return FAILED;
    }
  }

  async get(key: string): Promise<string | undefined> {
    const label = namespaceLabel(this.rootLabel, key);
    for (const [index, tier] of this.tiers.entries()) {
      const entry = await this.#run(tier, key, "get", async () =>
        tier.driver.getEntry ? tier.driver.getEntry(key) : wrap(await tier.driver.get(key)),
      );
      if (entry === FAILED) continue;
      if (entry === undefined) {
        if (label) this.metrics.tierMiss(label, tier.name);
        continue;
      }
      if (label) this.metrics.tierHit(label, tier.name);
      if (index > 0) this.#backfill(index, key, entry);
      return entry.value;
    }
    return undefined;
  }

  /** Copies a value found in a slower tier into the faster ones, for what is left of its TTL. */
  #backfill(foundAt: number, key: string, entry: RemoteEntry): void {
    const ttl = entry.expiresAt === null ? undefined : entry.expiresAt - Date.now();
    if (ttl !== undefined && ttl <= 0) return;
    for (const tier of this.tiers.slice(0, foundAt)) {
      void this.#run(tier, key, "set", () => tier.driver.set(key, entry.value, ttl));
    }
  }

  async pull(key: string): Promise<string | undefined> {
    const value = await this.get(key);
    await this.delete(key);
    return value;
  }

  async set(key: string, value: string, ttl?: number): Promise<boolean> {
    const results = await Promise.all(
      this.tiers.map((tier) => this.#run(tier, key, "set", () => tier.driver.set(key, value, ttl))),
    );
    return results.some((result) => result === true);
  }

  async clear(): Promise<void> {
    await Promise.all(
      this.tiers.map((tier) => this.#run(tier, undefined, "clear", () => tier.driver.clear())),
    );
  }

  async delete(key: string): Promise<boolean> {
    const results = await Promise.all(
      this.tiers.map((tier) => this.#run(tier, key, "delete", () => tier.driver.delete(key))),
    );
    return results.some((result) => result === true);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    const results = await Promise.all(
      this.tiers.map((tier) => this.#run(tier, keys[0], "delete", () => tier.driver.deleteMany(keys))),
    );
    return results.some((result) => result === true);
  }

  async prune(): Promise<void> {
    await Promise.all(
      this.tiers.map((tier) => {
        const prune = tier.driver.prune?.bind(tier.driver);
        return prune
          ? this.#run(tier, undefined, "prune", () => Promise.resolve(prune()))
          : Promise.resolve(undefined);
      }),
    );
  }

  async disconnect(): Promise<void> {
    await this.onDisconnect();
  }
}

const FAILED = Symbol("failed");

function wrap(value: string | undefined): RemoteEntry | undefined {
  return value === undefined ? undefined : { value, expiresAt: null };
}
