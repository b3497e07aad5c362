import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CURSOR_MAX_LENGTH, createCursorCodec } from "./cursor.js";
import { ValidationError } from "./errors.js";

const codec = createCursorCodec("a-test-secret-that-is-long-enough-to-sign");
const jsonObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
const smallJsonObject = jsonObject.filter((payload) => JSON.stringify(payload).length < 300);

function expectRejected(cursor: string, pointer = "/query/cursor"): void {
  try {
    codec.decode(cursor, pointer);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).errors).toEqual([
      { pointer, detail: "cursor is malformed or has been tampered with" },
    ]);
    return;
  }
  throw new Error(`cursor was accepted: ${cursor}`);
}

describe("cursor codec", () => {
  it("round-trips a keyset payload", () => {
    const payload = { publishedAt: "2025-01-01T00:00:00.000Z", id: "0194f3c2-0000-7000-8000-000000000000" };
    const cursor = codec.encode(payload);
    expect(cursor).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(codec.decode(cursor)).toEqual(payload);
  });

  it("round-trips any JSON object", () => {
    fc.assert(
      fc.property(smallJsonObject, (payload) => {
        expect(codec.decode(codec.encode(payload))).toEqual(JSON.parse(JSON.stringify(payload)));
      }),
    );
  });

  it("rejects any single-character change", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
    fc.assert(
      fc.property(smallJsonObject, fc.nat(), fc.constantFrom(...alphabet), (payload, at, replacement) => {
        const cursor = codec.encode(payload);
        const index = at % cursor.length;
        fc.pre(cursor[index] !== replacement);
        expectRejected(cursor.slice(0, index) + replacement + cursor.slice(index + 1));
      }),
    );
  });

  it("rejects random strings, truncations and extensions", () => {
    fc.assert(fc.property(fc.string({ maxLength: 600 }), (garbage) => expectRejected(garbage)));
    const cursor = codec.encode({ id: 1 });
    for (let length = 0; length < cursor.length; length++) expectRejected(cursor.slice(0, length));
    expectRejected(`${cursor}A`);
    expectRejected(`${cursor}.`);
  });

  it("rejects cursors signed with another secret", () => {
    const other = createCursorCodec("another-secret-that-is-long-enough-too");
    expectRejected(other.encode({ id: 1 }));
  });

  it("rejects a validly signed payload that is not an object", () => {
    // Forge what a buggy issuer could have signed: the array form of a payload.
    const body = Buffer.from("[1,2]").toString("base64url");
    const real = codec.encode({ x: 1 });
    expectRejected(`v1.${body}.${real.split(".")[2]}`);
  });

  it("rejects oversized input before doing any work and reports the given pointer", () => {
    expectRejected(`v1.${"A".repeat(CURSOR_MAX_LENGTH)}.${"A".repeat(43)}`, "/query/after");
  });

  it("refuses to issue a cursor longer than it would accept", () => {
    expect(() => codec.encode({ big: "x".repeat(CURSOR_MAX_LENGTH) })).toThrow(RangeError);
  });

  it("requires a secret of at least 16 bytes", () => {
    expect(() => createCursorCodec("short")).toThrow(TypeError);
    expect(() => createCursorCodec(new Uint8Array(16))).not.toThrow();
  });
});
