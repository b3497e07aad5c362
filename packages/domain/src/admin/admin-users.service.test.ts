import { isFolioError } from "@folio/core";
import { apiTokens, auditLog, oneTimeTokens, outbox, sessions, users } from "@folio/database";
import { createTestDatabase, databaseKinds, type TestDatabase } from "@folio/database/testing";
import { AdminUserListSchema, ListAdminUsersQuerySchema } from "@folio/types";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actorOf,
  adminTestDeps,
  caught,
  insertSession,
  insertUser,
  TEST_META,
  type AdminTestDeps,
  type TestUser,
} from "../test-support/admin-fixtures.js";
import { createAdminUsersService, type AdminUsersService } from "./admin-users.service.js";
import { createApiTokensService } from "./api-tokens.service.js";

const STRONG_PASSWORD = "violet-harbour-lantern-97";

function errorCode(error: unknown): string | undefined {
  return isFolioError(error) ? error.code : undefined;
}

async function inviteTokenFromOutbox(database: TestDatabase, email: string): Promise<string> {
  const rows = await database.db.select().from(outbox).orderBy(desc(outbox.createdAt));
  const row = rows.find((r) => (r.payload as { to?: string }).to === email);
  const url = (row?.payload as { data?: { url?: string } } | undefined)?.data?.url;
  if (!url) throw new Error(`no invite for ${email}`);
  return new URL(url).searchParams.get("token") ?? "";
}

