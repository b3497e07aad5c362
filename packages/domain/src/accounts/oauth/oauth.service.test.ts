import { createOidcProvider } from "@folio/auth";
import { isFolioError, problemTypeUri, uuidv7 } from "@folio/core";
import { auditLog, OAuthRepository, sessions, users, UsersRepository, type UserRow } from "@folio/database";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@folio/database/testing";
import { eq, sql } from "drizzle-orm";
import { OAuth2Server, type MutableResponse, type MutableToken } from "oauth2-mock-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OAuthAccountTakenError, OAuthFlowError, OAuthLinkRequiredError } from "./oauth-errors.js";
import { createDomainEvents } from "../../events/domain-events.js";
import { DEFAULT_ACCOUNTS_OPTIONS } from "../accounts-context.js";
import { createAccountsService } from "../accounts.service.js";
import { createOAuthService, type OAuthService } from "./oauth.service.js";

const CLIENT_ID = "folio-test-client";
const REDIRECT_URI = "https://folio.test/api/v1/auth/oauth/oidc/callback";
const meta = { ip: "203.0.113.7", userAgent: "vitest", requestId: "req-1" };

interface Identity {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

describe.each(databaseKinds)("OAuth service on %s (against a real local OpenID provider)", (kind) => {
  let server: OAuth2Server;
  let database: TestDatabase;
  let service: OAuthService;
  let identity: Identity;
  let forgeNonce: boolean;

  function makeService(registrationOpen = true) {
    return createOAuthService({
      database,
      accounts: createAccountsService({
        database,
        events: createDomainEvents(),
        options: { ...DEFAULT_ACCOUNTS_OPTIONS, registrationOpen },
      }),
      providers: [
        createOidcProvider({
          id: "oidc",
          displayName: "Test IdP",
          issuer: server.issuer.url!,
          clientId: CLIENT_ID,
          clientSecret: "secret",
          redirectUri: REDIRECT_URI,
        }),
      ],
    });
  }

  /** Start → the provider's authorize endpoint (the user "consents") → the code and state it returns. */
  async function authorize(svc = service, linkUserId: string | null = null, redirectTo?: string) {
    const started = await svc.start({ provider: "oidc", linkUserId, redirectTo });
    const response = await fetch(started.authorizationUrl, { redirect: "manual" });
    const location = new URL(response.headers.get("location")!);
    expect(location.origin + location.pathname).toBe(REDIRECT_URI);
    return { state: started.state, code: location.searchParams.get("code")!, started };
  }

  async function signInWith(id: Identity, svc = service) {
    identity = id;
    const { state, code } = await authorize(svc);
    return svc.complete({ provider: "oidc", code, state, cookieState: state, meta });
  }

  async function localUser(email: string, values: Partial<UserRow> = {}): Promise<UserRow> {
    const id = uuidv7();
    return new UsersRepository(database).create({
      id,
      email,
      displayName: "Local",
      slug: `local-${id}`,
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$placeholder",
      ...values,
    });
  }

  async function userCount(): Promise<number> {
    const rows = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    return rows[0]!.n;
  }

  async function errorOf(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => expect.fail("expected a rejection"),
      (e: unknown) => e,
    );
  }

  beforeAll(async () => {
    server = new OAuth2Server();
    await server.issuer.keys.generate("RS256");
    await server.start(0, "127.0.0.1");
    server.service.on("beforeTokenSigning", (token: MutableToken) => {
      Object.assign(token.payload, identity);
      if (forgeNonce && "nonce" in token.payload) token.payload.nonce = "forged-nonce";
    });
    // Without an email claim in the id_token the provider asks userinfo: answer for the same person.
    server.service.on("beforeUserinfo", (response: MutableResponse) => {
      response.body = { ...identity };
    });
    database = await createTestDatabase({ kind });
    service = makeService();
  });
  afterAll(async () => {
    await server.stop();
    await database.close();
  });
  beforeEach(() => {
    forgeNonce = false;
  });

  it("lists the configured providers", () => {
    expect(service.listProviders()).toEqual([{ id: "oidc", name: "Test IdP" }]);
    expect(service.isConfigured("oidc")).toBe(true);
    expect(service.isConfigured("github")).toBe(false);
  });

  it("sends PKCE S256, the state and a nonce to the provider", async () => {
    const { authorizationUrl, state } = await service.start({ provider: "oidc" });
    expect(authorizationUrl.searchParams.get("state")).toBe(state);
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(authorizationUrl.searchParams.get("nonce")).toMatch(/^[\w-]{40,}$/);
    expect(authorizationUrl.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
  });

  it("creates a member account on the first sign-in, then signs the same identity in again", async () => {
    const sub = `new-${uuidv7()}`;
    const first = await signInWith({
      sub,
      email: `${sub}@example.org`,
      email_verified: true,
      name: "Ada L.",
    });
    expect(first).toMatchObject({ kind: "signed-in", created: true, redirectTo: "/dashboard" });
    if (first.kind !== "signed-in") return;
    // A real session, exactly as a password sign-in opens one, marked as an OAuth sign-in.
    expect(first.signIn).toMatchObject({
      kind: "signed-in",
      user: { id: first.user.id, email_verified: true },
    });
    if (first.signIn.kind !== "signed-in") return;
    const session = await database.db.select().from(sessions).where(eq(sessions.id, first.signIn.sessionId));
    expect(session[0]).toMatchObject({ userId: first.user.id, amr: ["oauth"], mfaLevel: "none" });
    expect(first.user).toMatchObject({
      role: "member",
      status: "active",
      passwordHash: null,
      displayName: "Ada L.",
    });
    expect(first.user.emailVerifiedAt).toBeInstanceOf(Date);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.targetId, first.user.id));
    expect(audit.map((a) => a.event).sort()).toEqual([
      "auth.login",
      "auth.register",
      "oauth.linked",
      "oauth.login",
    ]);

    const again = await signInWith({ sub, email: `${sub}@example.org`, email_verified: true });
    expect(again).toMatchObject({ kind: "signed-in", created: false, user: { id: first.user.id } });
  });

