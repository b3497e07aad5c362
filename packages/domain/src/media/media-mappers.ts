import type { MediaRecord } from "@folio/database";
import type { Media } from "@folio/types";
import { toAuthorSummary } from "../posts/post-mappers.js";

/** A library row → the API's `Media` (snake_case, ISO timestamps, URLs instead of keys). */
export function toMedia(record: MediaRecord, urlOf: (key: string) => string): Media {
  return {
    id: record.id,
    url: urlOf(record.storageKey),
    filename: record.filename,
    mime_type: record.mimeType,
    byte_size: record.byteSize,
    width: record.width,
    height: record.height,
    alt: record.alt,
    caption: record.caption,
    focal_x: record.focalX,
    focal_y: record.focalY,
    variants: record.variants.map((v) => ({
      format: v.format,
      width: v.width,
      height: v.height,
      url: urlOf(v.key),
    })),
    uploader: record.uploader && toAuthorSummary(record.uploader),
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
  };
}
