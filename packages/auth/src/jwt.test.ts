import { createHmac } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from "jose";
import { describe, expect, it } from "vitest";
import { type AccessTokensOptions, createAccessTokens, InvalidTokenError } from "./jwt.js";
import { createSecretBox } from "./secret-box.js";
import { createMemorySigningKeyStore, type SigningKeyStore, type StoredSigningKey } from "./signing-keys.js";

const MASTER = "jwt-tests-master-secret-0123456789abcdef";
const ISSUER = "https://folio.test";
const AUDIENCE = "folio-api";
const CLAIMS = { sub: "user-1", sid: "session-1", role: "author", amr: ["pwd", "otp"], mfa: true };

function fakeClock(iso = "2026-06-01T12:00:00Z") {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (seconds: number) => void (t += seconds * 1000) };
}

/** Counts list() calls, to prove when the key cache goes back to the store. */
function countingStore(inner: SigningKeyStore = createMemorySigningKeyStore()) {
  const store = {
    lists: 0,
    list: () => {
      store.lists += 1;
      return inner.list();
    },
    insert: (key: StoredSigningKey) => inner.insert(key),
    deleteExpired: (now: Date) => inner.deleteExpired(now),
  };
  return store;
}

function setup(overrides: Partial<AccessTokensOptions> = {}) {
  const clock = fakeClock();
  const store = countingStore();
  const secretBox = createSecretBox(MASTER);
  const options: AccessTokensOptions = {
    store,
    secretBox,
    issuer: ISSUER,
    audience: AUDIENCE,
    now: clock.now,
    ...overrides,
  };
  return { clock, store, secretBox, options, tokens: createAccessTokens(options) };
}

async function currentKey(store: SigningKeyStore, secretBox = createSecretBox(MASTER)) {
  const keys = await store.list();
  const key = keys.sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime())[0]!;
  const privateJwk = JSON.parse(secretBox.open(key.privateJwkSealed, `jwt-signing-key:${key.kid}`)) as JWK;
  return { key, privateKey: await importJWK(privateJwk, key.alg) };
}

