import { describe, expect, it } from "vitest";
import {
  DEFAULT_ACCOUNT_POLICY,
  DEFAULT_IP_POLICY,
  throttleDelayMs,
  throttleState,
  type ThrottlePolicy,
} from "./throttle.js";

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const policy: ThrottlePolicy = DEFAULT_ACCOUNT_POLICY;

describe("throttleState", () => {
  it("allows the free attempts without delay", () => {
    for (let failures = 0; failures <= 5; failures += 1) {
      expect(throttleState(policy, failures, at(0), at(0))).toEqual({
        allowed: true,
        retryAfterMs: 0,
        locked: false,
      });
    }
    expect(throttleState(policy, 0, null, at(0)).allowed).toBe(true);
  });

  it("backs off exponentially after the free attempts", () => {
    expect(throttleDelayMs(policy, 6)).toBe(2_000);
    expect(throttleDelayMs(policy, 7)).toBe(4_000);
    expect(throttleDelayMs(policy, 9)).toBe(16_000);
    expect(throttleState(policy, 6, at(0), at(500))).toEqual({
      allowed: false,
      retryAfterMs: 1_500,
      locked: false,
    });
    expect(throttleState(policy, 6, at(0), at(2_000))).toEqual({
      allowed: true,
      retryAfterMs: 0,
      locked: false,
    });
    expect(throttleState(policy, 9, at(0), at(10_000))).toEqual({
      allowed: false,
      retryAfterMs: 6_000,
      locked: false,
    });
  });

  it("caps the delay", () => {
    const ip = DEFAULT_IP_POLICY;
    expect(throttleDelayMs(ip, 20 + 30)).toBe(ip.maxDelayMs);
    expect(throttleDelayMs({ ...ip, lockAfter: Infinity }, 1e9)).toBe(ip.maxDelayMs);
  });

  it("locks from lockAfter failures until lockMs after the last one", () => {
    const lockMs = policy.lockMs;
    expect(throttleState(policy, 10, at(0), at(1_000))).toEqual({
      allowed: false,
      retryAfterMs: lockMs - 1_000,
      locked: true,
    });
    expect(throttleState(policy, 12, at(0), at(lockMs - 1))).toMatchObject({ allowed: false, locked: true });
    expect(throttleState(policy, 12, at(0), at(lockMs))).toEqual({
      allowed: true,
      retryAfterMs: 0,
      locked: false,
    });
  });

  it("gives IPs more room than accounts", () => {
    expect(DEFAULT_IP_POLICY).toMatchObject({ freeAttempts: 20, lockAfter: 100 });
    expect(throttleState(DEFAULT_IP_POLICY, 15, at(0), at(0)).allowed).toBe(true);
    expect(throttleState(DEFAULT_IP_POLICY, 50, at(0), at(0))).toMatchObject({
      allowed: false,
      locked: false,
    });
  });
});
