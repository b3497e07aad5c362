/** Retry policy knobs; every field has a default. */
export interface RetryOptions {
  /** Extra attempts after the first one. Default 2. */
  retries?: number;
  /** Base of the exponential backoff. Default 200 ms. */
  baseDelayMs?: number;
  /** Upper bound of one backoff delay. Default 5 000 ms. */
  maxDelayMs?: number;
  /** Upper bound applied to a server's `Retry-After`. Default 30 000 ms. */
  maxRetryAfterMs?: number;
}

export interface ResolvedRetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

export function resolveRetryPolicy(options: RetryOptions | false | undefined): ResolvedRetryPolicy {
  if (options === false) return { retries: 0, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 };
  return {
    retries: Math.max(0, Math.floor(options?.retries ?? 2)),
    baseDelayMs: Math.max(0, options?.baseDelayMs ?? 200),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 5_000),
    maxRetryAfterMs: Math.max(0, options?.maxRetryAfterMs ?? 30_000),
  };
}

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** Methods a client may resend after a network failure without risking a duplicate effect. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Statuses where the server asks to try again later and has not acted on the request. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** "Full jitter" exponential backoff: uniform in [0, min(max, base * 2^attempt)]. */
export function backoffDelay(
  attempt: number,
  policy: ResolvedRetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP date. Returns milliseconds
 * from `now`, or undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
