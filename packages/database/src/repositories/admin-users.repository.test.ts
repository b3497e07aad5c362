import { uuidv7 } from "@folio/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mfaFactors, oneTimeTokens, sessions, users } from "../schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import type { AdminUserKey, AdminUserRecord, AdminUserSearch } from "./admin-users.repository.js";
import { createRepositories, type Repositories } from "./index.js";

async function addUser(
  database: TestDatabase,
  values: {
    email: string;
    displayName: string;
    role?: string;
    status?: "active" | "invited" | "suspended";
    createdAt?: Date;
  },
): Promise<string> {
  const id = uuidv7();
  await database.db.insert(users).values({
    id,
    email: values.email,
    displayName: values.displayName,
    slug: `u-${id}`,
    role: values.role ?? "member",
    status: values.status ?? "active",
    createdAt: values.createdAt ?? new Date(),
  });
  return id;
}

async function walk(repos: Repositories, search: Omit<AdminUserSearch, "after">): Promise<AdminUserRecord[]> {
  const seen: AdminUserRecord[] = [];
  let after: AdminUserKey | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await repos.adminUsers.search({ ...search, after });
    seen.push(...page.items);
    if (!page.hasMore) return seen;
    after = page.items.at(-1)?.sortKey;
  }
  throw new Error("pagination did not terminate");
}

