import { isFolioError, uuidv7 } from "@folio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import { createRepositories, type Repositories } from "./index.js";

describe.each(databaseKinds)("RolesRepository on %s", (kind) => {
  let database: TestDatabase;
  let repos: Repositories;
  const now = new Date("2025-03-01T10:00:00.000Z");

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    repos = createRepositories(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it("lists the built-in roles seeded by the migration with their user counts", async () => {
    await database.db.insert(users).values({
      id: uuidv7(),
      email: "e@example.org",
      displayName: "E",
      slug: "e",
      role: "editor",
    });
    const list = await repos.roles.list();
    expect(
      list
        .filter((r) => r.builtin)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["admin", "author", "contributor", "editor", "member", "owner"]);
    expect(list.find((r) => r.name === "editor")?.userCount).toBe(1);
    expect(list.find((r) => r.name === "owner")?.mfaRequired).toBe(true);
  });

  it("creates, updates and deletes a custom role", async () => {
    const created = await repos.roles.create(
      { name: "reviewer", description: "Reviews", permissions: ["posts:read:drafts"], mfaRequired: false },
      now,
    );
    expect(created.builtin).toBe(false);
    const updated = await repos.roles.update(
      "reviewer",
      { permissions: ["posts:read:drafts", "posts:publish"] },
      now,
    );
    expect(updated?.permissions).toEqual(["posts:read:drafts", "posts:publish"]);
    expect((await repos.roles.find("reviewer"))?.userCount).toBe(0);
    expect(await repos.roles.deleteCustom("reviewer")).toBe(true);
    expect(await repos.roles.find("reviewer")).toBeNull();
  });

  it("answers a conflict for a duplicate name", async () => {
    const role = { name: "dupe", description: "", permissions: [], mfaRequired: false };
    await repos.roles.create(role, now);
    const error = await repos.roles.create(role, now).catch((e: unknown) => e);
    expect(isFolioError(error) && error.code).toBe("role-exists");
  });

  it("never deletes a built-in role and keeps a role in use", async () => {
    expect(await repos.roles.deleteCustom("member")).toBe(false);
    await repos.roles.create({ name: "held", description: "", permissions: [], mfaRequired: false }, now);
    await database.db.insert(users).values({
      id: uuidv7(),
      email: "held@example.org",
      displayName: "Held",
      slug: "held",
      role: "held",
    });
    expect(await repos.roles.countUsers("held")).toBe(1);
    const error = await repos.roles.deleteCustom("held").catch((e: unknown) => e);
    expect(isFolioError(error) && error.code).toBe("role-in-use");
  });
});
