import { randomBytes } from "node:crypto";
import {
  hash as argon2Hash,
  parseOptions,
  verify as argon2Verify,
  type Algorithm,
  type Version,
} from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";

/** Argon2id cost parameters; `memoryCost` is in KiB. */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane); also the floor `assertArgon2Params` enforces. */
export const DEFAULT_ARGON2_PARAMS: Readonly<Argon2Params> = Object.freeze({
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

// `Algorithm` and `Version` are ambient const enums, which isolatedModules cannot read; these
// are their documented values (Argon2id = 2, 0x13 = 1).
const ARGON2ID = 2 as Algorithm;
const ARGON2_VERSION_13 = 1 as Version;
const OUTPUT_LEN = 32;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function assertArgon2Params(p: Argon2Params): void {
  const min = DEFAULT_ARGON2_PARAMS;
  for (const key of ["memoryCost", "timeCost", "parallelism"] as const) {
    const value = p[key];
    if (!Number.isSafeInteger(value) || value < min[key]) {
      throw new RangeError(`argon2 ${key} must be an integer >= ${min[key]}, got ${value}`);
    }
  }
}

/** NFKC, so the same password typed on different keyboards or OSes hashes the same (NIST 800-63B §5.1.1.2). */
export function normalizePassword(pw: string): string {
  return pw.normalize("NFKC");
}

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

export interface PasswordVerification {
  ok: boolean;
  /** The hash verified but was made with other parameters (or not argon2id): store a fresh one. */
  needsRehash: boolean;
}

export interface PasswordHasher {
  readonly params: Readonly<Argon2Params>;
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<PasswordVerification>;
  /** Costs as much as a real `verify`, for unknown accounts, so timing does not reveal which accounts exist. */
  verifyDummy(password: string): Promise<false>;
}

/**
 * `params` default to DEFAULT_ARGON2_PARAMS; anything weaker is refused, so a misconfiguration
 * cannot quietly weaken every new hash. Tests use the minimum, which is also the default.
 */
export function createPasswordHasher(params: Partial<Argon2Params> = {}): PasswordHasher {
  const current: Readonly<Argon2Params> = Object.freeze({ ...DEFAULT_ARGON2_PARAMS, ...params });
  assertArgon2Params(current);
  const options = {
    algorithm: ARGON2ID,
    version: ARGON2_VERSION_13,
    outputLen: OUTPUT_LEN,
    memoryCost: current.memoryCost,
    timeCost: current.timeCost,
    parallelism: current.parallelism,
  };

  // A hash of an unguessable value with the current parameters, made once on first use.
  let dummyHash: Promise<string> | undefined;

  function isCurrent(phc: string): boolean {
    try {
      const parsed = parseOptions(phc);
      return (
        parsed.algorithm === ARGON2ID &&
        parsed.version === ARGON2_VERSION_13 &&
        parsed.outputLen === OUTPUT_LEN &&
        parsed.memoryCost === current.memoryCost &&
        parsed.timeCost === current.timeCost &&
        parsed.parallelism === current.parallelism
      );
    } catch {
      return false;
    }
  }

  async function verifyPhc(phc: string, password: string): Promise<boolean> {
    try {
      return await argon2Verify(phc, normalizePassword(password));
    } catch {
      // A malformed stored hash is a failed login, not a crash.
      return false;
    }
  }

  const hasher: PasswordHasher = {
    params: current,
    hash(password) {
      return argon2Hash(normalizePassword(password), options);
    },
    async verify(phc, password) {
      if (!phc.startsWith("$argon2")) {
        await hasher.verifyDummy(password);
        return { ok: false, needsRehash: false };
      }
      const ok = await verifyPhc(phc, password);
      return { ok, needsRehash: ok && !isCurrent(phc) };
    },
    async verifyDummy(password) {
      dummyHash ??= argon2Hash(randomBytes(32).toString("base64url"), options);
      await verifyPhc(await dummyHash, password);
      return false;
    },
  };
  return hasher;
}

export type PasswordProblemCode = "too-short" | "too-long" | "common" | "weak";

export interface PasswordProblem {
  code: PasswordProblemCode;
  message: string;
}

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

export type PasswordPolicyResult =
  { ok: true; score: PasswordScore } | { ok: false; score: number; problems: PasswordProblem[] };

const MIN_SCORE = 3;

let zxcvbn: ZxcvbnFactory | undefined;
let commonPasswords: ReadonlySet<string> | undefined;

/**
 * zxcvbn only sees this many characters. Its cost grows steeply with length (hundreds of ms for
 * adversarial 128-character inputs), and a prefix this long that scores ≥ 3 is strong on its own.
 */
const ZXCVBN_MAX_LENGTH = 64;

// Loading the dictionaries costs a few hundred milliseconds; only processes that check passwords
// pay it, once. Levenshtein matching is off: it made each check cost over a second of CPU.
function strengthEstimator(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
    useLevenshteinDistance: false,
    maxLength: ZXCVBN_MAX_LENGTH,
  });
  return zxcvbn;
}

/** zxcvbn-ts's list of ~49k leaked passwords, lower-cased for the exact-match check. */
function commonPasswordSet(): ReadonlySet<string> {
  commonPasswords ??= new Set(zxcvbnCommon.dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return commonPasswords;
}

/** True when the password (normalised, case-insensitively) is on the common-password list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswordSet().has(normalizePassword(password).toLowerCase());
}

/**
 * NIST 800-63B style policy: 12–128 code points, not a known common password, and an estimated
 * strength of at least 3 (zxcvbn, told about the user's own email and name). No composition rules:
 * a long passphrase of plain words is fine.
 */
export function checkPasswordPolicy(
  password: string,
  opts: { userInputs?: string[] } = {},
): PasswordPolicyResult {
  const normalized = normalizePassword(password);
  const length = codePointLength(normalized);
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({ code: "too-short", message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    // Nothing else is checked: estimating a huge input is wasted work (and a DoS lever).
    return {
      ok: false,
      score: 0,
      problems: [{ code: "too-long", message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` }],
    };
  }
  if (isCommonPassword(normalized)) {
    problems.push({
      code: "common",
      message: "This password appears in lists of commonly used passwords.",
    });
  }
  const userInputs = (opts.userInputs ?? []).flatMap(splitUserInput);
  const result = strengthEstimator().check(normalized, userInputs);
  const score = result.score;
  if (score < MIN_SCORE && length >= PASSWORD_MIN_LENGTH) {
    const hints = [result.feedback.warning, ...result.feedback.suggestions].filter(
      (s): s is string => typeof s === "string" && s.length > 0,
    );
    problems.push({
      code: "weak",
      message: ["This password is too easy to guess.", ...hints].join(" "),
    });
  }
  if (problems.length > 0) return { ok: false, score, problems };
  return { ok: true, score };
}

// Each input also counts squashed and split into words, and an email's local part on its own, so
// "Jane Example" penalises "janeexample" and "jane.doe@example.com" penalises "janedoe" and "example".
function splitUserInput(input: string): string[] {
  const value = input.trim().toLowerCase();
  if (value === "") return [];
  const squash = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "");
  const at = value.lastIndexOf("@");
  const variants = [value, squash(value), ...value.split(/[^\p{L}\p{N}]+/u)];
  if (at > 0) variants.push(value.slice(0, at), squash(value.slice(0, at)));
  return [...new Set(variants.filter((v) => v.length >= 3))];
}
