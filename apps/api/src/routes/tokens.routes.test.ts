import { hashOpaqueToken } from "@folio/auth";
import { apiTokens, sessions } from "@folio/database";
import { databaseKinds } from "@folio/database/testing";
import {
  AdminApiTokenListSchema,
  ApiTokenListSchema,
  CreatedApiTokenSchema,
  type CreatedApiToken,
} from "@folio/types";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, stepUp, type SignedInUser, type TestUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(databaseKinds)("API token routes on %s", (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let aliceSession: SignedInUser;
  let bob: TestUser;
  let bobSession: SignedInUser;

  async function createToken(
    session: SignedInUser,
    payload: Record<string, unknown>,
  ): Promise<CreatedApiToken> {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: session.headers,
      payload,
    });
    if (response.statusCode !== 201)
      throw new Error(`token creation failed: ${response.statusCode} ${response.body}`);
    return CreatedApiTokenSchema.parse(response.json());
  }

  beforeAll(async () => {
    t = await buildTestApp({ kind, seed: false });
    alice = await createUser(t, { role: "editor" });
    bob = await createUser(t, { role: "author" });
    aliceSession = await signIn(t, alice);
    bobSession = await signIn(t, bob);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("creates a token shown once (no-store), stored hashed, that authenticates as its owner", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: aliceSession.headers,
      payload: { name: "Zapier", scopes: ["users:read", "tokens:manage:own"], expires_in_days: 90 },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers["cache-control"]).toBe("no-store");
    const created = CreatedApiTokenSchema.parse(response.json());
    expect(created.token).toMatch(/^folio_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.api_token.prefix).toBe(created.token.slice(0, 12));
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, created.api_token.id));
    expect(row?.tokenHash).toBe(hashOpaqueToken(created.token));

    const list = await t.app.inject({ url: "/api/v1/me/tokens", headers: bearer(created.token) });
    expect(list.statusCode).toBe(200);
    const tokens = ApiTokenListSchema.parse(list.json()).data;
    expect(tokens.map((tk) => tk.id)).toContain(created.api_token.id);
    expect(JSON.stringify(tokens)).not.toContain(created.token);
    expect(
      (await t.app.inject({ url: "/api/v1/admin/users", headers: bearer(created.token) })).statusCode,
    ).toBe(200);
    // Narrowed by the scopes: the editor's session may read /me (account:manage), the token may not.
    expect((await t.app.inject({ url: "/api/v1/me", headers: aliceSession.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/api/v1/me", headers: bearer(created.token) })).statusCode).toBe(403);
  });

  it("cannot create tokens with a token, and refuses scopes the creator lacks", async () => {
    const { token } = await createToken(aliceSession, { name: "self", scopes: ["tokens:manage:own"] });
    const viaToken = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: bearer(token),
      payload: { name: "child", scopes: ["tokens:manage:own"] },
    });
    expect(viaToken.statusCode).toBe(403);
    expect(viaToken.json<{ type: string }>().type).toBe("https://folio.dev/problems/step-up-required");

    const escalate = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: bobSession.headers,
      payload: { name: "x", scopes: ["posts:create", "users:manage", "nonsense:perm"] },
    });
    expect(escalate.statusCode).toBe(400);
    expect(escalate.json<{ errors: unknown[] }>().errors).toEqual([
      { pointer: "/body/scopes/1", detail: "you do not hold the permission users:manage" },
      { pointer: "/body/scopes/2", detail: 'unknown permission "nonsense:perm"' },
    ]);
    for (const payload of [
      { name: "x", scopes: [] },
      { name: "x", scopes: ["posts:create"], expires_in_days: 366 },
      { name: "x", scopes: ["posts:create"], extra: true },
    ]) {
      const bad = await t.app.inject({
        method: "POST",
        url: "/api/v1/me/tokens",
        headers: bobSession.headers,
        payload,
      });
      expect(bad.statusCode).toBe(400);
    }
  });

  it("requires a recent step-up to create a token", async () => {
    const carol = await createUser(t, { role: "author" });
    const session = await signIn(t, carol);
    await t.database.db
      .update(sessions)
      .set({ stepUpAt: sql`now() - interval '16 minutes'` })
      .where(eq(sessions.id, session.sessionId));
    const payload = { name: "late", scopes: ["posts:create"] };
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: session.headers,
      payload,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ type: string }>().type).toBe("https://folio.dev/problems/step-up-required");
    await stepUp(t, carol, session);
    const accepted = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: session.headers,
      payload,
    });
    expect(accepted.statusCode).toBe(201);
  });

  it("never shows or revokes another user's token (404)", async () => {
    const alices = await createToken(aliceSession, { name: "private", scopes: ["tokens:manage:own"] });
    const bobsList = ApiTokenListSchema.parse(
      (await t.app.inject({ url: "/api/v1/me/tokens", headers: bobSession.headers })).json(),
    );
    expect(bobsList.data.map((tk) => tk.id)).not.toContain(alices.api_token.id);
    const revoke = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/me/tokens/${alices.api_token.id}`,
      headers: bobSession.headers,
    });
    expect(revoke.statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/me/tokens", headers: bearer(alices.token) })).statusCode).toBe(
      200,
    );

    const own = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/me/tokens/${alices.api_token.id}`,
      headers: aliceSession.headers,
    });
    expect(own.statusCode).toBe(204);
    const after = await t.app.inject({ url: "/api/v1/me/tokens", headers: bearer(alices.token) });
    expect(after.statusCode).toBe(401);
    expect(after.headers["www-authenticate"]).toContain("invalid_token");
  });

  it("refuses expired tokens and follows the owner's current role", async () => {
    const owner = await createUser(t, { role: "owner" });
    const ownerSession = await signIn(t, owner);
    const admin = await createUser(t, { role: "admin" });
    const adminToken = await createToken(await signIn(t, admin), { name: "reader", scopes: ["users:read"] });
    expect(
      (await t.app.inject({ url: "/api/v1/admin/users", headers: bearer(adminToken.token) })).statusCode,
    ).toBe(200);
    const demote = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${admin.id}`,
      headers: ownerSession.headers,
      payload: { role: "member" },
    });
    expect(demote.statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: "/api/v1/admin/users", headers: bearer(adminToken.token) })).statusCode,
    ).toBe(403);

    const expiring = await createToken(aliceSession, {
      name: "old",
      scopes: ["tokens:manage:own"],
      expires_in_days: 1,
    });
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expiring.api_token.id));
    expect(
      (await t.app.inject({ url: "/api/v1/me/tokens", headers: bearer(expiring.token) })).statusCode,
    ).toBe(401);
    const garbage = await t.app.inject({
      url: "/api/v1/me/tokens",
      headers: bearer(`folio_pat_${"A".repeat(43)}`),
    });
    expect(garbage.statusCode).toBe(401);
  });

  it("lets token administrators list and revoke any token", async () => {
    const owner = await createUser(t, { role: "owner" });
    const ownerSession = await signIn(t, owner);
    const bobs = await createToken(bobSession, { name: "bob's", scopes: ["posts:create"] });
    const list = await t.app.inject({
      url: `/api/v1/admin/tokens?user_id=${bob.id}`,
      headers: ownerSession.headers,
    });
    expect(list.statusCode).toBe(200);
    const page = AdminApiTokenListSchema.parse(list.json());
    expect(page.data.find((tk) => tk.id === bobs.api_token.id)).toMatchObject({
      user_email: bob.email,
      revoked_at: null,
    });
    expect(
      (await t.app.inject({ url: "/api/v1/admin/tokens", headers: aliceSession.headers })).statusCode,
    ).toBe(403);
    const revoke = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/admin/tokens/${bobs.api_token.id}`,
      headers: ownerSession.headers,
    });
    expect(revoke.statusCode).toBe(204);
    const again = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/admin/tokens/${bobs.api_token.id}`,
      headers: ownerSession.headers,
    });
    expect(again.statusCode).toBe(404);
  });
});
