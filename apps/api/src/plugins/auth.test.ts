import { createHmac, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { roles, signingKeys } from "@folio/database";
import type { ProblemDetails } from "@folio/types";
import type { LightMyRequestResponse } from "fastify";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser, type TestUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function expect401(res: LightMyRequestResponse): ProblemDetails {
  expect(res.statusCode, res.body).toBe(401);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  expect(res.headers["www-authenticate"]).toMatch(/^Bearer realm="folio"/);
  return res.json<ProblemDetails>();
}

describe("the auth plugin", () => {
  let t: TestApp;
  let user: TestUser;
  let session: SignedInUser;
  let kid: string;
  let realKey: KeyObject;
  let publicJwk: Record<string, string>;
  beforeAll(async () => {
    t = await buildTestApp({ seed: false });
    user = await createUser(t, { role: "editor" });
    session = await signIn(t, user);
    const [key] = await t.database.db.select().from(signingKeys);
    if (!key) throw new Error("no signing key");
    kid = key.kid;
    publicJwk = key.publicJwk as Record<string, string>;
    const privateJwk = JSON.parse(
      t.services.accounts.secretBox.open(key.privateJwkSealed, `jwt-signing-key:${kid}`),
    ) as object;
    realKey = createPrivateKey({ key: privateJwk as never, format: "jwk" });
  });
  afterAll(async () => {
    await t?.close();
  });

  const me = (authorization: string) => t.app.inject({ url: "/api/v1/me", headers: { authorization } });

  /** Valid claims for the signed-in session, with overrides. */
  function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    const real = JSON.parse(
      Buffer.from(session.accessToken.split(".")[1] ?? "", "base64url").toString(),
    ) as object;
    return { ...real, iat: now, nbf: now, exp: now + 600, ...overrides };
  }
  function signEd(payload: Record<string, unknown>, key: KeyObject = realKey, header: object = {}): string {
    const input = `${b64({ alg: "EdDSA", kid, typ: "at+jwt", ...header })}.${b64(payload)}`;
    return `${input}.${sign(null, Buffer.from(input), key).toString("base64url")}`;
  }

  it("accepts a token it signed, and one signed here with the real key and valid claims", async () => {
    expect((await me(`Bearer ${session.accessToken}`)).statusCode).toBe(200);
    expect((await me(`Bearer ${signEd(claims())}`)).statusCode).toBe(200);
  });

  it("refuses forged and unacceptable tokens with 401 problem details", async () => {
    const none = `${b64({ alg: "none", kid, typ: "at+jwt" })}.${b64(claims())}.`;
    const hsInput = `${b64({ alg: "HS256", kid, typ: "at+jwt" })}.${b64(claims())}`;
    const hsWithJwk = `${hsInput}.${createHmac("sha256", JSON.stringify(publicJwk)).update(hsInput).digest("base64url")}`;
    const hsWithX = `${hsInput}.${createHmac("sha256", Buffer.from(publicJwk.x ?? "", "base64url"))
      .update(hsInput)
      .digest("base64url")}`;
    const otherKey = generateKeyPairSync("ed25519").privateKey;
    const [header, payload, signature] = session.accessToken.split(".");
    const tampered = `${header}.${b64({ ...claims(), role: "owner", sub: user.id })}.${signature}`;
    const now = Math.floor(Date.now() / 1000);
    const attacks: Record<string, string> = {
      "alg none": none,
      "HS256 keyed with the public JWK": hsWithJwk,
      "HS256 keyed with the public key bytes": hsWithX,
      "another key, same kid": signEd(claims(), otherKey),
      expired: signEd(claims({ iat: now - 1200, nbf: now - 1200, exp: now - 600 })),
      "not yet valid": signEd(claims({ nbf: now + 600, exp: now + 1200 })),
      "wrong audience": signEd(claims({ aud: "someone-else" })),
      "wrong issuer": signEd(claims({ iss: "https://evil.example" })),
      "tampered payload": tampered,
      "unknown kid": signEd(claims(), realKey, { kid: "nope" }),
      "not an access token type": signEd(claims(), realKey, { typ: "JWT" }),
      garbage: "not.a.jwt",
      "original payload, no signature": `${header}.${payload}.`,
    };
    for (const [name, token] of Object.entries(attacks)) {
      const problem = expect401(await me(`Bearer ${token}`));
      expect(problem.detail, name).toBe("The access token is invalid or has expired.");
    }
    expect401(await me("Basic dXNlcjpwYXNz"));
    expect401(await me("Bearer folio_pat_abcdefghijklmnop"));
  });

  it("answers 403 for a missing permission (custom roles from the database) and 401 for anonymous callers", async () => {
    await t.database.db.insert(roles).values([
      { name: "observer", description: "Nothing at all", permissions: [] },
      {
        name: "self-service",
        description: "Own account only",
        permissions: ["account:manage", "not:a:permission"],
      },
    ]);
    const observer = await signIn(t, await createUser(t, { role: "observer" }));
    const forbidden = await t.app.inject({ url: "/api/v1/me", headers: observer.headers });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json<ProblemDetails>()).toMatchObject({
      type: "https://folio.dev/problems/forbidden",
      detail: "This requires the permission account:manage.",
    });
    const selfService = await signIn(t, await createUser(t, { role: "self-service" }));
    const allowed = await t.app.inject({ url: "/api/v1/me", headers: selfService.headers });
    expect(allowed.json()).toMatchObject({ role: "self-service", permissions: ["account:manage"] });
    expect401(await t.app.inject({ url: "/api/v1/me/sessions" }));
    // Public routes ignore credentials, even broken ones.
    expect(
      (await t.app.inject({ url: "/.well-known/jwks.json", headers: { authorization: "Bearer x" } }))
        .statusCode,
    ).toBe(200);
  });

  it("documents every /api route's permission in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ url: "/openapi.json" })).json<OpenAPIV3_1.Document>();
    expect(doc.components?.securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
      cookieAuth: { type: "apiKey", in: "cookie", name: "__Host-folio_access" },
    });
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item ?? {}).map(([method, op]) => ({ path, method, op: op as Record<string, unknown> })),
    );
    for (const { path, method, op } of operations.filter((o) => o.path.startsWith("/api/"))) {
      const permission = op["x-folio-permission"] as string | undefined;
      if (permission === undefined) {
        expect(op.security, `${method} ${path}`).toEqual([]);
      } else {
        expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
        expect(op.description, `${method} ${path}`).toContain(`Requires permission \`${permission}\``);
      }
    }
    expect(doc.paths?.["/api/v1/me/password"]?.post).toMatchObject({
      "x-folio-permission": "account:manage",
      "x-folio-step-up": true,
    });
    expect(doc.paths?.["/api/v1/auth/login"]?.post?.security).toEqual([]);
  });

  it("serves the signing keys as a JWKS", async () => {
    const res = await t.app.inject({ url: "/.well-known/jwks.json" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toContain("max-age=300");
    const { keys } = res.json<{ keys: Record<string, string>[] }>();
    expect(keys).toContainEqual(
      expect.objectContaining({ kid, kty: "OKP", crv: "Ed25519", use: "sig", alg: "EdDSA" }),
    );
    expect(keys.every((k) => k.d === undefined)).toBe(true);
  });
});

describe("route declarations", () => {
  it("refuses to start when an /api route declares no permission", async () => {
    await expect(
      buildTestApp({
        seed: false,
        beforeReady: (app) => {
          app.get("/api/v1/forgotten", () => ({ ok: true }));
        },
      }),
    ).rejects.toThrow(/GET \/api\/v1\/forgotten declares no config.permission/);
  });
});
