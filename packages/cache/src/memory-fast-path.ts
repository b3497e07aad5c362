import type { LRUCache } from "lru-cache";
import { deepFreeze } from "./serialization.js";

export interface StoredEntry {
  value: unknown;
  createdAt: number;
  logicalExpiration: number;
  tags?: string[];
}

/** One LRU entry decoded; current until the LRU drops or rewrites it (see `forget`). */
interface Decoded {
  lruKey: string;
  entry: StoredEntry | undefined;
  /** The LRU keys of the entry's tag timestamps, built once. */
  tagKeys: string[] | undefined;
  /** The reader and key it was read through (tag timestamps have none). */
  reader: FastReader | undefined;
  key: string;
  /** Fast reads since the LRU last saw one (see TOUCH_EVERY). */
  reads: number;
}

/**
 * A fast read goes to the LRU itself once in this many reads of an entry, to keep its recency:
 * an entry read only through the fast path would otherwise age out of the LRU while hot. (A power
 * of two, so the check is a mask.)
 */
const TOUCH_EVERY = 32;

/**
 * The fast path of one namespace: its decoded entries by the caller's key, so a read looks up
 * strings whose hashes V8 already holds instead of building `<prefix>:<segment>:<key>` each time.
 */
export interface FastReader {
  readonly keyPrefix: string;
  readonly decoded: Map<string, Decoded>;
}

const TAG_KEY = "___bc:t:";

/** bentocache's serialised entry, its value deeply frozen; undefined for anything else. */
export function parseEntry(raw: string): StoredEntry | undefined {
  try {
    const entry = JSON.parse(raw) as Partial<StoredEntry> | null;
    if (!entry || typeof entry.logicalExpiration !== "number" || typeof entry.createdAt !== "number")
      return undefined;
    deepFreeze(entry.value);
    return entry as StoredEntry;
  } catch {
    return undefined;
  }
}

/**
 * Answers a read from L1 without bentocache's per-call machinery (an options object, a tracing
 * span and several awaits per read cost ~10 µs; decision 0004) when the answer is certain:
 * the entry is in the LRU and logically fresh, and every tag it carries has its invalidation
 * timestamp in L1, fresh, and older than the entry. That is bentocache's own validity rule
 * (`createdAt <= tagTimestamp` means invalidated). Anything else (a miss, a stale or graced entry,
 * a tag timestamp not in L1 or expired by the bus) returns undefined, and the caller goes through
 * bentocache, which also repairs L1. It reads bentocache 1.6's serialised entry format, which is
 * why bentocache is pinned to an exact version.
 *
 * The LRU holds the serialised strings (they are what its byte bound measures). Each entry is
 * decoded once, on its first fast read, and kept beside the LRU until the LRU drops or rewrites
 * it (`forget`, called from the LRU's dispose); the value is deeply frozen, so every reader gets
 * the same immutable object and a read costs a map lookup, not a JSON parse.
 */
export class MemoryFastPath {
  /** Every decoded entry by LRU key: what `forget` and tag checks look up. */
  readonly #byLruKey = new Map<string, Decoded>();
  readonly #readers = new Map<string, FastReader>();

  constructor(
    private readonly lru: LRUCache<string, string>,
    private readonly prefix: string,
  ) {}

  /** The reader of keys `<segment>:<key>` (one per segment, however often it is asked for). */
  reader(segment: string): FastReader {
    let reader = this.#readers.get(segment);
    if (reader === undefined) {
      reader = { keyPrefix: `${this.prefix}:${segment}:`, decoded: new Map() };
      this.#readers.set(segment, reader);
    }
    return reader;
  }

  /** The LRU dropped or replaced `lruKey`. */
  forget(lruKey: string): void {
    const known = this.#byLruKey.get(lruKey);
    if (known === undefined) return;
    this.#byLruKey.delete(lruKey);
    known.reader?.decoded.delete(known.key);
  }

  #decode(lruKey: string, raw: string, reader: FastReader | undefined, key: string): Decoded {
    const entry = parseEntry(raw);
    const tagKeys = entry?.tags?.map((tag) => `${this.prefix}:${TAG_KEY}${tag}`);
    const decoded: Decoded = { lruKey, entry, tagKeys, reader, key, reads: 0 };
    this.#byLruKey.set(lruKey, decoded);
    reader?.decoded.set(key, decoded);
    return decoded;
  }

  /** A tag's invalidation timestamp, when L1 holds a live one. */
  #tagTimestamp(lruKey: string, now: number, touch: boolean): number | undefined {
    let known = this.#byLruKey.get(lruKey);
    if (known === undefined || touch) {
      const raw = this.lru.get(lruKey);
      if (raw === undefined) return undefined;
      if (known === undefined) known = this.#decode(lruKey, raw, undefined, lruKey);
    }
    const entry = known.entry;
    if (!entry || entry.logicalExpiration <= now || typeof entry.value !== "number") return undefined;
    return entry.value;
  }

  /**
   * True when every tag of `entry` has a live invalidation timestamp in L1 older than the entry:
   * the entry is certainly not invalidated. False when one invalidated it or L1 cannot tell.
   */
  tagsAllow(entry: StoredEntry, now: number): boolean {
    for (const tag of entry.tags ?? []) {
      const invalidatedAt = this.#tagTimestamp(`${this.prefix}:${TAG_KEY}${tag}`, now, false);
      if (invalidatedAt === undefined || entry.createdAt <= invalidatedAt) return false;
    }
    return true;
  }

  /** True while L1 holds an entry for `key`, fresh or not. */
  holds(reader: FastReader, key: string): boolean {
    return reader.decoded.has(key) || this.lru.has(reader.keyPrefix + key);
  }

  /** Copies an entry read from L2 into L1 for `ttlMs`, as bentocache does after an L2 hit. */
  backfill(reader: FastReader, key: string, raw: string, ttlMs: number): void {
    if (ttlMs <= 0) return;
    this.lru.set(reader.keyPrefix + key, raw, { ttl: ttlMs });
  }

  /**
   * The entry of `key` read through `reader`, if L1 can answer with certainty. A decoded entry is
   * current for as long as the LRU holds it: every way out of the LRU (eviction, expiry, delete,
   * overwrite, clear) goes through its dispose and so `forget`. Physical expiry in the LRU is never
   * earlier than the logical one checked here.
   */
  read(reader: FastReader, key: string): { value: unknown } | undefined {
    let known = reader.decoded.get(key);
    let touch = false;
    if (known === undefined) {
      const lruKey = reader.keyPrefix + key;
      const raw = this.lru.get(lruKey);
      if (raw === undefined) return undefined;
      known = this.#decode(lruKey, raw, reader, key);
    } else if (((known.reads += 1) & (TOUCH_EVERY - 1)) === 0) {
      touch = true;
      if (this.lru.get(known.lruKey) === undefined) return undefined;
    }
    const entry = known.entry;
    if (entry === undefined) return undefined;
    const now = Date.now();
    if (entry.logicalExpiration <= now) return undefined;
    const tagKeys = known.tagKeys;
    if (tagKeys !== undefined) {
      for (const tagKey of tagKeys) {
        const invalidatedAt = this.#tagTimestamp(tagKey, now, touch);
        if (invalidatedAt === undefined || entry.createdAt <= invalidatedAt) return undefined;
      }
    }
    return entry;
  }
}
