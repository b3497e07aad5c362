import { databaseKinds } from "@folio/database/testing";
import { oauthAccounts, users } from "@folio/database";
import type { ProblemDetails } from "@folio/types";
import { sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  cookiesOf,
  randomIdentity,
  startOAuthHarness,
  type OAuthHarness,
} from "../test-support/oauth-harness.js";

// The callback refuses everything but the one browser that started the flow, once, in time, with
// the provider's answer for that flow — and creates nothing when it refuses. On both databases.

describe.each(databaseKinds)("OAuth callback on %s", (kind) => {
  let h: OAuthHarness;

  beforeAll(async () => {
    h = await startOAuthHarness({ kind });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.forgeNonce = false;
    h.identity = randomIdentity();
  });

  it("signs a new user in once, and the same identity again later", async () => {
    const first = await h.signInWith("oidc");
    expect(first.headers.location).toBe("/dashboard");
    const again = await h.signInWith("oidc");
    expect((await h.me(again)).id).toBe((await h.me(first)).id);
  });

  async function expectRefused(response: LightMyRequestResponse, before: { users: number; links: number }) {
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/login?error=oauth");
    expect(cookiesOf(response)["__Host-folio_access"]).toBeUndefined();
    expect(await h.count(users)).toBe(before.users);
    expect(await h.count(oauthAccounts)).toBe(before.links);
  }
  async function counts() {
    return { users: await h.count(users), links: await h.count(oauthAccounts) };
  }

  it("a tampered state (browser and API callers)", async () => {
    const before = await counts();
    const { code, state, cookie } = await h.authorize("oidc");
    const tampered = `${state.slice(0, -2)}xx`;
    await expectRefused(await h.callback("oidc", { code, state: tampered }, { cookie }), before);
    const api = await h.callback(
      "oidc",
      { code, state: tampered },
      { cookie: tampered, accept: "application/json" },
    );
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json<ProblemDetails>().type).toBe("https://folio.dev/problems/oauth-failed");
  });

  it("a missing cookie", async () => {
    const before = await counts();
    const { code, state } = await h.authorize("oidc");
    await expectRefused(await h.callback("oidc", { code, state }, { cookie: null }), before);
  });

  it("a replayed state", async () => {
    const { code, state, cookie } = await h.authorize("oidc");
    expect((await h.callback("oidc", { code, state }, { cookie })).headers.location).toBe("/dashboard");
    await expectRefused(await h.callback("oidc", { code, state }, { cookie }), await counts());
  });

  it("an id_token carrying another nonce", async () => {
    const before = await counts();
    const { code, state, cookie } = await h.authorize("oidc");
    h.forgeNonce = true;
    await expectRefused(await h.callback("oidc", { code, state }, { cookie }), before);
  });

  it("an expired flow", async () => {
    const before = await counts();
    const { code, state, cookie } = await h.authorize("oidc");
    await h.t.database.db.execute(sql`update oauth_flows set expires_at = now() - interval '1 second'`);
    await expectRefused(await h.callback("oidc", { code, state }, { cookie }), before);
  });

  it("a state used at another provider's callback", async () => {
    const before = await counts();
    const { code, state, cookie } = await h.authorize("oidc");
    await expectRefused(await h.callback("github", { code, state }, { cookie }), before);
  });

  it("the user denying access at the provider", async () => {
    const before = await counts();
    const { state, cookie } = await h.authorize("oidc");
    await expectRefused(await h.callback("oidc", { error: "access_denied", state }, { cookie }), before);
  });
});
