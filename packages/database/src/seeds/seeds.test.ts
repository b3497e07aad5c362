import { count, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../db-types.js";
import { posts, postAuthors, users } from "../schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import { seedBulk } from "./bulk.seed.js";
import { isDatabaseEmpty, seedDemoContent } from "./demo.seed.js";

async function postsSnapshot(database: Database) {
  return database.db
    .select({
      id: posts.id,
      slug: posts.slug,
      title: posts.title,
      status: posts.status,
      publishedAt: posts.publishedAt,
    })
    .from(posts)
    .orderBy(posts.slug);
}

describe("demo seed", () => {
  const open: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(open.map((d) => d.close()));
  });

  it("is deterministic, realistic and idempotent", async () => {
    const a = await createTestDatabase({ kind: "pglite" });
    const b = await createTestDatabase({ kind: "postgres" });
    open.push(a, b);
    expect(await isDatabaseEmpty(a)).toBe(true);
    const first = await seedDemoContent(a);
    expect(first).toMatchObject({ skipped: false, users: 4, tags: 8, posts: 60 });
    expect(first.categories).toBeGreaterThanOrEqual(4);
    await seedDemoContent(b);
    expect(await postsSnapshot(a)).toEqual(await postsSnapshot(b));

    expect(await isDatabaseEmpty(a)).toBe(false);
    expect(await seedDemoContent(a)).toMatchObject({ skipped: true });
    expect((await a.db.select({ n: count() }).from(posts))[0]?.n).toBe(60);

    const published = await a.db.select().from(posts).where(eq(posts.status, "published"));
    expect(published.length).toBeGreaterThan(50);
    expect(published.filter((p) => p.featured).length).toBeGreaterThanOrEqual(4);
    for (const post of published) {
      expect(post.body.type).toBe("doc");
      expect(post.body.content.some((node) => node.type === "heading")).toBe(true);
      expect(
        post.body.content.some((node) => ["bulletList", "orderedList", "blockquote"].includes(node.type)),
      ).toBe(true);
      expect(post.readingTimeMinutes).toBeGreaterThanOrEqual(2);
      expect(post.coverImageUrl === null || post.coverImageUrl.startsWith("/")).toBe(true);
      expect(post.html).not.toMatch(/lorem ipsum/i);
    }
    const coAuthored = await a.db
      .select({ postId: postAuthors.postId, n: count() })
      .from(postAuthors)
      .groupBy(postAuthors.postId)
      .having(sql`count(*) > 1`);
    expect(coAuthored.length).toBeGreaterThan(0);
    expect((await a.db.select().from(users)).every((u) => (u.bio ?? "").length > 40)).toBe(true);
  });
});

describe.each(databaseKinds)("bulk seed on %s", (kind) => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.close();
  });

  it("inserts thousands of posts in batches with relations, reports progress and analyzes", async () => {
    database = await createTestDatabase({ kind });
    const progress: number[] = [];
    const result = await seedBulk(database, {
      posts: 3000,
      batchSize: 1000,
      onProgress: (p) => {
        progress.push(p.inserted);
        expect(p.total).toBe(3000);
        expect(p.ratePerSecond).toBeGreaterThan(0);
      },
    });
    expect(result).toMatchObject({ posts: 3000, analyzed: true });
    expect(progress).toEqual([1000, 2000, 3000]);
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(posts);
    expect(n).toBe(3000);
    const orphans = await database.withConnection((c) =>
      c.query<{ n: number }>(
        "select count(*)::int as n from posts p where not exists (select 1 from post_authors a where a.post_id = p.id)",
      ),
    );
    expect(orphans[0]?.n).toBe(0);
    const stats = await database.withConnection((c) =>
      c.query<{ reltuples: number }>(
        "select reltuples::float8 as reltuples from pg_class where relname = 'posts'",
      ),
    );
    // -1 means "never analyzed"; ANALYZE sets the row estimate.
    expect(stats[0]?.reltuples).toBeGreaterThan(2500);

    // Re-runnable: a second run continues the numbering instead of colliding on slugs.
    await seedBulk(database, { posts: 10 });
    expect((await database.db.select({ n: count() }).from(posts))[0]?.n).toBe(3010);
  });
});
