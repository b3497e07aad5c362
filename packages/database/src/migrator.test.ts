import { afterEach, describe, expect, it } from "vitest";
import { createDatabase } from "./connection.js";
import { MIGRATIONS_TABLE, migrateDown, migrateUp, migrationStatus } from "./migrator.js";
import { migrations } from "./migrations/index.js";
import { createTestDatabase, databaseKinds, dumpSchema, type TestDatabase } from "./testing/index.js";

describe.each(databaseKinds)("migrations on %s", (kind) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it("migrates up, rolls everything back to an empty schema, and migrates to an identical schema", async () => {
    database = await createTestDatabase({ kind, migrate: false });
    const applied = await migrateUp(database);
    expect(applied).toEqual(migrations.map((m) => m.name));
    const first = await dumpSchema(database);
    expect(first.tables).toEqual(
      expect.arrayContaining([
        "users",
        "posts",
        "tags",
        "categories",
        "post_tags",
        "post_authors",
        "feature_flags",
      ]),
    );
    expect(first.indexes.some((l) => l.includes("posts_published_keyset_idx") && l.includes("WHERE"))).toBe(
      true,
    );

    const reverted = await migrateDown(database, { to: 0 });
    expect(reverted).toEqual(migrations.map((m) => m.name).reverse());
    const empty = await dumpSchema(database);
    expect(empty.tables).toEqual([MIGRATIONS_TABLE]);
    expect(empty.types).toEqual([]);
    expect(empty.indexes.every((l) => l.startsWith(MIGRATIONS_TABLE))).toBe(true);

    await migrateUp(database);
    expect(await dumpSchema(database)).toEqual(first);
  });

  it("reports status, and is a no-op when everything is applied", async () => {
    database = await createTestDatabase({ kind, migrate: false });
    expect((await migrationStatus(database)).map((m) => m.appliedAt)).toEqual(migrations.map(() => null));
    await migrateUp(database);
    expect(await migrateUp(database)).toEqual([]);
    const status = await migrationStatus(database);
    expect(status.map((s) => s.name)).toEqual(migrations.map((m) => m.name));
    expect(status.every((s) => s.appliedAt instanceof Date)).toBe(true);
    expect(await migrateDown(database)).toEqual([migrations.at(-1)?.name]);
    expect((await migrationStatus(database)).at(-1)?.appliedAt).toBeNull();
  });

  it("rolls a failing migration back completely and records nothing", async () => {
    database = await createTestDatabase({ kind, migrate: false });
    const broken = [
      ...migrations,
      {
        name: "9999_broken",
        up: `CREATE TABLE "half_done" (id int); SELECT 1/0;`,
        down: `DROP TABLE "half_done";`,
      },
    ];
    await expect(migrateUp(database, { migrations: broken })).rejects.toThrow();
    const status = await migrationStatus(database, { migrations: broken });
    expect(status.find((s) => s.name === "9999_broken")?.appliedAt).toBeNull();
    expect((await dumpSchema(database)).tables).not.toContain("half_done");
    // The earlier migrations of the same run stay applied.
    expect(status.filter((s) => s.appliedAt !== null).map((s) => s.name)).toEqual(
      migrations.map((m) => m.name),
    );
  });
});

describe("concurrent migration runs on postgres", () => {
  it("serialise on the advisory lock: each migration is applied exactly once", async () => {
    const owner = await createTestDatabase({ kind: "postgres", migrate: false });
    const second = await createDatabase({ url: owner.url });
    try {
      const [a, b] = await Promise.all([migrateUp(owner), migrateUp(second)]);
      expect([...a, ...b].sort()).toEqual(migrations.map((m) => m.name));
      expect((await migrationStatus(second)).every((s) => s.appliedAt !== null)).toBe(true);
    } finally {
      await second.close();
      await owner.close();
    }
  });
});
