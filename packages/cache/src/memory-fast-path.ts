import type { LRUCache } from "lru-cache";

interface StoredEntry {
  value: unknown;
  createdAt: number;
  logicalExpiration: number;
  tags?: string[];
}

const TAG_KEY = "___bc:t:";

function parse(raw: string): StoredEntry | undefined {
  try {
    const entry = JSON.parse(raw) as Partial<StoredEntry> | null;
    if (!entry || typeof entry.logicalExpiration !== "number" || typeof entry.createdAt !== "number")
      return undefined;
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
 */
export class MemoryFastPath {
  constructor(
    private readonly lru: LRUCache<string, string>,
    private readonly prefix: string,
  ) {}

  /** The LRU key of `<segment>:` keys, so a read builds one string. */
  keyPrefix(segment: string): string {
    return `${this.prefix}:${segment}:`;
  }

  /** `lruKey` is `keyPrefix(segment) + key`. */
  read(lruKey: string): { value: unknown } | undefined {
    const raw = this.lru.get(lruKey);
    if (raw === undefined) return undefined;
    const entry = parse(raw);
    const now = Date.now();
    if (!entry || entry.logicalExpiration <= now) return undefined;
    if (entry.tags) {
      for (const tag of entry.tags) {
        const rawTag = this.lru.get(`${this.prefix}:${TAG_KEY}${tag}`);
        if (rawTag === undefined) return undefined;
        const tagEntry = parse(rawTag);
        if (!tagEntry || tagEntry.logicalExpiration <= now || typeof tagEntry.value !== "number")
          return undefined;
        if (entry.createdAt <= tagEntry.value) return undefined;
      }
    }
    return { value: entry.value };
  }
}
