import { afterEach, describe, expect, it } from "vitest";
import { migrateDown, migrateUp } from "../migrator.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";

// A post written before 0003, in the v1 block format, with one of each block type.
const v1Body = {
  version: 1,
  blocks: [
    { type: "paragraph", text: "Hello" },
    { type: "heading", level: 3, text: "Part" },
    { type: "list", ordered: true, items: ["one", "two"] },
    { type: "quote", text: "Said" },
    { type: "code", language: "ts", text: "let x = 1;" },
    { type: "image", src: "/a.png", alt: "A", caption: "Cap" },
    { type: "paragraph", text: "" },
  ],
};

describe.each(databaseKinds)("0003_publishing on %s", (kind) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it("converts v1 block bodies into editor documents, and back on rollback", async () => {
    database = await createTestDatabase({ kind, migrate: false });
    await migrateUp(database, { to: "0002_accounts" });
    await database.withConnection(async (c) => {
      await c.query(
        `insert into posts (id, title, slug, body, html, status, published_at)
         values ('01900000-0000-7000-8000-000000000001', 'T', 't', $1::jsonb, '<p>Hello</p>', 'published', now())`,
        [JSON.stringify(v1Body)],
      );
    });
    await migrateUp(database);
    const [row] = await database.withConnection((c) =>
      c.query<{ body: unknown; status: string; type: string }>("select body, status, type from posts"),
    );
    expect(row?.status).toBe("published");
    expect(row?.type).toBe("post");
    expect(row?.body).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Hello" }] },
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Part" }] },
        {
          type: "orderedList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] },
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "two" }] }] },
          ],
        },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Said" }] }] },
        { type: "codeBlock", attrs: { language: "ts" }, content: [{ type: "text", text: "let x = 1;" }] },
        { type: "image", attrs: { src: "/a.png", alt: "A", title: "Cap" } },
        { type: "paragraph", content: [] },
      ],
    });

    await migrateDown(database, { step: 1 });
    const [back] = await database.withConnection((c) =>
      c.query<{ body: unknown; status: string }>("select body, status::text as status from posts"),
    );
    expect(back?.status).toBe("published");
    expect(back?.body).toEqual(v1Body);
  });
});
