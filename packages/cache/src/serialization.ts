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
