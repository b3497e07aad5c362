import { randomFillSync } from "node:crypto";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TIMESTAMP = 2 ** 48 - 1;
const MAX_COUNTER = 0xfff;

let lastMs = -1;
let counter = 0;

// Random bytes are drawn from a pool refilled 4 KiB at a time: one call into the CSPRNG per ~400
// ids instead of two per id (ids are made on every request).
const pool = Buffer.allocUnsafe(4096);
let poolOffset = pool.length;

/** `count` fresh random bytes; valid until the next call. */
function randomSlice(count: number): Buffer {
  if (poolOffset + count > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + count);
  poolOffset += count;
  return slice;
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, "0");
}

/**
 * A UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then a 12-bit counter in `rand_a`
 * (method 1 of §6.2) seeded randomly each millisecond, so ids from this process sort in creation
 * order even within one millisecond. If the counter runs out or the clock goes backwards, the
 * timestamp is advanced past the last one instead of breaking the order.
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    // Seed with the top bit clear so at least 2048 ids fit in the millisecond.
    counter = randomSlice(2).readUInt16BE(0) & 0x7ff;
  } else {
    ms = lastMs;
    counter += 1;
    if (counter > MAX_COUNTER) {
      ms += 1;
      counter = randomSlice(2).readUInt16BE(0) & 0x7ff;
    }
  }
  lastMs = ms;
  const rand = randomSlice(8);
  // variant 10xx in the top two bits of byte 8
  rand[0] = ((rand[0] ?? 0) & 0x3f) | 0x80;
  const tail = rand.toString("hex");
  const time = hex(ms, 12);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(counter, 3)}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
}

/** True for a canonical (8-4-4-4-12 hex) UUID string of any version. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}

/** The creation time embedded in a UUIDv7. Throws `TypeError` for anything that is not a UUIDv7. */
export function uuidv7Timestamp(id: string): Date {
  if (!isUuid(id) || id[14] !== "7") throw new TypeError(`not a UUIDv7: ${JSON.stringify(id)}`);
  const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  if (ms > MAX_TIMESTAMP) throw new TypeError(`not a UUIDv7: ${JSON.stringify(id)}`);
  return new Date(ms);
}
