/**
 * TC39 standard method decorators (TypeScript 5 without `experimentalDecorators`). Each resolves
 * its Cache per call from the instance: `options.cache(this)` when given, else `this.cache`.
 * Vitest's transformer cannot lower them; code under Vitest that is not compiled by tsc should use
 * the function wrappers (`cached`, `evicting`, `writingThrough`).
 */
import type { Cache } from "./types.js";
import {
  type CachedOptions,
  type EvictingOptions,
  type ThroughOptions,
  cached,
  evicting,
  writingThrough,
} from "./wrappers.js";

type Method<This, A extends unknown[], R> = (this: This, ...args: A) => Promise<R>;

interface CacheResolver<This> {
  /** Where the decorated method finds its cache; defaults to the instance's `cache` property. */
  cache?: (instance: This) => Cache;
}

function resolveCache<This>(instance: This, resolver: CacheResolver<This>, decorator: string): Cache {
  const cache = resolver.cache
    ? resolver.cache(instance)
    : (instance as { cache?: Cache } | undefined)?.cache;
  if (!cache)
    throw new TypeError(
      `@${decorator}: no cache; pass { cache: (self) => ... } or give the instance a "cache" property`,
    );
  return cache;
}

function assertMethod(context: { kind: string }, decorator: string): void {
  if (context.kind !== "method") throw new TypeError(`@${decorator} can only decorate methods`);
}

/** Read-through on a method: the result is cached under `key(...args)`. */
export function cacheable<This, A extends unknown[], R>(options: CachedOptions<A> & CacheResolver<This>) {
  return function (
    target: Method<This, A, R>,
    context: ClassMethodDecoratorContext<This, Method<This, A, R>>,
  ): Method<This, A, R> {
    assertMethod(context, "cacheable");
    return function (this: This, ...args: A): Promise<R> {
      return cached(
        resolveCache(this, options, "cacheable"),
        (...a: A) => target.apply(this, a),
        options,
      )(...args);
    };
  };
}

/** After the method succeeds, deletes `keys(...args)` and invalidates `tags(...args)`. */
export function cacheEvict<This, A extends unknown[], R>(options: EvictingOptions<A> & CacheResolver<This>) {
  return function (
    target: Method<This, A, R>,
    context: ClassMethodDecoratorContext<This, Method<This, A, R>>,
  ): Method<This, A, R> {
    assertMethod(context, "cacheEvict");
    return function (this: This, ...args: A): Promise<R> {
      return evicting(
        resolveCache(this, options, "cacheEvict"),
        (...a: A) => target.apply(this, a),
        options,
      )(...args);
    };
  };
}

/** Write-through: after the method succeeds its result is stored under `key(result, ...args)`. */
export function cacheThrough<This, A extends unknown[], R>(
  options: ThroughOptions<A, R> & CacheResolver<This>,
) {
  return function (
    target: Method<This, A, R>,
    context: ClassMethodDecoratorContext<This, Method<This, A, R>>,
  ): Method<This, A, R> {
    assertMethod(context, "cacheThrough");
    return function (this: This, ...args: A): Promise<R> {
      return writingThrough(
        resolveCache(this, options, "cacheThrough"),
        (...a: A) => target.apply(this, a),
        options,
      )(...args);
    };
  };
}
