import { PERMISSIONS } from "@folio/auth";
import { isFolioError } from "@folio/core";
import { auditLog } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { CreateRoleBodySchema, RoleListSchema } from "@folio/types";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actorOf,
  adminTestDeps,
  caught,
  insertUser,
  TEST_META,
  type TestUser,
} from "../test-support/admin-fixtures.js";
import { createRolesService, type RolesService } from "./roles.service.js";

const code = (e: unknown) => (isFolioError(e) ? e.code : undefined);

describe("roles service", () => {
  let database: TestDatabase;
  let service: RolesService;
  let owner: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = createRolesService(adminTestDeps(database));
    owner = await insertUser(database, { role: "owner" });
    admin = await insertUser(database, { role: "admin" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("lists built-in roles by rank with their code-defined permissions", async () => {
    const list = await service.list();
    expect(RoleListSchema.parse(list)).toEqual(list);
    expect(list.data.slice(0, 6).map((r) => r.name)).toEqual([
      "owner",
      "admin",
      "editor",
      "author",
      "contributor",
      "member",
    ]);
    expect(list.data[0]?.permissions).toEqual([...PERMISSIONS]);
    expect(list.data.find((r) => r.name === "member")?.permissions).toEqual([
      "comments:create",
      "account:manage",
    ]);
    expect(list.data.find((r) => r.name === "admin")?.user_count).toBe(1);
  });

  it("describes every permission", () => {
    const catalogue = service.permissions().data;
    expect(catalogue.map((p) => p.name)).toEqual([...PERMISSIONS]);
    expect(catalogue.every((p) => p.description.length > 0)).toBe(true);
  });

  it("creates a custom role with known permissions only, recorded in the audit log", async () => {
    const role = await service.create(
      actorOf(admin),
      CreateRoleBodySchema.parse({
        name: "reviewer",
        description: "Reads drafts",
        permissions: ["posts:publish", "posts:read:drafts", "posts:publish"],
      }),
      TEST_META,
    );
    expect(role).toEqual({
      name: "reviewer",
      description: "Reads drafts",
      permissions: ["posts:read:drafts", "posts:publish"],
      builtin: false,
      mfa_required: false,
      user_count: 0,
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, "role.created"), eq(auditLog.targetId, "reviewer")));
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "role" });

    const unknown = await caught(
      service.create(
        actorOf(admin),
        CreateRoleBodySchema.parse({ name: "bad", permissions: ["posts:read:drafts", "posts:fly"] }),
        TEST_META,
      ),
    );
    expect(isFolioError(unknown) && unknown.errors).toEqual([
      { pointer: "/body/permissions/1", detail: 'unknown permission "posts:fly"' },
    ]);
    expect(
      code(
        await caught(
          service.create(
            actorOf(admin),
            CreateRoleBodySchema.parse({ name: "reviewer", permissions: [] }),
            TEST_META,
          ),
        ),
      ),
    ).toBe("role-exists");
    expect(
      code(
        await caught(
          service.create(
            actorOf(admin),
            CreateRoleBodySchema.parse({ name: "editor", permissions: [] }),
            TEST_META,
          ),
        ),
      ),
    ).toBe("role-exists");
  });

  it("never lets a role manager grant what they lack, even on their own role", async () => {
    await service.create(
      actorOf(owner),
      CreateRoleBodySchema.parse({ name: "manager", permissions: ["roles:manage", "users:read"] }),
      TEST_META,
    );
    const manager = await insertUser(database, { role: "manager" });
    const actor = actorOf(manager, ["roles:manage", "users:read"]);
    const escalate = await caught(
      service.update(
        actor,
        "manager",
        { permissions: ["roles:manage", "users:read", "users:manage"] },
        TEST_META,
      ),
    );
    expect(isFolioError(escalate) && escalate.errors?.[0]).toEqual({
      pointer: "/body/permissions/2",
      detail: "you do not hold the permission users:manage",
    });
    // Shrinking is fine.
    const shrunk = await service.update(actor, "manager", { permissions: ["roles:manage"] }, TEST_META);
    expect(shrunk.permissions).toEqual(["roles:manage"]);
    // A role holding more than the actor is out of reach.
    expect(code(await caught(service.update(actor, "reviewer", { description: "x" }, TEST_META)))).toBe(
      "forbidden",
    );
  });

  it("edits only the description and MFA policy of built-in roles, and admins not the owner role", async () => {
    const updated = await service.update(
      actorOf(owner),
      "editor",
      { mfa_required: true, description: "Edits" },
      TEST_META,
    );
    expect(updated).toMatchObject({
      name: "editor",
      mfa_required: true,
      description: "Edits",
      builtin: true,
    });
    const fixed = await caught(
      service.update(actorOf(owner), "editor", { permissions: ["posts:create"] }, TEST_META),
    );
    expect(isFolioError(fixed) && fixed.errors?.[0]?.pointer).toBe("/body/permissions");
    expect(
      code(await caught(service.update(actorOf(admin), "owner", { mfa_required: false }, TEST_META))),
    ).toBe("forbidden");
    expect(code(await caught(service.update(actorOf(admin), "nope", { description: "" }, TEST_META)))).toBe(
      "not-found",
    );
  });

  it("deletes only unused custom roles", async () => {
    expect(code(await caught(service.delete(actorOf(owner), "member", TEST_META)))).toBe("role-builtin");
    expect(code(await caught(service.delete(actorOf(owner), "manager", TEST_META)))).toBe("role-in-use");
    await service.delete(actorOf(admin), "reviewer", TEST_META);
    expect((await service.list()).data.map((r) => r.name)).not.toContain("reviewer");
    expect(code(await caught(service.delete(actorOf(admin), "reviewer", TEST_META)))).toBe("not-found");
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.event, "role.deleted"), eq(auditLog.targetId, "reviewer")));
    expect(audit?.actorId).toBe(admin.id);
  });
});
