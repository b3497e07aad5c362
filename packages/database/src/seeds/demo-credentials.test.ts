import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../schema/index.js";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { demoAuthors, demoOwner } from "./demo-people.js";
import { seedDemoContent } from "./demo.seed.js";

describe("demo seed credentials", () => {
  let plain: TestDatabase;
  let withPasswords: TestDatabase;
  beforeAll(async () => {
    [plain, withPasswords] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([plain?.close(), withPasswords?.close()]);
  });

  it("gives the demo staff the password and adds a verified owner only when asked", async () => {
    expect(await seedDemoContent(plain)).toMatchObject({ users: 4 });
    expect((await plain.db.select().from(users)).every((u) => u.passwordHash === null)).toBe(true);

    const result = await seedDemoContent(withPasswords, {
      demoPasswordHash: "$argon2id$v=19$m=19456,t=2,p=1$demo",
    });
    expect(result).toMatchObject({ skipped: false, users: 5 });
    const [owner] = await withPasswords.db.select().from(users).where(eq(users.email, demoOwner.email));
    expect(owner).toMatchObject({
      role: "owner",
      slug: "site-owner",
      passwordHash: expect.stringMatching(/^\$argon2id\$/),
    });
    expect(owner?.emailVerifiedAt).toBeInstanceOf(Date);
    const staff = await withPasswords.db.select().from(users);
    for (const author of demoAuthors) {
      const row = staff.find((u) => u.slug === author.slug);
      expect(row?.passwordHash, author.slug).toBe(owner?.passwordHash);
      expect(row?.emailVerifiedAt, author.slug).toBeInstanceOf(Date);
    }
    // Everything else is the same demo as without credentials.
    const ids = async (db: TestDatabase) =>
      (await db.db.select({ id: users.id, slug: users.slug }).from(users))
        .filter((u) => u.slug !== demoOwner.slug)
        .map((u) => u.id)
        .sort();
    expect(await ids(withPasswords)).toEqual(await ids(plain));
  });
});
