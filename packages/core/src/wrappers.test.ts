import { describe, expect, it, vi } from "vitest";
import { memoize, timed } from "./wrappers.js";

describe("timed", () => {
  it("reports duration and success of a sync call, passing the result through", () => {
    const onDone = vi.fn();
    const add = timed((a: number, b: number) => a + b, onDone);
    expect(add(2, 3)).toBe(5);
    expect(onDone).toHaveBeenCalledWith(expect.any(Number), "ok", [2, 3]);
    expect(onDone.mock.calls[0]![0]).toBeGreaterThanOrEqual(0);
  });

  it("reports a sync throw and rethrows it", () => {
    const onDone = vi.fn();
    const boom = timed((): number => {
      throw new Error("boom");
    }, onDone);
    expect(() => boom()).toThrow("boom");
    expect(onDone).toHaveBeenCalledWith(expect.any(Number), "error", []);
  });

  it("times async work until it settles", async () => {
    vi.useFakeTimers();
    try {
      const onDone = vi.fn();
      const slow = timed(
        (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve("done"), ms)),
        onDone,
      );
      const pending = slow(250);
      expect(onDone).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(250);
      await expect(pending).resolves.toBe("done");
      expect(onDone).toHaveBeenCalledWith(expect.any(Number), "ok", [250]);
      expect(onDone.mock.calls[0]![0]).toBeGreaterThanOrEqual(250);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reports an async rejection and keeps it", async () => {
    const onDone = vi.fn();
    const failing = timed(() => Promise.reject(new Error("nope")), onDone);
    await expect(failing()).rejects.toThrow("nope");
    expect(onDone).toHaveBeenCalledWith(expect.any(Number), "error", []);
  });

  it("keeps this", () => {
    const counter = {
      n: 1,
      get: timed(
        function (this: { n: number }) {
          return this.n;
        },
        () => undefined,
      ),
    };
    expect(counter.get()).toBe(1);
  });
});

describe("memoize", () => {
  it("computes once per distinct argument list", () => {
    const square = vi.fn((n: number, label?: string) => `${label ?? ""}${n * n}`);
    const cached = memoize(square);
    expect(cached(3)).toBe("9");
    expect(cached(3)).toBe("9");
    expect(cached(3, "x")).toBe("x9");
    expect(cached(3, undefined)).toBe("9");
    expect(square).toHaveBeenCalledTimes(3);
    expect(cached.size).toBe(3);
  });

  it("distinguishes values that stringify alike", () => {
    const identity = memoize((value: string | number | boolean | null) => typeof value);
    expect(identity("1")).toBe("string");
    expect(identity(1)).toBe("number");
    expect(identity("true")).toBe("string");
    expect(identity(true)).toBe("boolean");
    expect(identity(null)).toBe("object");
    expect(identity("null")).toBe("string");
  });

  it("evicts the least recently used entry", () => {
    const fn = vi.fn((n: number) => n * 2);
    const cached = memoize(fn, { maxSize: 2 });
    cached(1);
    cached(2);
    cached(1); // 1 is now most recent
    cached(3); // evicts 2
    expect(cached.size).toBe(2);
    fn.mockClear();
    cached(1);
    cached(3);
    expect(fn).not.toHaveBeenCalled();
    cached(2);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("caches resolved promises but retries after a rejection", async () => {
    let calls = 0;
    const load = memoize((id: string) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error(`failed ${id}`)) : Promise.resolve(`value ${id}`);
    });
    await expect(load("a")).rejects.toThrow("failed a");
    await expect(load("a")).resolves.toBe("value a");
    await expect(load("a")).resolves.toBe("value a");
    expect(calls).toBe(2);
  });

  it("shares one pending promise between concurrent callers", async () => {
    const fn = vi.fn((id: number) => Promise.resolve(id));
    const cached = memoize(fn);
    const [a, b] = await Promise.all([cached(1), cached(1)]);
    expect([a, b]).toEqual([1, 1]);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("never caches a thrown error", () => {
    let calls = 0;
    const flaky = memoize((n: number) => {
      calls += 1;
      if (calls === 1) throw new Error("first call fails");
      return n;
    });
    expect(() => flaky(1)).toThrow("first call fails");
    expect(flaky(1)).toBe(1);
  });

  it("needs a key function for object arguments", () => {
    const byId = memoize((post: { id: string }) => post.id.toUpperCase(), { key: (post) => post.id });
    expect(byId({ id: "a" })).toBe("A");
    expect(byId.size).toBe(1);
    expect(byId({ id: "a" })).toBe("A");
    expect(byId.size).toBe(1);
    const noKey = memoize((post: { id: string }) => post.id);
    expect(() => noKey({ id: "a" })).toThrow(TypeError);
  });

  it("clears", () => {
    const fn = vi.fn((n: number) => n);
    const cached = memoize(fn);
    cached(1);
    cached.clear();
    cached(1);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(() => memoize(fn, { maxSize: 0 })).toThrow(RangeError);
  });
});
