import { describe, expect, it } from "vitest";
import {
  generateNumericCode,
  generateOpaqueToken,
  generateRecoveryCodes,
  hashOpaqueToken,
  normalizeRecoveryCode,
  safeEqualHex,
} from "./tokens.js";

describe("opaque tokens", () => {
  it("are base64url with at least 256 bits and never repeat", () => {
    const token = generateOpaqueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(generateOpaqueToken(48)).toHaveLength(64);
    expect(new Set(Array.from({ length: 1000 }, () => generateOpaqueToken())).size).toBe(1000);
    expect(() => generateOpaqueToken(16)).toThrow(RangeError);
  });

  it("hash to a stable hex SHA-256 that compares in constant time", () => {
    const token = generateOpaqueToken();
    const hash = hashOpaqueToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOpaqueToken(token)).toBe(hash);
    expect(hashOpaqueToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(safeEqualHex(hash, hashOpaqueToken(token))).toBe(true);
    expect(safeEqualHex(hash, hash.toUpperCase())).toBe(true);
    expect(safeEqualHex(hash, hashOpaqueToken(token + "x"))).toBe(false);
    expect(safeEqualHex(hash, hash.slice(1))).toBe(false);
    expect(safeEqualHex("zz", "zz")).toBe(false);
  });
});

describe("numeric codes", () => {
  it("have the requested digits, keep leading zeros and cover every digit in every position", () => {
    const codes = Array.from({ length: 2000 }, () => generateNumericCode());
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(generateNumericCode(8)).toMatch(/^\d{8}$/);
    for (let position = 0; position < 6; position += 1) {
      expect(new Set(codes.map((c) => c[position])).size).toBe(10);
    }
    expect(codes.some((c) => c.startsWith("0"))).toBe(true);
    expect(() => generateNumericCode(2)).toThrow(RangeError);
  });
});

describe("recovery codes", () => {
  it("are distinct xxxxx-xxxxx codes without look-alike characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it("normalise whatever the user typed to the stored form", () => {
    const [code] = generateRecoveryCodes(1);
    expect(code).toBeDefined();
    const c = code!;
    expect(normalizeRecoveryCode(c)).toBe(c);
    expect(normalizeRecoveryCode(c.replace("-", ""))).toBe(c);
    expect(normalizeRecoveryCode(`  ${c.toUpperCase()} `)).toBe(c);
    expect(normalizeRecoveryCode("ab cd e-fg hjk")).toBe("abcde-fghjk");
    expect(normalizeRecoveryCode("abcdefghjk")).toBe("abcde-fghjk");
    expect(normalizeRecoveryCode("short")).toBe("short");
  });
});