describe.each(databaseKinds)("AdminUsersRepository on %s", (kind) => {
  let database: TestDatabase;
  let repos: Repositories;
  const sameInstant = new Date("2025-01-01T00:00:00.000Z");

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    repos = createRepositories(database);
    await addUser(database, { email: "Ada@Example.org", displayName: "Ada Lovelace", role: "admin" });
    await addUser(database, { email: "grace@example.org", displayName: "Grace HOPPER", role: "editor" });
    await addUser(database, {
      email: "percent%user@example.org",
      displayName: "Per Cent",
      status: "suspended",
    });
    await addUser(database, {
      email: "under_score@example.org",
      displayName: "Under Score",
      status: "invited",
    });
    // Ties on created_at: the id breaks them, so pagination neither skips nor repeats.
    for (let i = 0; i < 7; i += 1) {
      await addUser(database, {
        email: `tie${i}@example.org`,
        displayName: `Tie ${i}`,
        createdAt: sameInstant,
      });
    }
  });
  afterAll(async () => {
    await database.close();
  });

  it("matches the email or display name case-insensitively", async () => {
    const byName = await repos.adminUsers.search({ q: "hopper", limit: 10 });
    expect(byName.items.map((u) => u.email)).toEqual(["grace@example.org"]);
    const byEmail = await repos.adminUsers.search({ q: "ada@EXAMPLE", limit: 10 });
    expect(byEmail.items.map((u) => u.displayName)).toEqual(["Ada Lovelace"]);
  });

  it("treats LIKE wildcards in the query literally", async () => {
    const percent = await repos.adminUsers.search({ q: "%", limit: 50 });
    expect(percent.items.map((u) => u.email)).toEqual(["percent%user@example.org"]);
    const underscore = await repos.adminUsers.search({ q: "r_s", limit: 50 });
    expect(underscore.items.map((u) => u.email)).toEqual(["under_score@example.org"]);
  });

  it("filters by role and status", async () => {
    expect((await repos.adminUsers.search({ role: "editor", limit: 50 })).items.map((u) => u.email)).toEqual([
      "grace@example.org",
    ]);
    expect(
      (await repos.adminUsers.search({ status: "invited", limit: 50 })).items.map((u) => u.email),
    ).toEqual(["under_score@example.org"]);
  });

  it("pages newest first through ties without gaps or repeats", async () => {
    for (const limit of [1, 2, 3, 100]) {
      const all = await walk(repos, { limit });
      expect(all).toHaveLength(11);
      expect(new Set(all.map((u) => u.id)).size).toBe(11);
      const times = all.map((u) => u.createdAt.getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    }
  });

  it("reports MFA only for confirmed factors", async () => {
    const id = await addUser(database, { email: "mfa@example.org", displayName: "Mfa User" });
    await database.db.insert(mfaFactors).values({ id: uuidv7(), userId: id, kind: "email" });
    expect((await repos.adminUsers.findRecord(id))?.mfaEnabled).toBe(false);
    await database.db.update(mfaFactors).set({ confirmedAt: new Date() }).where(eq(mfaFactors.userId, id));
    expect((await repos.adminUsers.findRecord(id))?.mfaEnabled).toBe(true);
  });

  it("uses an invitation once and never after it expires", async () => {
    const id = await addUser(database, {
      email: "invitee@example.org",
      displayName: "Invitee",
      status: "invited",
    });
    const now = new Date();
    const invite = (tokenHash: string, expiresAt: Date) =>
      repos.accounts.insertOneTimeToken({
        userId: id,
        purpose: "invite",
        tokenHash,
        createdAt: now,
        expiresAt,
      });
    await invite("hash-live", new Date(now.getTime() + 60_000));
    await invite("hash-expired", new Date(now.getTime() - 1));
    expect(await repos.accounts.findOpenOneTimeToken("invite", "hash-expired", now)).toBeNull();
    expect(await repos.accounts.consumeOneTimeToken("invite", "hash-expired", now)).toBeNull();
    expect((await repos.accounts.findOpenOneTimeToken("invite", "hash-live", now))?.userId).toBe(id);
    const results = await Promise.all([
      repos.accounts.consumeOneTimeToken("invite", "hash-live", now),
      repos.accounts.consumeOneTimeToken("invite", "hash-live", now),
    ]);
    expect(results.filter((r) => r?.userId === id)).toHaveLength(1);
    expect(await repos.accounts.findOpenOneTimeToken("invite", "hash-live", now)).toBeNull();
    const [row] = await database.db
      .select()
      .from(oneTimeTokens)
      .where(eq(oneTimeTokens.tokenHash, "hash-live"));
    expect(row?.purpose).toBe("invite");
    expect(row?.consumedAt).not.toBeNull();

    expect(await repos.adminUsers.activateInvited(id, "$argon2id$fake", now)).toBe(true);
    expect(await repos.adminUsers.activateInvited(id, "$argon2id$fake", now)).toBe(false);
    const [user] = await database.db.select().from(users).where(eq(users.id, id));
    expect(user?.status).toBe("active");
    expect(user?.emailVerifiedAt).not.toBeNull();
  });

  it("revokes only live sessions and returns their ids", async () => {
    const id = await addUser(database, { email: "sessions@example.org", displayName: "Sessions" });
    const future = new Date(Date.now() + 3_600_000);
    const live = [uuidv7(), uuidv7()];
    const revoked = uuidv7();
    for (const sid of [...live, revoked]) {
      await database.db.insert(sessions).values({
        id: sid,
        userId: id,
        amr: ["pwd"],
        mfaLevel: "none",
        idleExpiresAt: future,
        absoluteExpiresAt: future,
        revokedAt: sid === revoked ? new Date() : null,
      });
    }
    const ids = await repos.adminUsers.revokeSessions(id, "suspended", new Date());
    expect(ids.sort()).toEqual([...live].sort());
    expect(await repos.adminUsers.revokeSessions(id, "suspended", new Date())).toEqual([]);
  });

  it("counts the other active owners", async () => {
    const a = await addUser(database, {
      email: "owner-a@example.org",
      displayName: "Owner A",
      role: "owner",
    });
    await addUser(database, {
      email: "owner-b@example.org",
      displayName: "Owner B",
      role: "owner",
      status: "suspended",
    });
    const n = await database.transaction((tx) => createRepositories(tx).adminUsers.countOtherActiveOwners(a));
    expect(n).toBe(0);
    const c = await addUser(database, {
      email: "owner-c@example.org",
      displayName: "Owner C",
      role: "owner",
    });
    expect(
      await database.transaction((tx) => createRepositories(tx).adminUsers.countOtherActiveOwners(a)),
    ).toBe(1);
    expect(
      await database.transaction((tx) => createRepositories(tx).adminUsers.countOtherActiveOwners(c)),
    ).toBe(1);
  });

  it("lists slugs that collide with a base", async () => {
    await database.db.insert(users).values([
      { id: uuidv7(), email: "s1@example.org", displayName: "S", slug: "same-name" },
      { id: uuidv7(), email: "s2@example.org", displayName: "S", slug: "same-name-2" },
      { id: uuidv7(), email: "s3@example.org", displayName: "S", slug: "same-names" },
    ]);
    expect((await repos.accounts.slugsLike("same-name")).sort()).toEqual(["same-name", "same-name-2"]);
    expect(await repos.adminUsers.emailExists("S1@EXAMPLE.ORG")).toBe(true);
    expect(await repos.adminUsers.emailExists("nobody@example.org")).toBe(false);
  });
});
