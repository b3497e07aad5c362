import {
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  check,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./users.js";

/** One generated rendition of an image: a format at a width. */
export interface MediaVariant {
  format: "webp" | "avif" | "jpeg" | "png";
  width: number;
  height: number;
  /** The storage key of the rendition. */
  key: string;
  bytes: number;
}

/** An uploaded file in the media library; the bytes live in the storage adapter, not here. */
export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey(),
    uploaderId: uuid("uploader_id").references(() => users.id, { onDelete: "set null" }),
    /** Which storage adapter holds the bytes ("local", "s3"). */
    storage: text("storage").notNull(),
    /** The original's key in that storage. */
    storageKey: text("storage_key").notNull(),
    filename: text("filename").notNull(),
    /** Detected from the content, never from the name or the client's Content-Type. */
    mimeType: text("mime_type").notNull(),
    byteSize: integer("byte_size").notNull(),
    sha256: text("sha256").notNull(),
    width: integer("width"),
    height: integer("height"),
    alt: text("alt").notNull().default(""),
    caption: text("caption"),
    /** Focal point as fractions of width and height (0..1); crops keep it in frame. */
    focalX: real("focal_x").notNull().default(0.5),
    focalY: real("focal_y").notNull().default(0.5),
    variants: jsonb("variants")
      .$type<MediaVariant[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("media_storage_key").on(t.storage, t.storageKey),
    index("media_library_idx").on(t.createdAt.desc(), t.id.desc()),
    index("media_uploader_idx").on(t.uploaderId),
    check("media_focal_check", sql`${t.focalX} between 0 and 1 and ${t.focalY} between 0 and 1`),
    check("media_byte_size_check", sql`${t.byteSize} >= 0`),
  ],
);

export type MediaRow = typeof media.$inferSelect;
export type NewMediaRow = typeof media.$inferInsert;
