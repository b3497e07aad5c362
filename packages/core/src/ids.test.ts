import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isUuid, uuidv7, uuidv7Timestamp } from "./ids.js";

describe("uuidv7", () => {
  afterEach(() => vi.useRealTimers());

  it("produces RFC 9562 version 7, variant 10 ids", () => {
    for (let i = 0; i < 100; i++) {
      const id = uuidv7();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(isUuid(id)).toBe(true);
    }
  });

  it("embeds the creation time", () => {
    vi.useFakeTimers({ now: new Date("2031-05-06T07:08:09.123Z"), toFake: ["Date"] });
    expect(uuidv7Timestamp(uuidv7()).toISOString()).toBe("2031-05-06T07:08:09.123Z");
  });

  it("sorts in creation order, also within one millisecond and across many", () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00.000Z"), toFake: ["Date"] });
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      ids.push(uuidv7());
      if (i % 1000 === 0) vi.advanceTimersByTime(1);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("moves into the next millisecond instead of overflowing the counter", () => {
    vi.useFakeTimers({ now: new Date("2033-01-01T00:00:00.000Z"), toFake: ["Date"] });
    const ids = Array.from({ length: 6000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7Timestamp(ids[ids.length - 1]!).getTime()).toBeGreaterThan(
      Date.parse("2033-01-01T00:00:00.000Z"),
    );
  });

  it("stays ordered when the clock goes backwards", () => {
    vi.useFakeTimers({ now: new Date("2032-01-01T00:00:01.000Z"), toFake: ["Date"] });
    const first = uuidv7();
    vi.setSystemTime(new Date("2032-01-01T00:00:00.000Z"));
    const second = uuidv7();
    expect(second > first).toBe(true);
  });

  it("orders ids taken at increasing times", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 2, maxLength: 20 }),
        (offsets) => {
          const start = Date.UTC(2040, 0, 1);
          const times = [...offsets].sort((a, b) => a - b).map((offset) => start + offset);
          vi.useFakeTimers({ now: times[0]!, toFake: ["Date"] });
          const ids = times.map((time) => {
            vi.setSystemTime(time);
            return uuidv7();
          });
          expect([...ids].sort()).toEqual(ids);
          vi.useRealTimers();
        },
      ),
    );
  });
});

describe("isUuid and uuidv7Timestamp", () => {
  it("accepts canonical UUIDs of any version and rejects the rest", () => {
    expect(isUuid("123e4567-e89b-12d3-a456-426614174000")).toBe(true);
    expect(isUuid("123E4567-E89B-12D3-A456-426614174000")).toBe(true);
    expect(isUuid("123e4567e89b12d3a456426614174000")).toBe(false);
    expect(isUuid("123e4567-e89b-12d3-a456-42661417400")).toBe(false);
    expect(isUuid(" 123e4567-e89b-12d3-a456-426614174000")).toBe(false);
    expect(isUuid(42)).toBe(false);
  });

  it("refuses to read a timestamp from other versions", () => {
    expect(() => uuidv7Timestamp("123e4567-e89b-42d3-a456-426614174000")).toThrow(TypeError);
    expect(() => uuidv7Timestamp("nope")).toThrow(TypeError);
  });
});
