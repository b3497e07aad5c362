import { isFolioError } from "@folio/core";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postAuthors, posts, postTags, tags, users } from "../schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import { createRepositories, type Repositories } from "./index.js";
import type { ListPublishedOptions, PublishedPostSummaryRow } from "./posts.repository.js";
import { type ListVariant, listPublishedStatement } from "./published-posts.statements.js";

async function walk(
  repos: Repositories,
  options: Omit<ListPublishedOptions, "after">,
): Promise<PublishedPostSummaryRow[]> {
  const seen: PublishedPostSummaryRow[] = [];
  let after: ListPublishedOptions["after"];
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = await repos.posts.listPublished({ ...options, after });
    expect(page.items.length).toBeLessThanOrEqual(options.limit);
    seen.push(...page.items);
    if (!page.hasMore) return seen;
    expect(page.items).toHaveLength(options.limit);
    after = page.items.at(-1)?.sortKey;
  }
  throw new Error("pagination did not terminate");
}

describe.each(databaseKinds)("post repositories on %s", (kind) => {
  let database: TestDatabase;
  let repos: Repositories;
  let publishedIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase({ kind, seed: "demo" });
    repos = createRepositories(database);
    // Three more posts at one instant with microseconds, to prove ties and precision survive.
    for (const n of [1, 2, 3]) {
      await repos.posts.create({
        title: `Tie ${n}`,
        slug: `tie-${n}`,
        body: { type: "doc", content: [] },
        html: "",
        status: "published",
        publishedAt: new Date("2025-06-01T12:00:00.000Z"),
      });
    }
    await database.db.execute(
      sql`update ${posts} set published_at = '2025-06-01 12:00:00.123456+00' where slug like 'tie-%'`,
    );
    const rows = await database.db
      .select({ id: posts.id })
      .from(posts)
      .where(eq(posts.status, "published"))
      .orderBy(sql`${posts.publishedAt} desc, ${posts.id} desc`);
    publishedIds = rows.map((r) => r.id);
  });
  afterAll(async () => {
    await database.close();
  });

  it.each([1, 2, 7, 100])(
    "walks every published post exactly once, newest first (page size %i)",
    async (limit) => {
      const seen = await walk(repos, { limit });
      expect(seen.map((p) => p.id)).toEqual(publishedIds);
      expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    },
  );

  it("never lists drafts, scheduled or archived posts", async () => {
    const hidden = await database.db
      .select({ id: posts.id })
      .from(posts)
      .where(sql`${posts.status} <> 'published'`);
    expect(hidden.length).toBeGreaterThan(0);
    const seen = new Set((await walk(repos, { limit: 50 })).map((p) => p.id));
    for (const { id } of hidden) expect(seen.has(id)).toBe(false);
  });

  it("filters by tag, category, author and featured", async () => {
    const tag = await repos.tags.findBySlug("postgresql");
    const category = await repos.categories.findBySlug("design");
    const author = await repos.users.findBySlug("priya-raman");
    expect(tag && category && author).toBeTruthy();

    const byTag = await walk(repos, { limit: 5, tagId: tag!.id, include: { tags: true } });
    expect(byTag.length).toBeGreaterThan(0);
    expect(byTag.every((p) => p.tags?.some((t) => t.slug === "postgresql"))).toBe(true);
    const tagged = await database.db
      .select({ id: postTags.postId })
      .from(postTags)
      .innerJoin(posts, eq(posts.id, postTags.postId))
      .where(and(eq(postTags.tagId, tag!.id), eq(posts.status, "published")));
    expect(byTag).toHaveLength(tagged.length);

    const byAuthor = await walk(repos, { limit: 5, authorId: author!.id, include: { authors: true } });
    expect(byAuthor.length).toBeGreaterThan(0);
    expect(byAuthor.every((p) => p.authors?.some((a) => a.slug === "priya-raman"))).toBe(true);

    const byCategory = await walk(repos, { limit: 5, categoryId: category!.id });
    expect(byCategory.length).toBeGreaterThan(0);
    const inCategory = await repos.posts.findPublishedBySlug(byCategory[0]!.slug);
    expect(inCategory?.categories.map((c) => c.slug)).toContain("design");

    const featured = await walk(repos, { limit: 3, featured: true });
    expect(featured.length).toBeGreaterThan(0);
    expect(featured.every((p) => p.featured)).toBe(true);
    const notFeatured = await walk(repos, { limit: 50, featured: false });
    expect(featured.length + notFeatured.length).toBe(publishedIds.length);
  });

  it("includes authors and tags only when asked, authors in byline order", async () => {
    const bare = await repos.posts.listPublished({ limit: 5 });
    expect(bare.items.every((p) => p.authors === undefined && p.tags === undefined)).toBe(true);
    const full = await walk(repos, { limit: 20, include: { authors: true, tags: true } });
    expect(full.every((p) => Array.isArray(p.authors) && Array.isArray(p.tags))).toBe(true);
    const coAuthored = full.find((p) => (p.authors?.length ?? 0) > 1 && !p.slug.startsWith("tie-"));
    expect(coAuthored).toBeDefined();
    const detail = await repos.posts.findPublishedBySlug(coAuthored!.slug);
    expect(detail?.authors.map((a) => a.id)).toEqual(coAuthored!.authors?.map((a) => a.id));
  });

  it("aggregates a page's bylines and tags exactly as the relation tables hold them", async () => {
    const page = await repos.posts.listPublished({ limit: 25, include: { authors: true, tags: true } });
    expect(page.items.some((p) => (p.tags?.length ?? 0) > 1)).toBe(true);
    for (const item of page.items) {
      const bylines = await database.db
        .select({
          id: users.id,
          slug: users.slug,
          displayName: users.displayName,
          avatarUrl: users.avatarUrl,
        })
        .from(postAuthors)
        .innerJoin(users, eq(users.id, postAuthors.userId))
        .where(eq(postAuthors.postId, item.id))
        .orderBy(postAuthors.position, users.displayName);
      expect(item.authors).toEqual(bylines);
      const tagged = await database.db
        .select({ id: tags.id, slug: tags.slug, name: tags.name })
        .from(postTags)
        .innerJoin(tags, eq(tags.id, postTags.tagId))
        .where(eq(postTags.postId, item.id))
        .orderBy(postTags.position, tags.name);
      expect(item.tags).toEqual(tagged);
      // Timestamps decode to the same instants as drizzle's own mapping of the row.
      const row = await repos.posts.findById(item.id);
      expect(item.publishedAt).toEqual(row?.publishedAt);
      expect(item.updatedAt).toEqual(row?.updatedAt);
      expect(item.primaryCategory?.id ?? null).toBe(row?.primaryCategoryId);
    }
  });

  it("decodes a post found by slug like drizzle decodes the same row", async () => {
    const [first] = (await repos.posts.listPublished({ limit: 1 })).items;
    const detail = await repos.posts.findPublishedBySlug(first!.slug);
    const row = await repos.posts.findById(first!.id);
    expect(row).not.toBeNull();
    const {
      primaryCategory,
      authors: _authors,
      tags: _tags,
      categories: _categories,
      coverMedia: _coverMedia,
      ...post
    } = detail!;
    expect(post).toEqual(row);
    expect(primaryCategory?.id).toBe(row?.primaryCategoryId);
  });

  it.each([
    [undefined, "posts_published_keyset_idx"],
    [true, "posts_featured_keyset_idx"],
  ] as const)("walks the keyset index for a page (featured: %s)", async (featured, index) => {
    const variant: ListVariant = {
      after: true,
      featured,
      tag: false,
      category: false,
      author: false,
      authors: true,
      tags: true,
    };
    const statement = listPublishedStatement(variant);
    const plan = await database.transaction(async (tx) => {
      // The demo data is small enough for a sequential scan to win; without one, a listing
      // whose ORDER BY did not match the index would show up as a Sort over posts.
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(
        sql`explain ${statement.bind({
          after: { publishedAt: "2030-01-01T00:00:00.000000Z", id: "01890000-0000-7000-8000-000000000000" },
          fetch: 16,
        })}`,
      );
    });
    const text = JSON.stringify(plan);
    expect(text).toContain(`Index Scan using ${index} on posts`);
    expect(text).not.toMatch(/Sort Key: p\.published_at/);
  });

  it("finds a published post by slug with its relations, and not a draft", async () => {
    const [first] = (await repos.posts.listPublished({ limit: 1 })).items;
    const post = await repos.posts.findPublishedBySlug(first!.slug);
    expect(post?.id).toBe(first!.id);
    expect(post?.authors.length).toBeGreaterThan(0);
    expect(post?.tags.length).toBeGreaterThan(0);
    expect(post?.categories.length).toBeGreaterThan(0);
    expect(post?.primaryCategory).not.toBeNull();
    expect(post?.html).toContain("<p>");
    const [draft] = await database.db.select().from(posts).where(eq(posts.status, "draft")).limit(1);
    expect(await repos.posts.findPublishedBySlug(draft!.slug)).toBeNull();
    expect(await repos.posts.findBySlug(draft!.slug)).not.toBeNull();
    expect(await repos.posts.findPublishedBySlug("no-such-post")).toBeNull();
  });

  it("updates with optimistic concurrency on version", async () => {
    const post = await repos.posts.findBySlug("tie-1");
    expect(post?.version).toBe(1);
    const updated = await repos.posts.update(post!.id, 1, { title: "Tie one" });
    expect(updated.version).toBe(2);
    expect(updated.title).toBe("Tie one");
    const stale = await repos.posts.update(post!.id, 1, { title: "Lost update" }).catch((e: unknown) => e);
    expect(isFolioError(stale)).toBe(true);
    expect(stale).toMatchObject({ status: 409, code: "version-mismatch" });
    expect((await repos.posts.findById(post!.id))?.title).toBe("Tie one");
    const missing = await repos.posts
      .update("01890000-0000-7000-8000-000000000000", 1, { title: "x" })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404 });
  });

  it("rolls a transaction back as a whole", async () => {
    const failure = await database
      .transaction(async (tx) => {
        const txRepos = createRepositories(tx);
        await txRepos.tags.create({ slug: "rolled-back", name: "Rolled back" });
        expect(await txRepos.tags.findBySlug("rolled-back")).not.toBeNull();
        throw new Error("abort");
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(await repos.tags.findBySlug("rolled-back")).toBeNull();
    const committed = await database.transaction((tx) =>
      createRepositories(tx).tags.create({ slug: "committed", name: "Committed" }),
    );
    expect((await repos.tags.findById(committed.id))?.slug).toBe("committed");
    expect(await repos.tags.delete(committed.id)).toBe(true);
    expect(await repos.tags.delete(committed.id)).toBe(false);
  });

  it("lists with the base cursor pagination in creation order", async () => {
    const all: string[] = [];
    let after: string | undefined;
    do {
      const page = await repos.tags.list({ limit: 3, ...(after ? { after } : {}) });
      all.push(...page.items.map((t) => t.id));
      after = page.nextAfter ?? undefined;
    } while (after);
    const expected = (await database.db.select({ id: tags.id }).from(tags).orderBy(tags.id)).map((r) => r.id);
    expect(all).toEqual(expected);
  });

  it("counts published posts per tag and per category, categories in tree order", async () => {
    const tagList = await repos.tags.listWithPostCounts();
    expect(tagList).toHaveLength(8);
    const pg = tagList.find((t) => t.slug === "postgresql");
    const byTag = await walk(repos, { limit: 100, tagId: pg!.id });
    expect(pg?.postCount).toBe(byTag.length);

    const categoryList = await repos.categories.listWithPostCounts();
    const slugs = categoryList.map((c) => c.slug);
    expect(slugs.indexOf("infrastructure")).toBe(slugs.indexOf("engineering") + 1);
    expect(slugs.indexOf("newsroom-practice")).toBe(slugs.indexOf("editorial") + 1);
    expect(categoryList.find((c) => c.slug === "infrastructure")?.depth).toBe(1);
    for (const category of categoryList) {
      expect(category.postCount).toBe((await walk(repos, { limit: 100, categoryId: category.id })).length);
    }
  });

  it("finds an author profile with the published post count", async () => {
    const profile = await repos.users.findProfileBySlug("tomas-lindqvist");
    expect(profile?.user.displayName).toBe("Tomás Lindqvist");
    const theirs = await walk(repos, { limit: 100, authorId: profile!.user.id });
    expect(profile?.publishedPostCount).toBe(theirs.length);
    expect(await repos.users.findProfileBySlug("nobody")).toBeNull();
    expect((await repos.users.findByEmail("MAYA.OKAFOR@folio.example"))?.slug).toBe("maya-okafor");
  });
});
