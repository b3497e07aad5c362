import type { Cache, LoaderContext } from "./types.js";

export interface CachedOptions<A extends unknown[], R = unknown> {
  key: (...args: A) => string;
  ttlMs?: number;
  tags?: (...args: A) => string[];
  /** More tags from the loaded value (e.g. its id when it is read by slug). */
  resultTags?: (result: R, ...args: A) => string[];
  graceMs?: number | false;
  backgroundRefresh?: boolean;
  graceOnError?: (error: unknown) => boolean;
  cacheNull?: boolean;
}

export interface EvictingOptions<A extends unknown[]> {
  keys?: (...args: A) => string[];
  tags?: (...args: A) => string[];
}

/** Read-through: `fn` runs only on a miss (single-flight per key). */
export function cached<A extends unknown[], R>(
  cache: Cache,
  fn: (...args: A) => Promise<R>,
  options: CachedOptions<A, R>,
): (...args: A) => Promise<R> {
  const { resultTags } = options;
  const load = resultTags
    ? (args: A) => async (ctx: LoaderContext) => {
        const result = await fn(...args);
        ctx.addTags?.(resultTags(result, ...args));
        return result;
      }
    : (args: A) => () => fn(...args);
  return (...args: A) =>
    cache.getOrSet(options.key(...args), load(args), {
      ...(options.ttlMs !== undefined && { ttlMs: options.ttlMs }),
      ...(options.tags && { tags: options.tags(...args) }),
      ...(options.graceMs !== undefined && { graceMs: options.graceMs }),
      ...(options.backgroundRefresh !== undefined && { backgroundRefresh: options.backgroundRefresh }),
      ...(options.graceOnError && { graceOnError: options.graceOnError }),
      ...(options.cacheNull !== undefined && { cacheNull: options.cacheNull }),
    });
}

/** Runs `fn`, then (only if it succeeded) deletes the keys and invalidates the tags built from its arguments. */
export function evicting<A extends unknown[], R>(
  cache: Cache,
  fn: (...args: A) => Promise<R>,
  options: EvictingOptions<A>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const result = await fn(...args);
    const keys = options.keys?.(...args) ?? [];
    const tags = options.tags?.(...args) ?? [];
    await Promise.all([
      keys.length ? cache.delete(...keys) : undefined,
      tags.length ? cache.invalidateTags(tags) : undefined,
    ]);
    return result;
  };
}

export interface ThroughOptions<A extends unknown[], R> {
  /** The key the result is stored under, built from the arguments and the result. */
  key: (result: R, ...args: A) => string;
  ttlMs?: number;
  tags?: (result: R, ...args: A) => string[];
  /** Tags to invalidate after the write (e.g. lists the written item appears in). */
  invalidateTags?: (result: R, ...args: A) => string[];
}

/** Write-through: runs `fn` (the write), stores its result and invalidates dependent tags. */
export function writingThrough<A extends unknown[], R>(
  cache: Cache,
  fn: (...args: A) => Promise<R>,
  options: ThroughOptions<A, R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const result = await fn(...args);
    const invalidate = options.invalidateTags?.(result, ...args) ?? [];
    if (invalidate.length) await cache.invalidateTags(invalidate);
    await cache.set(options.key(result, ...args), result, {
      ...(options.ttlMs !== undefined && { ttlMs: options.ttlMs }),
      ...(options.tags && { tags: options.tags(result, ...args) }),
    });
    return result;
  };
}
