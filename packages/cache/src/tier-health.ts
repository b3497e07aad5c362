import type { CacheMetrics } from "./metrics.js";
import type { CacheLogger, CacheTier } from "./types.js";

/**
 * Up/down state of a remote tier. The first failure logs ONE warning and flips the
 * `folio_cache_tier_up` gauge; later failures only count. Recovery is logged at info level.
 */
export class TierHealth {
  #up = true;
  #lastFailure = 0;

  constructor(
    readonly tier: CacheTier,
    private readonly metrics: CacheMetrics,
    private readonly logger: CacheLogger | undefined,
  ) {}

  get up(): boolean {
    return this.#up;
  }

  msSinceFailure(now = Date.now()): number {
    return now - this.#lastFailure;
  }

  fail(error: unknown, namespace = "_"): void {
    this.#lastFailure = Date.now();
    this.metrics.tierError(namespace, this.tier);
    if (!this.#up) return;
    this.#up = false;
    this.metrics.setTierHealthy(this.tier, false);
    this.logger?.warn(
      { tier: this.tier, err: error instanceof Error ? error.message : String(error) },
      `cache tier ${this.tier} unavailable; serving from the remaining tiers and loaders until it recovers`,
    );
  }

  recover(): void {
    if (this.#up) return;
    this.#up = true;
    this.metrics.setTierHealthy(this.tier, true);
    this.logger?.info?.({ tier: this.tier }, `cache tier ${this.tier} recovered`);
  }
}
