import { generateSecret as otpGenerateSecret, generateSync, generateURI, verifySync } from "otplib";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20; // 160 bits, RFC 4226's recommendation
const CODE = /^\d{6}$/;

export type TotpVerification = { ok: true; step: number } | { ok: false };

export interface Totp {
  /** A new base32 secret (160 bits); store it sealed. */
  generateSecret(): string;
  /** The `otpauth://` URI an authenticator app scans (as a QR code). */
  keyUri(accountName: string, secret: string): string;
  /**
   * Accepts the code of the current 30 s step or the one before or after. A code whose step is not
   * after `lastUsedStep` is refused, so each code works once: persist the returned `step`.
   */
  verify(secret: string, code: string, lastUsedStep: number | null): TotpVerification;
  /** The code for `at` (default now), for tests and e2e. */
  generateCode(secret: string, at?: Date): string;
}

/** RFC 6238 TOTP as every authenticator app expects it: SHA-1, 6 digits, 30 s. */
export function createTotp(opts: { issuer: string; now?: () => Date }): Totp {
  const clock = opts.now ?? (() => new Date());
  const epochOf = (d: Date) => Math.floor(d.getTime() / 1000);
  const common = { algorithm: "sha1", digits: DIGITS, period: PERIOD_SECONDS } as const;

  return {
    generateSecret() {
      return otpGenerateSecret({ length: SECRET_BYTES });
    },
    keyUri(accountName, secret) {
      return generateURI({ ...common, issuer: opts.issuer, label: accountName, secret });
    },
    verify(secret, code, lastUsedStep) {
      // Authenticator apps show "123 456"; accept what users paste.
      const token = code.replace(/\s+/g, "");
      if (!CODE.test(token)) return { ok: false };
      const epoch = epochOf(clock());
      const currentStep = Math.floor(epoch / PERIOD_SECONDS);
      // A step already used at or beyond the newest acceptable one: nothing can be accepted.
      if (lastUsedStep !== null && lastUsedStep >= currentStep + 1) return { ok: false };
      const result = verifySync({
        ...common,
        secret,
        token,
        epoch,
        // ±30 s from any instant inside the current step covers exactly the steps before and after it.
        epochTolerance: PERIOD_SECONDS,
        ...(lastUsedStep !== null && lastUsedStep >= 0 ? { afterTimeStep: lastUsedStep } : {}),
      });
      if (!result.valid) return { ok: false };
      const step = currentStep + result.delta;
      if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false };
      return { ok: true, step };
    },
    generateCode(secret, at) {
      return generateSync({ ...common, secret, epoch: epochOf(at ?? clock()) });
    },
  };
}
