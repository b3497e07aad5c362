import { createCursorCodec, isFolioError } from "@folio/core";
import { posts } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import {
  type ListPostsQuery,
  ListPostsQuerySchema,
  PostListSchema,
  PostSchema,
  type PostSummary,
} from "@folio/types";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../services.js";

const SECRET = "test-cursor-secret-0123456789abcdef";

function query(input: Record<string, string>): ListPostsQuery {
  return ListPostsQuerySchema.parse(input);
}

async function walk(services: Services, input: Record<string, string>): Promise<PostSummary[]> {
  const seen: PostSummary[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard += 1) {
    const page = await services.posts.listPublished(query(cursor ? { ...input, cursor } : input));
    // Exactly the contract: parsing strips unknown keys, so equality proves there are none.
    expect(PostListSchema.parse(page)).toEqual(page);
    seen.push(...page.data);
    cursor = page.next_cursor;
    if (cursor === null) return seen;
  }
  throw new Error("cursor walk did not terminate");
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("posts service (PGlite, demo content)", () => {
  let database: TestDatabase;
  let services: Services;
  let published: { id: string; slug: string }[];

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite", seed: "demo" });
    services = createServices({ database, cursorSecret: SECRET });
    published = await database.db
      .select({ id: posts.id, slug: posts.slug })
      .from(posts)
      .where(eq(posts.status, "published"))
      .orderBy(sql`${posts.publishedAt} desc, ${posts.id} desc`);
  });
  afterAll(async () => {
    await database.close();
  });

  it("walks every published post exactly once with the cursor, newest first", async () => {
    const seen = await walk(services, { limit: "7" });
    expect(seen.map((p) => p.id)).toEqual(published.map((p) => p.id));
    const dates = seen.map((p) => Date.parse(p.published_at));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it("never shows drafts, scheduled or archived posts, in lists or by slug", async () => {
    const hidden = await database.db
      .select({ slug: posts.slug, status: posts.status })
      .from(posts)
      .where(sql`${posts.status} <> 'published'`);
    expect(new Set(hidden.map((h) => h.status))).toEqual(new Set(["draft", "scheduled", "archived"]));
    const listed = new Set((await walk(services, { limit: "100" })).map((p) => p.slug));
    for (const post of hidden) {
      expect(listed.has(post.slug)).toBe(false);
      const error = await caught(services.posts.getPublishedBySlug(post.slug));
      expect(error).toMatchObject({ status: 404, resource: "post", id: post.slug });
    }
  });

  it("omits authors and tags unless included, and includes them on request", async () => {
    const bare = await services.posts.listPublished(query({ limit: "5" }));
    expect(bare.data.every((p) => !("authors" in p) && !("tags" in p))).toBe(true);
    const authorsOnly = await services.posts.listPublished(query({ limit: "5", include: "authors" }));
    expect(authorsOnly.data.every((p) => (p.authors?.length ?? 0) > 0 && !("tags" in p))).toBe(true);
    const both = await services.posts.listPublished(query({ limit: "5", include: "authors,tags" }));
    expect(both.data.every((p) => (p.authors?.length ?? 0) > 0 && (p.tags?.length ?? 0) > 0)).toBe(true);
  });

  it("filters by tag, category, author and featured", async () => {
    const byTag = await walk(services, { limit: "10", tag: "typography", include: "tags" });
    expect(byTag.length).toBeGreaterThan(0);
    expect(byTag.every((p) => p.tags?.some((t) => t.slug === "typography"))).toBe(true);
    const tagList = await services.taxonomy.listTags();
    expect(byTag).toHaveLength(tagList.data.find((t) => t.slug === "typography")!.post_count);

    const byAuthor = await walk(services, { limit: "10", author: "maya-okafor", include: "authors" });
    expect(byAuthor.every((p) => p.authors?.some((a) => a.slug === "maya-okafor"))).toBe(true);
    expect(byAuthor).toHaveLength((await services.authors.getBySlug("maya-okafor")).post_count);

    const byCategory = await walk(services, { limit: "10", category: "infrastructure" });
    const categories = await services.taxonomy.listCategories();
    expect(byCategory).toHaveLength(categories.data.find((c) => c.slug === "infrastructure")!.post_count);
    for (const summary of byCategory.slice(0, 3)) {
      const post = await services.posts.getPublishedBySlug(summary.slug);
      expect(post.categories.map((c) => c.slug)).toContain("infrastructure");
    }

    const featured = await walk(services, { limit: "3", featured: "true" });
    expect(featured.length).toBeGreaterThan(1);
    expect(featured.every((p) => p.featured)).toBe(true);
    const rest = await walk(services, { limit: "50", featured: "false" });
    expect(rest.every((p) => !p.featured)).toBe(true);
    expect(featured.length + rest.length).toBe(published.length);
  });

  it("rejects unknown filter slugs as validation errors naming the field", async () => {
    for (const field of ["tag", "category", "author"] as const) {
      const error = await caught(
        services.posts.listPublished(query({ limit: "5", [field]: "no-such-thing" })),
      );
      expect(isFolioError(error)).toBe(true);
      expect(error).toMatchObject({
        status: 400,
        errors: [{ pointer: `/query/${field}`, detail: `no ${field} with slug "no-such-thing"` }],
      });
    }
  });

  it("rejects a tampered or foreign cursor", async () => {
    const page = await services.posts.listPublished(query({ limit: "2" }));
    const cursor = page.next_cursor!;
    const flipped = cursor.slice(0, 10) + (cursor[10] === "A" ? "B" : "A") + cursor.slice(11);
    const otherSecret = createCursorCodec("another-secret-0123456789abcdef").encode({
      p: "2025-01-01T00:00:00Z",
      i: published[0]!.id,
    });
    const wrongShape = createCursorCodec(SECRET).encode({ p: "yesterday", i: "x" });
    for (const bad of [flipped, otherSecret, wrongShape, "garbage"]) {
      const error = await caught(services.posts.listPublished(query({ limit: "2", cursor: bad })));
      expect(error).toMatchObject({ status: 400, errors: [{ pointer: "/query/cursor" }] });
    }
  });

  it("returns a published post matching the Post contract exactly", async () => {
    const [first] = (await services.posts.listPublished(query({ limit: "1", include: "authors,tags" }))).data;
    const post = await services.posts.getPublishedBySlug(first!.slug);
    expect(PostSchema.parse(post)).toEqual(post);
    expect(post.authors).toEqual(first!.authors);
    expect(post.tags).toEqual(first!.tags);
    expect(post.body.content.length).toBeGreaterThan(3);
    expect(post.html).toContain("<h2>");
    expect(post.reading_time_minutes).toBeGreaterThan(0);
    expect(post.published_at).toMatch(/Z$/);
  });

  it("answers 404 for an unknown slug", async () => {
    expect(await caught(services.posts.getPublishedBySlug("does-not-exist"))).toMatchObject({
      status: 404,
      resource: "post",
    });
  });
});
