import { FolioError } from "@folio/core";

// Problem types of the media library. The problem `type` is what clients switch on, so each
// answer has its own slug; the detail says what was found.

/** The content is not one of the accepted types (JPEG, PNG, WebP, AVIF, GIF, PDF). */
export class UnsupportedMediaFileError extends FolioError {
  constructor(detail: string) {
    super({
      slug: "unsupported-media-type",
      title: "Unsupported Media Type",
      status: 415,
      code: "unsupported-file-type",
      detail,
    });
  }
}

/** The content's type disagrees with the declared Content-Type or the file name's extension. */
export class MediaTypeMismatchError extends FolioError {
  constructor(detail: string) {
    super({
      slug: "media-type-mismatch",
      title: "Media Type Mismatch",
      status: 415,
      detail,
    });
  }
}

/** Looks like an image but cannot be decoded (truncated, corrupt, too many pixels). */
export class UnreadableImageError extends FolioError {
  constructor(detail = "The image could not be read; it may be truncated or corrupt.", cause?: unknown) {
    super({ slug: "unreadable-image", title: "Unreadable Image", status: 422, detail, cause });
  }
}

/** The item is the cover or a body image of a post; remove it there first. */
export class MediaInUseError extends FolioError {
  readonly postIds: string[];
  constructor(posts: { id: string; title: string }[]) {
    const titles = posts.map((p) => JSON.stringify(p.title)).join(", ");
    super({
      slug: "media-in-use",
      title: "Media In Use",
      status: 409,
      detail: `This file is used by ${posts.length === 1 ? "a post" : "posts"} (${titles}); remove it there first.`,
    });
    this.postIds = posts.map((p) => p.id);
  }
}
