import { abortReason, sleep as defaultSleep } from "./utils.js";

export type RetryJitter = "full" | "equal" | "none";

export interface RetryOptions {
  /** Retries after the first attempt (so at most `retries + 1` calls). Default 3. */
  retries?: number | undefined;
  /** Delay before the first retry, before jitter. Default 100. */
  baseDelayMs?: number | undefined;
  /** Upper bound for any single delay. Default 5000. */
  maxDelayMs?: number | undefined;
  /** Growth per retry. Default 2. */
  factor?: number | undefined;
  /** "full": random in [0, d]; "equal": d/2 + random in [0, d/2]; "none": d. Default "full". */
  jitter?: RetryJitter | undefined;
  /** Decides whether a failure is worth retrying; `attempt` is the 1-based attempt that failed. Default: always. */
  shouldRetry?: ((err: unknown, attempt: number) => boolean | Promise<boolean>) | undefined;
  /** Called before waiting for the next attempt. */
  onRetry?: ((err: unknown, attempt: number, delayMs: number) => void) | undefined;
  /**
   * A server-suggested delay (e.g. from `Retry-After`) for this failure; when it returns a number it
   * replaces the computed backoff, still capped at `maxDelayMs`.
   */
  retryDelayMs?: ((err: unknown, attempt: number) => number | undefined) | undefined;
  /** Stops further attempts and waiting; the signal's reason is thrown. */
  signal?: AbortSignal | undefined;
  /** Injected for tests; defaults to a timer-based sleep that honours `signal`. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Injected for tests; defaults to Math.random. */
  random?: (() => number) | undefined;
}

/** The backoff (before any server-suggested override) to wait after failed attempt `attempt` (1-based). */
export function backoffDelayMs(
  attempt: number,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number {
  const base = options.baseDelayMs ?? 100;
  const max = options.maxDelayMs ?? 5_000;
  const factor = options.factor ?? 2;
  const ceiling = Math.min(max, base * factor ** Math.max(0, attempt - 1));
  switch (options.jitter ?? "full") {
    case "none":
      return Math.round(ceiling);
    case "equal":
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    case "full":
      return Math.round(random() * ceiling);
  }
}

function validate(options: RetryOptions): void {
  const { retries = 3, baseDelayMs = 100, maxDelayMs = 5_000, factor = 2 } = options;
  if (!Number.isInteger(retries) || retries < 0)
    throw new RangeError("retries must be a non-negative integer");
  if (!(baseDelayMs >= 0) || !(maxDelayMs >= 0)) throw new RangeError("delays must be non-negative");
  if (!(factor >= 1)) throw new RangeError("factor must be at least 1");
}

/**
 * Calls `fn` until it succeeds, with exponential backoff and jitter between attempts. Rethrows the
 * last error when retries run out or `shouldRetry` says no; throws the abort reason when `signal` aborts.
 */
export async function retry<T>(
  fn: (attempt: number) => T | Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  validate(options);
  const retries = options.retries ?? 3;
  const wait = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const { signal } = options;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt > retries || signal?.aborted) throw err;
      if (options.shouldRetry && !(await options.shouldRetry(err, attempt))) throw err;
      const suggested = options.retryDelayMs?.(err, attempt);
      const delayMs =
        suggested === undefined || !Number.isFinite(suggested)
          ? backoffDelayMs(attempt, options, random)
          : Math.min(Math.max(0, suggested), options.maxDelayMs ?? 5_000);
      options.onRetry?.(err, attempt, delayMs);
      await wait(delayMs, signal);
    }
  }
}

/** `fn` wrapped so every call goes through `retry` with `options` (`this` is passed through). */
export function withRetry<This, A extends unknown[], R>(
  fn: (this: This, ...args: A) => R | Promise<R>,
  options: RetryOptions = {},
): (this: This, ...args: A) => Promise<R> {
  validate(options);
  return function (this: This, ...args: A): Promise<R> {
    return retry(() => fn.apply(this, args), options);
  };
}