function kidOf(token: string): string {
  const header = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as { kid: string };
  return header.kid;
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function validPayload(now: Date, extra: JWTPayload = {}): JWTPayload {
  const iat = Math.floor(now.getTime() / 1000);
  return {
    ...CLAIMS,
    iss: ISSUER,
    aud: AUDIENCE,
    iat,
    nbf: iat,
    exp: iat + 600,
    jti: "jti-1",
    ...extra,
  };
}

async function expectInvalid(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  const e = error as InvalidTokenError;
  expect(e.status).toBe(401);
  expect(e.message).toBe("The access token is invalid or has expired.");
  return e;
}

describe("access tokens", () => {
  it("issue and verify a token with our claims and an at+jwt header", async () => {
    const { tokens, clock } = setup();
    const authTime = new Date(clock.now().getTime() - 60_000);
    const { token, expiresAt } = await tokens.issue({ ...CLAIMS, scope: ["posts:create"], authTime });
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(900_000);
    const header = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()) as Record<
      string,
      unknown
    >;
    expect(header).toMatchObject({ alg: "EdDSA", typ: "at+jwt" });
    expect(typeof header.kid).toBe("string");
    const claims = await tokens.verify(token);
    const iat = Math.floor(clock.now().getTime() / 1000);
    expect(claims).toMatchObject({
      ...CLAIMS,
      scope: ["posts:create"],
      iss: ISSUER,
      aud: AUDIENCE,
      iat,
      nbf: iat,
      exp: iat + 900,
      auth_time: iat - 60,
    });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect("scope" in (await tokens.verify((await tokens.issue(CLAIMS)).token))).toBe(false);
  });

  it("supports ES256 and a shorter ttl, and refuses a ttl outside 60..900", async () => {
    const { tokens, clock } = setup({ algorithm: "ES256", ttlSeconds: 60 });
    const { token, expiresAt } = await tokens.issue(CLAIMS);
    expect(JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString())).toMatchObject({
      alg: "ES256",
    });
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(60_000);
    await expect(tokens.verify(token)).resolves.toMatchObject({ sub: "user-1" });
    expect(() => setup({ ttlSeconds: 3600 })).toThrow(RangeError);
    expect(() => setup({ ttlSeconds: 30 })).toThrow(RangeError);
  });

  it("stores the private key sealed, never in clear", async () => {
    const { tokens, store } = setup();
    await tokens.issue(CLAIMS);
    const [key] = await store.list();
    expect(key?.privateJwkSealed).toMatch(/^v1\./);
    expect(key?.publicJwk).not.toHaveProperty("d");
    expect(JSON.stringify(key)).not.toContain('"d"');
  });

  it("creates one key for concurrent first issues in a process", async () => {
    const { tokens, store } = setup();
    const issued = await Promise.all(Array.from({ length: 10 }, () => tokens.issue(CLAIMS)));
    expect(await store.list()).toHaveLength(1);
    const kids = new Set(issued.map((i) => kidOf(i.token)));
    expect(kids.size).toBe(1);
  });

  it("reject tokens after exp (beyond the clock tolerance)", async () => {
    const { tokens, clock } = setup();
    const { token } = await tokens.issue(CLAIMS);
    clock.advance(900 + 4);
    await expect(tokens.verify(token)).resolves.toBeDefined(); // within 5 s tolerance
    clock.advance(2);
    expect((await expectInvalid(tokens.verify(token))).reason).toBe("ERR_JWT_EXPIRED");
  });

  describe("reject every forgery", () => {
    it("alg none", async () => {
      const { tokens, store, clock } = setup();
      await tokens.issue(CLAIMS);
      const { key } = await currentKey(store);
      const token = `${b64({ alg: "none", kid: key.kid, typ: "at+jwt" })}.${b64(validPayload(clock.now()))}.`;
      await expectInvalid(tokens.verify(token));
    });

    it("HS256 signed with the public key as the HMAC secret", async () => {
      const { tokens, store, clock } = setup();
      await tokens.issue(CLAIMS);
      const { key } = await currentKey(store);
      const signingInput = `${b64({ alg: "HS256", kid: key.kid, typ: "at+jwt" })}.${b64(validPayload(clock.now()))}`;
      for (const secret of [JSON.stringify(key.publicJwk), Buffer.from(key.publicJwk.x!, "base64url")]) {
        const signature = createHmac("sha256", secret).update(signingInput).digest("base64url");
        await expectInvalid(tokens.verify(`${signingInput}.${signature}`));
      }
    });

    it("another key presenting our kid", async () => {
      const { tokens, store, clock } = setup();
      await tokens.issue(CLAIMS);
      const { key } = await currentKey(store);
      const attacker = await generateKeyPair("EdDSA");
      const token = await new SignJWT(validPayload(clock.now()))
        .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "at+jwt" })
        .sign(attacker.privateKey);
      expect((await expectInvalid(tokens.verify(token))).reason).toBe(
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
      );
    });

    it("nbf in the future, wrong audience, wrong issuer, iat in the future, overlong lifetime", async () => {
      const { tokens, store, clock } = setup();
      await tokens.issue(CLAIMS);
      const { key, privateKey } = await currentKey(store);
      const now = clock.now();
      const sign = (payload: JWTPayload, header: Record<string, unknown> = {}) =>
        new SignJWT(payload)
          .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "at+jwt", ...header })
          .sign(privateKey);
      const secs = Math.floor(now.getTime() / 1000);
      // The signing helper works: a correct payload verifies.
      await expect(tokens.verify(await sign(validPayload(now)))).resolves.toMatchObject({ sub: "user-1" });
      await expectInvalid(tokens.verify(await sign(validPayload(now, { nbf: secs + 60 }))));
      await expectInvalid(tokens.verify(await sign(validPayload(now, { aud: "someone-else" }))));
      await expectInvalid(tokens.verify(await sign(validPayload(now, { iss: "https://evil.test" }))));
      await expectInvalid(tokens.verify(await sign(validPayload(now, { iat: secs + 60, nbf: secs }))));
      await expectInvalid(
        tokens.verify(await sign(validPayload(now, { iat: secs - 2000, exp: secs + 600 }))),
      );
      await expectInvalid(tokens.verify(await sign(validPayload(now, { mfa: "yes" }))));
      await expectInvalid(tokens.verify(await sign(validPayload(now, { sid: undefined }))));
    });

    it("typ other than at+jwt, or a missing kid", async () => {
      const { tokens, store, clock } = setup();
      await tokens.issue(CLAIMS);
      const { key, privateKey } = await currentKey(store);
      const payload = validPayload(clock.now());
      const plainJwt = await new SignJWT(payload)
        .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "JWT" })
        .sign(privateKey);
      await expectInvalid(tokens.verify(plainJwt));
      const noTyp = await new SignJWT(payload)
        .setProtectedHeader({ alg: "EdDSA", kid: key.kid })
        .sign(privateKey);
      await expectInvalid(tokens.verify(noTyp));
      const noKid = await new SignJWT(payload)
        .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt" })
        .sign(privateKey);
      expect((await expectInvalid(tokens.verify(noKid))).reason).toBe("kid-missing");
    });

    it("a tampered payload or signature, and garbage", async () => {
      const { tokens } = setup();
      const { token } = await tokens.issue(CLAIMS);
      const [header, payload, signature] = token.split(".") as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as JWTPayload;
      const elevated = b64({ ...claims, role: "owner" });
      await expectInvalid(tokens.verify(`${header}.${elevated}.${signature}`));
      const flipped = Buffer.from(signature, "base64url");
      flipped[0] = flipped[0]! ^ 1;
      await expectInvalid(tokens.verify(`${header}.${payload}.${flipped.toString("base64url")}`));
      await expectInvalid(tokens.verify("not.a.jwt"));
      await expectInvalid(tokens.verify(""));
      await expectInvalid(tokens.verify("a".repeat(10_000)));
    });

    it("a token for the same issuer's keys but another audience config", async () => {
      const { options, tokens } = setup();
      const other = createAccessTokens({ ...options, audience: "another-api" });
      const { token } = await other.issue(CLAIMS);
      await expectInvalid(tokens.verify(token));
    });

    it("a token signed with a key of another algorithm from the same store", async () => {
      const { options, tokens } = setup();
      const es = createAccessTokens({ ...options, algorithm: "ES256" });
      const { token } = await es.issue(CLAIMS);
      await expectInvalid(tokens.verify(token));
    });
  });

  describe("rotation", () => {
    it("keeps old tokens verifying after rotate() until they expire; JWKS lists both keys", async () => {
      const { tokens, store, clock } = setup();
      const before = await tokens.issue(CLAIMS);
      await tokens.rotate();
      const after = await tokens.issue(CLAIMS);
      expect(kidOf(after.token)).not.toBe(kidOf(before.token));
      await expect(tokens.verify(before.token)).resolves.toMatchObject({ sub: "user-1" });
      await expect(tokens.verify(after.token)).resolves.toMatchObject({ sub: "user-1" });
      const jwks = await tokens.jwks();
      expect(jwks.keys.map((k) => k.kid).sort()).toEqual([kidOf(before.token), kidOf(after.token)].sort());
      for (const k of jwks.keys) {
        expect(k).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
        expect(k).not.toHaveProperty("d");
      }
      expect(await store.list()).toHaveLength(2);
      clock.advance(10 * 60);
      await expect(tokens.verify(before.token)).resolves.toBeDefined();
      clock.advance(6 * 60);
      await expectInvalid(tokens.verify(before.token));
    });

    it("publishes the next key ahead of time and switches to it when the current one retires", async () => {
      const { tokens, store, clock } = setup({ rotationIntervalSeconds: 3600 });
      const first = await tokens.issue(CLAIMS);
      expect(await store.list()).toHaveLength(1);
      clock.advance(3600 - 300); // inside the pre-publish window
      const stillFirst = await tokens.issue(CLAIMS);
      expect(kidOf(stillFirst.token)).toBe(kidOf(first.token));
      const keys = await store.list();
      expect(keys).toHaveLength(2);
      const successor = keys.find((k) => k.kid !== kidOf(first.token))!;
      const firstKey = keys.find((k) => k.kid === kidOf(first.token))!;
      expect(successor.activatesAt.getTime()).toBe(firstKey.retiresAt.getTime());
      expect((await tokens.jwks()).keys).toHaveLength(2);
      clock.advance(300);
      const second = await tokens.issue(CLAIMS);
      expect(kidOf(second.token)).toBe(successor.kid);
      await expect(tokens.verify(stillFirst.token)).resolves.toBeDefined();
      // Once the first key is past expiresAt it is gone from the JWKS and deleted at the next rotation.
      clock.advance(3600 - 300 + 10);
      await tokens.issue(CLAIMS);
      clock.advance(300);
      await tokens.issue(CLAIMS);
      expect((await tokens.jwks()).keys.map((k) => k.kid)).not.toContain(firstKey.kid);
      expect((await store.list()).map((k) => k.kid)).not.toContain(firstKey.kid);
    });

    it("lets another process verify a new key at once but limits store reads for unknown kids", async () => {
      const shared = countingStore();
      const clock = fakeClock();
      const base = {
        store: shared,
        secretBox: createSecretBox(MASTER),
        issuer: ISSUER,
        audience: AUDIENCE,
        now: clock.now,
      };
      const a = createAccessTokens(base);
      const b = createAccessTokens(base);
      await b.verify((await a.issue(CLAIMS)).token); // b loads the key set
      await a.rotate();
      const fresh = await a.issue(CLAIMS);
      const reads = shared.lists;
      await expect(b.verify(fresh.token)).resolves.toMatchObject({ sub: "user-1" });
      expect(shared.lists).toBe(reads + 1);

      const { privateKey } = await currentKey(shared); // one list() of its own
      const afterLookup = shared.lists;
      const forged = (kid: string) =>
        new SignJWT(validPayload(clock.now()))
          .setProtectedHeader({ alg: "EdDSA", kid, typ: "at+jwt" })
          .sign(privateKey);
      await expectInvalid(b.verify(await forged("unknown-1")));
      await expectInvalid(b.verify(await forged("unknown-2")));
      await expectInvalid(b.verify(await forged("unknown-3")));
      expect(shared.lists).toBe(afterLookup); // b refreshed for `fresh` a moment ago: not again yet
      clock.advance(6);
      await expectInvalid(b.verify(await forged("unknown-4")));
      expect(shared.lists).toBe(afterLookup + 1);
      await expectInvalid(b.verify(await forged("unknown-5")));
      expect(shared.lists).toBe(afterLookup + 1);
    });

    it("reloads keys from the store at most every minute", async () => {
      const { tokens, store, clock } = setup();
      const { token } = await tokens.issue(CLAIMS);
      const reads = store.lists;
      for (let i = 0; i < 5; i += 1) await tokens.verify(token);
      expect(store.lists).toBe(reads);
      clock.advance(61);
      await tokens.verify((await tokens.issue(CLAIMS)).token);
      expect(store.lists).toBe(reads + 1);
    });

    it("refuses to sign with keys sealed under another master secret", async () => {
      const { tokens, options } = setup();
      await tokens.issue(CLAIMS);
      const wrong = createAccessTokens({
        ...options,
        secretBox: createSecretBox("another-master-secret-0123456789abcdef"),
      });
      await expect(wrong.issue(CLAIMS)).rejects.toThrow(/could not be opened/);
    });
  });

  it("publishes public keys usable by any JOSE verifier", async () => {
    const { tokens, clock } = setup();
    const { token } = await tokens.issue(CLAIMS);
    const [jwk] = (await tokens.jwks()).keys;
    const key = await importJWK(jwk!, "EdDSA");
    const { jwtVerify } = await import("jose");
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: "at+jwt",
      currentDate: clock.now(),
    });
    expect(payload.sub).toBe("user-1");
    // exportJWK of a real public key has no private members either.
    expect(
      Object.keys(await exportJWK((await generateKeyPair("EdDSA", { extractable: true })).publicKey)),
    ).not.toContain("d");
  });
});
