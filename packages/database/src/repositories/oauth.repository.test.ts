import { isFolioError, uuidv7 } from "@folio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import { OAuthRepository } from "./oauth.repository.js";
import { UsersRepository } from "./users.repository.js";

describe.each(databaseKinds)("oauth repository on %s", (kind) => {
  let database: TestDatabase;
  let oauth: OAuthRepository;
  let users: UsersRepository;

  async function newUser(): Promise<string> {
    const id = uuidv7();
    await users.create({ id, email: `${id}@example.org`, displayName: "Someone", slug: `user-${id}` });
    return id;
  }

  function flow(stateHash: string, expiresAt: Date, linkUserId: string | null = null) {
    return {
      stateHash,
      provider: "oidc",
      codeVerifier: "verifier",
      nonce: "nonce",
      redirectTo: "/dashboard",
      linkUserId,
      expiresAt,
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    oauth = new OAuthRepository(database);
    users = new UsersRepository(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it("hands out a flow exactly once", async () => {
    const userId = await newUser();
    const expiresAt = new Date(Date.now() + 600_000);
    await oauth.createFlow(flow("state-once", expiresAt, userId));
    const taken = await oauth.takeFlow("state-once");
    expect(taken).toMatchObject({
      stateHash: "state-once",
      provider: "oidc",
      codeVerifier: "verifier",
      nonce: "nonce",
      redirectTo: "/dashboard",
      linkUserId: userId,
    });
    expect(taken?.expiresAt.getTime()).toBe(expiresAt.getTime());
    expect(await oauth.takeFlow("state-once")).toBeNull();
    expect(await oauth.takeFlow("never-created")).toBeNull();
  });

  it("returns an expired flow to the caller (which refuses it) and deletes it anyway", async () => {
    await oauth.createFlow(flow("state-expired", new Date(Date.now() - 1000)));
    const taken = await oauth.takeFlow("state-expired");
    expect(taken?.expiresAt.getTime()).toBeLessThan(Date.now());
    expect(await oauth.takeFlow("state-expired")).toBeNull();
  });

  it("deletes only expired flows", async () => {
    const now = new Date();
    await oauth.createFlow(flow("old-1", new Date(now.getTime() - 60_000)));
    await oauth.createFlow(flow("old-2", new Date(now.getTime() - 1)));
    await oauth.createFlow(flow("fresh", new Date(now.getTime() + 60_000)));
    expect(await oauth.deleteExpiredFlows(now)).toBe(2);
    expect(await oauth.takeFlow("fresh")).not.toBeNull();
  });

  it("links, finds, lists, counts and unlinks identities per user", async () => {
    const userId = await newUser();
    const github = await oauth.linkAccount({ userId, provider: "github", subject: "gh-1", email: "a@x.org" });
    await oauth.linkAccount({ userId, provider: "google", subject: "g-1", email: null });
    expect(await oauth.findAccount("github", "gh-1")).toMatchObject({ id: github.id, userId });
    expect(await oauth.findAccount("github", "gh-2")).toBeNull();
    expect(await oauth.findAccount("google", "gh-1")).toBeNull();
    expect((await oauth.findUserAccount(userId, "google"))?.subject).toBe("g-1");
    expect((await oauth.listUserAccounts(userId)).map((a) => a.provider)).toEqual(["github", "google"]);
    expect(await oauth.countUserAccounts(userId)).toBe(2);

    const at = new Date("2030-01-01T00:00:00.000Z");
    await oauth.recordLogin(github.id, at, "new@x.org");
    expect(await oauth.findAccount("github", "gh-1")).toMatchObject({ lastLoginAt: at, email: "new@x.org" });

    expect(await oauth.unlinkAccount(userId, "github")).toBe(true);
    expect(await oauth.unlinkAccount(userId, "github")).toBe(false);
    expect(await oauth.countUserAccounts(userId)).toBe(1);
  });

  it("never unlinks another user's identity", async () => {
    const owner = await newUser();
    const other = await newUser();
    await oauth.linkAccount({ userId: owner, provider: "github", subject: "gh-owned", email: null });
    expect(await oauth.unlinkAccount(other, "github")).toBe(false);
    expect(await oauth.findAccount("github", "gh-owned")).not.toBeNull();
  });

  it("refuses an identity linked twice, or a second identity of one provider, as a conflict", async () => {
    const first = await newUser();
    const second = await newUser();
    await oauth.linkAccount({ userId: first, provider: "oidc", subject: "sub-shared", email: null });
    for (const attempt of [
      { userId: second, provider: "oidc", subject: "sub-shared", email: null },
      { userId: first, provider: "oidc", subject: "sub-other", email: null },
    ]) {
      const error: unknown = await oauth.linkAccount(attempt).catch((e: unknown) => e);
      expect(isFolioError(error) && error.code).toBe("oauth-account-taken");
    }
    expect(await oauth.countUserAccounts(second)).toBe(0);
  });

  it("reports a user's sign-in methods inside a transaction", async () => {
    const userId = await newUser();
    await oauth.linkAccount({ userId, provider: "github", subject: "gh-methods", email: null });
    const methods = await database.transaction((tx) =>
      new OAuthRepository(tx).signInMethodsForUpdate(userId),
    );
    expect(methods).toEqual({ hasPassword: false, providers: ["github"] });
    await users.update(userId, { passwordHash: "$argon2id$placeholder" });
    expect(
      await database.transaction((tx) => new OAuthRepository(tx).signInMethodsForUpdate(userId)),
    ).toEqual({
      hasPassword: true,
      providers: ["github"],
    });
    expect(
      await database.transaction((tx) => new OAuthRepository(tx).signInMethodsForUpdate(uuidv7())),
    ).toBeNull();
  });

  it("drops a user's identities and link flows with the user", async () => {
    const userId = await newUser();
    await oauth.linkAccount({ userId, provider: "github", subject: "gh-cascade", email: null });
    await oauth.createFlow(flow("state-cascade", new Date(Date.now() + 60_000), userId));
    await users.delete(userId);
    expect(await oauth.findAccount("github", "gh-cascade")).toBeNull();
    expect(await oauth.takeFlow("state-cascade")).toBeNull();
  });
});
