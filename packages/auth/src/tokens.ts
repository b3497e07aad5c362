import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";

const MIN_TOKEN_BYTES = 32;

/** A random bearer secret (session, refresh, reset, API token…): base64url of `bytes` ≥ 32 random bytes. */
export function generateOpaqueToken(bytes = MIN_TOKEN_BYTES): string {
  if (!Number.isSafeInteger(bytes) || bytes < MIN_TOKEN_BYTES) {
    throw new RangeError(`opaque tokens need at least ${MIN_TOKEN_BYTES} bytes (256 bits)`);
  }
  return randomBytes(bytes).toString("base64url");
}

/**
 * What the database stores instead of the token: a hex SHA-256. The token already carries 256 bits
 * of entropy, so a fast unsalted hash is enough and lets the row be found by an indexed equality.
 */
export function hashOpaqueToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const HEX = /^[0-9a-f]*$/i;

/** Constant-time comparison of two hex digests; false for different lengths or non-hex input. */
export function safeEqualHex(a: string, b: string): boolean {
  if (a.length !== b.length || !HEX.test(a) || !HEX.test(b)) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase(), "utf8"), Buffer.from(b.toLowerCase(), "utf8"));
}

/** A uniformly random decimal code (email/SMS one-time codes), leading zeros kept. */
export function generateNumericCode(digits = 6): string {
  if (!Number.isSafeInteger(digits) || digits < 4 || digits > 12) {
    throw new RangeError("numeric codes have 4 to 12 digits");
  }
  let code = "";
  for (let i = 0; i < digits; i += 1) code += String(randomInt(10));
  return code;
}

// Lower-case letters and digits without the look-alikes 0/o, 1/l/i: 31 symbols, ~4.95 bits each,
// so a 10-symbol recovery code has ~49 bits — plenty for a single-use, rate-limited secret.
const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const RECOVERY_GROUP = 5;

function randomGroup(): string {
  let group = "";
  for (let i = 0; i < RECOVERY_GROUP; i += 1) group += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return group;
}

/** `count` distinct single-use recovery codes shaped `xxxxx-xxxxx`. */
export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isSafeInteger(count) || count < 1 || count > 100) {
    throw new RangeError("between 1 and 100 recovery codes");
  }
  const codes = new Set<string>();
  while (codes.size < count) codes.add(`${randomGroup()}-${randomGroup()}`);
  return [...codes];
}

/**
 * The canonical `xxxxx-xxxxx` form of what a user typed: case, spaces and the dash are optional.
 * Input that cannot be a recovery code is returned squashed (and will simply not match).
 */
export function normalizeRecoveryCode(input: string): string {
  const squashed = input
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "");
  if (squashed.length !== RECOVERY_GROUP * 2) return squashed;
  return `${squashed.slice(0, RECOVERY_GROUP)}-${squashed.slice(RECOVERY_GROUP)}`;
}