describe("admin users service on pglite", () => {
  let database: TestDatabase;
  let deps: AdminTestDeps;
  let service: AdminUsersService;
  let owner: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    deps = adminTestDeps(database);
    service = createAdminUsersService(deps);
    owner = await insertUser(database, { role: "owner", displayName: "Olive Owner" });
    admin = await insertUser(database, { role: "admin", displayName: "Adam Admin" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("invites a user: an invited row, a hashed 7-day token, an email and an audit entry", async () => {
    const invited = await service.invite(
      actorOf(admin),
      { email: "New.Writer@Example.org", display_name: "New Writer", role: "author" },
      TEST_META,
    );
    expect(invited).toMatchObject({
      email: "new.writer@example.org",
      role: "author",
      status: "invited",
      email_verified: false,
      mfa_enabled: false,
      last_login_at: null,
    });
    const token = await inviteTokenFromOutbox(database, "new.writer@example.org");
    expect(token.length).toBeGreaterThanOrEqual(43);
    const [stored] = await database.db
      .select()
      .from(oneTimeTokens)
      .where(eq(oneTimeTokens.userId, invited.id));
    expect(stored?.purpose).toBe("invite");
    expect(stored?.tokenHash).not.toContain(token);
    const lifetime = (stored?.expiresAt.getTime() ?? 0) - deps.now().getTime();
    expect(lifetime).toBe(7 * 86_400_000);
    const [mail] = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `invite:${stored?.id}`));
    expect(mail?.payload).toMatchObject({
      template: "invite",
      data: { inviterName: "Adam Admin", role: "author", expiresInDays: 7 },
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, "user.invited"), eq(auditLog.targetId, invited.id)));
    expect(audit).toMatchObject({ actorId: admin.id, ip: "203.0.113.7", requestId: "req-test" });
  });

  it("accepts an invitation once, after the password policy passes", async () => {
    const invited = await service.invite(
      actorOf(admin),
      { email: "accept@example.org", display_name: "Accept Me", role: "member" },
      TEST_META,
    );
    const token = await inviteTokenFromOutbox(database, "accept@example.org");
    const weak = await caught(service.acceptInvite({ token, password: "short" }, TEST_META));
    expect(isFolioError(weak) && weak.errors?.[0]?.pointer).toBe("/body/password");
    // The rejected password did not use the token up.
    await service.acceptInvite({ token, password: STRONG_PASSWORD }, TEST_META);
    const [row] = await database.db.select().from(users).where(eq(users.id, invited.id));
    expect(row?.status).toBe("active");
    expect(row?.emailVerifiedAt).not.toBeNull();
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(
      errorCode(await caught(service.acceptInvite({ token, password: STRONG_PASSWORD }, TEST_META))),
    ).toBe("invalid-token");
    expect(
      errorCode(await caught(service.acceptInvite({ token: "nope", password: STRONG_PASSWORD }, TEST_META))),
    ).toBe("invalid-token");
  });

  it("refuses an expired invitation", async () => {
    await service.invite(
      actorOf(admin),
      { email: "late@example.org", display_name: "Late", role: "member" },
      TEST_META,
    );
    const token = await inviteTokenFromOutbox(database, "late@example.org");
    const start = deps.now();
    deps.setNow(new Date(start.getTime() + 7 * 86_400_000 + 1));
    try {
      expect(
        errorCode(await caught(service.acceptInvite({ token, password: STRONG_PASSWORD }, TEST_META))),
      ).toBe("invalid-token");
    } finally {
      deps.setNow(start);
    }
  });

  it("refuses duplicate emails, unknown roles and roles above the inviter", async () => {
    const existing = await insertUser(database, { role: "member", email: "taken@example.org" });
    expect(existing.email).toBe("taken@example.org");
    const dup = await caught(
      service.invite(
        actorOf(admin),
        { email: "TAKEN@example.org", display_name: "X", role: "member" },
        TEST_META,
      ),
    );
    expect(errorCode(dup)).toBe("email-taken");
    const unknown = await caught(
      service.invite(
        actorOf(admin),
        { email: "u1@example.org", display_name: "X", role: "wizard" },
        TEST_META,
      ),
    );
    expect(isFolioError(unknown) && unknown.errors?.[0]?.pointer).toBe("/body/role");
    const above = await caught(
      service.invite(
        actorOf(admin),
        { email: "u2@example.org", display_name: "X", role: "owner" },
        TEST_META,
      ),
    );
    expect(isFolioError(above) && above.status).toBe(403);
    const rows = await database.db.select().from(users).where(eq(users.email, "u2@example.org"));
    expect(rows).toEqual([]);
  });

  it("changes roles within the rank rules", async () => {
    const writer = await insertUser(database, { role: "author" });
    expect((await service.update(actorOf(admin), writer.id, { role: "editor" }, TEST_META)).role).toBe(
      "editor",
    );
    expect(
      errorCode(await caught(service.update(actorOf(admin), writer.id, { role: "owner" }, TEST_META))),
    ).toBe("forbidden");
    expect(
      errorCode(await caught(service.update(actorOf(admin), admin.id, { role: "editor" }, TEST_META))),
    ).toBe("forbidden");
    // Only an owner edits an owner.
    expect(
      errorCode(await caught(service.update(actorOf(admin), owner.id, { status: "suspended" }, TEST_META))),
    ).toBe("forbidden");
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, "user.role_changed"), eq(auditLog.targetId, writer.id)));
    expect(audit?.details).toEqual({ from: "author", to: "editor" });
  });

  it("keeps at least one active owner, even for an owner acting on stale grants", async () => {
    const second = await insertUser(database, { role: "owner" });
    await service.update(actorOf(owner), second.id, { role: "admin" }, TEST_META);
    // `second` still presents owner grants (an access token issued before the change).
    const stale = { ...actorOf(second), role: "owner" };
    const error = await caught(service.update(stale, owner.id, { role: "admin" }, TEST_META));
    expect(errorCode(error)).toBe("last-owner");
    const [row] = await database.db.select().from(users).where(eq(users.id, owner.id));
    expect(row?.role).toBe("owner");
  });

  it("suspends in one transaction: sessions and API tokens revoked, revocations announced", async () => {
    const target = await insertUser(database, { role: "author" });
    const sessionIds = [await insertSession(database, target.id), await insertSession(database, target.id)];
    const tokens = createApiTokensService(deps);
    const created = await tokens.create(actorOf(target), { name: "ci", scopes: ["posts:create"] }, TEST_META);
    const suspended = await service.update(actorOf(admin), target.id, { status: "suspended" }, TEST_META);
    expect(suspended.status).toBe("suspended");
    const live = await database.db.select().from(sessions).where(eq(sessions.userId, target.id));
    expect(live.every((s) => s.revokedAt !== null && s.revokedReason === "suspended")).toBe(true);
    const [token] = await database.db.select().from(apiTokens).where(eq(apiTokens.userId, target.id));
    expect(token?.revokedAt).not.toBeNull();
    expect(errorCode(await caught(tokens.authenticate(created.token)))).toBe("unauthorized");
    expect(deps.announced.at(-1)).toEqual({
      userId: target.id,
      sessionIds: expect.arrayContaining(sessionIds),
      reason: "suspended",
    });

    const reactivated = await service.update(actorOf(admin), target.id, { status: "active" }, TEST_META);
    expect(reactivated.status).toBe("active");
    const events = await database.db
      .select({ event: auditLog.event })
      .from(auditLog)
      .where(eq(auditLog.targetId, target.id));
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(["user.suspended", "user.reactivated"]),
    );
  });

  it("does not activate an invited user without the invitation", async () => {
    const invited = await service.invite(
      actorOf(admin),
      { email: "pending@example.org", display_name: "Pending", role: "member" },
      TEST_META,
    );
    expect(
      errorCode(await caught(service.update(actorOf(admin), invited.id, { status: "active" }, TEST_META))),
    ).toBe("user-invited");
  });

  it("lists, searches and pages with signed cursors", async () => {
    const page = await service.list(ListAdminUsersQuerySchema.parse({ q: "ADAM", limit: "5" }));
    expect(AdminUserListSchema.parse(page)).toEqual(page);
    expect(page.data.map((u) => u.id)).toEqual([admin.id]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Awaited<ReturnType<AdminUsersService["list"]>> = await service.list(
        ListAdminUsersQuerySchema.parse(cursor ? { limit: "2", cursor } : { limit: "2" }),
      );
      seen.push(...next.data.map((u) => u.id));
      cursor = next.next_cursor;
    } while (cursor !== null);
    const total = await database.db.select({ id: users.id }).from(users);
    expect(new Set(seen).size).toBe(total.length);
    const tampered = await caught(service.list(ListAdminUsersQuerySchema.parse({ cursor: "v1.abc.def" })));
    expect(isFolioError(tampered) && tampered.errors?.[0]?.pointer).toBe("/query/cursor");
  });
});

describe.each(databaseKinds.filter((k) => k === "postgres"))("admin users service on %s", (kind) => {
  let database: TestDatabase;
  let service: AdminUsersService;

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    service = createAdminUsersService(adminTestDeps(database));
  });
  afterAll(async () => {
    await database.close();
  });

  it("lets only one of two owners demoting each other at once succeed", async () => {
    const a = await insertUser(database, { role: "owner" });
    const b = await insertUser(database, { role: "owner" });
    const results = await Promise.allSettled([
      service.update(actorOf(a), b.id, { role: "admin" }, TEST_META),
      service.update(actorOf(b), a.id, { role: "admin" }, TEST_META),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(errorCode(rejected?.reason)).toBe("last-owner");
    const owners = await database.db.select().from(users).where(eq(users.role, "owner"));
    expect(owners).toHaveLength(1);
  });
});
