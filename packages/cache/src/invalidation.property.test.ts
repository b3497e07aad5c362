import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createCache } from "./cache.js";
import { redisUrl, uniquePrefix } from "./testing/environment.js";
import type { Cache } from "./types.js";

const KEYS = ["a", "b", "c"] as const;
const TAGS = ["t1", "t2"] as const;

type Step =
  | { op: "set"; key: (typeof KEYS)[number]; tags: (typeof TAGS)[number][] }
  | { op: "delete"; key: (typeof KEYS)[number] }
  | { op: "invalidate"; tag: (typeof TAGS)[number] }
  | { op: "read"; key: (typeof KEYS)[number] };

const key = fc.constantFrom(...KEYS);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), key, tags: fc.subarray([...TAGS]) }),
  fc.record({ op: fc.constant("delete" as const), key }),
  fc.record({ op: fc.constant("invalidate" as const), tag: fc.constantFrom(...TAGS) }),
  fc.record({ op: fc.constant("read" as const), key }),
);

const open: Cache[] = [];
afterAll(async () => {
  await Promise.all(open.map((cache) => cache.close()));
});

describe("invalidation (property)", () => {
  it("never returns a value written before the key was deleted or one of its tags invalidated", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const keyPrefix = uniquePrefix();
        // The writer has L1 + Redis; the second reader has no L1, so it sees exactly what Redis holds.
        const writer = createCache({ namespace: "folio", keyPrefix, redis: { url: redisUrl } });
        const remoteReader = createCache({
          namespace: "folio",
          keyPrefix,
          memory: false,
          redis: { url: redisUrl },
        });
        open.push(writer, remoteReader);
        const current = new Map<string, { value: number; tags: string[] }>();
        let version = 0;
        try {
          for (const s of steps) {
            if (s.op === "set") {
              version += 1;
              await writer.set(s.key, version, { tags: s.tags });
              current.set(s.key, { value: version, tags: s.tags });
            } else if (s.op === "delete") {
              await writer.delete(s.key);
              current.delete(s.key);
            } else if (s.op === "invalidate") {
              await writer.invalidateTags([s.tag]);
              for (const [k, entry] of current) if (entry.tags.includes(s.tag)) current.delete(k);
            } else {
              const allowed = current.get(s.key)?.value;
              for (const reader of [writer, remoteReader]) {
                const seen = await reader.get<number>(s.key);
                // Either the live value or nothing (an invalidation in the same millisecond as a
                // later write also drops that write); never an older version.
                if (seen !== undefined) expect(seen).toBe(allowed);
              }
            }
          }
        } finally {
          open.splice(open.indexOf(writer), 2);
          await Promise.all([writer.close(), remoteReader.close()]);
        }
      }),
      { numRuns: 40 },
    );
  });
});
