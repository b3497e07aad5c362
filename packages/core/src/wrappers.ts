export type TimedOutcome = "ok" | "error";

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * `fn` wrapped to report how long each call took and whether it succeeded; for functions that
 * return a promise the time runs until it settles. The result or error passes through unchanged
 * (so `onDone` must not throw).
 */
export function timed<This, A extends unknown[], R>(
  fn: (this: This, ...args: A) => R,
  onDone: (durationMs: number, outcome: TimedOutcome, args: A) => void,
): (this: This, ...args: A) => R {
  return function (this: This, ...args: A): R {
    const started = performance.now();
    const report = (outcome: TimedOutcome) => onDone(performance.now() - started, outcome, args);
    let result: R;
    try {
      result = fn.apply(this, args);
    } catch (err) {
      report("error");
      throw err;
    }
    if (!isThenable(result)) {
      report("ok");
      return result;
    }
    return Promise.resolve(result).then(
      (value) => {
        report("ok");
        return value;
      },
      (err: unknown) => {
        report("error");
        throw err;
      },
    ) as R;
  };
}

export interface MemoizeOptions<A extends unknown[]> {
  /** Most entries kept; the least recently used is evicted first. Default 1000. */
  maxSize?: number | undefined;
  /** Cache key for a call. Default: the arguments, which must then all be primitives. */
  key?: ((...args: A) => unknown) | undefined;
}

export type Memoized<F> = F & {
  /** Empties the cache. */
  clear(): void;
  /** Entries currently cached. */
  readonly size: number;
};

function defaultKey(args: unknown[]): string {
  return args
    .map((arg) => {
      if (arg === null) return "null";
      switch (typeof arg) {
        case "string":
          return `s${JSON.stringify(arg)}`;
        case "number":
          return Object.is(arg, -0) ? "n-0" : `n${arg}`;
        case "bigint":
          return `b${arg}`;
        case "boolean":
          return `${arg}`;
        case "undefined":
          return "u";
        default:
          throw new TypeError("memoize: arguments must be primitives unless a `key` function is given");
      }
    })
    .join(",");
}

/**
 * A caching wrapper for pure functions, with an LRU bound. A returned promise is cached while
 * pending and once resolved; a rejected one is dropped so the next call tries again. Thrown
 * errors are never cached.
 */
export function memoize<A extends unknown[], R>(
  fn: (...args: A) => R,
  options: MemoizeOptions<A> = {},
): Memoized<(...args: A) => R> {
  const maxSize = options.maxSize ?? 1000;
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError("maxSize must be a positive integer");
  const cache = new Map<unknown, R>();
  const keyOf = options.key ?? ((...args: A) => defaultKey(args));

  const memoized = (...args: A): R => {
    const key = keyOf(...args);
    if (cache.has(key)) {
      const hit = cache.get(key) as R;
      // Re-insert to mark as most recently used.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const value = fn(...args);
    cache.set(key, value);
    if (cache.size > maxSize) cache.delete(cache.keys().next().value);
    if (isThenable(value)) {
      value.then(undefined, () => {
        if (cache.get(key) === value) cache.delete(key);
      });
    }
    return value;
  };
  return Object.defineProperties(memoized, {
    clear: { value: () => cache.clear() },
    size: { get: () => cache.size },
  }) as Memoized<(...args: A) => R>;
}
