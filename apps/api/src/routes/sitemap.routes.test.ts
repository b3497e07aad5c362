import { FeedSchema, SitemapChunkSchema, SitemapIndexSchema } from "@folio/types";
import { uuidv7 } from "@folio/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

describe("sitemap and feed routes (PGlite)", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ kind: "pglite", seed: false });
    const insert = async (slug: string, visibility: string, html: string) => {
      await t.database.db.execute(sql`
        insert into posts (id, title, slug, excerpt, body, html, status, visibility, published_at)
        values (${uuidv7()}, ${`Title of ${slug}`}, ${slug}, 'Teaser', '{"type":"doc","content":[]}'::jsonb,
                ${html}, 'published', ${visibility}, now())`);
    };
    await insert("open-post", "public", "<p>open body</p>");
    await insert("members-post", "members", "<p>members body</p>");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("serves the sitemap index and its chunks, publicly cacheable", async () => {
    const index = await t.app.inject({ url: "/api/v1/sitemap" });
    expect(index.statusCode).toBe(200);
    expect(index.headers["cache-control"]).toContain("public");
    const body = SitemapIndexSchema.parse(index.json());
    expect(body.chunks).toEqual([expect.objectContaining({ kind: "posts", page: 1 })]);
    const chunk = await t.app.inject({ url: "/api/v1/sitemap/posts?page=1" });
    expect(
      SitemapChunkSchema.parse(chunk.json())
        .data.map((e) => e.path)
        .sort(),
    ).toEqual(["/members-post", "/open-post"]);
    expect((await t.app.inject({ url: "/api/v1/sitemap/posts?page=2" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/sitemap/widgets" })).statusCode).toBe(400);
    expect((await t.app.inject({ url: "/api/v1/sitemap/posts?page=0" })).statusCode).toBe(400);
  });

  it("serves feed items without the body of members-only posts", async () => {
    const res = await t.app.inject({ url: "/api/v1/feeds/posts" });
    expect(res.statusCode).toBe(200);
    const feed = FeedSchema.parse(res.json());
    expect(feed.items.map((i) => [i.slug, i.gated, i.html])).toEqual(
      expect.arrayContaining([
        ["open-post", false, "<p>open body</p>"],
        ["members-post", true, ""],
      ]),
    );
    expect(res.body).not.toContain("members body");
  });

  it("404s unknown scopes and refuses two scopes at once", async () => {
    expect((await t.app.inject({ url: "/api/v1/feeds/posts?tag=unknown" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/v1/feeds/posts?tag=a&author=b" })).statusCode).toBe(400);
    expect((await t.app.inject({ url: "/api/v1/feeds/posts?tag=Not%20A%20Slug" })).statusCode).toBe(400);
  });
});
