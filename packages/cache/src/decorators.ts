/**
 * TC39 standard method decorators (TypeScript 5 without `experimentalDecorators`). Each resolves
 * its Cache per call from the instance: `options.cache(this)` when given, else `this.cache`.
 * Key builders are typed from the method's arguments. Vitest's transformer cannot lower
 * decorators; code run by Vitest without tsc should use the wrappers (`cached`, `evicting`,
 * `writingThrough`), which these decorators are built on.
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

/** The method's arguments start with the ones its key builders take (a builder may use fewer). */
type Leading<A extends unknown[]> = [...A, ...unknown[]];

export interface CacheResolver {
  /**
   * Where the decorated method finds its cache, e.g. `(self: PostsRepository) => self.deps.cache`;
   * defaults to the instance's `cache` property.
   */
  cache?(instance: object): Cache;
}

function resolveCache(instance: unknown, resolver: CacheResolver, decorator: string): Cache {
  const cache =
    resolver.cache && typeof instance === "object" && instance !== null
      ? resolver.cache(instance)
      : (instance as { cache?: Cache } | undefined)?.cache;
  if (!cache) {
    throw new TypeError(
      `@${decorator}: no cache; pass { cache: (self) => ... } or give the instance a "cache" property`,
    );
  }
  return cache;
}

function assertMethod(context: { kind: string }, decorator: string): void {
  if (context.kind !== "method") throw new TypeError(`@${decorator} can only decorate methods`);
}

/** Read-through on a method: the result is cached under `key(...args)` (single-flight per key). */
export function cacheable<A extends unknown[]>(options: CachedOptions<A> & CacheResolver) {
  return function <This, Args extends Leading<A>, R>(
    target: Method<This, Args, R>,
    context: ClassMethodDecoratorContext<This, Method<This, Args, R>>,
  ): Method<This, Args, R> {
    assertMethod(context, "cacheable");
    const built = options as unknown as CachedOptions<Args>;
    return async function (this: This, ...args: Args): Promise<R> {
      const cache = resolveCache(this, options, "cacheable");
      return cached(cache, (...a: Args) => target.apply(this, a), built)(...args);
    };
  };
}

/** After the method succeeds, deletes `keys(...args)` and invalidates `tags(...args)`. */
export function cacheEvict<A extends unknown[]>(options: EvictingOptions<A> & CacheResolver) {
  return function <This, Args extends Leading<A>, R>(
    target: Method<This, Args, R>,
    context: ClassMethodDecoratorContext<This, Method<This, Args, R>>,
  ): Method<This, Args, R> {
    assertMethod(context, "cacheEvict");
    const built = options as unknown as EvictingOptions<Args>;
    return async function (this: This, ...args: Args): Promise<R> {
      const cache = resolveCache(this, options, "cacheEvict");
      return evicting(cache, (...a: Args) => target.apply(this, a), built)(...args);
    };
  };
}

/** Write-through: after the method succeeds its result is stored under `key(result, ...args)`. */
export function cacheThrough<A extends unknown[], R>(options: ThroughOptions<A, R> & CacheResolver) {
  return function <This, Args extends Leading<A>>(
    target: Method<This, Args, R>,
    context: ClassMethodDecoratorContext<This, Method<This, Args, R>>,
  ): Method<This, Args, R> {
    assertMethod(context, "cacheThrough");
    const built = options as unknown as ThroughOptions<Args, R>;
    return async function (this: This, ...args: Args): Promise<R> {
      const cache = resolveCache(this, options, "cacheThrough");
      return writingThrough(cache, (...a: Args) => target.apply(this, a), built)(...args);
    };
  };
}
