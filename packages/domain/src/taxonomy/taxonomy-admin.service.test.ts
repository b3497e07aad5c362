import { isFolioError } from "@folio/core";
import { createRepositories, outbox, postTags } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDomainEvents, type DomainEventType } from "../events/domain-events.js";
import { insertAuthor, insertSeoPost } from "../test-support/seo-fixtures.js";
import { createTaxonomyAdminService, type TaxonomyAdminService } from "./taxonomy-admin.service.js";

async function problem(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; pointers: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (!isFolioError(error)) throw error;
    return { status: error.status, code: error.code, pointers: (error.errors ?? []).map((e) => e.pointer) };
  }
  throw new Error("expected a problem");
}

describe("taxonomy admin service (PGlite)", () => {
  let database: TestDatabase;
  let service: TaxonomyAdminService;
  const emitted: { type: DomainEventType; payload: unknown }[] = [];
  const actor = { userId: "" };

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite" });
    const events = createDomainEvents();
    events.subscribe((type, payload) => {
      emitted.push({ type, payload });
    });
    service = createTaxonomyAdminService({ database, events });
    actor.userId = (await insertAuthor(database, "Editor")).id;
  });
  afterAll(async () => {
    await database.close();
  });

  async function revalidateJobs(): Promise<{ paths: string[]; tags: string[] }[]> {
    const rows = await database.db.select().from(outbox).where(eq(outbox.topic, "web.revalidate"));
    return rows.map((row) => row.payload as { paths: string[]; tags: string[] });
  }

  it("creates tags with generated, de-duplicated slugs; an explicit taken slug is 409", async () => {
    const first = await service.createTag(actor, { name: "Open Source" });
    const second = await service.createTag(actor, { name: "Open source!" });
    expect(first).toMatchObject({
      slug: "open-source",
      name: "Open Source",
      post_count: 0,
      description: null,
    });
    expect(second.slug).toBe("open-source-2");
    expect((await service.createTag(actor, { name: "Crème Brûlée & Co." })).slug).toBe("creme-brulee-co");
    // Words reserved at the site root are fine under /tag/.
    expect((await service.createTag(actor, { name: "Search" })).slug).toBe("search");
    expect(await problem(service.createTag(actor, { name: "X", slug: "open-source" }))).toMatchObject({
      status: 409,
      code: "slug-taken",
    });
    expect(emitted.some((e) => e.type === "tag.renamed")).toBe(true);
  });

  it("renames a tag: 301 redirect from the old archive, revalidation job, event after commit", async () => {
    const tag = await service.createTag(actor, { name: "Golang" });
    emitted.length = 0;
    const renamed = await service.updateTag(actor, tag.id, { name: "Go", slug: "go" });
    expect(renamed).toMatchObject({ id: tag.id, slug: "go", name: "Go" });
    const redirects = createRepositories(database).redirects;
    expect(await redirects.findByFromPath("/tag/golang")).toMatchObject({
      toPath: "/tag/go",
      statusCode: 301,
      kind: "tag",
    });
    expect(emitted).toContainEqual({ type: "tag.renamed", payload: { slug: "go", previousSlug: "golang" } });
    const jobs = await revalidateJobs();
    expect(jobs.some((job) => job.paths.includes("/tag/golang") && job.paths.includes("/tag/go"))).toBe(true);

    // Renaming back removes the redirect from the path now in use again: no loop.
    await service.updateTag(actor, tag.id, { slug: "golang" });
    expect(await redirects.findByFromPath("/tag/golang")).toBeNull();
    expect(await redirects.findByFromPath("/tag/go")).toMatchObject({ toPath: "/tag/golang" });
    expect(await problem(service.updateTag(actor, tag.id, { slug: "open-source" }))).toMatchObject({
      status: 409,
      code: "slug-taken",
    });
    expect(
      await problem(service.updateTag(actor, "01890000-0000-7000-8000-000000000000", { name: "x" })),
    ).toMatchObject({ status: 404 });
  });

  it("merges tag A into B in one transaction: posts move without duplicates, A goes, its archive redirects", async () => {
    const a = await service.createTag(actor, { name: "Merge From" });
    const b = await service.createTag(actor, { name: "Merge Into" });
    const other = await service.createTag(actor, { name: "Older Name" });
    // An older redirect into A's archive must not become a chain.
    await service.updateTag(actor, other.id, { slug: "older-name-renamed" });
    await createRepositories(database).redirects.point({
      fromPath: "/tag/ancient",
      toPath: "/tag/merge-from",
      kind: "tag",
    });
    const author = await insertAuthor(database);
    const onlyA = await insertSeoPost(database, { tagIds: [a.id], authorIds: [author.id] });
    const both = await insertSeoPost(database, { tagIds: [b.id, a.id], authorIds: [author.id] });

    const result = await service.mergeTag(actor, a.id, { into_id: b.id });
    expect(result).toMatchObject({
      moved_posts: 1,
      redirect_from: "/tag/merge-from",
      tag: { id: b.id, post_count: 2 },
    });
    const tagsOf = async (postId: string) =>
      (await database.db.select().from(postTags).where(eq(postTags.postId, postId))).map((r) => r.tagId);
    expect(await tagsOf(onlyA.id)).toEqual([b.id]);
    expect(await tagsOf(both.id)).toEqual([b.id]);
    const repos = createRepositories(database);
    expect(await repos.tags.findById(a.id)).toBeNull();
    expect(await repos.redirects.findByFromPath("/tag/merge-from")).toMatchObject({
      toPath: "/tag/merge-into",
    });
    expect(await repos.redirects.findByFromPath("/tag/ancient")).toMatchObject({ toPath: "/tag/merge-into" });
    expect(emitted).toContainEqual({ type: "tag.deleted", payload: { slug: "merge-from" } });
  });

  it("refuses to merge a tag into itself or an unknown tag (422), and an unknown tag is 404", async () => {
    const tag = await service.createTag(actor, { name: "Lonely" });
    expect(await problem(service.mergeTag(actor, tag.id, { into_id: tag.id }))).toMatchObject({
      status: 422,
      pointers: ["/body/into_id"],
    });
    const unknown = "01890000-0000-7000-8000-000000000001";
    expect(await problem(service.mergeTag(actor, tag.id, { into_id: unknown }))).toMatchObject({
      status: 422,
      pointers: ["/body/into_id"],
    });
    expect(await problem(service.mergeTag(actor, unknown, { into_id: tag.id }))).toMatchObject({
      status: 404,
    });
    // Nothing was half-done: the tag is still there.
    expect(await createRepositories(database).tags.findById(tag.id)).not.toBeNull();
  });

  it("deletes a tag and detaches it from its posts", async () => {
    const tag = await service.createTag(actor, { name: "Ephemeral" });
    const post = await insertSeoPost(database, { tagIds: [tag.id] });
    await service.deleteTag(actor, tag.id);
    expect(await database.db.select().from(postTags).where(eq(postTags.postId, post.id))).toEqual([]);
    expect(emitted).toContainEqual({ type: "tag.deleted", payload: { slug: "ephemeral" } });
    expect(await problem(service.deleteTag(actor, tag.id))).toMatchObject({ status: 404 });
  });

  it("keeps categories a tree: unknown parent and cycles are 422, a parent with children is 409", async () => {
    const root = await service.createCategory(actor, { name: "Science" });
    const child = await service.createCategory(actor, { name: "Physics", parent_id: root.id });
    const grandchild = await service.createCategory(actor, { name: "Optics", parent_id: child.id });
    expect(child.parent_id).toBe(root.id);

    expect(
      await problem(
        service.createCategory(actor, { name: "Orphan", parent_id: "01890000-0000-7000-8000-000000000002" }),
      ),
    ).toMatchObject({ status: 422, pointers: ["/body/parent_id"] });
    expect(await problem(service.updateCategory(actor, root.id, { parent_id: grandchild.id }))).toMatchObject(
      {
        status: 422,
        pointers: ["/body/parent_id"],
      },
    );
    expect(await problem(service.updateCategory(actor, root.id, { parent_id: root.id }))).toMatchObject({
      status: 422,
    });
    expect(await problem(service.deleteCategory(actor, child.id))).toMatchObject({
      status: 409,
      code: "category-has-children",
    });

    // Moving the grandchild to the top level is fine; then the child can go.
    const moved = await service.updateCategory(actor, grandchild.id, { parent_id: null });
    expect(moved.parent_id).toBeNull();
    await service.deleteCategory(actor, child.id);
    expect(await createRepositories(database).categories.findById(child.id)).toBeNull();
  });

  it("orders siblings by position and renames with a redirect", async () => {
    const parent = await service.createCategory(actor, { name: "Sports" });
    const a = await service.createCategory(actor, { name: "Athletics", parent_id: parent.id });
    const b = await service.createCategory(actor, { name: "Boxing", parent_id: parent.id });
    const c = await service.createCategory(actor, { name: "Cycling", parent_id: parent.id, position: 0 });
    const order = async () =>
      (await service.listCategories()).data.filter((x) => x.parent_id === parent.id).map((x) => x.slug);
    expect(await order()).toEqual(["cycling", "athletics", "boxing"]);
    await service.updateCategory(actor, a.id, { position: 2 });
    expect(await order()).toEqual(["cycling", "boxing", "athletics"]);
    expect((await service.listCategories()).data.find((x) => x.id === b.id)?.position).toBe(1);
    void c;

    await service.updateCategory(actor, b.id, { slug: "boxe" });
    expect(await createRepositories(database).redirects.findByFromPath("/category/boxing")).toMatchObject({
      toPath: "/category/boxe",
      kind: "category",
    });
    expect(emitted).toContainEqual({
      type: "category.updated",
      payload: { slug: "boxe", previousSlug: "boxing" },
    });
  });
});
