import { mfaFactors, recoveryCodes, sessions } from "@folio/database";
import type { LoginResponse, MfaChallenge, MfaStatus, ProblemDetails, TokenResponse } from "@folio/types";
import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codeFromMail,
  createUser,
  nextTotpCode,
  readMail,
  signIn,
  type SignedInUser,
  type TestUser,
} from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

function expectProblem(res: LightMyRequestResponse, status: number, type?: string): ProblemDetails {
  expect(res.statusCode, res.body).toBe(status);
  const problem = res.json<ProblemDetails>();
  if (type !== undefined) expect(problem.type).toBe(`https://folio.dev/problems/${type}`);
  return problem;
}

function claimsOf(accessToken: string): { amr: string[]; mfa: boolean } {
  return JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString()) as {
    amr: string[];
    mfa: boolean;
  };
}

describe.each(["pglite", "postgres"] as const)("MFA on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ kind, seed: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: "GET" | "POST" | "DELETE", url: string, session?: SignedInUser, payload?: object) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: session?.headers ?? {},
      ...(payload ? { payload } : {}),
    });
  const login = async (user: TestUser): Promise<MfaChallenge> => {
    const res = await call("POST", "/auth/login", undefined, { email: user.email, password: user.password });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<LoginResponse>();
    if (!("mfa_required" in body)) throw new Error("expected an MFA challenge");
    return body;
  };

  it("enrols TOTP, then signs in with it; codes cannot be replayed and recovery codes work once", async () => {
    const user = await createUser(t, { role: "author", mfa: "none" });
    const session = await signIn(t, user);
    const enrol = await call("POST", "/me/mfa/totp", session);
    expect(enrol.statusCode, enrol.body).toBe(200);
    const { secret, otpauth_uri } = enrol.json<{ secret: string; otpauth_uri: string }>();
    expect(otpauth_uri).toMatch(/^otpauth:\/\/totp\//);
    user.totpSecret = secret;

    expectProblem(
      await call("POST", "/me/mfa/totp/confirm", session, { code: "000000" }),
      400,
      "invalid-code",
    );
    const confirmed = await call("POST", "/me/mfa/totp/confirm", session, {
      code: await nextTotpCode(t, user),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const codes = confirmed.json<{ recovery_codes: string[] }>().recovery_codes;
    expect(codes).toHaveLength(10);
    const stored = await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    const status = (await call("GET", "/me/mfa", session)).json<MfaStatus>();
    expect(status).toMatchObject({
      recovery_codes_remaining: 10,
      factors: [{ kind: "totp", confirmed: true }],
    });

    const challenge = await login(user);
    expect(challenge.methods).toEqual(["totp", "recovery"]);
    // The half-authenticated state is not an access token anywhere.
    const asBearer = { authorization: `Bearer ${challenge.challenge_token}` };
    expectProblem(await t.app.inject({ url: "/api/v1/me", headers: asBearer }), 401);
    expectProblem(
      await t.app.inject({ method: "POST", url: "/api/v1/auth/logout-all", headers: asBearer }),
      401,
    );

    expectProblem(
      await call("POST", "/auth/mfa/verify", undefined, {
        challenge_token: challenge.challenge_token,
        method: "totp",
        code: "123456",
      }),
      401,
      "invalid-code",
    );
    const code = await nextTotpCode(t, user);
    const verified = await call("POST", "/auth/mfa/verify", undefined, {
      challenge_token: challenge.challenge_token,
      method: "totp",
      code,
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const tokens = verified.json<TokenResponse>();
    expect(claimsOf(tokens.access_token)).toMatchObject({ mfa: true, amr: ["pwd", "otp", "mfa"] });
    // The challenge is spent, and the same code is a replay.
    expectProblem(
      await call("POST", "/auth/mfa/verify", undefined, {
        challenge_token: challenge.challenge_token,
        method: "totp",
        code,
      }),
      401,
      "invalid-challenge",
    );
    const second = await login(user);
    expectProblem(
      await call("POST", "/auth/mfa/verify", undefined, {
        challenge_token: second.challenge_token,
        method: "totp",
        code,
      }),
      401,
      "invalid-code",
    );

    const recovery = codes[0]!.toUpperCase().replace("-", " ");
    const viaRecovery = await call("POST", "/auth/mfa/verify", undefined, {
      challenge_token: second.challenge_token,
      method: "recovery",
      code: recovery,
    });
    expect(viaRecovery.statusCode, viaRecovery.body).toBe(200);
    expect(claimsOf(viaRecovery.json<TokenResponse>().access_token).amr).toContain("rec");
    const third = await login(user);
    expectProblem(
      await call("POST", "/auth/mfa/verify", undefined, {
        challenge_token: third.challenge_token,
        method: "recovery",
        code: codes[0],
      }),
      401,
      "invalid-code",
    );
  });

  it("burns a challenge after five wrong codes", async () => {
    const user = await createUser(t, { mfa: "totp" });
    const challenge = await login(user);
    for (let i = 0; i < 4; i += 1) {
      expectProblem(
        await call("POST", "/auth/mfa/verify", undefined, {
          challenge_token: challenge.challenge_token,
          method: "totp",
          code: "000000",
        }),
        401,
        "invalid-code",
      );
    }
    const verify = () =>
      call("POST", "/auth/mfa/verify", undefined, {
        challenge_token: challenge.challenge_token,
        method: "totp",
        code: "000000",
      });
    expectProblem(await verify(), 401, "invalid-challenge");
    const right = await call("POST", "/auth/mfa/verify", undefined, {
      challenge_token: challenge.challenge_token,
      method: "totp",
      code: await nextTotpCode(t, user),
    });
    expectProblem(right, 401, "invalid-challenge");
  });

  it("enrols email and SMS codes and signs in with each", async () => {
    const user = await createUser(t, { role: "editor", mfa: "none" });
    const session = await signIn(t, user);
    expect((await call("POST", "/me/mfa/email", session)).statusCode).toBe(202);
    const emailed = codeFromMail(await readMail(t, user.email));
    expect((await call("POST", "/me/mfa/email/confirm", session, { code: emailed })).json()).toMatchObject({
      recovery_codes: expect.any(Array),
    });
    const phone = "+447700900123";
    expectProblem(await call("POST", "/me/mfa/sms", session, { phone: "07700 900123" }), 400);
    expect((await call("POST", "/me/mfa/sms", session, { phone })).statusCode).toBe(202);
    const texted = codeFromMail(await readMail(t, phone, "sms"));
    const smsConfirmed = await call("POST", "/me/mfa/sms/confirm", session, { code: texted });
    expect(smsConfirmed.json()).toEqual({ recovery_codes: [] });
    expect((await call("GET", "/me/mfa", session)).json<MfaStatus>().factors).toEqual([
      expect.objectContaining({ kind: "email", confirmed: true }),
      expect.objectContaining({ kind: "sms", confirmed: true, phone_hint: "•••23" }),
    ]);

    for (const method of ["email", "sms"] as const) {
      const challenge = await login(user);
      expect(challenge.methods).toEqual(["email", "sms", "recovery"]);
      const sent = await call("POST", "/auth/mfa/send", undefined, {
        challenge_token: challenge.challenge_token,
        method,
      });
      expect(sent.statusCode).toBe(202);
      const code = codeFromMail(await readMail(t, method === "email" ? user.email : phone, method));
      const res = await call("POST", "/auth/mfa/verify", undefined, {
        challenge_token: challenge.challenge_token,
        method,
        code,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(claimsOf(res.json<TokenResponse>().access_token).amr).toContain(
        method === "email" ? "mail" : "sms",
      );
    }
  });

  it("requires a recent step-up for sensitive actions, with the second factor when enrolled", async () => {
    const user = await createUser(t, { mfa: "totp" });
    const session = await signIn(t, user);
    // A fresh sign-in counts as re-authenticated; an hour later it no longer does.
    await t.database.db
      .update(sessions)
      .set({ stepUpAt: new Date(Date.now() - 3_600_000) })
      .where(eq(sessions.id, session.sessionId));
    expectProblem(await call("POST", "/me/recovery-codes", session), 403, "step-up-required");
    expectProblem(await call("POST", "/auth/step-up", session, { password: "wrong wrong wrong" }), 400);
    const noCode = expectProblem(
      await call("POST", "/auth/step-up", session, { password: user.password }),
      400,
    );
    expect(noCode.errors?.[0]?.pointer).toBe("/body/code");
    expectProblem(
      await call("POST", "/auth/step-up", session, {
        password: user.password,
        method: "totp",
        code: "000000",
      }),
      400,
      "invalid-code",
    );
    const ok = await call("POST", "/auth/step-up", session, {
      password: user.password,
      method: "totp",
      code: await nextTotpCode(t, user),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(Date.parse(ok.json<{ step_up_expires_at: string }>().step_up_expires_at)).toBeGreaterThan(
      Date.now() + 800_000,
    );
    const regenerated = await call("POST", "/me/recovery-codes", session);
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    expect(regenerated.json<{ recovery_codes: string[] }>().recovery_codes).toHaveLength(10);
  });

  it("puts an owner without a factor in an enrolment-only session until a factor is confirmed", async () => {
    const owner = await createUser(t, { role: "owner", mfa: "none" });
    const session = await signIn(t, owner);
    const me = await call("GET", "/me", session);
    expect(me.json()).toMatchObject({ role: "owner", mfa: { enabled: false, required: true } });
    expectProblem(await call("GET", "/me/sessions", session), 403, "mfa-enrolment-required");
    expectProblem(await call("POST", "/me/sessions/revoke-others", session), 403, "mfa-enrolment-required");
    const enrol = await call("POST", "/me/mfa/totp", session);
    expect(enrol.statusCode).toBe(200);
    owner.totpSecret = enrol.json<{ secret: string }>().secret;
    const confirm = await call("POST", "/me/mfa/totp/confirm", session, {
      code: await nextTotpCode(t, owner),
    });
    expect(confirm.statusCode).toBe(200);
    expect((await call("GET", "/me/sessions", session)).statusCode).toBe(200);
    // The role requires MFA: the last factor cannot be removed.
    expectProblem(await call("DELETE", "/me/mfa/totp", session), 403, "mfa-required-by-role");
    expect(await t.database.db.select().from(mfaFactors).where(eq(mfaFactors.userId, owner.id))).toHaveLength(
      1,
    );
  });

  it("lets a member remove a factor (and its recovery codes) but never another user's", async () => {
    const a = await createUser(t, { mfa: "totp" });
    const b = await createUser(t);
    const sessionB = await signIn(t, b);
    expectProblem(await call("DELETE", "/me/mfa/totp", sessionB), 404);
    expect(await t.database.db.select().from(mfaFactors).where(eq(mfaFactors.userId, a.id))).toHaveLength(1);
    expect((await call("GET", "/me/mfa", sessionB)).json<MfaStatus>().factors).toEqual([]);

    const sessionA = await signIn(t, a);
    expect((await call("DELETE", "/me/mfa/totp", sessionA)).statusCode).toBe(204);
    expect((await call("GET", "/me/mfa", sessionA)).json<MfaStatus>()).toMatchObject({
      factors: [],
      recovery_codes_remaining: 0,
    });
    const plain = await call("POST", "/auth/login", undefined, { email: a.email, password: a.password });
    expect(plain.json<LoginResponse>()).toHaveProperty("access_token");
  });
});
