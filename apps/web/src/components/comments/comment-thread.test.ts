import type { PublicComment } from "@folio/types";
import { describe, expect, it } from "vitest";
import { insertInThread, mergeOwnPending } from "./comment-thread";

function c(id: string, parent: string | null, depth: number): PublicComment {
  return {
    id,
    post_id: "p",
    parent_id: parent,
    depth,
    author: null,
    html: "",
    created_at: "2030-01-01T00:00:00.000Z",
    edited_at: null,
  };
}

describe("comment thread order", () => {
  const list = [c("a", null, 0), c("a1", "a", 1), c("a1x", "a1", 2), c("b", null, 0)];

  it("puts a reply after its parent's last descendant", () => {
    expect(insertInThread(list, c("new", "a", 1)).map((x) => x.id)).toEqual(["a", "a1", "a1x", "new", "b"]);
    expect(insertInThread(list, c("new", "a1", 2)).map((x) => x.id)).toEqual(["a", "a1", "a1x", "new", "b"]);
    expect(insertInThread(list, c("new", "b", 1)).map((x) => x.id)).toEqual(["a", "a1", "a1x", "b", "new"]);
  });

  it("appends top-level comments and replies to unknown parents", () => {
    expect(insertInThread(list, c("new", null, 0)).at(-1)?.id).toBe("new");
    expect(insertInThread(list, c("new", "gone", 1)).at(-1)?.id).toBe("new");
  });

  it("merges own waiting comments once", () => {
    const merged = mergeOwnPending(list, [c("a", null, 0), c("w", "a1x", 3)]);
    expect(merged.map((x) => x.id)).toEqual(["a", "a1", "a1x", "w", "b"]);
  });
});
