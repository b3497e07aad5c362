import { hashOpaqueToken } from "@folio/auth";
import { isFolioError } from "@folio/core";
import { apiTokens, auditLog, users } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { ApiTokenListSchema, CreatedApiTokenSchema, ListAdminApiTokensQuerySchema } from "@folio/types";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actorOf,
  adminTestDeps,
  caught,
  insertUser,
  TEST_META,
  type AdminTestDeps,
  type TestUser,
} from "../test-support/admin-fixtures.js";
import { createApiTokensService, type ApiTokensService } from "./api-tokens.service.js";

const status = (e: unknown) => (isFolioError(e) ? e.status : undefined);

describe("API tokens service", () => {
  let database: TestDatabase;
  let deps: AdminTestDeps;
  let service: ApiTokensService;
  let editor: TestUser;
  let author: TestUser;
  const t0 = new Date("2031-01-01T00:00:00.000Z");

  beforeAll(async () => {
    database = await createTestDatabase();
    deps = adminTestDeps(database, t0);
    service = createApiTokensService(deps);
    editor = await insertUser(database, { role: "editor" });
    author = await insertUser(database, { role: "author" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("creates a folio_pat_ token shown once, stored as its SHA-256", async () => {
    const created = await service.create(
      actorOf(editor),
      { name: "CI", scopes: ["posts:edit:any", "posts:create"], expires_in_days: 30 },
      TEST_META,
    );
    expect(CreatedApiTokenSchema.parse(created)).toEqual(created);
    expect(created.token).toMatch(/^folio_pat_[A-Za-z0-9_-]{43}$/);
    expect(created.api_token).toMatchObject({
      name: "CI",
      prefix: created.token.slice(0, 12),
      scopes: ["posts:create", "posts:edit:any"],
      expires_at: "2031-01-31T00:00:00.000Z",
      last_used_at: null,
    });
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, created.api_token.id));
    expect(row?.tokenHash).toBe(hashOpaqueToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, "token.created"), eq(auditLog.targetId, created.api_token.id)));
    expect(audit?.actorId).toBe(editor.id);
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  it("refuses scopes the creator lacks, and tokens minting tokens", async () => {
    const error = await caught(
      service.create(actorOf(author), { name: "x", scopes: ["posts:create", "users:manage"] }, TEST_META),
    );
    expect(isFolioError(error) && error.errors).toEqual([
      { pointer: "/body/scopes/1", detail: "you do not hold the permission users:manage" },
    ]);
    const viaToken = actorOf(author, undefined, "api-token");
    expect(
      status(await caught(service.create(viaToken, { name: "x", scopes: ["posts:create"] }, TEST_META))),
    ).toBe(403);
  });

  it("authenticates with the owner's current permissions narrowed by the scopes", async () => {
    const { token } = await service.create(
      actorOf(editor),
      { name: "narrow", scopes: ["posts:edit:any", "comments:moderate"] },
      TEST_META,
    );
    const principal = await service.authenticate(token);
    expect(principal).toMatchObject({ userId: editor.id, role: "editor" });
    expect([...principal.permissions].sort()).toEqual(["comments:moderate", "posts:edit:any"]);
    // Demoted: the token keeps only what the new role still grants.
    await database.db.update(users).set({ role: "author" }).where(eq(users.id, editor.id));
    try {
      expect([...(await service.authenticate(token)).permissions]).toEqual([]);
    } finally {
      await database.db.update(users).set({ role: "editor" }).where(eq(users.id, editor.id));
    }
  });

  it("holds a token to the enrolment routes when the owner's role requires MFA they lack", async () => {
    const admin = await insertUser(database, { role: "admin" });
    const { token } = await service.create(
      actorOf(admin),
      { name: "adm", scopes: ["users:read"] },
      TEST_META,
    );
    expect((await service.authenticate(token)).mfaEnrolmentRequired).toBe(true);
    expect(
      (
        await service.authenticate(
          (await service.create(actorOf(author), { name: "a", scopes: ["posts:create"] }, TEST_META)).token,
        )
      ).mfaEnrolmentRequired,
    ).toBe(false);
  });

  it("rejects malformed, unknown, expired and revoked tokens and suspended owners", async () => {
    for (const bad of [
      "",
      "folio_pat_",
      "folio_pat_" + "a".repeat(43),
      "Bearer x",
      "folio_pat_" + "!".repeat(43),
    ]) {
      expect(status(await caught(service.authenticate(bad)))).toBe(401);
    }
    const short = await service.create(
      actorOf(author),
      { name: "short", scopes: ["posts:create"], expires_in_days: 1 },
      TEST_META,
    );
    deps.setNow(new Date(t0.getTime() + 86_400_000));
    expect(status(await caught(service.authenticate(short.token)))).toBe(401);
    deps.setNow(t0);
    await service.authenticate(short.token);

    await service.revokeOwn(actorOf(author), short.api_token.id, TEST_META);
    expect(status(await caught(service.authenticate(short.token)))).toBe(401);

    const other = await service.create(
      actorOf(author),
      { name: "other", scopes: ["posts:create"] },
      TEST_META,
    );
    await database.db.update(users).set({ status: "suspended" }).where(eq(users.id, author.id));
    try {
      expect(status(await caught(service.authenticate(other.token)))).toBe(401);
    } finally {
      await database.db.update(users).set({ status: "active" }).where(eq(users.id, author.id));
    }
  });

  it("records last use at most once a minute", async () => {
    const { token, api_token } = await service.create(
      actorOf(author),
      { name: "busy", scopes: ["posts:create"] },
      TEST_META,
    );
    const lastUsed = async () =>
      (
        await database.db.select().from(apiTokens).where(eq(apiTokens.id, api_token.id))
      )[0]?.lastUsedAt?.toISOString();
    deps.setNow(new Date(t0.getTime() + 1_000));
    await service.authenticate(token);
    expect(await lastUsed()).toBe("2031-01-01T00:00:01.000Z");
    deps.setNow(new Date(t0.getTime() + 30_000));
    await service.authenticate(token);
    expect(await lastUsed()).toBe("2031-01-01T00:00:01.000Z");
    deps.setNow(new Date(t0.getTime() + 61_000));
    await service.authenticate(token);
    expect(await lastUsed()).toBe("2031-01-01T00:01:01.000Z");
    deps.setNow(t0);
  });

  it("scopes listing and revoking to the owner (404 for someone else's)", async () => {
    const mine = await service.create(actorOf(author), { name: "mine", scopes: ["posts:create"] }, TEST_META);
    const list = await service.listOwn(actorOf(editor));
    expect(ApiTokenListSchema.parse(list)).toEqual(list);
    expect(list.data.map((t) => t.id)).not.toContain(mine.api_token.id);
    expect(status(await caught(service.revokeOwn(actorOf(editor), mine.api_token.id, TEST_META)))).toBe(404);
    await service.authenticate(mine.token);
  });

  it("lets administrators list and revoke any token", async () => {
    const target = await service.create(
      actorOf(author),
      { name: "target", scopes: ["posts:create"] },
      TEST_META,
    );
    const all = await service.listAll(
      ListAdminApiTokensQuerySchema.parse({ user_id: author.id, limit: "100" }),
    );
    const listed = all.data.find((t) => t.id === target.api_token.id);
    expect(listed).toMatchObject({ user_id: author.id, user_email: author.email, revoked_at: null });
    const admin = await insertUser(database, { role: "admin" });
    await service.revokeAny(actorOf(admin), target.api_token.id, TEST_META);
    expect(status(await caught(service.authenticate(target.token)))).toBe(401);
    expect(status(await caught(service.revokeAny(actorOf(admin), target.api_token.id, TEST_META)))).toBe(404);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ApiTokensService["listAll"]>> = await service.listAll(
        ListAdminApiTokensQuerySchema.parse(cursor ? { limit: "2", cursor } : { limit: "2" }),
      );
      pages.push(...page.data.map((t) => t.id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(pages.length).toBe((await database.db.select().from(apiTokens)).length);
  });
});
