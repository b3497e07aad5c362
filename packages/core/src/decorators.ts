/**
 * TC39 (stage 3) method decorators over the wrappers, as TypeScript 5 compiles them without
 * `experimentalDecorators`. Vitest's transformer (oxc) cannot lower them yet, so code that runs
 * under Vitest untransformed by tsc should call `withRetry`/`timed`/`memoize` directly.
 */
import { type RetryOptions, withRetry } from "./retry.js";
import { type MemoizeOptions, type TimedOutcome, memoize, timed } from "./wrappers.js";

type Method<This, A extends unknown[], R> = (this: This, ...args: A) => R;

function methodName(context: { name: string | symbol }): string {
  return typeof context.name === "symbol" ? (context.name.description ?? "symbol") : context.name;
}

function assertMethod(context: { kind: string }, decorator: string): void {
  if (context.kind !== "method") throw new TypeError(`@${decorator} can only decorate methods`);
}

/** Retries an async method with `retry` semantics. */
export function Retry(options: RetryOptions = {}) {
  return function <This, A extends unknown[], R>(
    target: Method<This, A, Promise<R>>,
    context: ClassMethodDecoratorContext<This, Method<This, A, Promise<R>>>,
  ): Method<This, A, Promise<R>> {
    assertMethod(context, "Retry");
    return withRetry(target, options);
  };
}

/** Reports each call's duration and outcome; `methodName` names the decorated method. */
export function Timed(
  onDone: (durationMs: number, outcome: TimedOutcome, args: unknown[], methodName: string) => void,
) {
  return function <This, A extends unknown[], R>(
    target: Method<This, A, R>,
    context: ClassMethodDecoratorContext<This, Method<This, A, R>>,
  ): Method<This, A, R> {
    assertMethod(context, "Timed");
    const name = methodName(context);
    return timed(target, (durationMs, outcome, args) => onDone(durationMs, outcome, args, name));
  };
}

/** Memoizes a pure method; each instance has its own cache. */
export function Memoize<A extends unknown[]>(options: MemoizeOptions<A> = {}) {
  return function <This extends object, R>(
    target: Method<This, A, R>,
    context: ClassMethodDecoratorContext<This, Method<This, A, R>>,
  ): Method<This, A, R> {
    assertMethod(context, "Memoize");
    const caches = new WeakMap<This, (...args: A) => R>();
    return function (this: This, ...args: A): R {
      let cached = caches.get(this);
      if (cached === undefined) {
        cached = memoize((...callArgs: A) => target.apply(this, callArgs), options);
        caches.set(this, cached);
      }
      return cached(...args);
    };
  };
}
