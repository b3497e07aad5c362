import { describe, expect, it } from "vitest";
import { revalidateBatches } from "./web-revalidate.js";

describe("revalidateBatches", () => {
  it("keeps a small request whole and drops duplicates", () => {
    expect(revalidateBatches({ paths: ["/", "/a", "/"], tags: ["posts"] })).toEqual([
      { paths: ["/", "/a"], tags: ["posts"] },
    ]);
  });

  it("splits long lists so no request carries more than the limit of either", () => {
    const paths = Array.from({ length: 450 }, (_, i) => `/p${i}`);
    const tags = Array.from({ length: 30 }, (_, i) => `tag:${i}`);
    const batches = revalidateBatches({ paths, tags }, 200);
    expect(batches.map((b) => [b.paths.length, b.tags.length])).toEqual([
      [200, 30],
      [200, 0],
      [50, 0],
    ]);
    expect(batches.flatMap((b) => b.paths)).toEqual(paths);
  });

  it("sends nothing for an empty request", () => {
    expect(revalidateBatches({ paths: [], tags: [] })).toEqual([]);
  });
});
