import { UnauthorizedError, uuidv7 } from "@folio/core";
import {
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from "jose";
import type { SecretBox } from "./secret-box.js";
import {
  copySigningKey,
  isNewerKey,
  publicMembers,
  signingKeyContext,
  type JwtAlgorithm,
  type SigningKeyStore,
  type StoredSigningKey,
} from "./signing-keys.js";

export type { JWK } from "jose";

/**
 * Any access token that fails verification. The client only ever sees one generic message, so
 * nothing tells an attacker which check failed; `reason` is for logs.
 */
export class InvalidTokenError extends UnauthorizedError {
  readonly reason: string;
  constructor(reason = "invalid") {
    super("The access token is invalid or has expired.");
    this.reason = reason;
  }
}

/** The payload of a Folio access token (RFC 9068 `at+jwt`). */
export interface AccessTokenClaims {
  sub: string;
  /** Session id, or the API token's id. */
  sid: string;
  role: string;
  /** Authentication methods, e.g. ["pwd"], ["pwd", "otp"], ["oauth"]. */
  amr: string[];
  mfa: boolean;
  /** API-token scopes. */
  scope?: string[];
  iat: number;
  exp: number;
  nbf: number;
  iss: string;
  aud: string;
  jti: string;
  auth_time?: number;
}

export interface IssueAccessTokenInput {
  sub: string;
  sid: string;
  role: string;
  amr: readonly string[];
  mfa: boolean;
  scope?: readonly string[] | undefined;
  authTime?: Date | undefined;
}

export interface AccessTokens {
  issue(claims: IssueAccessTokenInput): Promise<{ token: string; expiresAt: Date }>;
  /** Throws `InvalidTokenError` for every failure. */
  verify(token: string): Promise<AccessTokenClaims>;
  /** Public keys of every key that still verifies, for `/.well-known/jwks.json`. */
  jwks(): Promise<{ keys: JWK[] }>;
  /** Starts signing with a new key now; older keys keep verifying until their `expiresAt`. */
  rotate(): Promise<void>;
}

export interface AccessTokensOptions {
  store: SigningKeyStore;
  secretBox: SecretBox;
  issuer: string;
  audience: string;
  /** Default "EdDSA" (Ed25519). Verification accepts this algorithm only. */
  algorithm?: JwtAlgorithm;
  /** Token lifetime; default 900, allowed 60..900. */
  ttlSeconds?: number;
  /** How long a key signs before the next one takes over; default 30 days. */
  rotationIntervalSeconds?: number;
  /** Allowed clock skew for exp/nbf/iat; default 5. */
  clockToleranceSeconds?: number;
  now?: () => Date;
}

const MIN_TTL_SECONDS = 60;
export const ACCESS_TOKEN_MAX_TTL_SECONDS = 900;
const DEFAULT_ROTATION_SECONDS = 30 * 24 * 3600;
const MIN_ROTATION_SECONDS = 600;
/** Keys are re-read from the store this often, so other processes' new keys are seen. */
const RELOAD_INTERVAL_MS = 60_000;
/** An unknown `kid` forces a re-read at most this often, so forged kids cannot hammer the store. */
const UNKNOWN_KID_REFRESH_MS = 5_000;
/**
 * The next key is stored this long before it starts signing, so every process (re-reading every
 * 60 s) and every JWKS consumer already knows it when the first token signed with it arrives.
 */
const MAX_PREPUBLISH_SECONDS = 600;
const MAX_TOKEN_CHARS = 8192;
const TOKEN_TYPE = "at+jwt";

interface CachedKey {
  stored: StoredSigningKey;
  publicKey?: Promise<CryptoKey>;
  privateKey?: Promise<CryptoKey>;
}

function assertIntegerInRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer between ${min} and ${max}, got ${value}`);
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function toClaims(payload: JWTPayload): AccessTokenClaims {
  const p = payload as Record<string, unknown>;
  const { sub, sid, role, amr, mfa, scope, iat, exp, nbf, iss, aud, jti } = p;
  if (
    typeof sub !== "string" ||
    sub === "" ||
    typeof sid !== "string" ||
    sid === "" ||
    typeof role !== "string" ||
    !isStringArray(amr) ||
    typeof mfa !== "boolean" ||
    typeof iat !== "number" ||
    typeof exp !== "number" ||
    typeof nbf !== "number" ||
    typeof iss !== "string" ||
    typeof aud !== "string" ||
    typeof jti !== "string" ||
    (scope !== undefined && !isStringArray(scope)) ||
    (p.auth_time !== undefined && typeof p.auth_time !== "number")
  ) {
    throw new InvalidTokenError("claims");
  }
  const claims: AccessTokenClaims = { sub, sid, role, amr, mfa, iat, exp, nbf, iss, aud, jti };
  if (scope !== undefined) claims.scope = scope;
  if (typeof p.auth_time === "number") claims.auth_time = p.auth_time;
  return claims;
}

/**
 * Short-lived access tokens signed with rotating asymmetric keys kept in `store` (private halves
 * sealed). Refresh tokens are opaque and live elsewhere; these are only ever verified, never revoked,
 * which is why their lifetime is capped at 15 minutes.
 */
export function createAccessTokens(opts: AccessTokensOptions): AccessTokens {
  const alg = opts.algorithm ?? "EdDSA";
  const ttl = opts.ttlSeconds ?? ACCESS_TOKEN_MAX_TTL_SECONDS;
  const rotation = opts.rotationIntervalSeconds ?? DEFAULT_ROTATION_SECONDS;
  const tolerance = opts.clockToleranceSeconds ?? 5;
  const clock = opts.now ?? (() => new Date());
  const { store, secretBox, issuer, audience } = opts;
  if (alg !== "EdDSA" && alg !== "ES256") throw new RangeError(`unsupported JWT algorithm ${String(alg)}`);
  assertIntegerInRange("ttlSeconds", ttl, MIN_TTL_SECONDS, ACCESS_TOKEN_MAX_TTL_SECONDS);
  assertIntegerInRange("rotationIntervalSeconds", rotation, MIN_ROTATION_SECONDS, 10 * 365 * 24 * 3600);
  assertIntegerInRange("clockToleranceSeconds", tolerance, 0, 60);
  if (issuer === "" || audience === "") throw new RangeError("issuer and audience are required");
  const prepublishMs = Math.min(MAX_PREPUBLISH_SECONDS, Math.floor(rotation / 2)) * 1000;

  let cache = new Map<string, CachedKey>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let lastUnknownKidRefresh = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;
  let creating: Promise<CachedKey> | undefined;
  let prepublishing: Promise<CachedKey> | undefined;

  const nowMs = () => clock().getTime();

  function reload(): Promise<void> {
    loading ??= (async () => {
      try {
        const stored = await store.list();
        const next = new Map<string, CachedKey>();
        for (const key of stored) {
          // Keep already-imported CryptoKeys; stored keys never change under the same kid.
          next.set(key.kid, { ...cache.get(key.kid), stored: copySigningKey(key) });
        }
        // Keys this process created but a lagging store read does not show yet stay usable.
        const now = nowMs();
        for (const [kid, key] of cache) {
          if (!next.has(kid) && key.stored.expiresAt.getTime() > now) next.set(kid, key);
        }
        cache = next;
        loadedAt = nowMs();
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  }

  async function refreshIfStale(): Promise<void> {
    if (nowMs() - loadedAt >= RELOAD_INTERVAL_MS) await reload();
  }

  /** The key that signs now: ours (alg), active, the most recently activated. */
  function currentSigningKey(now: number): CachedKey | undefined {
    let best: CachedKey | undefined;
    for (const key of cache.values()) {
      const k = key.stored;
      if (k.alg !== alg || k.activatesAt.getTime() > now || k.retiresAt.getTime() <= now) continue;
      if (best === undefined || isNewerKey(k, best.stored)) best = key;
    }
    return best;
  }

  async function createKey(activatesAt: Date): Promise<CachedKey> {
    const createdAt = clock();
    const kid = uuidv7();
    const pair = await generateKeyPair(alg, { extractable: true });
    const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg, use: "sig" };
    const privateJwk = await exportJWK(pair.privateKey);
    const retiresAt = new Date(activatesAt.getTime() + rotation * 1000);
    const stored: StoredSigningKey = {
      kid,
      alg,
      publicJwk,
      privateJwkSealed: secretBox.seal(JSON.stringify(privateJwk), signingKeyContext(kid)),
      createdAt,
      activatesAt,
      retiresAt,
      // Every token a key signed has expired by then, whatever ttl the signing process used.
      expiresAt: new Date(retiresAt.getTime() + (ACCESS_TOKEN_MAX_TTL_SECONDS + tolerance) * 1000),
    };
    await store.insert(stored);
    const cached: CachedKey = {
      stored: copySigningKey(stored),
      publicKey: Promise.resolve(pair.publicKey),
      privateKey: Promise.resolve(pair.privateKey),
    };
    cache.set(kid, cached);
    // Housekeeping rides on the rare key creation instead of needing its own job.
    await store.deleteExpired(createdAt);
    for (const [k, key] of cache) if (key.stored.expiresAt.getTime() <= createdAt.getTime()) cache.delete(k);
    return cached;
  }

  async function signingKey(): Promise<CachedKey> {
    await refreshIfStale();
    let current = currentSigningKey(nowMs());
    if (current === undefined) {
      // One creation in flight per process; it re-reads the store first in case another process
      // just made one (two keys from a race across processes are harmless).
      creating ??= (async () => {
        try {
          await reload();
          return currentSigningKey(nowMs()) ?? (await createKey(clock()));
        } finally {
          creating = undefined;
        }
      })();
      current = await creating;
    }
    const retiresAt = current.stored.retiresAt;
    if (retiresAt.getTime() - nowMs() <= prepublishMs && !hasSuccessor(current)) {
      prepublishing ??= (async () => {
        try {
          await reload();
          const successor = [...cache.values()].find((k) => isSuccessorOf(k, current));
          return successor ?? (await createKey(retiresAt));
        } finally {
          prepublishing = undefined;
        }
      })();
      await prepublishing;
    }
    return current;
  }

  function isSuccessorOf(key: CachedKey, current: CachedKey): boolean {
    return key.stored.alg === alg && key.stored.retiresAt.getTime() > current.stored.retiresAt.getTime();
  }

  function hasSuccessor(current: CachedKey): boolean {
    for (const key of cache.values()) if (isSuccessorOf(key, current)) return true;
    return false;
  }

  function privateKeyOf(key: CachedKey): Promise<CryptoKey> {
    key.privateKey ??= (async () => {
      const jwk = JSON.parse(
        secretBox.open(key.stored.privateJwkSealed, signingKeyContext(key.stored.kid)),
      ) as JWK;
      return (await importJWK(jwk, key.stored.alg)) as CryptoKey;
    })();
    return key.privateKey;
  }

  function publicKeyOf(key: CachedKey): Promise<CryptoKey> {
    key.publicKey ??= importJWK(publicMembers(key.stored.publicJwk), key.stored.alg) as Promise<CryptoKey>;
    return key.publicKey;
  }

  async function verificationKey(header: JWTHeaderParameters): Promise<CryptoKey> {
    if (header.alg !== alg) throw new InvalidTokenError("alg");
    const kid = header.kid;
    if (typeof kid !== "string" || kid === "") throw new InvalidTokenError("kid-missing");
    await refreshIfStale();
    let key = cache.get(kid);
    if (key === undefined && nowMs() - lastUnknownKidRefresh >= UNKNOWN_KID_REFRESH_MS) {
      lastUnknownKidRefresh = nowMs();
      await reload();
      key = cache.get(kid);
    }
    if (key === undefined) throw new InvalidTokenError("kid-unknown");
    if (key.stored.alg !== alg || key.stored.expiresAt.getTime() <= nowMs()) {
      throw new InvalidTokenError("kid-expired");
    }
    try {
      return await publicKeyOf(key);
    } catch {
      delete key.publicKey;
      throw new InvalidTokenError("key-unusable");
    }
  }

  return {
    async issue(input) {
      const key = await signingKey();
      const iat = Math.floor(nowMs() / 1000);
      const exp = iat + ttl;
      const payload: JWTPayload = {
        sid: input.sid,
        role: input.role,
        amr: [...input.amr],
        mfa: input.mfa,
      };
      if (input.scope !== undefined) payload.scope = [...input.scope];
      if (input.authTime !== undefined) payload.auth_time = Math.floor(input.authTime.getTime() / 1000);
      const token = await new SignJWT(payload)
        .setProtectedHeader({ alg, kid: key.stored.kid, typ: TOKEN_TYPE })
        .setSubject(input.sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(exp)
        .setJti(uuidv7())
        .sign(await privateKeyOf(key));
      return { token, expiresAt: new Date(exp * 1000) };
    },

    async verify(token) {
      try {
        if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_CHARS) {
          throw new InvalidTokenError("malformed");
        }
        const { payload } = await jwtVerify(token, verificationKey, {
          algorithms: [alg],
          typ: TOKEN_TYPE,
          issuer,
          audience,
          clockTolerance: tolerance,
          currentDate: clock(),
          // Also rejects an `iat` in the future (beyond the tolerance) and overlong lifetimes.
          maxTokenAge: ACCESS_TOKEN_MAX_TTL_SECONDS,
          requiredClaims: ["sub", "jti", "iat", "nbf", "exp"],
        });
        return toClaims(payload);
      } catch (e) {
        if (e instanceof InvalidTokenError) throw e;
        const code = (e as { code?: unknown }).code;
        throw new InvalidTokenError(typeof code === "string" ? code : "invalid");
      }
    },

    async jwks() {
      await refreshIfStale();
      const now = nowMs();
      const keys = [...cache.values()]
        .map((k) => k.stored)
        .filter((k) => k.expiresAt.getTime() > now)
        .sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime())
        .map((k) => ({ ...publicMembers(k.publicJwk), kid: k.kid, alg: k.alg, use: "sig" }));
      return { keys };
    },

    async rotate() {
      await createKey(clock());
    },
  };
}
