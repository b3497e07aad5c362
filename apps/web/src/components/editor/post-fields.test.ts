import { describe, expect, it } from "vitest";
import { buildInput, buildPatch, changedKeys, emptyFields, hasContent } from "./post-fields";

const base = emptyFields({ id: "u1", name: "Ada" });

describe("buildPatch", () => {
  it("sends only what changed, empty text as null", () => {
    const after = {
      ...base,
      title: "Hello",
      excerpt: "   ",
      seo: { ...base.seo, meta_title: "Hi" },
      tag_ids: ["t1"],
    };
    expect(changedKeys(base, after).sort()).toEqual(["excerpt", "seo", "tag_ids", "title"]);
    expect(buildPatch(base, after)).toEqual({
      title: "Hello",
      excerpt: null,
      seo: { meta_title: "Hi" },
      tag_ids: ["t1"],
    });
  });

  it("sends a library cover by media id and an emptied cover as null", () => {
    const withCover = {
      ...base,
      cover: { media_id: "m1", url: "/media/x.jpg", alt: "A lake", focal_x: 0.2, focal_y: 0.7 },
    };
    expect(buildPatch(base, withCover)).toEqual({
      cover_image: { media_id: "m1", alt: "A lake", focal_x: 0.2, focal_y: 0.7 },
    });
    expect(buildPatch(withCover, base)).toEqual({ cover_image: null });
  });

  it("sends authors in byline order as ids", () => {
    const after = {
      ...base,
      authors: [
        { id: "u2", name: "Bo" },
        { id: "u1", name: "Ada" },
      ],
    };
    expect(buildPatch(base, after)).toEqual({ author_ids: ["u2", "u1"] });
  });
});

describe("buildInput and hasContent", () => {
  it("creates with a title even when the writer has not typed one", () => {
    const fields = {
      ...base,
      body: {
        type: "doc" as const,
        content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }],
      },
    };
    expect(hasContent(fields)).toBe(true);
    expect(buildInput(fields, false)).toMatchObject({ title: "Untitled", body: fields.body });
    expect(buildInput(fields, false)).not.toHaveProperty("author_ids");
    expect(buildInput(fields, true)).toMatchObject({ author_ids: ["u1"] });
  });

  it("treats a blank editor as empty", () => {
    expect(hasContent(base)).toBe(false);
  });
});
