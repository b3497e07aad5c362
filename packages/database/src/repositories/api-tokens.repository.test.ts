import { uuidv7 } from "@folio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import { createRepositories, type Repositories } from "./index.js";

describe.each(databaseKinds)("ApiTokensRepository on %s", (kind) => {
  let database: TestDatabase;
  let repos: Repositories;
  let alice: string;
  let bob: string;

  async function addToken(userId: string, hash: string, extra: { expiresAt?: Date | null } = {}) {
    return repos.apiTokens.create({
      id: uuidv7(),
      userId,
      name: `token ${hash}`,
      tokenHash: hash,
      prefix: "folio_pat_ab",
      scopes: ["posts:create"],
      createdAt: new Date(),
      expiresAt: extra.expiresAt ?? null,
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    repos = createRepositories(database);
    alice = uuidv7();
    bob = uuidv7();
    await database.db.insert(users).values([
      { id: alice, email: "alice@example.org", displayName: "Alice", slug: "alice", role: "author" },
      { id: bob, email: "bob@example.org", displayName: "Bob", slug: "bob", role: "member" },
    ]);
  });
  afterAll(async () => {
    await database.close();
  });

  it("finds a token with its owner and role by hash", async () => {
    const token = await addToken(alice, "h-find");
    const found = await repos.apiTokens.findCredential("h-find");
    expect(found?.token.id).toBe(token.id);
    expect(found?.user).toEqual({ id: alice, role: "author", status: "active", hasConfirmedFactor: false });
    expect(found?.role).toEqual({ builtin: true, permissions: [], mfaRequired: false });
    expect(await repos.apiTokens.findCredential("h-missing")).toBeNull();
  });

  it("writes last_used_at at most once a minute", async () => {
    const token = await addToken(alice, "h-touch");
    const t0 = new Date("2030-01-01T00:00:00.000Z");
    expect(await repos.apiTokens.touch(token.id, t0)).toBe(true);
    expect(await repos.apiTokens.touch(token.id, new Date(t0.getTime() + 59_000))).toBe(false);
    expect(await repos.apiTokens.touch(token.id, new Date(t0.getTime() + 60_000))).toBe(true);
    const found = await repos.apiTokens.findCredential("h-touch");
    expect(found?.token.lastUsedAt?.toISOString()).toBe("2030-01-01T00:01:00.000Z");
  });

  it("revokes only the owner's live tokens", async () => {
    const token = await addToken(alice, "h-revoke");
    expect(await repos.apiTokens.revokeOwned(token.id, bob, new Date())).toBeNull();
    expect((await repos.apiTokens.revokeOwned(token.id, alice, new Date()))?.id).toBe(token.id);
    expect(await repos.apiTokens.revokeOwned(token.id, alice, new Date())).toBeNull();
    expect((await repos.apiTokens.listForUser(alice)).map((t) => t.id)).not.toContain(token.id);
    expect((await repos.apiTokens.findCredential("h-revoke"))?.token.revokedAt).not.toBeNull();
  });

  it("lists every token newest first with owners, page by page", async () => {
    for (let i = 0; i < 3; i += 1) await addToken(bob, `h-bob-${i}`);
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await repos.apiTokens.listAll({ limit: 2, before });
      seen.push(...page.items.map((t) => t.id));
      if (!page.hasMore) break;
      before = page.items.at(-1)?.id;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);
    const bobs = await repos.apiTokens.listAll({ userId: bob, limit: 10 });
    expect(bobs.items).toHaveLength(3);
    expect(bobs.items.every((t) => t.userEmail === "bob@example.org")).toBe(true);
  });

  it("revokes all of a user's tokens at once", async () => {
    const ids = await repos.apiTokens.revokeAllForUser(bob, new Date());
    expect(ids).toHaveLength(3);
    expect(await repos.apiTokens.listForUser(bob)).toEqual([]);
    expect(await repos.apiTokens.revokeAllForUser(bob, new Date())).toEqual([]);
  });
});