  it("refuses to create an account from an email the provider has not verified", async () => {
    const sub = `unverified-${uuidv7()}`;
    const email = `${sub}@example.org`;
    const refused = await signInWith({ sub, email, email_verified: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuthFlowError);
    expect((refused as OAuthFlowError).reason).toBe("email-required");
    expect(await new UsersRepository(database).findByEmail(email)).toBeNull();
  });

  it("links to an existing account when both the provider and the account verified the email", async () => {
    const local = await localUser(`linkable-${uuidv7()}@example.org`, { emailVerifiedAt: new Date() });
    const sub = `link-${uuidv7()}`;
    const result = await signInWith({ sub, email: local.email.toUpperCase(), email_verified: true });
    expect(result).toMatchObject({ kind: "signed-in", created: false, user: { id: local.id } });
    expect((await new OAuthRepository(database).findAccount("oidc", sub))?.userId).toBe(local.id);
  });

  it.each([
    ["the provider has not verified the email", false, true],
    ["the local account has not verified the email", true, false],
  ])("refuses to link by email when %s", async (_case, providerVerified, localVerified) => {
    const local = await localUser(`guarded-${uuidv7()}@example.org`, {
      emailVerifiedAt: localVerified ? new Date() : null,
    });
    const sub = `guarded-${uuidv7()}`;
    const before = await userCount();
    const error = await errorOf(signInWith({ sub, email: local.email, email_verified: providerVerified }));
    expect(error).toBeInstanceOf(OAuthLinkRequiredError);
    expect(await new OAuthRepository(database).findAccount("oidc", sub)).toBeNull();
    expect(await userCount()).toBe(before);
  });

  it("links to the signed-in user in link mode, whatever email the provider reports", async () => {
    const local = await localUser(`settings-${uuidv7()}@example.org`);
    const sub = `settings-${uuidv7()}`;
    identity = { sub, email: "someone-else@example.org", email_verified: false };
    const { state, code } = await authorize(service, local.id, "/settings/connections");
    const result = await service.complete({ provider: "oidc", code, state, cookieState: state, meta });
    expect(result).toMatchObject({
      kind: "linked",
      user: { id: local.id },
      redirectTo: "/settings/connections",
    });
    expect(await service.listConnections(local.id)).toEqual([
      { provider: "oidc", email: "someone-else@example.org", createdAt: expect.any(Date) as Date },
    ]);
  });

  it("refuses to start linking a provider the user already connected", async () => {
    const local = await localUser(`twice-${uuidv7()}@example.org`);
    identity = { sub: `twice-${uuidv7()}` };
    const { state, code } = await authorize(service, local.id);
    await service.complete({ provider: "oidc", code, state, cookieState: state, meta });
    const error = await errorOf(service.start({ provider: "oidc", linkUserId: local.id }));
    expect(isFolioError(error) && [error.status, error.type]).toEqual([
      409,
      problemTypeUri("oauth-already-linked"),
    ]);
  });

  it("refuses to link an identity that belongs to another user", async () => {
    const owner = await localUser(`owner-${uuidv7()}@example.org`, { emailVerifiedAt: new Date() });
    const sub = `owned-${uuidv7()}`;
    await signInWith({ sub, email: owner.email, email_verified: true });
    const other = await localUser(`other-${uuidv7()}@example.org`);
    identity = { sub, email: owner.email, email_verified: true };
    const { state, code } = await authorize(service, other.id);
    const error = await errorOf(
      service.complete({ provider: "oidc", code, state, cookieState: state, meta }),
    );
    expect(error).toBeInstanceOf(OAuthAccountTakenError);
    // A failed link goes back to the settings page it started from.
    expect((error as OAuthAccountTakenError).returnTo).toBe("/dashboard/settings/connections");
    expect(await service.listConnections(other.id)).toEqual([]);
  });

  describe("refuses forged, replayed and stale callbacks without creating anything", () => {
    async function expectRefused(
      input: Parameters<typeof service.complete>[0],
      reason: OAuthFlowError["reason"],
    ): Promise<void> {
      const before = await userCount();
      const error = await errorOf(service.complete(input));
      expect(error).toBeInstanceOf(OAuthFlowError);
      expect((error as OAuthFlowError).reason).toBe(reason);
      expect(isFolioError(error) && error.status).toBe(400);
      expect(await userCount()).toBe(before);
    }

    beforeEach(() => {
      identity = { sub: `attack-${uuidv7()}`, email: `attack-${uuidv7()}@example.org`, email_verified: true };
    });

    it("a tampered state", async () => {
      const { state, code } = await authorize();
      const tampered = `${state.slice(0, -1)}${state.endsWith("A") ? "B" : "A"}`;
      await expectRefused(
        { provider: "oidc", code, state: tampered, cookieState: state, meta },
        "state-mismatch",
      );
      await expectRefused(
        { provider: "oidc", code, state: tampered, cookieState: tampered, meta },
        "state-mismatch",
      );
    });

    it("a missing cookie", async () => {
      const { state, code } = await authorize();
      await expectRefused({ provider: "oidc", code, state, cookieState: undefined, meta }, "state-mismatch");
    });

    it("a replayed state", async () => {
      const { state, code } = await authorize();
      const first = await service.complete({ provider: "oidc", code, state, cookieState: state, meta });
      expect(first.kind).toBe("signed-in");
      await expectRefused({ provider: "oidc", code, state, cookieState: state, meta }, "state-mismatch");
    });

    it("a state started for another provider", async () => {
      const { state, code } = await authorize();
      await expectRefused({ provider: "github", code, state, cookieState: state, meta }, "unknown-provider");
    });

    it("an expired flow", async () => {
      const { state, code } = await authorize();
      await database.db.execute(sql`update oauth_flows set expires_at = now() - interval '1 second'`);
      await expectRefused({ provider: "oidc", code, state, cookieState: state, meta }, "expired-flow");
    });

    it("an id_token with another nonce", async () => {
      const { state, code } = await authorize();
      forgeNonce = true;
      await expectRefused({ provider: "oidc", code, state, cookieState: state, meta }, "exchange-failed");
    });

    it("a provider error (the user denied access)", async () => {
      const { state } = await authorize();
      await expectRefused(
        { provider: "oidc", code: null, state, cookieState: state, providerError: "access_denied", meta },
        "provider-error",
      );
    });

    it("a code that was not issued for this flow's verifier", async () => {
      const first = await authorize();
      const second = await authorize();
      await expectRefused(
        { provider: "oidc", code: first.code, state: second.state, cookieState: second.state, meta },
        "exchange-failed",
      );
    });
  });

  it("refuses an open redirect", async () => {
    for (const redirectTo of ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]) {
      const error = await errorOf(service.start({ provider: "oidc", redirectTo }));
      expect(isFolioError(error) && error.errors).toEqual([
        { pointer: "/query/redirect_to", detail: expect.any(String) },
      ]);
    }
  });

