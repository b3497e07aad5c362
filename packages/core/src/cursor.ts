import { createHmac, timingSafeEqual } from "node:crypto";
import { ValidationError } from "./errors.js";

/** Longest cursor `decode` accepts (and `encode` may produce); matches `CursorSchema` in @folio/types. */
export const CURSOR_MAX_LENGTH = 512;
const CURSOR_VERSION = "v1";
const CURSOR_PATTERN = /^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;
const MIN_SECRET_BYTES = 16;

export interface CursorCodec {
  encode(payload: Record<string, unknown>): string;
  /** Throws `ValidationError` (at `pointer`) for any cursor this codec did not issue. */
  decode<T = Record<string, unknown>>(cursor: string, pointer?: string): T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Opaque, tamper-evident pagination cursors: `v1.<base64url(JSON)>.<base64url(HMAC-SHA256)>`.
 * The MAC covers the version and the encoded text (not the decoded bytes), so changing any
 * character, even one that decodes to the same bytes, invalidates the cursor.
 */
export function createCursorCodec(secret: string | Uint8Array): CursorCodec {
  const key = typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret);
  if (key.length < MIN_SECRET_BYTES) {
    throw new TypeError(`cursor secret must be at least ${MIN_SECRET_BYTES} bytes`);
  }
  const sign = (body: string): string =>
    createHmac("sha256", key).update(`${CURSOR_VERSION}.${body}`).digest("base64url");

  return {
    encode(payload) {
      if (!isRecord(payload)) throw new TypeError("cursor payload must be an object");
      const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
      const cursor = `${CURSOR_VERSION}.${body}.${sign(body)}`;
      if (cursor.length > CURSOR_MAX_LENGTH) {
        throw new RangeError(`cursor payload too large: ${cursor.length} > ${CURSOR_MAX_LENGTH} characters`);
      }
      return cursor;
    },

    decode<T = Record<string, unknown>>(cursor: string, pointer = "/query/cursor"): T {
      const invalid = () =>
        new ValidationError([{ pointer, detail: "cursor is malformed or has been tampered with" }]);
      if (typeof cursor !== "string" || cursor.length > CURSOR_MAX_LENGTH) throw invalid();
      const match = CURSOR_PATTERN.exec(cursor);
      const body = match?.[1];
      const signature = match?.[2];
      if (body === undefined || signature === undefined) throw invalid();
      const expected = Buffer.from(sign(body), "ascii");
      const given = Buffer.from(signature, "ascii");
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
      } catch {
        throw invalid();
      }
      if (!isRecord(payload)) throw invalid();
      return payload as T;
    },
  };
}
