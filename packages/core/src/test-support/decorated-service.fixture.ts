// Compiled by decorators.test.ts with the TypeScript compiler (TC39 decorators, no
// experimentalDecorators), because Vitest's transformer cannot lower standard decorators yet.
// The decorators are passed in, so the emitted JavaScript has no imports to resolve.
import type { Memoize, Retry, Timed } from "../decorators.js";

export interface Decorators {
  Retry: typeof Retry;
  Timed: typeof Timed;
  Memoize: typeof Memoize;
}

export type TimingRecord = [durationMs: number, outcome: "ok" | "error", args: unknown[], methodName: string];

export function defineServices({ Retry, Timed, Memoize }: Decorators, timings: TimingRecord[]) {
  const record = (durationMs: number, outcome: "ok" | "error", args: unknown[], methodName: string) => {
    timings.push([durationMs, outcome, args, methodName]);
  };

  class FlakyClient {
    calls = 0;
    constructor(private readonly failures: number) {}

    @Retry({ retries: 3, sleep: () => Promise.resolve() })
    async fetch(path: string): Promise<string> {
      this.calls += 1;
      await Promise.resolve();
      if (this.calls <= this.failures) throw new Error(`attempt ${this.calls} failed`);
      return `GET ${path} after ${this.calls}`;
    }
  }

  class Calculator {
    computed = 0;
    constructor(private readonly factor: number) {}

    @Memoize({ maxSize: 10 })
    scale(n: number): number {
      this.computed += 1;
      return n * this.factor;
    }

    @Timed(record)
    divide(a: number, b: number): number {
      if (b === 0) throw new RangeError("division by zero");
      return a / b;
    }

    @Timed(record)
    async later(value: string): Promise<string> {
      await Promise.resolve();
      return value;
    }
  }

  return { FlakyClient, Calculator };
}
