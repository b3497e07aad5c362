import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { CacheSummary, CacheTier, NamespaceStats, TierStats } from "./types.js";

type Event = "hits" | "misses" | "staleHits" | "loads" | "loadErrors" | "evictions";

interface MutableTier {
  hits: number;
  misses: number;
  evictions: number;
  errors: number;
}

interface MutableNamespace {
  hits: number;
  misses: number;
  staleHits: number;
  loads: number;
  loadErrors: number;
  evictions: number;
  tiers: Partial<Record<CacheTier, MutableTier>>;
}

function emptyNamespace(): MutableNamespace {
  return { hits: 0, misses: 0, staleHits: 0, loads: 0, loadErrors: 0, evictions: 0, tiers: {} };
}

function ratio(hits: number, misses: number): number {
  return hits + misses === 0 ? 0 : hits / (hits + misses);
}

function tierStats(t: MutableTier): TierStats {
  return { ...t, hitRatio: ratio(t.hits, t.misses) };
}

/**
 * Counters are counted in plain numbers and added to prom-client when it is collected (a scrape,
 * `registry.metrics()`): prom-client hashes the label set on every `inc`, which would cost as much
 * as an L1 read. The hooks live here, keyed by the counter, because several caches can share one
 * registry and so one counter.
 */
const pendingFlushes = new WeakMap<object, Set<() => void>>();

function flushPending(this: object): void {
  for (const flush of pendingFlushes.get(this) ?? []) flush();
}

interface DeferredCounter {
  /** Counted since the last collection. */
  pending: number;
  inc(value?: number): void;
}

/** Reuses a metric another cache already registered in the same registry. */
function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/**
 * Counts every cache event twice: in plain numbers for `summary()` (always) and in prom-client
 * metrics when a registry is given (added at each collection). Memory-tier latency is sampled
 * (1 in `memorySampleEvery`) because timing every L1 read would cost as much as the read itself.
 */
export class CacheMetrics {
  readonly memorySampleEvery = 16;
  #namespaces = new Map<string, MutableNamespace>();
  #tierHealth = new Map<CacheTier, boolean>();
  #prom:
    | {
        hits: Counter<"tier" | "namespace">;
        misses: Counter<"tier" | "namespace">;
        staleHits: Counter<"namespace">;
        loads: Counter<"namespace">;
        loadErrors: Counter<"namespace">;
        evictions: Counter<"tier" | "namespace">;
        tierErrors: Counter<"tier">;
        tierUp: Gauge<"tier">;
        latency: Histogram<"tier" | "namespace" | "operation">;
      }
    | undefined;

