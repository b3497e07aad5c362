import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { InternalError } from "@folio/core";

const VERSION = "v1";
const SALT = "folio-secret-box";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIN_MASTER_SECRET_LENGTH = 32;

/**
 * A sealed value could not be opened: tampered, sealed for another context, or under another master
 * secret. An `InternalError` (500): it means our stored data or configuration is wrong, never the
 * client's input, and its detail stays out of responses.
 */
export class SecretBoxError extends InternalError {
  constructor(detail = "The sealed value could not be opened.") {
    super(detail);
  }
}

export interface SecretBox {
  /** AES-256-GCM under a key derived for `context`; output `v1.<iv>.<ciphertext>.<tag>` (base64url). */
  seal(plaintext: string, context: string): string;
  /** Throws `SecretBoxError` unless `sealed` was sealed by this master secret for this same `context`. */
  open(sealed: string, context: string): string;
}

/**
 * Encryption at rest for TOTP secrets and private signing keys. Each `context` (e.g.
 * `totp:<factor id>`) gets its own HKDF-derived key, so a ciphertext copied into another row fails
 * to open instead of decrypting there.
 */
export function createSecretBox(masterSecret: string): SecretBox {
  if (masterSecret.length < MIN_MASTER_SECRET_LENGTH) {
    throw new RangeError(
      `the secret-box master secret needs at least ${MIN_MASTER_SECRET_LENGTH} characters`,
    );
  }
  const keys = new Map<string, Buffer>();
  function keyFor(context: string): Buffer {
    if (context === "") throw new RangeError("secret-box context must not be empty");
    let key = keys.get(context);
    if (key === undefined) {
      key = Buffer.from(hkdfSync("sha256", masterSecret, SALT, context, 32));
      // Contexts are per row in places (a factor id), so bound the cache rather than grow forever.
      if (keys.size >= 1000) keys.clear();
      keys.set(context, key);
    }
    return key;
  }

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", keyFor(context), iv, { authTagLength: TAG_BYTES });
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, ciphertext, tag]
        .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
        .join(".");
    },
    open(sealed, context) {
      const parts = sealed.split(".");
      if (parts.length !== 4 || parts[0] !== VERSION)
        throw new SecretBoxError("The sealed value is malformed.");
      const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
      if (iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || ciphertext === undefined) {
        throw new SecretBoxError("The sealed value is malformed.");
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", keyFor(context), iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretBoxError();
      }
    },
  };
}
