import { afterEach, describe, expect, it, vi } from "vitest";
import {
  abortReason,
  assertNever,
  chunk,
  clamp,
  deepFreeze,
  isPlainObject,
  omit,
  pick,
  sleep,
} from "./utils.js";

describe("sleep", () => {
  afterEach(() => vi.useRealTimers());

  it("resolves after the delay", async () => {
    vi.useFakeTimers();
    let done = false;
    const pending = sleep(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(done).toBe(true);
  });

  it("rejects with the abort reason and clears its timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error("shutting down"));
    await expect(pending).rejects.toThrow("shutting down");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once for an already aborted signal", async () => {
    await expect(sleep(10, AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
  });

  it("turns non-error abort reasons into AbortErrors", () => {
    const controller = new AbortController();
    controller.abort("bye");
    expect(abortReason(controller.signal)).toMatchObject({ name: "AbortError", message: "bye" });
  });
});

describe("small helpers", () => {
  it("clamps", () => {
    expect(clamp(5, 1, 3)).toBe(3);
    expect(clamp(-5, 1, 3)).toBe(1);
    expect(clamp(2, 1, 3)).toBe(2);
    expect(() => clamp(1, 3, 1)).toThrow(RangeError);
  });

  it("chunks", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it("picks and omits", () => {
    const source = { a: 1, b: "two", c: true };
    expect(pick(source, ["a", "c"])).toEqual({ a: 1, c: true });
    expect(omit(source, ["b"])).toEqual({ a: 1, c: true });
    expect(source).toEqual({ a: 1, b: "two", c: true });
    const partial: { a: number; b?: number } = { a: 1 };
    expect(pick(partial, ["b"])).toEqual({});
  });

  it("deep-freezes nested objects, arrays and cycles", () => {
    const value = { a: { b: [1, { c: 2 }] }, self: undefined as unknown };
    value.self = value;
    const frozen = deepFreeze(value);
    expect(frozen).toBe(value);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(() => {
      value.a.b.push(3);
    }).toThrow(TypeError);
  });

  it("asserts exhaustiveness", () => {
    expect(() => assertNever("x" as never)).toThrow('unexpected value: "x"');
  });

  it("recognises plain objects", () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject(JSON.parse('{"a":1}'))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject(new (class Foo {})())).toBe(false);
  });
});