  constructor(registry: Registry | null | undefined, tiers: CacheTier[]) {
    for (const tier of tiers) this.#tierHealth.set(tier, true);
    if (!registry) return;
    const registers = [registry];
    this.#prom = {
      hits: metric(
        registry,
        "folio_cache_hits_total",
        () =>
          new Counter({
            name: "folio_cache_hits_total",
            help: "Fresh cache hits per tier and namespace (tier=any for a hit from any tier)",
            labelNames: ["tier", "namespace"],
            registers,
            collect: flushPending,
          }),
      ),
      misses: metric(
        registry,
        "folio_cache_misses_total",
        () =>
          new Counter({
            name: "folio_cache_misses_total",
            help: "Cache misses per tier and namespace (tier=any: missed every tier)",
            labelNames: ["tier", "namespace"],
            registers,
            collect: flushPending,
          }),
      ),
      staleHits: metric(
        registry,
        "folio_cache_stale_hits_total",
        () =>
          new Counter({
            name: "folio_cache_stale_hits_total",
            help: "Values served stale within their grace period",
            labelNames: ["namespace"],
            registers,
            collect: flushPending,
          }),
      ),
      loads: metric(
        registry,
        "folio_cache_loads_total",
        () =>
          new Counter({
            name: "folio_cache_loads_total",
            help: "Loader calls",
            labelNames: ["namespace"],
            registers,
            collect: flushPending,
          }),
      ),
      loadErrors: metric(
        registry,
        "folio_cache_load_errors_total",
        () =>
          new Counter({
            name: "folio_cache_load_errors_total",
            help: "Loader calls that threw",
            labelNames: ["namespace"],
            registers,
            collect: flushPending,
          }),
      ),
      evictions: metric(
        registry,
        "folio_cache_evictions_total",
        () =>
          new Counter({
            name: "folio_cache_evictions_total",
            help: "Entries evicted by the memory LRU (size or count bound)",
            labelNames: ["tier", "namespace"],
            registers,
            collect: flushPending,
          }),
      ),
      tierErrors: metric(
        registry,
        "folio_cache_tier_errors_total",
        () =>
          new Counter({
            name: "folio_cache_tier_errors_total",
            help: "Failed operations against a remote tier",
            labelNames: ["tier"],
            registers,
            collect: flushPending,
          }),
      ),
      tierUp: metric(
        registry,
        "folio_cache_tier_up",
        () =>
          new Gauge({
            name: "folio_cache_tier_up",
            help: "1 while a cache tier answers, 0 while the cache runs without it",
            labelNames: ["tier"],
            registers,
          }),
      ),
      latency: metric(
        registry,
        "folio_cache_operation_duration_seconds",
        () =>
          new Histogram({
            name: "folio_cache_operation_duration_seconds",
            help: "Cache operation latency per tier and namespace (memory tier sampled)",
            labelNames: ["tier", "namespace", "operation"],
            buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
            registers,
          }),
      ),
    };
    for (const tier of tiers) this.#prom.tierUp.set({ tier }, 1);
  }

  #ns(namespace: string): MutableNamespace {
    let ns = this.#namespaces.get(namespace);
    if (!ns) {
      ns = emptyNamespace();
      this.#namespaces.set(namespace, ns);
    }
    return ns;
  }

  #tier(namespace: string, tier: CacheTier): MutableTier {
    const ns = this.#ns(namespace);
    let t = ns.tiers[tier];
    if (!t) {
      t = { hits: 0, misses: 0, evictions: 0, errors: 0 };
      ns.tiers[tier] = t;
    }
    return t;
  }

  // One counter per label set: an increment adds to `pending`, and prom-client (which hashes the
  // labels on every `inc`) gets the sum when it is collected.
  #children = new Map<string, DeferredCounter>();
  #observers = new Map<string, { observe(value: number): void }>();
  #flushes: { metric: object; flush: () => void }[] = [];

  #counter(metric: Counter<string>, labels: Record<string, string>, id: string): DeferredCounter {
    let child = this.#children.get(id);
    if (!child) {
      const bound = metric.labels(labels);
      const counter: DeferredCounter = {
        pending: 0,
        inc(value = 1) {
          counter.pending += value;
        },
      };
      const flush = () => {
        if (counter.pending === 0) return;
        bound.inc(counter.pending);
        counter.pending = 0;
      };
      let flushes = pendingFlushes.get(metric);
      if (!flushes) {
        flushes = new Set();
        pendingFlushes.set(metric, flushes);
      }
      flushes.add(flush);
      this.#flushes.push({ metric, flush });
      this.#children.set(id, counter);
      child = counter;
    }
    return child;
  }

  /**
   * A pre-bound recorder for the L1 fast path: a fresh hit served from memory, counted as
   * `count(ns, "hits")` + `tierHit(ns, "memory")` would, without building label keys per read.
   */
  memoryHitRecorder(namespace: string): () => void {
    const ns = this.#ns(namespace);
    const tier = this.#tier(namespace, "memory");
    const prom = this.#prom;
    const any = prom && this.#counter(prom.hits, { tier: "any", namespace }, `hits|any|${namespace}`);
    const memory =
      prom && this.#counter(prom.hits, { tier: "memory", namespace }, `hits|memory|${namespace}`);
    return () => {
      ns.hits += 1;
      tier.hits += 1;
      if (any) any.pending += 1;
      if (memory) memory.pending += 1;
    };
  }

  /** Adds what was counted since the last scrape to prom-client and stops collecting for this cache. */
  close(): void {
    for (const { metric, flush } of this.#flushes) {
      flush();
      pendingFlushes.get(metric)?.delete(flush);
    }
    this.#flushes = [];
  }

  /** A namespace-level event (not tied to one tier). */
  count(namespace: string, event: Event): void {
    this.#ns(namespace)[event] += 1;
    const prom = this.#prom;
    if (!prom) return;
    if (event === "hits" || event === "misses") {
      this.#counter(prom[event], { tier: "any", namespace }, `${event}|any|${namespace}`).inc();
    } else if (event === "evictions") {
      this.#counter(prom.evictions, { tier: "memory", namespace }, `evictions|memory|${namespace}`).inc();
    } else {
      this.#counter(prom[event], { namespace }, `${event}|${namespace}`).inc();
    }
  }

  tierHit(namespace: string, tier: CacheTier): void {
    this.#tier(namespace, tier).hits += 1;
    if (this.#prom) this.#counter(this.#prom.hits, { tier, namespace }, `hits|${tier}|${namespace}`).inc();
  }

  tierMiss(namespace: string, tier: CacheTier): void {
    this.#tier(namespace, tier).misses += 1;
    if (this.#prom)
      this.#counter(this.#prom.misses, { tier, namespace }, `misses|${tier}|${namespace}`).inc();
  }

  eviction(namespace: string, tier: CacheTier): void {
    this.#tier(namespace, tier).evictions += 1;
    this.count(namespace, "evictions");
  }

  tierError(namespace: string, tier: CacheTier): void {
    this.#tier(namespace, tier).errors += 1;
    this.#prom?.tierErrors.inc({ tier });
  }

  setTierHealthy(tier: CacheTier, healthy: boolean): void {
    this.#tierHealth.set(tier, healthy);
    this.#prom?.tierUp.set({ tier }, healthy ? 1 : 0);
  }

  latency(tier: CacheTier, namespace: string, operation: string, seconds: number): void {
    const prom = this.#prom;
    if (!prom) return;
    const id = `latency|${tier}|${namespace}|${operation}`;
    let child = this.#observers.get(id);
    if (!child) {
      child = prom.latency.labels({ tier, namespace, operation });
      this.#observers.set(id, child);
    }
    child.observe(seconds);
  }

  summary(namespace: string, version: number): CacheSummary {
    const totals = emptyNamespace();
    const namespaces: Record<string, NamespaceStats> = {};
    const tierTotals: Partial<Record<CacheTier, MutableTier>> = {};
    for (const [name, ns] of this.#namespaces) {
      const tiers: Partial<Record<CacheTier, TierStats>> = {};
      for (const [tier, t] of Object.entries(ns.tiers) as [CacheTier, MutableTier][]) {
        tiers[tier] = tierStats(t);
        const total = (tierTotals[tier] ??= { hits: 0, misses: 0, evictions: 0, errors: 0 });
        total.hits += t.hits;
        total.misses += t.misses;
        total.evictions += t.evictions;
        total.errors += t.errors;
      }
      namespaces[name] = { ...ns, tiers, hitRatio: ratio(ns.hits, ns.misses) };
      for (const key of ["hits", "misses", "staleHits", "loads", "loadErrors", "evictions"] as const) {
        totals[key] += ns[key];
      }
    }
    const tiers: CacheSummary["tiers"] = {};
    for (const [tier, healthy] of this.#tierHealth) {
      const t = tierTotals[tier] ?? { hits: 0, misses: 0, evictions: 0, errors: 0 };
      tiers[tier] = { ...tierStats(t), healthy };
    }
    const totalTiers: Partial<Record<CacheTier, TierStats>> = {};
    for (const [tier, t] of Object.entries(tierTotals) as [CacheTier, MutableTier][])
      totalTiers[tier] = tierStats(t);
    return {
      namespace,
      version,
      tiers,
      namespaces,
      totals: { ...totals, tiers: totalTiers, hitRatio: ratio(totals.hits, totals.misses) },
    };
  }
}
