import { auditLog, users } from "@folio/database";
import { databaseKinds } from "@folio/database/testing";
import { AdminUserListSchema, AdminUserSchema, type AdminUser } from "@folio/types";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createUser,
  readMail,
  signIn,
  tokenFromMail,
  type SignedInUser,
  type TestUser,
} from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

const PASSWORD = "amber-viaduct-sparrow-42";

describe.each(databaseKinds)("admin users routes on %s", (kind) => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let adminSession: SignedInUser;

  beforeAll(async () => {
    t = await buildTestApp({ kind, seed: false });
    owner = await createUser(t, { role: "owner", displayName: "Olga Owner" });
    admin = await createUser(t, { role: "admin", displayName: "Arun Admin" });
    adminSession = await signIn(t, admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("invites by email; the invitee sets a password with the link and signs in", async () => {
    const invite = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/users/invite",
      headers: adminSession.headers,
      payload: { email: "Invitee@Example.org", display_name: "Ivy Invitee", role: "author" },
    });
    expect(invite.statusCode).toBe(201);
    const invited = AdminUserSchema.parse(invite.json());
    expect(invited).toMatchObject({ email: "invitee@example.org", status: "invited", role: "author" });

    const mail = await readMail(t, "invitee@example.org");
    expect(mail?.subject).toContain("Arun Admin invited you");
    const token = tokenFromMail(mail);
    expect(mail?.bodyText).toContain(`/accept-invite?token=${token}`);

    const weak = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/accept-invite",
      payload: { token, password: "password" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe("/body/password");

    const accept = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/accept-invite",
      payload: { token, password: PASSWORD },
    });
    expect(accept.statusCode).toBe(204);
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/accept-invite",
      payload: { token, password: PASSWORD },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json<{ type: string }>().type).toBe("https://folio.dev/problems/invalid-token");

    const session = await signIn(t, {
      id: invited.id,
      email: "invitee@example.org",
      password: PASSWORD,
      role: "author",
      displayName: "Ivy Invitee",
      slug: "",
    });
    expect(session.user).toMatchObject({ id: invited.id, email_verified: true, status: "active" });
  });

  it("refuses invalid invitations without creating anything", async () => {
    for (const payload of [
      { email: "not-an-email", display_name: "X", role: "member" },
      { email: "x@example.org", display_name: "X", role: "member", admin: true },
      { email: "x@example.org", display_name: "X", role: "Not A Role" },
    ]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/v1/admin/users/invite",
        headers: adminSession.headers,
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
    }
    const aboveRank = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/users/invite",
      headers: adminSession.headers,
      payload: { email: "x@example.org", display_name: "X", role: "owner" },
    });
    expect(aboveRank.statusCode).toBe(403);
    const duplicate = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/users/invite",
      headers: adminSession.headers,
      payload: { email: owner.email.toUpperCase(), display_name: "X", role: "member" },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(await t.database.db.select().from(users).where(eq(users.email, "x@example.org"))).toEqual([]);
  });

  it("searches and pages the user list", async () => {
    const search = await t.app.inject({ url: "/api/v1/admin/users?q=OLGA", headers: adminSession.headers });
    expect(search.statusCode).toBe(200);
    const list = AdminUserListSchema.parse(search.json());
    expect(list.data.map((u) => u.id)).toEqual([owner.id]);
    expect(list.data[0]).toMatchObject({ role: "owner", mfa_enabled: true, email_verified: true });

    const seen: AdminUser[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/admin/users?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const page = AdminUserListSchema.parse(
        (await t.app.inject({ url, headers: adminSession.headers })).json(),
      );
      seen.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor !== null);
    const total = await t.database.db.select({ id: users.id }).from(users);
    expect(new Set(seen.map((u) => u.id)).size).toBe(total.length);

    const badCursor = await t.app.inject({
      url: "/api/v1/admin/users?cursor=nope",
      headers: adminSession.headers,
    });
    expect(badCursor.statusCode).toBe(400);
    const unknown = await t.app.inject({
      url: "/api/v1/admin/users?sort=email",
      headers: adminSession.headers,
    });
    expect(unknown.statusCode).toBe(400);
  });

  it("suspends: the user's session and API tokens stop working at once; reactivation is audited", async () => {
    const author = await createUser(t, { role: "author" });
    const session = await signIn(t, author);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/me/tokens",
      headers: session.headers,
      payload: { name: "laptop", scopes: ["tokens:manage:own"] },
    });
    expect(created.statusCode).toBe(201);
    const pat = { authorization: `Bearer ${created.json<{ token: string }>().token}` };
    expect((await t.app.inject({ url: "/api/v1/me/tokens", headers: pat })).statusCode).toBe(200);

    const suspend = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${author.id}`,
      headers: { ...adminSession.headers, "user-agent": "admin-console" },
      payload: { status: "suspended" },
    });
    expect(suspend.statusCode).toBe(200);
    expect(suspend.json<AdminUser>().status).toBe("suspended");
    expect((await t.app.inject({ url: "/api/v1/me", headers: session.headers })).statusCode).toBe(401);
    expect((await t.app.inject({ url: "/api/v1/me/tokens", headers: pat })).statusCode).toBe(401);

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, "user.suspended"), eq(auditLog.targetId, author.id)));
    expect(audit).toMatchObject({
      actorId: admin.id,
      userAgent: "admin-console",
      requestId: suspend.headers["x-request-id"],
      details: { sessions_revoked: 1, tokens_revoked: 1 },
    });

    const reactivate = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${author.id}`,
      headers: adminSession.headers,
      payload: { status: "active" },
    });
    expect(reactivate.json<AdminUser>().status).toBe("active");
    // Revoked credentials stay revoked; signing in again works.
    expect((await t.app.inject({ url: "/api/v1/me/tokens", headers: pat })).statusCode).toBe(401);
    expect((await signIn(t, author)).user.status).toBe("active");
  });

  it("enforces the rank rules over HTTP", async () => {
    const self = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${admin.id}`,
      headers: adminSession.headers,
      payload: { role: "owner" },
    });
    expect(self.statusCode).toBe(403);
    const onOwner = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${owner.id}`,
      headers: adminSession.headers,
      payload: { role: "member" },
    });
    expect(onOwner.statusCode).toBe(403);
    const empty = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${owner.id}`,
      headers: adminSession.headers,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/admin/users/0190a0a0-0000-7000-8000-000000000000",
      headers: adminSession.headers,
      payload: { role: "member" },
    });
    expect(missing.statusCode).toBe(404);

    const ownerSession = await signIn(t, owner);
    const promote = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${admin.id}`,
      headers: ownerSession.headers,
      payload: { role: "owner" },
    });
    expect(promote.statusCode).toBe(200);
    expect(promote.json<AdminUser>().role).toBe("owner");
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, "user.role_changed"), eq(auditLog.targetId, admin.id)));
    expect(audit?.details).toEqual({ from: "admin", to: "owner" });
  });
});
