import { fileURLToPath } from "node:url";
import { compileDecoratorFixture } from "../../../tests/support/decorator-fixture.js";
import { beforeAll, describe, expect, it } from "vitest";
import { Memoize, Retry, Timed } from "./decorators.js";
import type {
  TimingRecord,
  defineServices as DefineServices,
} from "./test-support/decorated-service.fixture.js";

const fixturePath = fileURLToPath(new URL("./test-support/decorated-service.fixture.ts", import.meta.url));

let defineServices: typeof DefineServices;

beforeAll(() => {
  // Type-check the fixture with the repo's strict settings, then emit it as tsc would for dist/.
  const fixture = compileDecoratorFixture<{ defineServices: typeof DefineServices }>(fixturePath);
  expect(fixture.experimentalDecorators).toBe(false);
  expect(fixture.diagnostics).toEqual([]);
  expect(fixture.outputText).toContain("__esDecorate");
  defineServices = fixture.exports.defineServices!;
}, 60_000);

function services(timings: TimingRecord[] = []) {
  return defineServices({ Retry, Timed, Memoize }, timings);
}

describe("@Retry", () => {
  it("retries a failing async method on the same instance", async () => {
    const { FlakyClient } = services();
    const client = new FlakyClient(2);
    await expect(client.fetch("/posts")).resolves.toBe("GET /posts after 3");
    expect(client.calls).toBe(3);
  });

  it("rethrows after the configured retries", async () => {
    const { FlakyClient } = services();
    const client = new FlakyClient(10);
    await expect(client.fetch("/posts")).rejects.toThrow("attempt 4 failed");
    expect(client.calls).toBe(4);
  });
});

describe("@Memoize", () => {
  it("caches per instance", () => {
    const { Calculator } = services();
    const double = new Calculator(2);
    const triple = new Calculator(3);
    expect(double.scale(5)).toBe(10);
    expect(double.scale(5)).toBe(10);
    expect(triple.scale(5)).toBe(15);
    expect(double.computed).toBe(1);
    expect(triple.computed).toBe(1);
  });
});

describe("@Timed", () => {
  it("reports sync and async outcomes with the method name", async () => {
    const timings: TimingRecord[] = [];
    const { Calculator } = services(timings);
    const calculator = new Calculator(1);
    expect(calculator.divide(6, 3)).toBe(2);
    expect(() => calculator.divide(1, 0)).toThrow("division by zero");
    await expect(calculator.later("x")).resolves.toBe("x");
    expect(timings.map(([, outcome, args, name]) => [outcome, args, name])).toEqual([
      ["ok", [6, 3], "divide"],
      ["error", [1, 0], "divide"],
      ["ok", ["x"], "later"],
    ]);
    for (const [durationMs] of timings) expect(durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe("decorator guards", () => {
  it("refuses to decorate anything but methods", () => {
    const context = { kind: "field", name: "x" } as unknown as ClassMethodDecoratorContext;
    expect(() => Retry()(() => Promise.resolve(1), context)).toThrow("@Retry can only decorate methods");
    expect(() => Timed(() => undefined)(() => 1, context)).toThrow("@Timed can only decorate methods");
    expect(() => Memoize()(() => 1, context)).toThrow("@Memoize can only decorate methods");
  });
});
