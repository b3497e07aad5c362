import { createRepositories, tags } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { FeedSchema, SITEMAP_CHUNK_SIZE, SitemapChunkSchema, SitemapIndexSchema } from "@folio/types";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAuthor, insertSeoPost } from "../test-support/seo-fixtures.js";
import { createDiscoveryService, type DiscoveryService } from "./discovery.service.js";

describe("discovery service: sitemap and feeds (PGlite)", () => {
  let database: TestDatabase;
  let service: DiscoveryService;
  let author: { id: string; slug: string };
  let tagId: string;

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite" });
    service = createDiscoveryService(createRepositories(database));
    author = await insertAuthor(database, "Grace");
    tagId = (await createRepositories(database).tags.create({ slug: "news", name: "News & <Views>" })).id;
    // One more post than a chunk holds, in one statement.
    await database.db.execute(sql`
      insert into posts (id, type, title, slug, body, html, status, published_at, updated_at)
      select gen_random_uuid(), 'post', 'Bulk ' || n, 'bulk-' || n, '{"type":"doc","content":[]}'::jsonb, '<p>x</p>',
             'published', now() - interval '1 day' - (n || ' seconds')::interval, now() - interval '1 day'
      from generate_series(1, ${SITEMAP_CHUNK_SIZE + 1}) as n`);
  });
  afterAll(async () => {
    await database.close();
  });

  it("indexes chunks of at most 5,000 URLs and serves each with lastmod", async () => {
    await insertSeoPost(database, { type: "page", slug: "about" });
    await insertSeoPost(database, { slug: "draft-one", status: "draft" });
    await insertSeoPost(database, { slug: "trashed-one", deleted: true });
    const index = await service.sitemapIndex();
    expect(SitemapIndexSchema.parse(index)).toEqual(index);
    const posts = index.chunks.filter((c) => c.kind === "posts");
    expect(posts.map((c) => c.page)).toEqual([1, 2]);
    expect(posts[0]!.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(index.chunks.filter((c) => c.kind === "pages")).toHaveLength(1);

    const first = await service.sitemapChunk("posts", 1);
    const second = await service.sitemapChunk("posts", 2);
    expect(SitemapChunkSchema.parse(first)).toEqual(first);
    expect(first.data).toHaveLength(SITEMAP_CHUNK_SIZE);
    const all = [...first.data, ...second.data].map((e) => e.path);
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain("/draft-one");
    expect(all).not.toContain("/trashed-one");
    expect(all).not.toContain("/about");
    expect((await service.sitemapChunk("pages", 1)).data.map((e) => e.path)).toEqual(["/about"]);
    await expect(service.sitemapChunk("posts", 3)).rejects.toMatchObject({ status: 404 });
    // An empty kind still has a (valid, empty) first chunk.
    expect((await service.sitemapChunk("categories", 1)).data).toEqual([]);
  });

  it("lists tags and authors with live posts in the sitemap", async () => {
    await insertSeoPost(database, { slug: "tagged", tagIds: [tagId], authorIds: [author.id] });
    await database.db.insert(tags).values({ id: crypto.randomUUID(), slug: "unused", name: "Unused" });
    expect((await service.sitemapChunk("tags", 1)).data.map((e) => e.path)).toEqual(["/tag/news"]);
    expect((await service.sitemapChunk("authors", 1)).data.map((e) => e.path)).toEqual([
      `/author/${author.slug}`,
    ]);
  });

  it("feeds the latest 20 live posts with html; members-only posts carry the excerpt only", async () => {
    const members = await insertSeoPost(database, {
      slug: "members-scoop",
      visibility: "members",
      html: "<p>secret body</p>",
      excerpt: "Public teaser",
      tagIds: [tagId],
      authorIds: [author.id],
      publishedAt: new Date(),
    });
    const feed = await service.feed({});
    expect(FeedSchema.parse(feed)).toEqual(feed);
    expect(feed.scope.kind).toBe("site");
    expect(feed.items).toHaveLength(20);
    const gated = feed.items.find((item) => item.id === members.id);
    expect(gated).toMatchObject({ gated: true, html: "", excerpt: "Public teaser" });
    expect(JSON.stringify(feed)).not.toContain("secret body");
    const times = feed.items.map((i) => i.published_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("scopes feeds to a tag, category or author and 404s unknown ones", async () => {
    const byTag = await service.feed({ tag: "news" });
    expect(byTag.scope).toMatchObject({ kind: "tag", slug: "news", name: "News & <Views>" });
    expect(byTag.items.map((i) => i.slug).sort()).toEqual(["members-scoop", "tagged"]);
    expect(byTag.items[0]!.tags[0]).toMatchObject({ slug: "news" });
    const byAuthor = await service.feed({ author: author.slug });
    expect(byAuthor.scope).toMatchObject({ kind: "author", name: "Grace" });
    expect(byAuthor.items[0]!.authors[0]).toMatchObject({ name: "Grace" });
    await expect(service.feed({ tag: "nope" })).rejects.toMatchObject({ status: 404 });
    await expect(service.feed({ category: "nope" })).rejects.toMatchObject({ status: 404 });
    await expect(service.feed({ author: "nope" })).rejects.toMatchObject({ status: 404 });
  });
});
