import { describe, expect, it } from "vitest";
import { focalPosition, srcSetFor, type CoverSource } from "./post-cover";

const cover: CoverSource = {
  url: "/media/a/original.jpg",
  alt: "A lighthouse",
  focal_x: 0.25,
  focal_y: 0.8,
  variants: [
    { format: "webp", width: 1024, height: 683, url: "/media/a/1024.webp" },
    { format: "avif", width: 320, height: 213, url: "/media/a/320.avif" },
    { format: "webp", width: 320, height: 213, url: "/media/a/320.webp" },
    { format: "webp", width: 320, height: 213, url: "/media/a/320-dup.webp" },
    { format: "webp", width: 640, height: 427, url: "/media/a/bad, url.webp" },
  ],
};

describe("cover image helpers", () => {
  it("builds one srcset per format, narrowest first, without duplicates or unsafe URLs", () => {
    expect(srcSetFor(cover, "webp")).toBe("/media/a/320.webp 320w, /media/a/1024.webp 1024w");
    expect(srcSetFor(cover, "avif")).toBe("/media/a/320.avif 320w");
    expect(srcSetFor({ url: "/x.jpg", alt: null }, "webp")).toBe("");
  });

  it("turns the focal point into object-position, centred when unknown and clamped to the frame", () => {
    expect(focalPosition(cover)).toBe("25% 80%");
    expect(focalPosition({ url: "/x.jpg", alt: null })).toBe("50% 50%");
    expect(focalPosition({ url: "/x.jpg", alt: null, focal_x: -1, focal_y: 7 })).toBe("0% 100%");
  });
});
