import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { CategoryListSchema, TagListSchema } from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../services.js";

describe("taxonomy service (PGlite, demo content)", () => {
  let database: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite", seed: "demo" });
    services = createServices({ database, cursorSecret: "test-cursor-secret-0123456789abcdef" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("lists tags by name with published post counts", async () => {
    const tags = await services.taxonomy.listTags();
    expect(TagListSchema.parse(tags)).toEqual(tags);
    expect(tags.data).toHaveLength(8);
    const names = tags.data.map((t) => t.name);
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
    for (const tag of tags.data) {
      let count = 0;
      let cursor: string | null = null;
      do {
        const page = await services.posts.listPublished({
          limit: 100,
          tag: tag.slug,
          ...(cursor ? { cursor } : {}),
        });
        count += page.data.length;
        cursor = page.next_cursor;
      } while (cursor);
      expect(tag.post_count).toBe(count);
    }
  });

  it("lists categories in tree order with parents and positions", async () => {
    const categories = await services.taxonomy.listCategories();
    expect(CategoryListSchema.parse(categories)).toEqual(categories);
    const bySlug = new Map(categories.data.map((c) => [c.slug, c]));
    expect(bySlug.get("infrastructure")?.parent_id).toBe(bySlug.get("engineering")?.id);
    expect(bySlug.get("engineering")?.parent_id).toBeNull();
    const seen = new Set<string>();
    for (const category of categories.data) {
      if (category.parent_id !== null) expect(seen.has(category.parent_id)).toBe(true);
      seen.add(category.id);
    }
    expect(categories.data.map((c) => c.slug)).toEqual([
      "engineering",
      "infrastructure",
      "editorial",
      "newsroom-practice",
      "design",
    ]);
    expect(categories.data.reduce((sum, c) => sum + c.post_count, 0)).toBeGreaterThan(0);
  });
});
