import type { StaffCommentList } from "@folio/types";
import { describe, expect, it } from "vitest";
import { actionsFor, movedCounts, queuePath, withoutComments } from "./moderation-queries";

describe("moderation queue helpers", () => {
  it("builds list paths with the filters", () => {
    expect(queuePath({ status: "spam", postId: "", q: "" }, null)).toBe(
      "/admin/comments?status=spam&limit=25",
    );
    expect(queuePath({ status: "pending", postId: "p1", q: "rude words" }, "c1")).toBe(
      "/admin/comments?status=pending&limit=25&post_id=p1&q=rude+words&cursor=c1",
    );
  });

  it("moves counts optimistically and never below zero", () => {
    const counts = { pending: 2, approved: 5, spam: 0, deleted: 1 };
    expect(movedCounts(counts, "pending", "approved", 2)).toEqual({
      pending: 0,
      approved: 7,
      spam: 0,
      deleted: 1,
    });
    expect(movedCounts(counts, "spam", "deleted", 3)).toEqual({
      pending: 2,
      approved: 5,
      spam: 0,
      deleted: 4,
    });
    expect(movedCounts(counts, "pending", "pending", 2)).toBe(counts);
  });

  it("drops moved comments from every loaded page", () => {
    const page = (ids: string[]): StaffCommentList =>
      ({ data: ids.map((id) => ({ id })), next_cursor: null }) as unknown as StaffCommentList;
    const pages = withoutComments([page(["a", "b"]), page(["c"])], new Set(["b", "c"]));
    expect(pages.map((p) => p.data.map((c) => c.id))).toEqual([["a"], []]);
  });

  it("offers every action that changes the status", () => {
    expect(actionsFor("pending")).toEqual(["approve", "spam", "delete"]);
    expect(actionsFor("deleted")).toEqual(["approve", "spam", "restore"]);
  });
});
