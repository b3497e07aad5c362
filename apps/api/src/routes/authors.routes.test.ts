import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

describe.each(["pglite", "postgres"] as const)("authors routes on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ kind });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("returns an author by slug, 404 for an unknown one and 400 for an invalid slug", async () => {
    const posts = await t.app.inject({ url: "/api/v1/posts?limit=1&include=authors" });
    const slug = posts.json<{ data: { authors: { slug: string }[] }[] }>().data[0]!.authors[0]!.slug;
    const author = await t.app.inject({ url: `/api/v1/authors/${slug}` });
    expect(author.statusCode).toBe(200);
    expect(author.json()).toMatchObject({ slug, post_count: expect.any(Number) });

    const missing = await t.app.inject({ url: "/api/v1/authors/nobody-here" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    const invalid = await t.app.inject({ url: `/api/v1/authors/${"x".repeat(192)}` });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer).toBe("/params/slug");
  });
});
