import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffDelayMs, retry, withRetry } from "./retry.js";

function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: (ms: number) => (delays.push(ms), Promise.resolve()) };
}

function failing(times: number, value = "ok") {
  let calls = 0;
  const fn = vi.fn(() => {
    calls += 1;
    if (calls <= times) return Promise.reject(new Error(`failure ${calls}`));
    return Promise.resolve(value);
  });
  return fn;
}

describe("retry", () => {
  afterEach(() => vi.useRealTimers());

  it("retries with exponential backoff and returns the first success", async () => {
    const { delays, sleep } = recordingSleep();
    const fn = failing(3);
    await expect(retry(fn, { jitter: "none", sleep })).resolves.toBe("ok");
    expect(fn).toHaveBeenCalledTimes(4);
    expect(delays).toEqual([100, 200, 400]);
  });

  it("rethrows the last error when retries run out", async () => {
    const { delays, sleep } = recordingSleep();
    const fn = failing(10);
    await expect(retry(fn, { retries: 2, sleep })).rejects.toThrow("failure 3");
    expect(fn).toHaveBeenCalledTimes(3);
    expect(delays).toHaveLength(2);
  });

  it("caps delays at maxDelayMs", async () => {
    const { delays, sleep } = recordingSleep();
    await retry(failing(5), {
      retries: 5,
      jitter: "none",
      baseDelayMs: 1000,
      factor: 3,
      maxDelayMs: 5000,
      sleep,
    });
    expect(delays).toEqual([1000, 3000, 5000, 5000, 5000]);
  });

  it("applies full and equal jitter within their ranges", () => {
    expect(backoffDelayMs(3, { jitter: "full" }, () => 0)).toBe(0);
    expect(backoffDelayMs(3, { jitter: "full" }, () => 0.5)).toBe(200);
    expect(backoffDelayMs(3, { jitter: "equal" }, () => 0)).toBe(200);
    expect(backoffDelayMs(3, { jitter: "equal" }, () => 0.999999)).toBe(400);
    for (let attempt = 1; attempt < 20; attempt++) {
      const delay = backoffDelayMs(attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(5000);
    }
  });

  it("stops when shouldRetry says no, and reports each retry", async () => {
    const onRetry = vi.fn();
    const fn = failing(5);
    const shouldRetry = vi.fn((_err: unknown, attempt: number) => attempt < 2);
    await expect(
      retry(fn, { shouldRetry, onRetry, jitter: "none", sleep: () => Promise.resolve() }),
    ).rejects.toThrow("failure 2");
    expect(fn).toHaveBeenCalledTimes(2);
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ message: "failure 1" }), 1, 100);
  });

  it("uses a server-suggested delay, capped at maxDelayMs", async () => {
    const { delays, sleep } = recordingSleep();
    await retry(failing(2), {
      retryDelayMs: (_e, attempt) => (attempt === 1 ? 3000 : 60_000),
      maxDelayMs: 10_000,
      sleep,
    });
    expect(delays).toEqual([3000, 10_000]);
  });

  it("passes the attempt number to the function", async () => {
    const attempts: number[] = [];
    await retry(
      (attempt) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Error("sync failure");
        return attempt;
      },
      { sleep: () => Promise.resolve() },
    );
    expect(attempts).toEqual([1, 2, 3]);
  });

  it("stops waiting and calling when the signal aborts", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const fn = failing(10);
    const pending = retry(fn, { signal: controller.signal, baseDelayMs: 1000, jitter: "none" });
    const assertion = expect(pending).rejects.toThrow("stop");
    await vi.advanceTimersByTimeAsync(1000);
    expect(fn).toHaveBeenCalledTimes(2);
    controller.abort(new Error("stop"));
    await assertion;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("does not call the function when already aborted", async () => {
    const fn = vi.fn(() => Promise.resolve(1));
    await expect(retry(fn, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(fn).not.toHaveBeenCalled();
  });

  it("validates options", async () => {
    await expect(retry(() => 1, { retries: -1 })).rejects.toThrow(RangeError);
    expect(() => withRetry(() => 1, { factor: 0.5 })).toThrow(RangeError);
  });
});

describe("withRetry", () => {
  it("wraps a function, keeping arguments and this", async () => {
    const service = {
      calls: 0,
      load(id: string): Promise<string> {
        this.calls += 1;
        return this.calls < 2 ? Promise.reject(new Error("flaky")) : Promise.resolve(`loaded ${id}`);
      },
    };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- `this` is supplied through call()
    const load = withRetry(service.load, { sleep: () => Promise.resolve() });
    await expect(load.call(service, "a")).resolves.toBe("loaded a");
    expect(service.calls).toBe(2);
  });
});
