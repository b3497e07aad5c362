import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

describe("taxonomy routes", () => {
  describe.each(["pglite", "postgres"] as const)("on %s", (kind) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp({ kind });
    });
    afterAll(async () => {
      await t?.close();
    });

    it("lists tags and categories with post counts", async () => {
      const tags = await t.app.inject({ url: "/api/v1/tags" });
      expect(tags.statusCode).toBe(200);
      expect(tags.headers["cache-control"]).toContain("public");
      const tagList = tags.json<{ data: { slug: string; post_count: number }[] }>();
      expect(tagList.data.length).toBeGreaterThan(3);
      expect(tagList.data.every((tag) => tag.post_count >= 0)).toBe(true);

      const categories = await t.app.inject({ url: "/api/v1/categories" });
      expect(categories.statusCode).toBe(200);
      const categoryList = categories.json<{ data: { id: string; parent_id: string | null }[] }>();
      expect(categoryList.data.length).toBeGreaterThan(1);
      const ids = new Set(categoryList.data.map((c) => c.id));
      expect(categoryList.data.every((c) => c.parent_id === null || ids.has(c.parent_id))).toBe(true);
    });

    it("rejects unknown parameters on the lists", async () => {
      const res = await t.app.inject({ url: "/api/v1/tags?page=2" });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer).toBe("/query/page");
    });
  });
});
