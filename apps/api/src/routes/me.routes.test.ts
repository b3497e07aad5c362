import { AccountsRepository } from "@folio/database";
import type { ProblemDetails, Session, TokenResponse, User } from "@folio/types";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, readMail, signIn, tokenFromMail, type SignedInUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

function expectProblem(res: LightMyRequestResponse, status: number, type?: string): ProblemDetails {
  expect(res.statusCode, res.body).toBe(status);
  const problem = res.json<ProblemDetails>();
  if (type !== undefined) expect(problem.type).toBe(`https://folio.dev/problems/${type}`);
  return problem;
}

/** `name=value` pairs of the Set-Cookie headers, and the raw headers by name. */
function cookiesOf(res: LightMyRequestResponse): {
  jar: Record<string, string>;
  raw: Record<string, string>;
} {
  const header = res.headers["set-cookie"];
  const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const jar: Record<string, string> = {};
  const raw: Record<string, string> = {};
  for (const cookie of list) {
    const [pair = ""] = cookie.split(";");
    const name = pair.slice(0, pair.indexOf("="));
    jar[name] = decodeURIComponent(pair.slice(pair.indexOf("=") + 1));
    raw[name] = cookie;
  }
  return { jar, raw };
}

describe("the signed-in user's account", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    session?: SignedInUser,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: session?.headers ?? {},
      ...(payload ? { payload } : {}),
    });

  it("answers 401 without credentials and 200 with them", async () => {
    const anonymous = expectProblem(await call("GET", "/me"), 401, "unauthorized");
    expect(anonymous.detail).toBeDefined();
    const user = await createUser(t, { role: "author" });
    const me = (await call("GET", "/me", await signIn(t, user))).json<User>();
    expect(me).toMatchObject({
      id: user.id,
      role: "author",
      permissions: expect.arrayContaining(["posts:create"]),
    });
    expect(me.permissions).not.toContain("posts:edit:any");
  });

  it("updates the profile, keeping the slug, and refuses unknown or unsafe fields", async () => {
    const author = await createUser(t, { role: "author" });
    const session = await signIn(t, author);
    const updated = await call("PATCH", "/me", session, {
      display_name: "Renamed Author",
      bio: "Writes.",
      website_url: null,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json<User>()).toMatchObject({
      display_name: "Renamed Author",
      bio: "Writes.",
      slug: author.slug,
    });
    const invalid = expectProblem(
      await call("PATCH", "/me", session, { website_url: "javascript:alert(1)", email: "x@y.z" }),
      400,
    );
    expect(invalid.errors?.map((e) => e.pointer).sort()).toEqual(["/body/email", "/body/website_url"]);
  });

  it("changes the password (step-up fresh from sign-in), signing out the other sessions only", async () => {
    const user = await createUser(t);
    const current = await signIn(t, user);
    const other = await signIn(t, user);
    const wrong = expectProblem(
      await call("POST", "/me/password", current, {
        current_password: "not it at all",
        new_password: "amber meadow quartz river",
      }),
      400,
    );
    expect(wrong.errors).toEqual([{ pointer: "/body/current_password", detail: "is incorrect" }]);
    const weak = expectProblem(
      await call("POST", "/me/password", current, { current_password: user.password, new_password: "short" }),
      400,
    );
    expect(weak.errors?.[0]?.pointer).toBe("/body/new_password");
    const ok = await call("POST", "/me/password", current, {
      current_password: user.password,
      new_password: "amber meadow quartz river",
    });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await call("GET", "/me", current)).statusCode).toBe(200);
    expectProblem(await call("GET", "/me", other), 401);
    expect((await readMail(t, user.email))?.subject).toContain("password was changed");
    expectProblem(
      await call("POST", "/auth/login", undefined, { email: user.email, password: user.password }),
      401,
    );
  });

  it("changes the email after confirmation from the new address and tells the old one", async () => {
    const user = await createUser(t);
    const session = await signIn(t, user);
    const next = `moved-${user.id.slice(-6)}@example.org`;
    expect((await call("POST", "/me/email", session, { new_email: next })).statusCode).toBe(202);
    // A taken address gets the same answer and no link.
    const taken = await createUser(t);
    expect((await call("POST", "/me/email", session, { new_email: taken.email })).statusCode).toBe(202);
    const link = await readMail(t, next);
    expect(link?.subject).toContain("Confirm your new email");
    const confirm = await call("POST", "/me/email/confirm", undefined, { token: tokenFromMail(link) });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect((await call("GET", "/me", session)).json<User>()).toMatchObject({
      email: next,
      email_verified: true,
    });
    expect((await readMail(t, user.email))?.bodyText).toContain(next);
    expectProblem(
      await call("POST", "/me/email/confirm", undefined, { token: tokenFromMail(link) }),
      400,
      "invalid-token",
    );
    expect(
      (await call("POST", "/auth/login", undefined, { email: next, password: user.password })).statusCode,
    ).toBe(200);
  });

  it("lists and revokes only the caller's own sessions (IDOR-safe)", async () => {
    const alice = await createUser(t);
    const bob = await createUser(t);
    const aliceLaptop = await signIn(t, alice, { userAgent: "Laptop" });
    const alicePhone = await signIn(t, alice, { userAgent: "Phone" });
    const bobSession = await signIn(t, bob);

    const list = (await call("GET", "/me/sessions", aliceLaptop)).json<{ data: Session[] }>().data;
    expect(list.map((s) => s.id).sort()).toEqual([aliceLaptop.sessionId, alicePhone.sessionId].sort());
    expect(list.find((s) => s.current)?.user_agent).toBe("Laptop");
    const bobList = (await call("GET", "/me/sessions", bobSession)).json<{ data: Session[] }>().data;
    expect(bobList.map((s) => s.id)).toEqual([bobSession.sessionId]);

    expectProblem(await call("DELETE", `/me/sessions/${alicePhone.sessionId}`, bobSession), 404);
    expect((await call("GET", "/me", alicePhone)).statusCode).toBe(200);
    expectProblem(await call("DELETE", "/me/sessions/not-a-uuid", bobSession), 400);

    expect((await call("DELETE", `/me/sessions/${alicePhone.sessionId}`, aliceLaptop)).statusCode).toBe(204);
    expectProblem(await call("GET", "/me", alicePhone), 401);
    const third = await signIn(t, alice);
    expect((await call("POST", "/me/sessions/revoke-others", aliceLaptop)).statusCode).toBe(204);
    expectProblem(await call("GET", "/me", third), 401);
    expect((await call("GET", "/me", aliceLaptop)).statusCode).toBe(200);
    expect((await call("GET", "/me", bobSession)).statusCode).toBe(200);
  });

  it("answers 401 for a suspended user's token and 403 to their password", async () => {
    const user = await createUser(t);
    const session = await signIn(t, user);
    await new AccountsRepository(t.database).updateUser(user.id, { status: "suspended" }, new Date());
    expectProblem(await call("GET", "/me", session), 401);
    expectProblem(
      await call("POST", "/auth/login", undefined, { email: user.email, password: user.password }),
      403,
      "account-suspended",
    );
    expectProblem(
      await call("POST", "/auth/login", undefined, { email: user.email, password: "wrong but long enough" }),
      401,
    );
  });

  it("revokes every session of a user for the admin side, announcing each", async () => {
    const user = await createUser(t);
    const session = await signIn(t, user);
    expect((await call("GET", "/me", session)).statusCode).toBe(200);
    const revoked = await t.services.accounts.revokeAllSessions({
      userId: user.id,
      reason: "suspended",
      actorId: null,
      meta: { ip: null, userAgent: null, requestId: null },
    });
    expect(revoked).toEqual([session.sessionId]);
    // Cached as valid a moment ago; the revocation event dropped it from this process's cache.
    expectProblem(await call("GET", "/me", session), 401);
  });
});

