import { auditLog, outbox, users } from "@folio/database";
import type { ProblemDetails, TokenResponse } from "@folio/types";
import { and, count, eq, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, readMail, signIn, tokenFromMail } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

const PASSWORD = "quiet harbour lantern at dusk";

function expectProblem(res: LightMyRequestResponse, status: number, type?: string): ProblemDetails {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers["content-type"]).toContain("application/problem+json");
  const problem = res.json<ProblemDetails>();
  if (type !== undefined) expect(problem.type).toBe(`https://folio.dev/problems/${type}`);
  return problem;
}

async function userCount(t: TestApp, email?: string): Promise<number> {
  const rows = await t.database.db
    .select({ n: count() })
    .from(users)
    .where(email === undefined ? undefined : sql`lower(${users.email}) = lower(${email})`);
  return Number(rows[0]?.n ?? 0);
}

async function auditEvents(
  t: TestApp,
  event: string,
): Promise<{ outcome: string; targetId: string | null }[]> {
  return t.database.db
    .select({ outcome: auditLog.outcome, targetId: auditLog.targetId })
    .from(auditLog)
    .where(eq(auditLog.event, event));
}

describe.each(["pglite", "postgres"] as const)("auth flows on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ kind, seed: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });

  it("registers, verifies by the emailed link, signs in, rotates refresh tokens, catches reuse and signs out", async () => {
    const email = `ada-${kind}@example.org`;
    const registered = await post("/auth/register", {
      email,
      password: PASSWORD,
      display_name: "Ada Lovelace",
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json()).toMatchObject({ user: { email }, verification_required: true });

    // Unverified: the right password gets 403, a wrong one the usual 401 (nothing to learn).
    expectProblem(await post("/auth/login", { email, password: PASSWORD }), 403, "email-not-verified");
    expectProblem(
      await post("/auth/login", { email, password: "not the password at all" }),
      401,
      "invalid-credentials",
    );

    const token = tokenFromMail(await readMail(t, email));
    expect((await post("/auth/verify-email", { token })).json()).toEqual({ verified: true });
    expectProblem(await post("/auth/verify-email", { token }), 400, "invalid-token");

    const login = await post("/auth/login", { email, password: PASSWORD }, { "user-agent": "Browser A" });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.headers["cache-control"]).toBe("no-store");
    const first = login.json<TokenResponse>();
    expect(first).toMatchObject({
      token_type: "Bearer",
      user: { email, role: "member", email_verified: true },
    });
    expect(first.expires_in).toBeGreaterThan(800);
    const auth = { authorization: `Bearer ${first.access_token}` };
    expect((await t.app.inject({ url: "/api/v1/me", headers: auth })).json()).toMatchObject({ email });

    const refreshed = await post("/auth/refresh", { refresh_token: first.refresh_token });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const second = refreshed.json<TokenResponse>();
    expect(second.refresh_token).not.toBe(first.refresh_token);

    // The rotated token comes back: the session is revoked, the newest token with it.
    expectProblem(
      await post("/auth/refresh", { refresh_token: first.refresh_token }),
      401,
      "refresh-token-reused",
    );
    expectProblem(
      await post("/auth/refresh", { refresh_token: second.refresh_token }),
      401,
      "invalid-refresh-token",
    );
    expectProblem(await t.app.inject({ url: "/api/v1/me", headers: auth }), 401);
    expect(await auditEvents(t, "auth.refresh_reuse")).toEqual([
      expect.objectContaining({ outcome: "failure", targetId: first.user.id }),
    ]);

    const again = (await post("/auth/login", { email, password: PASSWORD })).json<TokenResponse>();
    const out = await post("/auth/logout", { refresh_token: again.refresh_token });
    expect(out.statusCode).toBe(204);
    expectProblem(await post("/auth/refresh", { refresh_token: again.refresh_token }), 401);
    expectProblem(
      await t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${again.access_token}` } }),
      401,
    );
    expect((await auditEvents(t, "auth.logout")).length).toBe(1);
  });

  it("answers a duplicate registration like a new one and emails the existing owner instead", async () => {
    const owner = await createUser(t, { role: "member" });
    const res = await post("/auth/register", {
      email: owner.email.toUpperCase(),
      password: PASSWORD,
      display_name: "Mallory",
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ user: { id: string; email: string } }>();
    expect(body).toMatchObject({ user: { email: owner.email.toUpperCase() }, verification_required: true });
    expect(body.user.id).not.toBe(owner.id);
    expect(await userCount(t, owner.email)).toBe(1);
    const mail = await readMail(t, owner.email);
    expect(mail?.bodyText).toContain("/reset-password?token=");
  });

  it("signs out every session with logout-all and from a revoked session's access token at once", async () => {
    const user = await createUser(t);
    const a = await signIn(t, user);
    const b = await signIn(t, user);
    const events: string[] = [];
    const unsubscribe = t.services.events.subscribe((type, payload) => {
      if (type === "session.revoked") events.push((payload as { sessionId: string }).sessionId);
    });
    try {
      expect((await post("/auth/logout-all", undefined, a.headers)).statusCode).toBe(204);
    } finally {
      unsubscribe();
    }
    expect(events.sort()).toEqual([a.sessionId, b.sessionId].sort());
    expectProblem(await t.app.inject({ url: "/api/v1/me", headers: b.headers }), 401);
    expectProblem(await post("/auth/refresh", { refresh_token: b.refreshToken }), 401);
  });
});

describe("auth input and policies", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ seed: false, env: { BODY_LIMIT_BYTES: "4096" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (url: string, payload?: object | string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });

  it("refuses bad registrations with field errors and creates nothing", async () => {
    const before = await userCount(t);
    const malformed = expectProblem(
      await post("/auth/register", { email: "not-an-email", password: PASSWORD, display_name: "X" }),
      400,
    );
    expect(malformed.errors?.map((e) => e.pointer)).toEqual(["/body/email"]);
    const short = expectProblem(
      await post("/auth/register", { email: "short@example.org", password: "abc", display_name: "X" }),
      400,
    );
    expect(short.errors).toEqual([{ pointer: "/body/password", detail: "Use at least 12 characters." }]);
    const common = expectProblem(
      await post("/auth/register", {
        email: "common@example.org",
        password: "password1234",
        display_name: "X",
      }),
      400,
    );
    expect(common.errors?.[0]?.pointer).toBe("/body/password");
    const unknown = expectProblem(
      await post("/auth/register", {
        email: "u@example.org",
        password: PASSWORD,
        display_name: "X",
        role: "owner",
      }),
      400,
    );
    expect(unknown.errors).toEqual([{ pointer: "/body/role", detail: "is not a recognised parameter" }]);
    expectProblem(
      await post("/auth/register", {
        email: "big@example.org",
        password: PASSWORD,
        display_name: "x".repeat(5000),
      }),
      413,
    );
    expectProblem(
      await post("/auth/register", "email=a@example.org", {
        "content-type": "application/x-www-form-urlencoded",
      }),
      415,
    );
    expect(await userCount(t)).toBe(before);
  });

  it("leaves no user row when any part of the registration fails", async () => {
    // A database-level failure after the user insert: the outbox refuses the verification email.
    await t.database.withConnection((c) =>
      c.exec(`CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$;
              CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox();`),
    );
    try {
      const res = await post("/auth/register", {
        email: "atomic@example.org",
        password: PASSWORD,
        display_name: "Atomic",
      });
      expect(res.statusCode).toBe(500);
    } finally {
      await t.database.withConnection((c) =>
        c.exec("DROP TRIGGER refuse_outbox ON outbox; DROP FUNCTION refuse_outbox();"),
      );
    }
    expect(await userCount(t, "atomic@example.org")).toBe(0);
    const retry = await post("/auth/register", {
      email: "atomic@example.org",
      password: PASSWORD,
      display_name: "Atomic",
    });
    expect(retry.statusCode).toBe(201);
    expect(await userCount(t, "atomic@example.org")).toBe(1);
  });

  it("sends a reset link for known addresses only, resets once, and signs out every session", async () => {
    const user = await createUser(t);
    const session = await signIn(t, user);
    const unknown = await post("/auth/forgot-password", { email: "nobody@example.org" });
    const known = await post("/auth/forgot-password", { email: user.email });
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(unknown.body).toBe(known.body);
    const token = tokenFromMail(await readMail(t, user.email));

    // A weak password is refused and the link still works.
    expectProblem(await post("/auth/reset-password", { token, password: "password1234" }), 400);
    const fresh = "violet orchard compass midnight";
    expect((await post("/auth/reset-password", { token, password: fresh })).statusCode).toBe(204);
    expectProblem(
      await post("/auth/reset-password", { token, password: "another orchard compass night" }),
      400,
      "invalid-token",
    );

    expectProblem(await t.app.inject({ url: "/api/v1/me", headers: session.headers }), 401);
    expectProblem(
      await post("/auth/login", { email: user.email, password: user.password }),
      401,
      "invalid-credentials",
    );
    expect((await post("/auth/login", { email: user.email, password: fresh })).statusCode).toBe(200);
    expect((await readMail(t, user.email))?.subject).toContain("password was changed");
  });

  it("refuses registration when it is closed", async () => {
    const closed = await buildTestApp({ seed: false, env: { AUTH_REGISTRATION_OPEN: "false" } });
    try {
      const res = await closed.app.inject({
        method: "POST",
        url: "/api/v1/auth/register",
        payload: { email: "late@example.org", password: PASSWORD, display_name: "Late" },
      });
      expectProblem(res, 403, "registration-closed");
      expect(await userCount(closed)).toBe(0);
    } finally {
      await closed.close();
    }
  });

  it("records the outbox email in the transaction of the change", async () => {
    const res = await post("/auth/register", {
      email: "outbox@example.org",
      password: PASSWORD,
      display_name: "Outbox",
    });
    expect(res.statusCode).toBe(201);
    const rows = await t.database.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.topic, "email"), sql`${outbox.payload}->>'to' = 'outbox@example.org'`));
    expect(rows.map((r) => r.payload.template)).toEqual(["verify-email"]);
  });
});

describe("sign-in throttling", () => {
  let t: TestApp;
  let clock = new Date("2026-03-01T10:00:00Z");
  beforeAll(async () => {
    t = await buildTestApp({ seed: false, accounts: { now: () => clock } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, ip: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email, password },
      remoteAddress: ip,
    });
  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  /** The body without what differs per request. */
  const comparable = (res: LightMyRequestResponse) => {
    const { request_id: _id, instance: _instance, ...rest } = res.json<ProblemDetails>();
    return { httpStatus: res.statusCode, retryAfter: res.headers["retry-after"], ...rest };
  };

  it("backs off, then locks known and unknown accounts alike, and tells the owner once", async () => {
    const user = await createUser(t);
    const ghost = "ghost@example.org";
    const failures = async (email: string, ip: string) => {
      const answers: LightMyRequestResponse[] = [];
      // Defaults: 5 free failures, then 2^n s back-off, locked at 10 failures for 15 minutes.
      for (let i = 0; i < 10; i += 1) {
        const res = await login(email, "wrong wrong wrong wrong", ip);
        answers.push(res);
        if (i >= 5 && i < 9) {
          // Within the back-off window the attempt is refused before any password check.
          const early = await login(email, "wrong wrong wrong wrong", ip);
          expectProblem(early, 429, "rate-limited");
          expect(Number(early.headers["retry-after"])).toBeGreaterThanOrEqual(1);
          advance(2 ** (i - 4) * 1000);
        }
      }
      return answers;
    };
    const known = await failures(user.email, "198.51.100.1");
    const unknown = await failures(ghost, "198.51.100.2");
    expect(known.map(comparable)).toEqual(unknown.map(comparable));
    expect(known.every((res) => res.statusCode === 401)).toBe(true);

    const lockedKnown = await login(user.email, user.password, "198.51.100.3");
    const lockedUnknown = await login(ghost, "anything at all here", "198.51.100.4");
    expectProblem(lockedKnown, 429, "account-locked");
    // The ghost was locked 30 s of back-off later, so only its Retry-After differs.
    expect({ ...comparable(lockedKnown), retryAfter: 0 }).toEqual({
      ...comparable(lockedUnknown),
      retryAfter: 0,
    });
    for (const res of [lockedKnown, lockedUnknown]) {
      expect(Number(res.headers["retry-after"])).toBeGreaterThan(800);
    }

    const lockMails = await t.database.db
      .select({ n: count() })
      .from(outbox)
      .where(
        sql`${outbox.payload}->>'template' = 'account-locked' and ${outbox.payload}->>'to' = ${user.email}`,
      );
    expect(Number(lockMails[0]?.n)).toBe(1);
    expect((await auditEvents(t, "auth.lockout")).map((e) => e.targetId)).toContain(user.id);

    advance(15 * 60_000 + 1000);
    expect((await login(user.email, user.password, "198.51.100.5")).statusCode).toBe(200);
  });
});
