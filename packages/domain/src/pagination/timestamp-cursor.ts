import { type CursorCodec, isUuid, ValidationError } from "@folio/core";

const CURSOR_POINTER = "/query/cursor";
/** The exact timestamp text the repositories' keyset columns produce (microseconds, UTC). */
const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

/** A keyset position: the last row's exact timestamp and its id. */
export interface TimestampPosition {
  at: string;
  id: string;
}

export interface TimestampCursor {
  encode(position: TimestampPosition): string;
  /** The position in a cursor this listing issued; a 400 at `/query/cursor` otherwise. */
  decode(cursor: string): TimestampPosition;
}

/**
 * Signed keyset cursors over (timestamp, id), shared by every listing ordered that way. The
 * payload is `{ [field]: timestamp, i: id }`; `listing` names the listing in the error detail
 * ("cursor is not <listing> cursor").
 */
export function timestampCursor(cursors: CursorCodec, field: string, listing: string): TimestampCursor {
  return {
    encode: (position) => cursors.encode({ [field]: position.at, i: position.id }),
    decode(cursor) {
      const payload = cursors.decode<Record<string, unknown>>(cursor, CURSOR_POINTER);
      const at = payload[field];
      const id = payload.i;
      if (
        typeof at !== "string" ||
        !CURSOR_TIMESTAMP.test(at) ||
        Number.isNaN(Date.parse(at)) ||
        !isUuid(id)
      ) {
        throw new ValidationError([{ pointer: CURSOR_POINTER, detail: `cursor is not ${listing} cursor` }]);
      }
      return { at, id };
    },
  };
}
