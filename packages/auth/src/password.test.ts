import { describe, expect, it } from "vitest";
import {
  assertArgon2Params,
  checkPasswordPolicy,
  createPasswordHasher,
  DEFAULT_ARGON2_PARAMS,
  isCommonPassword,
  normalizePassword,
  PASSWORD_MAX_LENGTH,
} from "./password.js";

// The minimum parameters are the defaults, so tests run at production cost (~tens of ms per hash).
const hasher = createPasswordHasher();

describe("password hashing", () => {
  it("hashes to an argon2id PHC string that verifies, and rejects another password", async () => {
    const hash = await hasher.hash("a quiet lighthouse at dusk");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await expect(hasher.verify(hash, "a quiet lighthouse at dusk")).resolves.toEqual({
      ok: true,
      needsRehash: false,
    });
    await expect(hasher.verify(hash, "a quiet lighthouse at dawn")).resolves.toEqual({
      ok: false,
      needsRehash: false,
    });
  });

  it("salts every hash", async () => {
    expect(await hasher.hash("same password twice")).not.toBe(await hasher.hash("same password twice"));
  });

  it("treats composed and decomposed forms of a character as the same password (NFKC)", async () => {
    const composed = "caf\u00e9 au lait, s'il vous pla\u00eet";
    const decomposed = "cafe\u0301 au lait, s'il vous plai\u0302t";
    expect(composed).not.toBe(decomposed);
    expect(normalizePassword(decomposed)).toBe(composed);
    const hash = await hasher.hash(composed);
    expect((await hasher.verify(hash, decomposed)).ok).toBe(true);
    // Compatibility forms too: full-width letters are the ASCII ones.
    const fullWidth = await hasher.hash("\uff21\uff22\uff23 secret words here");
    expect((await hasher.verify(fullWidth, "ABC secret words here")).ok).toBe(true);
  });

  it("asks for a rehash when the stored hash used other parameters", async () => {
    const stronger = createPasswordHasher({ memoryCost: 19456 + 1024, timeCost: 3 });
    const oldHash = await hasher.hash("upgrade me please now");
    await expect(stronger.verify(oldHash, "upgrade me please now")).resolves.toEqual({
      ok: true,
      needsRehash: true,
    });
    const newHash = await stronger.hash("upgrade me please now");
    expect(newHash).toContain("m=20480,t=3,p=1");
    await expect(stronger.verify(newHash, "upgrade me please now")).resolves.toEqual({
      ok: true,
      needsRehash: false,
    });
    // A wrong password never asks for a rehash.
    await expect(stronger.verify(oldHash, "wrong")).resolves.toEqual({ ok: false, needsRehash: false });
  });

  it("asks for a rehash of a valid argon2i hash", async () => {
    const { hash } = await import("@node-rs/argon2");
    const argon2i = await hash("legacy algorithm pw", { algorithm: 1, memoryCost: 19456, timeCost: 2 });
    expect(argon2i.startsWith("$argon2i$")).toBe(true);
    await expect(hasher.verify(argon2i, "legacy algorithm pw")).resolves.toEqual({
      ok: true,
      needsRehash: true,
    });
  });

  it("fails closed on a malformed or foreign hash", async () => {
    await expect(hasher.verify("$argon2id$garbage", "x")).resolves.toEqual({ ok: false, needsRehash: false });
    await expect(hasher.verify("$2b$10$abcdefghijklmnopqrstuv", "x")).resolves.toEqual({
      ok: false,
      needsRehash: false,
    });
  });

  it("verifyDummy always answers false and costs about as much as a real verify", async () => {
    const hash = await hasher.hash("timing equaliser pw");
    await hasher.verifyDummy("warm-up"); // the dummy hash is made on first use
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < 3; i += 1) await fn();
      return performance.now() - start;
    };
    const real = await time(() => hasher.verify(hash, "timing equaliser pw"));
    const dummy = await time(() => hasher.verifyDummy("timing equaliser pw"));
    await expect(hasher.verifyDummy("anything")).resolves.toBe(false);
    // Loose bounds (other suites share the CPU); a dummy that skipped the hash would be ~0.
    expect(dummy).toBeGreaterThan(real * 0.3);
    expect(dummy).toBeLessThan(real * 3);
  });

  it("refuses parameters below the minimum", () => {
    expect(() => createPasswordHasher({ memoryCost: 4096 })).toThrow(RangeError);
    expect(() => createPasswordHasher({ timeCost: 1 })).toThrow(RangeError);
    expect(() => assertArgon2Params({ ...DEFAULT_ARGON2_PARAMS, parallelism: 0 })).toThrow(RangeError);
    expect(() => assertArgon2Params({ ...DEFAULT_ARGON2_PARAMS })).not.toThrow();
  });
});

describe("password policy", () => {
  it("rejects fewer than 12 characters, counting code points", () => {
    const result = checkPasswordPolicy("Xk9#mQ2!vL");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.code)).toContain("too-short");
    expect(result.problems.find((p) => p.code === "too-short")?.message).toBe("Use at least 12 characters.");
    // 12 emoji are 24 UTF-16 units but 12 characters: long enough.
    const emoji = checkPasswordPolicy("🦊🐙🌵🎻🧭🪁🍄🛶🧩🪐🦉🎲");
    expect(emoji.ok || !emoji.problems.some((p) => p.code === "too-short")).toBe(true);
  });

  it("rejects more than 128 characters", () => {
    const result = checkPasswordPolicy("w".repeat(PASSWORD_MAX_LENGTH + 1));
    expect(result).toMatchObject({ ok: false, problems: [{ code: "too-long" }] });
    const exactly128 = "velvet orbit mango lantern ".repeat(5).slice(0, PASSWORD_MAX_LENGTH);
    expect(checkPasswordPolicy(exactly128).ok).toBe(true);
  });

  it("rejects passwords on the common-password list, case-insensitively", () => {
    expect(isCommonPassword("qwerty123456")).toBe(true);
    expect(isCommonPassword("QWERTY123456")).toBe(true);
    const result = checkPasswordPolicy("Qwerty123456");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      code: "common",
      message: "This password appears in lists of commonly used passwords.",
    });
  });

  it("rejects weak passwords with zxcvbn's advice", () => {
    const result = checkPasswordPolicy("password1234");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.score).toBeLessThan(3);
    const weak = result.problems.find((p) => p.code === "weak");
    expect(weak?.message).toMatch(/^This password is too easy to guess\. .+/);
  });

  it("counts the user's own email and name against the password", () => {
    const pw = "janeexample1987";
    expect(checkPasswordPolicy(pw).ok).toBe(true);
    const result = checkPasswordPolicy(pw, { userInputs: ["jane@example.com", "Jane Example"] });
    expect(result).toMatchObject({ ok: false, problems: [{ code: "weak" }] });
  });

  it("accepts a strong password and a plain-words passphrase without composition rules", () => {
    expect(checkPasswordPolicy("Tr0ub4dor&3xx!")).toMatchObject({ ok: true });
    const passphrase = checkPasswordPolicy("velvet orbit mango lantern");
    expect(passphrase).toEqual({ ok: true, score: 4 });
  });
});
