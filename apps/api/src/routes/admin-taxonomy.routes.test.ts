import { postTags } from "@folio/database";
import { databaseKinds } from "@folio/database/testing";
import { CategorySchema, TagMergeResultSchema, TagSchema, type Category, type Tag } from "@folio/types";
import { uuidv7 } from "@folio/core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

interface Problem {
  type: string;
  status: number;
  code?: string;
  errors?: { pointer: string; detail: string }[];
}

describe.each(databaseKinds)("admin taxonomy routes on %s", (kind) => {
  let t: TestApp;
  let editor: SignedInUser;
  let author: SignedInUser;

  beforeAll(async () => {
    t = await buildTestApp({ kind, seed: false });
    editor = await signIn(t, await createUser(t, { role: "editor" }));
    author = await signIn(t, await createUser(t, { role: "author" }));
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown, who = editor) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: who.headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  async function createTag(name: string, slug?: string): Promise<Tag> {
    const res = await call("POST", "/admin/tags", slug === undefined ? { name } : { name, slug });
    expect(res.statusCode).toBe(201);
    return TagSchema.parse(res.json());
  }

  async function insertPublishedPost(tagIds: string[]): Promise<string> {
    const id = uuidv7();
    await t.database.db.execute(sql`
      insert into posts (id, title, slug, body, html, status, published_at)
      values (${id}, 'P', ${`p-${id}`}, '{"type":"doc","content":[]}'::jsonb, '<p>x</p>', 'published', now())`);
    for (const [position, tagId] of tagIds.entries()) {
      await t.database.db.insert(postTags).values({ postId: id, tagId, position });
    }
    return id;
  }

  it("needs taxonomy:manage: 401 anonymous, 403 for an author", async () => {
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/tags",
      payload: { name: "x" },
    });
    expect(anonymous.statusCode).toBe(401);
    const forbidden = await call("POST", "/admin/tags", { name: "x" }, author);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers["content-type"]).toContain("application/problem+json");
    expect((await call("GET", "/admin/categories", undefined, author)).statusCode).toBe(403);
  });

  it("creates a tag (201), refuses unknown fields and bad slugs (400), a taken slug is 409", async () => {
    const tag = await createTag("Release Notes");
    expect(tag).toMatchObject({ slug: "release-notes", post_count: 0 });
    const unknown = await call("POST", "/admin/tags", { name: "x", colour: "red" });
    expect(unknown.statusCode).toBe(400);
    const badSlug = await call("POST", "/admin/tags", { name: "x", slug: "Not A Slug" });
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.json<Problem>().errors?.[0]?.pointer).toBe("/body/slug");
    const empty = await call("POST", "/admin/tags", { name: "  " });
    expect(empty.json<Problem>().errors?.[0]?.pointer).toBe("/body/name");
    const taken = await call("POST", "/admin/tags", { name: "Other", slug: "release-notes" });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<Problem>().type).toMatch(/\/slug-taken$/);
    const list = await call("GET", "/admin/tags");
    expect(list.json<{ data: Tag[] }>().data.map((x) => x.slug)).toContain("release-notes");
  });

  it("renames with a redirect that the public resolve endpoint answers", async () => {
    const tag = await createTag("Javascript");
    const res = await call("PATCH", `/admin/tags/${tag.id}`, { name: "JavaScript", slug: "js" });
    expect(res.statusCode).toBe(200);
    expect(res.json<Tag>()).toMatchObject({ slug: "js", name: "JavaScript" });
    const resolved = await t.app.inject({ url: "/api/v1/redirects/resolve?path=/tag/javascript" });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toEqual({ to_path: "/tag/js", status_code: 301 });
    expect((await call("PATCH", `/admin/tags/${uuidv7()}`, { name: "x" })).statusCode).toBe(404);
    expect((await call("PATCH", "/admin/tags/not-a-uuid", { name: "x" })).statusCode).toBe(400);
  });

  it("merges tags: posts keep one copy, the source is gone, its archive redirects", async () => {
    const from = await createTag("Kubernetes");
    const into = await createTag("K8s");
    const both = await insertPublishedPost([from.id, into.id]);
    const onlyFrom = await insertPublishedPost([from.id]);
    const res = await call("POST", `/admin/tags/${from.id}/merge`, { into_id: into.id });
    expect(res.statusCode).toBe(200);
    const result = TagMergeResultSchema.parse(res.json());
    expect(result).toMatchObject({
      moved_posts: 1,
      redirect_from: "/tag/kubernetes",
      tag: { post_count: 2 },
    });
    for (const postId of [both, onlyFrom]) {
      const rows = await t.database.db.select().from(postTags).where(eq(postTags.postId, postId));
      expect(rows.map((r) => r.tagId)).toEqual([into.id]);
    }
    expect((await call("DELETE", `/admin/tags/${from.id}`)).statusCode).toBe(404);
    const self = await call("POST", `/admin/tags/${into.id}/merge`, { into_id: into.id });
    expect(self.statusCode).toBe(422);
    expect(self.json<Problem>().errors?.[0]?.pointer).toBe("/body/into_id");
    expect((await call("POST", `/admin/tags/${into.id}/merge`, {})).statusCode).toBe(400);
  });

  it("deletes a tag (204)", async () => {
    const tag = await createTag("Temporary");
    const res = await call("DELETE", `/admin/tags/${tag.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
  });

  it("manages the category tree: 422 for cycles and unknown parents, 409 for a parent with children", async () => {
    const create = async (payload: Record<string, unknown>): Promise<Category> => {
      const res = await call("POST", "/admin/categories", payload);
      expect(res.statusCode).toBe(201);
      return CategorySchema.parse(res.json());
    };
    const root = await create({ name: "World" });
    const child = await create({ name: "Europe", parent_id: root.id });
    const cycle = await call("PATCH", `/admin/categories/${root.id}`, { parent_id: child.id });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json<Problem>().errors?.[0]?.pointer).toBe("/body/parent_id");
    const orphan = await call("POST", "/admin/categories", { name: "Lost", parent_id: uuidv7() });
    expect(orphan.statusCode).toBe(422);
    const negative = await call("PATCH", `/admin/categories/${child.id}`, { position: -1 });
    expect(negative.statusCode).toBe(400);
    const busy = await call("DELETE", `/admin/categories/${root.id}`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json<Problem>().type).toMatch(/\/category-has-children$/);
    const renamed = await call("PATCH", `/admin/categories/${child.id}`, { slug: "europa", position: 0 });
    expect(renamed.json<Category>()).toMatchObject({ slug: "europa", position: 0 });
    expect((await call("DELETE", `/admin/categories/${child.id}`)).statusCode).toBe(204);
    expect((await call("DELETE", `/admin/categories/${root.id}`)).statusCode).toBe(204);
  });
});