describe("web sessions in cookies", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ seed: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("sets __Host- cookies, authenticates by cookie and requires the CSRF header for changes", async () => {
    const user = await createUser(t);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "x-folio-client": "web" },
      payload: { email: user.email, password: user.password },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json<TokenResponse>().refresh_token).toBeUndefined();
    const { jar, raw } = cookiesOf(login);
    expect(raw["__Host-folio_refresh"]).toMatch(/HttpOnly; Secure; SameSite=Strict/);
    // Max-Age: what is left of the session (30 days) and of the access token (15 minutes).
    const maxAge = (name: string) => Number(/Max-Age=(\d+)/.exec(raw[name] ?? "")?.[1]);
    expect(maxAge("__Host-folio_refresh")).toBeGreaterThan(2_592_000 - 10);
    expect(maxAge("__Host-folio_access")).toBeGreaterThan(890);
    expect(raw["__Host-folio_access"]).toMatch(/Path=\/; Max-Age=\d+; HttpOnly; Secure; SameSite=Lax/);
    expect(raw["__Host-folio_csrf"]).not.toMatch(/HttpOnly/);

    const cookie = (names: string[]) =>
      names.map((n) => `${n}=${encodeURIComponent(jar[n] ?? "")}`).join("; ");
    const all = cookie(["__Host-folio_refresh", "__Host-folio_access", "__Host-folio_csrf"]);
    const csrf = jar["__Host-folio_csrf"] ?? "";
    expect((await t.app.inject({ url: "/api/v1/me", headers: { cookie: all } })).statusCode).toBe(200);

    const patch = (headers: Record<string, string>) =>
      t.app.inject({
        method: "PATCH",
        url: "/api/v1/me",
        headers: { cookie: all, ...headers },
        payload: { bio: "hi" },
      });
    expectProblem(await patch({}), 403, "csrf-failed");
    expectProblem(await patch({ "x-csrf-token": "forged" }), 403, "csrf-failed");
    expectProblem(await patch({ "x-csrf-token": csrf, origin: "https://evil.example" }), 403, "csrf-failed");
    expect((await patch({ "x-csrf-token": csrf, origin: "http://localhost:3000" })).statusCode).toBe(200);

    const refresh = (headers: Record<string, string>) =>
      t.app.inject({ method: "POST", url: "/api/v1/auth/refresh", headers: { cookie: all, ...headers } });
    expectProblem(await refresh({}), 403, "csrf-failed");
    const refreshed = await refresh({ "x-csrf-token": csrf });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(refreshed.json<TokenResponse>().refresh_token).toBeUndefined();
    const rotated = cookiesOf(refreshed).jar;
    expect(rotated["__Host-folio_refresh"]).not.toBe(jar["__Host-folio_refresh"]);

    const logout = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: {
        cookie: `__Host-folio_refresh=${encodeURIComponent(rotated["__Host-folio_refresh"] ?? "")}; __Host-folio_csrf=${rotated["__Host-folio_csrf"] ?? ""}`,
        "x-csrf-token": rotated["__Host-folio_csrf"] ?? "",
      },
    });
    expect(logout.statusCode).toBe(204);
    expect(cookiesOf(logout).raw["__Host-folio_refresh"]).toMatch(/Max-Age=0/);
    const afterLogout = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/refresh",
      payload: { refresh_token: rotated["__Host-folio_refresh"] },
    });
    expectProblem(afterLogout, 401);
  });
});
