/** Resolves after `ms` milliseconds; rejects with the signal's reason if `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The reason an aborted signal carries, always as an Error (a bare `abort()` yields an AbortError). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(typeof reason === "string" ? reason : "This operation was aborted", "AbortError");
}

export function clamp(value: number, min: number, max: number): number {
  if (min > max) throw new RangeError(`clamp: min (${min}) is greater than max (${max})`);
  return Math.min(Math.max(value, min), max);
}

/** Splits `items` into arrays of at most `size` elements, in order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("chunk size must be a positive integer");
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** A new object with only `keys` (own properties that are present). */
export function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const result = {} as Pick<T, K>;
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(source, key)) result[key] = source[key];
  }
  return result;
}

/** A shallow copy of `source` without `keys`. */
export function omit<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Omit<T, K> {
  const result: Partial<T> = { ...source };
  for (const key of keys) delete result[key];
  return result as Omit<T, K>;
}

export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : T extends Map<infer K, infer V>
      ? ReadonlyMap<DeepReadonly<K>, DeepReadonly<V>>
      : T extends Set<infer U>
        ? ReadonlySet<DeepReadonly<U>>
        : T extends object
          ? { readonly [P in keyof T]: DeepReadonly<T[P]> }
          : T;

/** Freezes `value` and every object reachable from it (cycles are fine); returns the same reference. */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if ((typeof node !== "object" && typeof node !== "function") || node === null || seen.has(node)) return;
    seen.add(node);
    // Typed arrays with elements cannot be frozen; their contents stay mutable by design.
    if (ArrayBuffer.isView(node)) return;
    for (const key of Reflect.ownKeys(node)) {
      const descriptor = Object.getOwnPropertyDescriptor(node, key);
      if (descriptor !== undefined && "value" in descriptor) visit(descriptor.value);
    }
    Object.freeze(node);
  };
  visit(value);
  return value as DeepReadonly<T>;
}

/** Exhaustiveness check for `switch`/`if` chains over unions. */
export function assertNever(value: never, message?: string): never {
  throw new TypeError(message ?? `unexpected value: ${safeDescribe(value)}`);
}

function safeDescribe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** True for `{}`-style objects: created by an object literal, `Object.create(null)` or JSON.parse. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
