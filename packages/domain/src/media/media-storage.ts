import type { Readable } from "node:stream";

/** What `get` answers: the bytes as a stream, their length and their Content-Type. */
export interface StoredObject {
  body: Readable;
  size: number;
  contentType: string;
}

export interface PutOptions {
  contentType: string;
}

/**
 * Where uploaded files live. Keys are relative, slash-separated paths made of lower-case letters,
 * digits, `.`, `_` and `-` (no `..`, no leading slash): `assertMediaKey` checks them, and every
 * adapter refuses anything else, so a key can never name a file outside the storage.
 */
export interface MediaStorage {
  /** "local" or "s3": recorded on each media row, so files stay findable after a switch. */
  readonly kind: string;
  /** Writes the whole object or nothing (readers never see a partial file). Overwrites. */
  put(key: string, body: Readable | Buffer, options: PutOptions): Promise<void>;
  /** The object, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; deleting a missing one is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*$/;
export const MEDIA_KEY_MAX_LENGTH = 512;

export function isMediaKey(key: string): boolean {
  return (
    key.length <= MEDIA_KEY_MAX_LENGTH && KEY_PATTERN.test(key) && !key.split("/").some((s) => s === "..")
  );
}

export class InvalidMediaKeyError extends Error {
  constructor(key: string) {
    super(`not a media key: ${JSON.stringify(key.slice(0, 100))}`);
    this.name = "InvalidMediaKeyError";
  }
}

export function assertMediaKey(key: string): void {
  if (!isMediaKey(key)) throw new InvalidMediaKeyError(key);
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  avif: "image/avif",
  gif: "image/gif",
  pdf: "application/pdf",
};

/** The Content-Type of a key by its extension (our keys always have one); octet-stream otherwise. */
export function contentTypeOfKey(key: string): string {
  const dot = key.lastIndexOf(".");
  return (dot === -1 ? undefined : TYPES_BY_EXTENSION[key.slice(dot + 1)]) ?? "application/octet-stream";
}