  it("creates no account when registration is closed, but still signs linked identities in", async () => {
    const closed = makeService(false);
    const sub = `closed-${uuidv7()}`;
    const error = await errorOf(
      signInWith({ sub, email: `${sub}@example.org`, email_verified: true }, closed),
    );
    expect((error as OAuthFlowError).reason).toBe("registration-closed");
    await signInWith({ sub, email: `${sub}@example.org`, email_verified: true });
    const again = await signInWith({ sub, email: `${sub}@example.org`, email_verified: true }, closed);
    expect(again.kind).toBe("signed-in");
  });

  it("refuses suspended users and identities without an email", async () => {
    const sub = `suspended-${uuidv7()}`;
    const created = await signInWith({ sub, email: `${sub}@example.org`, email_verified: true });
    await new UsersRepository(database).update(created.user.id, { status: "suspended" });
    const suspended = await errorOf(signInWith({ sub, email: `${sub}@example.org`, email_verified: true }));
    expect((suspended as OAuthFlowError).reason).toBe("account-unavailable");
    const noEmail = await errorOf(signInWith({ sub: `nomail-${uuidv7()}` }));
    expect((noEmail as OAuthFlowError).reason).toBe("email-required");
  });

  it("lets only one of two concurrent unlinks remove the second-to-last method", async () => {
    const sub = `race-${uuidv7()}`;
    const created = await signInWith({ sub, email: `${sub}@example.org`, email_verified: true });
    const userId = created.user.id;
    await new OAuthRepository(database).linkAccount({
      userId,
      provider: "github",
      subject: sub,
      email: null,
    });
    const results = await Promise.allSettled([
      service.unlink(userId, "oidc", meta),
      service.unlink(userId, "github", meta),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await service.listConnections(userId)).toHaveLength(1);
  });

  it("never unlinks the last way to sign in", async () => {
    const sub = `last-${uuidv7()}`;
    const created = await signInWith({ sub, email: `${sub}@example.org`, email_verified: true });
    const userId = created.user.id;
    const lastMethod = await errorOf(service.unlink(userId, "oidc", meta));
    expect(isFolioError(lastMethod) && [lastMethod.status, lastMethod.code]).toEqual([
      409,
      "last-sign-in-method",
    ]);
    const notLinked = await errorOf(service.unlink(userId, "github", meta));
    expect(isFolioError(notLinked) && notLinked.status).toBe(404);

    await new UsersRepository(database).update(userId, { passwordHash: "$argon2id$v=19$placeholder" });
    await service.unlink(userId, "oidc", meta);
    expect(await service.listConnections(userId)).toEqual([]);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.event, "oauth.unlinked"));
    expect(audit.map((a) => a.targetId)).toContain(userId);
  });
});
