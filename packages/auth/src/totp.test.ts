import { describe, expect, it } from "vitest";
import { createTotp } from "./totp.js";

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (base32 below), 8-digit codes;
// the 6-digit codes are their last six digits.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

function fakeClock(start: Date) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set: (d: Date) => void (t = d.getTime()),
    advance: (seconds: number) => void (t += seconds * 1000),
  };
}

describe("TOTP", () => {
  it("matches the RFC 6238 test vectors", () => {
    const totp = createTotp({ issuer: "Folio" });
    expect(totp.generateCode(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(totp.generateCode(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
    expect(totp.generateCode(RFC_SECRET, new Date(2_000_000_000_000))).toBe("279037");
  });

  it("generates 160-bit base32 secrets and an authenticator key URI", () => {
    const totp = createTotp({ issuer: "Folio Press" });
    const secret = totp.generateSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(totp.generateSecret()).not.toBe(secret);
    const uri = new URL(totp.keyUri("jane@example.com", secret));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Folio Press:jane@example.com");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.searchParams.get("issuer")).toBe("Folio Press");
  });

  it("accepts the current step and one either side, and reports the matched step", () => {
    const clock = fakeClock(new Date("2026-03-01T12:00:10Z"));
    const totp = createTotp({ issuer: "Folio", now: clock.now });
    const secret = totp.generateSecret();
    const step = Math.floor(clock.now().getTime() / 30_000);
    const at = (offset: number) => new Date((step + offset) * 30_000 + 5_000);
    expect(totp.verify(secret, totp.generateCode(secret, at(0)), null)).toEqual({ ok: true, step });
    expect(totp.verify(secret, totp.generateCode(secret, at(-1)), null)).toEqual({
      ok: true,
      step: step - 1,
    });
    expect(totp.verify(secret, totp.generateCode(secret, at(1)), null)).toEqual({ ok: true, step: step + 1 });
    expect(totp.verify(secret, totp.generateCode(secret, at(-2)), null)).toEqual({ ok: false });
    expect(totp.verify(secret, totp.generateCode(secret, at(2)), null)).toEqual({ ok: false });
  });

  it("refuses a replayed step and anything older, then accepts a later step", () => {
    const clock = fakeClock(new Date("2026-03-01T12:00:00Z"));
    const totp = createTotp({ issuer: "Folio", now: clock.now });
    const secret = totp.generateSecret();
    const code = totp.generateCode(secret);
    const first = totp.verify(secret, code, null);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(totp.verify(secret, code, first.step)).toEqual({ ok: false });
    // The previous step's code is still inside the window, but older than the used step.
    const previous = totp.generateCode(secret, new Date(clock.now().getTime() - 30_000));
    expect(totp.verify(secret, previous, first.step)).toEqual({ ok: false });
    clock.advance(30);
    expect(totp.verify(secret, totp.generateCode(secret), first.step)).toEqual({
      ok: true,
      step: first.step + 1,
    });
    // A stored step ahead of the window (clock went backwards) blocks instead of throwing.
    expect(totp.verify(secret, totp.generateCode(secret), first.step + 5)).toEqual({ ok: false });
  });

  it("accepts codes typed with spaces and rejects malformed ones", () => {
    const totp = createTotp({ issuer: "Folio" });
    const secret = totp.generateSecret();
    const code = totp.generateCode(secret);
    expect(totp.verify(secret, `${code.slice(0, 3)} ${code.slice(3)}`, null).ok).toBe(true);
    expect(totp.verify(secret, "12345", null)).toEqual({ ok: false });
    expect(totp.verify(secret, "abcdef", null)).toEqual({ ok: false });
    expect(totp.verify(secret, "", null)).toEqual({ ok: false });
  });
});
