import { describe, expect, it } from "vitest";
import { isFolioError } from "@folio/core";
import { createSecretBox, SecretBoxError } from "./secret-box.js";

const MASTER = "m".repeat(16) + "a-master-secret-of-32+chars";

describe("secret box", () => {
  const box = createSecretBox(MASTER);

  it("round-trips and never produces the same ciphertext twice", () => {
    const sealed = box.seal("JBSWY3DPEHPK3PXP", "totp:factor-1");
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(box.open(sealed, "totp:factor-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(box.seal("JBSWY3DPEHPK3PXP", "totp:factor-1")).not.toBe(sealed);
    expect(box.open(box.seal("", "c"), "c")).toBe("");
    expect(box.open(box.seal("ünïcødé 🔐", "c"), "c")).toBe("ünïcødé 🔐");
  });

  it("refuses to open under another context or another master secret", () => {
    const sealed = box.seal("private key", "jwt-signing-key:a");
    expect(() => box.open(sealed, "jwt-signing-key:b")).toThrow(SecretBoxError);
    const other = createSecretBox(MASTER.replace("a-master", "b-master"));
    expect(() => other.open(sealed, "jwt-signing-key:a")).toThrow(SecretBoxError);
  });

  it("detects tampering with any part", () => {
    const sealed = box.seal("do not touch", "ctx");
    const parts = sealed.split(".");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      const tampered = parts.map((p, i) => (i === index ? bytes.toString("base64url") : p)).join(".");
      expect(() => box.open(tampered, "ctx")).toThrow(SecretBoxError);
    }
    expect(() => box.open(sealed.replace(/^v1/, "v2"), "ctx")).toThrow(SecretBoxError);
    expect(() => box.open("v1.abc", "ctx")).toThrow(SecretBoxError);
    expect(() => box.open(parts.slice(0, 3).join(".") + ".", "ctx")).toThrow(SecretBoxError);
  });

  it("fails as a Folio internal error whose detail never reaches a client", () => {
    try {
      box.open("v1.x.y.z", "ctx");
      expect.unreachable();
    } catch (e) {
      expect(isFolioError(e)).toBe(true);
      expect((e as SecretBoxError).status).toBe(500);
    }
  });

  it("requires a master secret of at least 32 characters", () => {
    expect(() => createSecretBox("too short")).toThrow(RangeError);
    expect(() => createSecretBox("x".repeat(32))).not.toThrow();
  });
});
