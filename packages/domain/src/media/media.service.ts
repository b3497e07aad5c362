import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Permission } from "@folio/auth";
import { type CursorCodec, ForbiddenError, NotFoundError, PayloadTooLargeError, uuidv7 } from "@folio/core";
import { MediaRepository, type Database, type MediaRecord, type MediaVariant } from "@folio/database";
import type { ListMediaQuery, Media, MediaList, UpdateMediaBody } from "@folio/types";
import { timestampCursor } from "../pagination/timestamp-cursor.js";
import { MediaInUseError } from "./media-errors.js";
import { detectMediaType, processImage, storedExtension, type EncodedImage } from "./media-files.js";
import { toMedia } from "./media-mappers.js";
import type { MediaStorage } from "./media-storage.js";

/** Who acts on the library: the API's auth context satisfies this structurally. */
export interface MediaActor {
  userId: string;
  permissions: ReadonlySet<Permission> | ReadonlySet<string>;
}

export interface MediaUpload {
  /** The file's bytes as they arrive (the multipart part's stream). */
  file: Readable;
  /** The name the client gave; shown in the library, never used as a storage key. */
  filename: string;
  /** The part's Content-Type as the client declared it. */
  contentType?: string | undefined;
  alt?: string | undefined;
}

export interface MediaFile {
  body: Readable;
  size: number;
  contentType: string;
}

export interface MediaService {
  /** Largest accepted upload in bytes (the HTTP layer sets its multipart limit from it). */
  readonly maxBytes: number;
  /** Streams, checks and stores a file with its variants; the row is written last. */
  upload(actor: MediaActor, upload: MediaUpload): Promise<Media>;
  list(query: ListMediaQuery): Promise<MediaList>;
  get(id: string): Promise<Media>;
  /** Alt, caption, focal point: the uploader, or anyone with `media:manage`. */
  update(actor: MediaActor, id: string, body: UpdateMediaBody): Promise<Media>;
  /** Row and files; 409 `media-in-use` while a post uses it as its cover or in its body. */
  delete(actor: MediaActor, id: string): Promise<void>;
  /** A stored file by key for `GET /media/<key>`; null when there is none (or the key is invalid). */
  openFile(key: string): Promise<MediaFile | null>;
  /** Public URL of a storage key (`/media/<key>`, or under MEDIA_PUBLIC_URL). */
  urlOf(key: string): string;
}

export interface MediaServiceDeps {
  database: Database;
  storage: MediaStorage;
  cursors: CursorCodec;
  /** Largest accepted upload in bytes (MEDIA_MAX_BYTES). */
  maxBytes: number;
  /** CDN base URL without a trailing slash; null/undefined serves files at `/media/<key>`. */
  publicUrl?: string | null | undefined;
  /** Where uploads are spooled while they are checked; the OS temp directory by default. */
  tempDir?: string | undefined;
  now?: () => Date;
}

const FILENAME_MAX_LENGTH = 255;

/** The last path segment of a client-supplied name, without control characters, at most 255 long. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is dropped
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (cleaned === "" ? "upload" : cleaned).slice(0, FILENAME_MAX_LENGTH);
}

/** Counts and hashes what passes through; past `limit` bytes it fails with 413. */
function meter(limit: number) {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) {
        callback(new PayloadTooLargeError(limit));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, bytes: () => bytes, digest: () => hash.digest("hex") };
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

const CONTENT_TYPES: Record<EncodedImage["format"], string> = {
  webp: "image/webp",
  avif: "image/avif",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
};

