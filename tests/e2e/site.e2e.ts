import type { Post, PostList, Tag } from "@folio/types";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { API_URL, BASE_URL, PageProblems, apiGet, launchBrowser, newContext } from "./support/browser.js";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function freshPage(): Promise<void> {
  context = await newContext(browser);
  page = await context.newPage();
  problems = new PageProblems(page);
}
afterEach(async () => {
  await context.close();
});

async function metaContent(selector: string): Promise<string | null> {
  return page.locator(selector).first().getAttribute("content");
}

describe("public site", () => {
  it("shows the seeded posts on the home page, newest first, with working pagination", async () => {
    await freshPage();
    const latest = await apiGet<PostList>("/api/v1/posts?limit=3");
    expect(latest.data.length).toBeGreaterThan(0);

    const res = await page.goto("/");
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toContain("Folio");
    const latestSection = page.locator("section[aria-labelledby=latest-heading]");
    await expect(
      latestSection.getByRole("heading", { level: 2, name: "Latest posts" }).count(),
    ).resolves.toBe(1);
    const titles = await latestSection.locator("article h3").allInnerTexts();
    expect(titles.slice(0, latest.data.length)).toEqual(latest.data.map((p) => p.title));
    expect(await page.locator("header nav[aria-label=Categories] a").count()).toBeGreaterThan(1);

    // The demo seed has more posts than one page holds.
    const older = page.getByRole("link", { name: "Older posts" });
    await older.click();
    await page.waitForURL(/\?cursor=/);
    await page.getByRole("heading", { level: 2, name: "Older posts" }).waitFor();
    const olderTitles = await page
      .locator("section[aria-labelledby=latest-heading] article h3")
      .allInnerTexts();
    expect(olderTitles.length).toBeGreaterThan(0);
    expect(olderTitles).not.toContain(titles[0]);
    await expect(page.getByRole("link", { name: "Newest posts" }).count()).resolves.toBe(1);

    expect(problems.problems).toEqual([]);
  });

  it("answers a forged cursor with a friendly message instead of an error", async () => {
    await freshPage();
    const res = await page.goto("/?cursor=not-a-real-cursor");
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { name: "That page link has expired" }).waitFor();
    await expect(
      page.getByRole("link", { name: "Start from the newest posts" }).getAttribute("href"),
    ).resolves.toBe("/");
    expect(problems.problems).toEqual([]);
  });

  it("opens a post from the home page with its title, description, Open Graph, canonical and JSON-LD", async () => {
    await freshPage();
    await page.goto("/");
    const firstCard = page.locator("section[aria-labelledby=latest-heading] article h3 a").first();
    const href = await firstCard.getAttribute("href");
    expect(href).toMatch(/^\/[a-z0-9-]+$/);
    const slug = (href ?? "").slice(1);
    const post = await apiGet<Post>(`/api/v1/posts/${slug}`);

    await firstCard.click();
    await page.waitForURL(`${BASE_URL}/${slug}`);
    await page.getByRole("heading", { level: 1, name: post.title }).waitFor();
    // An SEO title is used verbatim; otherwise the post title gets the site suffix.
    const expectedTitle = post.seo.meta_title ?? `${post.title} · Folio`;
    await page.waitForFunction((t) => document.title === t, expectedTitle);

    // A direct load must carry the same head, as a crawler sees it.
    const res = await page.goto(`/${slug}`);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe(expectedTitle);
    const description = post.seo.meta_description ?? post.excerpt;
    if (description !== null) await expect(metaContent("meta[name=description]")).resolves.toBe(description);
    await expect(metaContent("meta[property='og:title']")).resolves.toBe(
      post.seo.og_title ?? post.seo.meta_title ?? post.title,
    );
    await expect(metaContent("meta[property='og:type']")).resolves.toBe("article");
    await expect(metaContent("meta[property='article:published_time']")).resolves.toBe(post.published_at);
    await expect(metaContent("meta[name='twitter:card']")).resolves.toMatch(/^summary/);
    const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
    expect(canonical).toBe(post.seo.canonical_url ?? `${BASE_URL}/${slug}`);

    const jsonLd = await page.locator("script[type='application/ld+json']").allTextContents();
    const articles = jsonLd
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .filter((d) => d["@type"] === "Article");
    expect(articles).toHaveLength(1);
    const article = articles[0]!;
    expect(article.headline).toBe(post.title);
    expect(article.datePublished).toBe(post.published_at);
    expect(article.dateModified).toBe(post.updated_at);
    expect((article.author as { "@type": string; name: string }[]).map((a) => [a["@type"], a.name])).toEqual(
      post.authors.map((a) => ["Person", a.name]),
    );
    expect((article.publisher as { name: string }).name).toBe("Folio");

    // The byline links every author; tags link to their pages; the body is the rendered HTML.
    for (const author of post.authors) {
      await expect(
        page.locator(`article header a[href='/author/${author.slug}']`).count(),
      ).resolves.toBeGreaterThan(0);
    }
    for (const tag of post.tags) {
      await expect(page.locator(`article a[href='/tag/${tag.slug}']`).count()).resolves.toBe(1);
    }
    expect((await page.locator("article .prose").innerHTML()).length).toBeGreaterThan(200);

    expect(problems.problems).toEqual([]);
  });

  it("renders tag, author and category pages for a seeded post", async () => {
    await freshPage();
    const [first] = (await apiGet<PostList>("/api/v1/posts?limit=1")).data;
    const post = await apiGet<Post>(`/api/v1/posts/${first!.slug}`);
    const tags = await apiGet<{ data: Tag[] }>("/api/v1/tags");
    const tag = tags.data.find((t) => t.post_count > 0)!;

    let res = await page.goto(`/tag/${tag.slug}`);
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: tag.name }).waitFor();
    expect(await page.locator("main article").count()).toBeGreaterThan(0);
    await expect(page.title()).resolves.toContain(tag.name);

    const author = post.authors[0]!;
    res = await page.goto(`/author/${author.slug}`);
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: author.name }).waitFor();
    expect(await page.locator("main article").count()).toBeGreaterThan(0);

    const category = post.primary_category ?? post.categories[0]!;
    res = await page.goto(`/category/${category.slug}`);
    expect(res?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: category.name }).waitFor();
    const crumbs = page.locator("nav[aria-label=Breadcrumb] li");
    expect(await crumbs.count()).toBeGreaterThanOrEqual(2);
    await expect(crumbs.last().innerText()).resolves.toContain(category.name);
    expect(await page.locator("main article").count()).toBeGreaterThan(0);

    expect(problems.problems).toEqual([]);
  });

  it("shows the designed 404 page with status 404 for unknown slugs", async () => {
    await freshPage();
    for (const path of [
      "/no-such-post-e2e",
      "/tag/no-such-tag-e2e",
      "/author/no-such-author-e2e",
      "/category/no-such-category-e2e",
      "/a/b/c",
    ]) {
      problems.allowStatus(404, path);
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await page.getByRole("heading", { level: 1, name: "This page is not here" }).waitFor();
      await expect(page.getByRole("link", { name: "Go to the home page" }).count()).resolves.toBe(1);
      await expect(page.locator("meta[name=robots]").first().getAttribute("content")).resolves.toContain(
        "noindex",
      );
    }
    expect(problems.problems).toEqual([]);
  });

  it("serves post pages from the incremental static regeneration cache", async () => {
    const [first] = (await apiGet<PostList>("/api/v1/posts?limit=1")).data;
    const url = `${BASE_URL}/${first!.slug}`;
    const warm = await fetch(url);
    expect(warm.status).toBe(200);
    await warm.text();
    const cached = await fetch(url);
    expect(cached.status).toBe(200);
    expect(["HIT", "STALE"]).toContain(cached.headers.get("x-nextjs-cache"));
    expect(cached.headers.get("cache-control")).toContain("s-maxage=60");
  });

  it("sends strict security headers with every page, and the API's own on proxied API paths", async () => {
    const [first] = (await apiGet<PostList>("/api/v1/posts?limit=1")).data;
    for (const path of ["/", `/${first!.slug}`, "/no-such-page-e2e"]) {
      const res = await fetch(`${BASE_URL}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-powered-by")).toBeNull();
    }
    const api = await fetch(`${BASE_URL}/api/v1/tags`);
    const direct = await fetch(`${API_URL}/api/v1/tags`);
    expect(api.headers.get("content-security-policy")).toBe(direct.headers.get("content-security-policy"));
  });

  it("publishes robots.txt and a sitemap index whose chunks list the posts", async () => {
    const robots = await fetch(`${BASE_URL}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`);

    const [first] = (await apiGet<PostList>("/api/v1/posts?limit=1")).data;
    const index = await fetch(`${BASE_URL}/sitemap.xml`);
    expect(index.status).toBe(200);
    const chunkUrls = [...(await index.text()).matchAll(/<sitemap>\s*<loc>([^<]+)<\/loc>/g)].map(
      (m) => m[1]!,
    );
    expect(chunkUrls.length).toBeGreaterThan(0);
    const chunks = await Promise.all(
      chunkUrls.map(async (url) => {
        expect(url.startsWith(`${BASE_URL}/`)).toBe(true);
        const chunk = await fetch(url);
        expect(chunk.status).toBe(200);
        return await chunk.text();
      }),
    );
    const xml = chunks.join("\n");
    expect(xml).toContain(`<loc>${BASE_URL}/${first!.slug}</loc>`);
    expect(xml).toContain(`<loc>${BASE_URL}/</loc>`);
  });

  it("proxies the API through the site's origin", async () => {
    const res = await fetch(`${BASE_URL}/api/v1/posts?limit=2&include=authors`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as PostList;
    expect(body.data).toHaveLength(2);
    expect(body.data[0]!.authors?.length).toBeGreaterThan(0);

    const missing = await fetch(`${BASE_URL}/api/v1/posts/no-such-post-e2e`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");

    const direct = await fetch(`${API_URL}/openapi.json`);
    const proxied = await fetch(`${BASE_URL}/openapi.json`);
    expect(proxied.status).toBe(direct.status);
    expect(proxied.status).toBe(200);
    expect(((await proxied.json()) as { openapi: string }).openapi).toMatch(/^3\./);

    const docs = await fetch(`${BASE_URL}/docs`, { redirect: "manual" });
    expect(docs.status).toBeLessThan(400);
  });
});
