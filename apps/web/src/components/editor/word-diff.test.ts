import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("marks inserted and deleted words", () => {
    expect(wordDiff("the quick brown fox", "the slow brown fox jumps")).toEqual([
      { op: "equal", text: "the " },
      { op: "delete", text: "quick" },
      { op: "insert", text: "slow" },
      { op: "equal", text: " brown fox" },
      { op: "insert", text: " jumps" },
    ]);
  });

  it("rebuilds both sides", () => {
    const before = "One two three.\n\nFour five.";
    const after = "One 2 three.\n\nFour five six.";
    const parts = wordDiff(before, after);
    expect(
      parts
        .filter((p) => p.op !== "insert")
        .map((p) => p.text)
        .join(""),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.op !== "delete")
        .map((p) => p.text)
        .join(""),
    ).toBe(after);
  });
});