export function createMediaService(deps: MediaServiceDeps): MediaService {
  const { database, storage } = deps;
  const now = deps.now ?? (() => new Date());
  const repo = new MediaRepository(database);
  // Payload `{ m: created_at, i: id }`.
  const cursor = timestampCursor(deps.cursors, "m", "a media listing");
  const base = deps.publicUrl ?? "/media";
  const urlOf = (key: string) => `${base}/${key}`;

  async function get(id: string): Promise<Media> {
    const record = await repo.findRecord(id);
    if (!record) throw new NotFoundError("media", id);
    return toMedia(record, urlOf);
  }

  function assertCanChange(actor: MediaActor, uploaderId: string | null): void {
    const permissions = actor.permissions as ReadonlySet<string>;
    if (permissions.has("media:manage")) return;
    if (uploaderId !== null && uploaderId === actor.userId) return;
    throw new ForbiddenError("Only the uploader or an editor can change this file.");
  }

  async function removeFiles(keys: readonly string[]): Promise<void> {
    await Promise.allSettled(keys.map((key) => storage.delete(key)));
  }

  return {
    maxBytes: deps.maxBytes,
    urlOf,

    async upload(actor, upload) {
      const id = uuidv7();
      const createdAt = now();
      const filename = cleanFilename(upload.filename);
      const spool = await mkdtemp(path.join(deps.tempDir ?? tmpdir(), "folio-upload-"));
      const written: string[] = [];
      try {
        // 1. Spool to disk while counting (413 past the limit) and hashing.
        const temp = path.join(spool, "upload");
        const metered = meter(deps.maxBytes);
        await pipeline(upload.file, metered.stream, createWriteStream(temp));
        // 2. The type from the content, checked against the declared type and the extension.
        const mime = await detectMediaType(temp, { filename, contentType: upload.contentType });
        // 3. Images: dimensions, metadata stripped, variants — all before anything is stored.
        const image = mime.startsWith("image/") ? await processImage(temp, mime) : null;
        const hash = image ? sha256(image.original.data) : metered.digest();
        const byteSize = image ? image.original.data.length : metered.bytes();
        const month = `${createdAt.getUTCFullYear()}/${String(createdAt.getUTCMonth() + 1).padStart(2, "0")}`;
        // The content hash in the key makes every URL immutable (cached for a year).
        const stem = `${month}/${id}/${hash.slice(0, 16)}`;
        const originalKey = `${stem}.${storedExtension(mime)}`;

        // 4. Store the original, then the variants; remember each key for the clean-up.
        written.push(originalKey);
        if (image) await storage.put(originalKey, image.original.data, { contentType: mime });
        else await storage.put(originalKey, createReadStream(temp), { contentType: mime });
        const variants: MediaVariant[] = [];
        for (const variant of image?.variants ?? []) {
          const key = `${stem}-${variant.width}w.${variant.format}`;
          written.push(key);
          await storage.put(key, variant.data, { contentType: CONTENT_TYPES[variant.format] });
          variants.push({
            format: variant.format as MediaVariant["format"],
            width: variant.width,
            height: variant.height,
            key,
            bytes: variant.data.length,
          });
        }

        // 5. The row last, in one transaction: no row without its files.
        await database.transaction(async (tx) => {
          await new MediaRepository(tx).insert({
            id,
            uploaderId: actor.userId,
            storage: storage.kind,
            storageKey: originalKey,
            filename,
            mimeType: mime,
            byteSize,
            sha256: hash,
            width: image?.original.width ?? null,
            height: image?.original.height ?? null,
            alt: upload.alt ?? "",
            caption: null,
            variants,
            createdAt,
            updatedAt: createdAt,
          });
        });
      } catch (error) {
        // No row, no file: whatever was stored for this upload goes again.
        await removeFiles(written);
        // Drain what the client still sends, so the answer is not a reset connection.
        if (!upload.file.destroyed) upload.file.resume();
        throw error;
      } finally {
        await rm(spool, { recursive: true, force: true });
      }
      return get(id);
    },

    async list(query) {
      const position = query.cursor === undefined ? undefined : cursor.decode(query.cursor);
      const page = await repo.search({
        q: query.q,
        imagesOnly: query.type === "image",
        limit: query.limit,
        after: position && { createdAt: position.at, id: position.id },
      });
      const last: MediaRecord | undefined = page.items.at(-1);
      return {
        data: page.items.map((record) => toMedia(record, urlOf)),
        next_cursor:
          page.hasMore && last ? cursor.encode({ at: last.sortKey.createdAt, id: last.sortKey.id }) : null,
      };
    },

    get,

    async update(actor, id, body) {
      await database.transaction(async (tx) => {
        const r = new MediaRepository(tx);
        const row = await r.findForUpdate(id);
        if (!row) throw new NotFoundError("media", id);
        assertCanChange(actor, row.uploaderId);
        await r.update(
          id,
          { alt: body.alt, caption: body.caption, focalX: body.focal_x, focalY: body.focal_y },
          now(),
        );
      });
      return get(id);
    },

    async delete(actor, id) {
      const row = await database.transaction(async (tx) => {
        const r = new MediaRepository(tx);
        const found = await r.findForUpdate(id);
        if (!found) throw new NotFoundError("media", id);
        assertCanChange(actor, found.uploaderId);
        const users = await r.findUsingPosts(id);
        if (users.length > 0) throw new MediaInUseError(users);
        await r.delete(id);
        return found;
      });
      // After the commit: a failed delete leaves an unreachable file, never a row without files.
      await removeFiles([row.storageKey, ...row.variants.map((v) => v.key)]);
    },

    async openFile(key) {
      try {
        return await storage.get(key);
      } catch (error) {
        if (error instanceof Error && error.name === "InvalidMediaKeyError") return null;
        throw error;
      }
    },
  };
}
