/** How failed attempts slow down and finally lock a key (an account, an IP). */
export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  freeAttempts: number;
  /** Back-off unit: failure n past `freeAttempts` waits baseDelayMs × 2^(n − freeAttempts). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures at which the key locks. */
  lockAfter: number;
  /** How long a lock lasts, from the last failure. */
  lockMs: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

export const DEFAULT_ACCOUNT_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  freeAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: FIFTEEN_MINUTES,
  lockAfter: 10,
  lockMs: FIFTEEN_MINUTES,
});

/** Looser than the account policy: one IP may front many honest users (an office, a carrier NAT). */
export const DEFAULT_IP_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  freeAttempts: 20,
  baseDelayMs: 1000,
  maxDelayMs: FIFTEEN_MINUTES,
  lockAfter: 100,
  lockMs: FIFTEEN_MINUTES,
});

export interface ThrottleState {
  allowed: boolean;
  /** 0 when allowed. */
  retryAfterMs: number;
  locked: boolean;
}

/**
 * Whether one more attempt is allowed now, given `failures` consecutive failures, the last at
 * `lastFailureAt`. Past `freeAttempts`, n failures impose base × 2^(n − freeAttempts), capped at
 * `maxDelayMs`; from `lockAfter` failures the key is locked until lastFailureAt + lockMs. The caller
 * stores the counter and resets it on success (or once a lock has run out).
 */
export function throttleState(
  policy: ThrottlePolicy,
  failures: number,
  lastFailureAt: Date | null,
  now: Date,
): ThrottleState {
  if (failures <= policy.freeAttempts || lastFailureAt === null) {
    return { allowed: true, retryAfterMs: 0, locked: false };
  }
  const elapsed = now.getTime() - lastFailureAt.getTime();
  if (failures >= policy.lockAfter) {
    const remaining = policy.lockMs - elapsed;
    return remaining > 0
      ? { allowed: false, retryAfterMs: remaining, locked: true }
      : { allowed: true, retryAfterMs: 0, locked: false };
  }
  const delay = throttleDelayMs(policy, failures);
  const remaining = delay - elapsed;
  return remaining > 0
    ? { allowed: false, retryAfterMs: remaining, locked: false }
    : { allowed: true, retryAfterMs: 0, locked: false };
}

/** The back-off imposed after `failures` failures (0 within the free attempts). */
export function throttleDelayMs(policy: ThrottlePolicy, failures: number): number {
  const excess = failures - policy.freeAttempts;
  if (excess <= 0) return 0;
  // Capping the exponent keeps 2^n finite for absurd counters.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(excess, 40));
}
