/**
 * Values are stored as JSON (bentocache's serializer). What that means for callers: a `Date`
 * comes back as its ISO string, `Map`/`Set` as `{}`, `undefined` properties disappear, and a
 * value JSON cannot represent (BigInt, a cycle) is not cached at all. The size guard measures the
 * UTF-8 bytes of that JSON.
 */
export type SizeCheck =
  { ok: true } | { ok: false; reason: "too-large" | "not-serialisable"; bytes?: number };

export function checkSerialisable(value: unknown, maxBytes: number): SizeCheck {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return { ok: false, reason: "not-serialisable" };
  }
  if (json === undefined) return { ok: false, reason: "not-serialisable" };
  // A UTF-8 string is at most 3 bytes per UTF-16 unit; count exactly only near the limit.
  if (json.length * 3 <= maxBytes) return { ok: true };
  const bytes = Buffer.byteLength(json, "utf8");
  return bytes <= maxBytes ? { ok: true } : { ok: false, reason: "too-large", bytes };
}

/**
 * Freezes a decoded JSON value and everything in it. Values the cache hands out are shared by
 * every reader of the key (the memory tier decodes an entry once), so none may change them: in
 * strict-mode code (every ES module) a write to one throws a TypeError instead of corrupting what
 * the next request reads. Copy a value (`structuredClone`) to change it.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  freezeTree(value);
  shared.add(value);
  return value;
}

function freezeTree(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) freezeTree((value as Record<string, unknown>)[key]);
}

const shared = new WeakSet<object>();

/**
 * True for a value the cache handed out: deeply frozen and shared by every reader of its entry
 * until the entry changes. What is derived from it alone (its JSON, an ETag) can be kept beside
 * it, in a WeakMap keyed by the value, for as long as the value lives.
 */
export function isSharedValue(value: unknown): value is object {
  return typeof value === "object" && value !== null && shared.has(value);
}
