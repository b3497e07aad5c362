import { PERMISSIONS } from "@folio/auth";
import { PermissionCatalogSchema, RoleListSchema, RoleSchema } from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

describe("admin roles routes", () => {
  let t: TestApp;
  let admin: SignedInUser;
  let editor: SignedInUser;

  beforeAll(async () => {
    t = await buildTestApp({ seed: false });
    admin = await signIn(t, await createUser(t, { role: "admin" }));
    editor = await signIn(t, await createUser(t, { role: "editor" }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists roles and the permission catalogue to users:read holders", async () => {
    const roles = await t.app.inject({ url: "/api/v1/admin/roles", headers: editor.headers });
    expect(roles.statusCode).toBe(200);
    const list = RoleListSchema.parse(roles.json());
    expect(list.data.map((r) => r.name)).toEqual([
      "owner",
      "admin",
      "editor",
      "author",
      "contributor",
      "member",
    ]);
    expect(list.data.find((r) => r.name === "owner")).toMatchObject({ builtin: true, mfa_required: true });
    const catalogue = PermissionCatalogSchema.parse(
      (await t.app.inject({ url: "/api/v1/admin/permissions", headers: editor.headers })).json(),
    );
    expect(catalogue.data.map((p) => p.name)).toEqual([...PERMISSIONS]);
    const member = await signIn(t, await createUser(t, { role: "member" }));
    expect((await t.app.inject({ url: "/api/v1/admin/roles", headers: member.headers })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: "/api/v1/admin/roles" })).statusCode).toBe(401);
  });

  it("creates, assigns, edits and deletes a custom role", async () => {
    const create = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/roles",
      headers: admin.headers,
      payload: {
        name: "copy-desk",
        description: "Fixes typos",
        permissions: ["posts:read:drafts", "posts:edit:any"],
      },
    });
    expect(create.statusCode).toBe(201);
    expect(RoleSchema.parse(create.json())).toMatchObject({
      name: "copy-desk",
      builtin: false,
      user_count: 0,
    });
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/v1/admin/roles",
          headers: editor.headers,
          payload: { name: "x1", permissions: [] },
        })
      ).statusCode,
    ).toBe(403);

    // A user with the custom role gets exactly its permissions.
    const desk = await createUser(t, { role: "copy-desk" });
    const deskSession = await signIn(t, desk);
    expect(deskSession.user.permissions.sort()).toEqual(["posts:edit:any", "posts:read:drafts"]);

    const inUse = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/admin/roles/copy-desk",
      headers: admin.headers,
    });
    expect(inUse.statusCode).toBe(409);
    const update = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/admin/roles/copy-desk",
      headers: admin.headers,
      payload: { permissions: ["posts:read:drafts"], mfa_required: true },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json()).toMatchObject({
      permissions: ["posts:read:drafts"],
      mfa_required: true,
      user_count: 1,
    });

    const demote = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/users/${desk.id}`,
      headers: admin.headers,
      payload: { role: "member" },
    });
    expect(demote.statusCode).toBe(200);
    const remove = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/admin/roles/copy-desk",
      headers: admin.headers,
    });
    expect(remove.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/admin/roles/copy-desk",
      headers: admin.headers,
    });
    expect(gone.statusCode).toBe(404);
  });

  it("protects built-in roles and validates input", async () => {
    const builtinDelete = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/admin/roles/editor",
      headers: admin.headers,
    });
    expect(builtinDelete.statusCode).toBe(409);
    const builtinPermissions = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/admin/roles/editor",
      headers: admin.headers,
      payload: { permissions: ["posts:create"] },
    });
    expect(builtinPermissions.statusCode).toBe(400);
    const description = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/admin/roles/author",
      headers: admin.headers,
      payload: { description: "Writes" },
    });
    expect(description.json()).toMatchObject({ name: "author", description: "Writes", builtin: true });
    for (const payload of [
      { name: "Bad Name", permissions: [] },
      { name: "x", permissions: [] },
      { name: "ok-name", permissions: ["posts:fly"] },
      { name: "ok-name", permissions: [], builtin: true },
    ]) {
      const bad = await t.app.inject({
        method: "POST",
        url: "/api/v1/admin/roles",
        headers: admin.headers,
        payload,
      });
      expect(bad.statusCode).toBe(400);
    }
    const badParam = await t.app.inject({
      method: "DELETE",
      url: "/api/v1/admin/roles/NOPE",
      headers: admin.headers,
    });
    expect(badParam.statusCode).toBe(400);
  });
});
