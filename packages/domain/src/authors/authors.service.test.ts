import { uuidv7 } from "@folio/core";
import { users } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { AuthorSchema } from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../services.js";

describe("authors service (PGlite, demo content)", () => {
  let database: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite", seed: "demo" });
    services = createServices({ database, cursorSecret: "test-cursor-secret-0123456789abcdef" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("returns an author with bio and published post count, matching the contract", async () => {
    const author = await services.authors.getBySlug("priya-raman");
    expect(AuthorSchema.parse(author)).toEqual(author);
    expect(author).toMatchObject({
      slug: "priya-raman",
      name: "Priya Raman",
      website_url: "https://priya.folio.example",
    });
    expect(author.bio).toContain("typography");
    let count = 0;
    let cursor: string | null = null;
    do {
      const page = await services.posts.listPublished({
        limit: 100,
        author: "priya-raman",
        ...(cursor ? { cursor } : {}),
      });
      count += page.data.length;
      cursor = page.next_cursor;
    } while (cursor);
    expect(author.post_count).toBe(count);
    expect(count).toBeGreaterThan(0);
  });

  it("answers 404 for unknown users and for users without a published byline", async () => {
    await expect(services.authors.getBySlug("nobody-here")).rejects.toMatchObject({
      status: 404,
      resource: "author",
    });
    await database.db.insert(users).values({
      id: uuidv7(),
      email: "reader@folio.example",
      displayName: "A Reader",
      slug: "a-reader",
      role: "member",
    });
    await expect(services.authors.getBySlug("a-reader")).rejects.toMatchObject({
      status: 404,
      resource: "author",
    });
    await expect(services.posts.listPublished({ limit: 5, author: "a-reader" })).rejects.toMatchObject({
      errors: [{ pointer: "/query/author" }],
    });
  });
});
