import { oauthAccounts, sessions, users } from "@folio/database";
import type { LoginResponse, ProblemDetails } from "@folio/types";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  cookiesOf,
  locationOf,
  OAUTH_COOKIE,
  randomIdentity,
  setCookieLine,
  startOAuthHarness,
  type OAuthHarness,
} from "../test-support/oauth-harness.js";
import { createUser, signIn, stepUp } from "../testing/accounts.js";

// End to end through HTTP against a real local OpenID provider and a GitHub API stand-in (see
// test-support/oauth-harness.ts). Forged and stale callbacks: oauth-callback.routes.test.ts.

describe("OAuth sign-in and connected accounts", () => {
  let h: OAuthHarness;

  beforeAll(async () => {
    h = await startOAuthHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.forgeNonce = false;
    h.identity = randomIdentity();
  });

  it("lists the configured providers", async () => {
    const res = await h.t.app.inject({ method: "GET", url: "/api/v1/auth/providers" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      data: [
        { id: "github", name: "GitHub" },
        { id: "oidc", name: "Company SSO" },
      ],
    });
  });

  it("starts a flow: PKCE S256, state, nonce, the callback URI and a __Host- cookie bound to the state", async () => {
    const res = await h.t.app.inject({
      method: "GET",
      url: "/api/v1/auth/oauth/oidc/start?redirect_to=/welcome",
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers["cache-control"]).toBe("no-store");
    const url = new URL(String(res.headers.location));
    expect(url.origin).toBe(h.idp.issuer.url);
    expect(url.searchParams.get("redirect_uri")).toBe("https://folio.test/api/v1/auth/oauth/oidc/callback");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("nonce")).toBeTruthy();
    const line = setCookieLine(res, OAUTH_COOKIE)!;
    expect(line).toContain(`${OAUTH_COOKIE}=${url.searchParams.get("state")!}`);
    for (const attribute of ["Path=/", "Max-Age=600", "HttpOnly", "Secure", "SameSite=Lax"]) {
      expect(line).toContain(attribute);
    }
    expect(line).not.toContain("Domain");
  });

  it("gives API callers the authorization URL as JSON", async () => {
    const res = await h.t.app.inject({
      method: "GET",
      url: "/api/v1/auth/oauth/github/start",
      headers: { accept: "application/json" },
    });
    expect(res.statusCode).toBe(200);
    const url = new URL(res.json<{ authorization_url: string }>().authorization_url);
    expect(url.searchParams.get("state")).toBe(cookiesOf(res)[OAUTH_COOKIE]);
    expect(url.searchParams.get("scope")).toBe("read:user user:email");
  });

  it("refuses an unsafe redirect_to and an unconfigured provider", async () => {
    for (const target of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      const res = await h.t.app.inject({
        method: "GET",
        url: `/api/v1/auth/oauth/oidc/start?redirect_to=${encodeURIComponent(target)}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ProblemDetails>().errors?.[0]?.pointer).toBe("/query/redirect_to");
    }
    const google = await h.t.app.inject({ method: "GET", url: "/api/v1/auth/oauth/google/start" });
    expect(google.statusCode).toBe(404);
  });

  it("creates a member account on first sign-in and signs it in with the web cookies", async () => {
    const before = await h.count(users);
    const res = await h.signInWith("oidc", "/welcome?tab=1");
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/welcome?tab=1");
    const jar = cookiesOf(res);
    expect(Object.keys(jar)).toEqual(
      expect.arrayContaining(["__Host-folio_refresh", "__Host-folio_access", "__Host-folio_csrf"]),
    );
    // The flow cookie is spent.
    expect(setCookieLine(res, OAUTH_COOKIE)).toContain("Max-Age=0");
    expect(await h.count(users)).toBe(before + 1);
    const user = await h.me(res);
    expect(user).toMatchObject({ email: h.identity.email, email_verified: true, role: "member" });
    const rows = await h.t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amr: ["oauth"], revokedAt: null });

    // The same identity later signs in to the same account, to /dashboard by default.
    const again = await h.signInWith("oidc");
    expect(again.headers.location).toBe("/dashboard");
    expect((await h.me(again)).id).toBe(user.id);
  });

  it("links to an existing account when both sides verified the email", async () => {
    const local = await createUser(h.t, { email: `verified-${h.identity.sub}@example.org` });
    h.identity.email = local.email;
    const res = await h.signInWith("oidc");
    expect(res.statusCode).toBe(302);
    expect((await h.me(res)).id).toBe(local.id);
    const links = await h.t.database.db
      .select()
      .from(oauthAccounts)
      .where(eq(oauthAccounts.userId, local.id));
    expect(links.map((l) => [l.provider, l.subject])).toEqual([["oidc", h.identity.sub]]);
  });

  it("refuses to link by an email the provider has not verified", async () => {
    const local = await createUser(h.t, { email: `unverified-${h.identity.sub}@example.org` });
    h.identity.email = local.email;
    h.identity.email_verified = false;
    const links = await h.count(oauthAccounts);
    const res = await h.signInWith("oidc");
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/login?error=oauth-link-required");
    expect(cookiesOf(res)["__Host-folio_access"]).toBeUndefined();
    expect(await h.count(oauthAccounts)).toBe(links);
  });

  it("sends users with a second factor to the MFA page instead of signing them in", async () => {
    const local = await createUser(h.t, { email: `mfa-${h.identity.sub}@example.org`, mfa: "totp" });
    h.identity.email = local.email;
    const sessionsBefore = await h.count(sessions);
    const res = await h.signInWith("oidc", "/after");
    const location = locationOf(res);
    expect(location.pathname).toBe("/login/mfa");
    expect(location.searchParams.get("challenge")).toMatch(/^[\w-]{40,}$/);
    expect(location.searchParams.get("next")).toBe("/after");
    expect(cookiesOf(res)["__Host-folio_access"]).toBeUndefined();
    expect(await h.count(sessions)).toBe(sessionsBefore);
  });

  it("connects a provider to the signed-in user (step-up fresh after sign-in), then lists it", async () => {
    const local = await createUser(h.t);
    const session = await signIn(h.t, local);
    h.identity.email = "a-different-address@example.org";
    h.identity.email_verified = false;
    const start = await h.t.app.inject({
      method: "POST",
      url: "/api/v1/me/connections/oidc",
      headers: session.headers,
    });
    expect(start.statusCode, start.body).toBe(200);
    const { authorization_url } = start.json<{ authorization_url: string }>();
    const cookie = cookiesOf(start)[OAUTH_COOKIE]!;
    const { code, state } = await h.followProvider(authorization_url);
    const res = await h.callback("oidc", { code, state }, { cookie });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/dashboard/settings/connections?connected=oidc");
    // Linking does not open another session.
    expect(cookiesOf(res)["__Host-folio_access"]).toBeUndefined();

    const list = await h.t.app.inject({
      method: "GET",
      url: "/api/v1/me/connections",
      headers: session.headers,
    });
    expect(list.json()).toEqual({
      data: [
        {
          provider: "oidc",
          email: "a-different-address@example.org",
          created_at: expect.any(String) as string,
        },
      ],
    });
    const again = await h.t.app.inject({
      method: "POST",
      url: "/api/v1/me/connections/oidc",
      headers: session.headers,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<ProblemDetails>().type).toBe("https://folio.dev/problems/oauth-already-linked");
    // Someone else cannot see it.
    const other = await signIn(h.t, await createUser(h.t));
    const theirs = await h.t.app.inject({
      method: "GET",
      url: "/api/v1/me/connections",
      headers: other.headers,
    });
    expect(theirs.json()).toEqual({ data: [] });
    const unlinkTheirs = await h.t.app.inject({
      method: "DELETE",
      url: "/api/v1/me/connections/oidc",
      headers: other.headers,
    });
    expect(unlinkTheirs.statusCode).toBe(404);

    // With a password left, the provider can go.
    const unlink = await h.t.app.inject({
      method: "DELETE",
      url: "/api/v1/me/connections/oidc",
      headers: session.headers,
    });
    expect(unlink.statusCode).toBe(204);
  });

  it("requires a recent re-authentication to connect a provider", async () => {
    const local = await createUser(h.t);
    const session = await signIn(h.t, local);
    await h.t.database.db.execute(
      sql`update sessions set step_up_at = now() - interval '2 hours' where id = ${session.sessionId}`,
    );
    const stale = await h.t.app.inject({
      method: "POST",
      url: "/api/v1/me/connections/oidc",
      headers: session.headers,
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.json<ProblemDetails>().type).toBe("https://folio.dev/problems/step-up-required");
    expect(setCookieLine(stale, OAUTH_COOKIE)).toBeUndefined();
    await stepUp(h.t, local, session);
    const fresh = await h.t.app.inject({
      method: "POST",
      url: "/api/v1/me/connections/oidc",
      headers: session.headers,
    });
    expect(fresh.statusCode).toBe(200);
  });

  it("requires a signed-in caller to connect or list providers", async () => {
    const post = await h.t.app.inject({ method: "POST", url: "/api/v1/me/connections/oidc" });
    expect(post.statusCode).toBe(401);
    const list = await h.t.app.inject({ method: "GET", url: "/api/v1/me/connections" });
    expect(list.statusCode).toBe(401);
  });

  it("never removes the last way to sign in", async () => {
    const res = await h.signInWith("oidc");
    const access = cookiesOf(res)["__Host-folio_access"]!;
    const unlink = await h.t.app.inject({
      method: "DELETE",
      url: "/api/v1/me/connections/oidc",
      headers: { authorization: `Bearer ${access}` },
    });
    expect(unlink.statusCode).toBe(409);
    expect(unlink.json<ProblemDetails>().type).toBe("https://folio.dev/problems/last-sign-in-method");
  });

  it("signs in with GitHub: profile and primary verified email from its API", async () => {
    const n = Math.floor(Math.random() * 1e9);
    h.githubUser = {
      id: n,
      login: `octo-${n}`,
      name: null,
      emails: [
        { email: `secondary-${n}@example.org`, primary: false, verified: true },
        { email: `octo-${n}@example.org`, primary: true, verified: true },
      ],
    };
    const res = await h.signInWith("github");
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe("/dashboard");
    const user = await h.me(res);
    expect(user).toMatchObject({
      email: `octo-${n}@example.org`,
      email_verified: true,
      display_name: `octo-${n}`,
    });
    const [link] = await h.t.database.db
      .select()
      .from(oauthAccounts)
      .where(eq(oauthAccounts.userId, user.id));
    expect(link).toMatchObject({ provider: "github", subject: String(n) });
  });

  it("answers API callers with the sign-in response instead of cookies", async () => {
    const { code, state, cookie } = await h.authorize("oidc");
    const res = await h.callback("oidc", { code, state }, { cookie, accept: "application/json" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const body = res.json<LoginResponse>();
    expect(body).toMatchObject({ token_type: "Bearer", user: { email: h.identity.email } });
    expect("refresh_token" in body && typeof body.refresh_token).toBe("string");
  });

  it("documents the routes with their permissions", async () => {
    const doc = (await h.t.app.inject({ method: "GET", url: "/openapi.json" })).json<{
      paths: Record<string, Record<string, { security?: unknown[]; "x-folio-permission"?: string }>>;
    }>();
    expect(doc.paths["/api/v1/auth/oauth/{provider}/start"]?.get?.security).toEqual([]);
    expect(doc.paths["/api/v1/me/connections/{provider}"]?.post?.["x-folio-permission"]).toBe(
      "account:manage",
    );
  });
});
