import { createCursorCodec, isFolioError, uuidv7 } from "@folio/core";
import { categories, outbox, postRevisions, posts, postTransitions, redirects, tags } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { ListStaffPostsQuerySchema, type PostBody, StaffPostSchema } from "@folio/types";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvents } from "../events/domain-events.js";
import { actorOf, insertUser, type TestUser } from "../test-support/admin-fixtures.js";
import { createPostsAdminService, type PostsAdminService } from "./posts-admin.service.js";

const body = (text: string): PostBody => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    if (!isFolioError(error)) throw error;
    return error as unknown as Record<string, unknown>;
  }
  throw new Error("expected a rejection");
}

function recordingEvents(): DomainEvents & { seen: { type: string; payload: unknown }[] } {
  const seen: { type: string; payload: unknown }[] = [];
  return {
    seen,
    emit(type, payload) {
      seen.push({ type, payload });
      return Promise.resolve([]);
    },
    subscribe: () => () => undefined,
  };
}

describe("posts admin service (PGlite)", () => {
  let database: TestDatabase;
  let service: PostsAdminService;
  let events: ReturnType<typeof recordingEvents>;
  let clock = new Date("2030-01-01T10:00:00.000Z");
  let editor: TestUser;
  let author: TestUser;
  let otherAuthor: TestUser;
  let contributor: TestUser;
  let tagId: string;
  let categoryId: string;

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite" });
    events = recordingEvents();
    service = createPostsAdminService({
      database,
      cursors: createCursorCodec("posts-admin-test-secret-0123456789"),
      events,
      now: () => clock,
    });
    [editor, author, otherAuthor, contributor] = await Promise.all([
      insertUser(database, { role: "editor" }),
      insertUser(database, { role: "author" }),
      insertUser(database, { role: "author" }),
      insertUser(database, { role: "contributor" }),
    ]);
    tagId = uuidv7();
    categoryId = uuidv7();
    await database.db.insert(tags).values({ id: tagId, slug: "craft", name: "Craft" });
    await database.db.insert(categories).values({ id: categoryId, slug: "essays", name: "Essays" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("creates a draft with a generated, de-duplicated slug, a save revision and the contract shape", async () => {
    const a = await service.create(actorOf(author), "post", {
      title: "Crème Brûlée",
      body: body("Hello <world>"),
      tag_ids: [tagId],
      primary_category_id: categoryId,
    });
    const b = await service.create(actorOf(author), "post", { title: "Creme brulee" });
    expect(StaffPostSchema.parse(a)).toEqual(a);
    expect(a.slug).toBe("creme-brulee");
    expect(b.slug).toBe("creme-brulee-2");
    expect(a).toMatchObject({
      status: "draft",
      type: "post",
      version: 1,
      html: "<p>Hello &lt;world&gt;</p>",
      reading_time_minutes: 1,
      tags: [{ id: tagId, slug: "craft" }],
      primary_category: { id: categoryId },
      authors: [{ id: author.id }],
      allowed_actions: ["submit", "publish", "schedule", "archive"],
      can_edit: true,
    });
    const revisions = await database.db.select().from(postRevisions).where(eq(postRevisions.postId, a.id));
    expect(revisions.map((r) => r.kind)).toEqual(["save"]);
  });

  it("refuses reserved (422) and taken (409) explicit slugs and unknown references (422 by field)", async () => {
    expect(
      await rejection(service.create(actorOf(author), "post", { title: "x", slug: "admin" })),
    ).toMatchObject({ status: 422, errors: [{ pointer: "/body/slug" }] });
    expect(
      await rejection(service.create(actorOf(author), "post", { title: "x", slug: "creme-brulee" })),
    ).toMatchObject({ status: 409, type: "https://folio.dev/problems/slug-taken" });
    const unknown = uuidv7();
    expect(
      await rejection(
        service.create(actorOf(author), "post", {
          title: "x",
          tag_ids: [tagId, unknown],
          primary_category_id: unknown,
        }),
      ),
    ).toMatchObject({
      status: 422,
      errors: [{ pointer: "/body/primary_category_id" }, { pointer: "/body/tag_ids/1" }],
    });
  });

  it("answers 404 for another author's draft and 403 when only editors may name authors", async () => {
    const post = await service.create(actorOf(otherAuthor), "post", { title: "Private draft" });
    expect(await rejection(service.get(actorOf(author), post.id))).toMatchObject({ status: 404 });
    expect(await rejection(service.get(actorOf(contributor), post.id))).toMatchObject({ status: 404 });
    expect(
      await rejection(service.transition(actorOf(author), post.id, "publish", { expectedVersion: 1 })),
    ).toMatchObject({ status: 404 });
    expect((await service.get(actorOf(editor), post.id)).id).toBe(post.id);
    expect(
      await rejection(service.create(actorOf(author), "post", { title: "x", author_ids: [otherAuthor.id] })),
    ).toMatchObject({ status: 403 });
  });

  it("updates with optimistic concurrency and reports the current version on a stale write", async () => {
    const post = await service.create(actorOf(author), "post", { title: "Versioned" });
    const v2 = await service.update(
      actorOf(author),
      post.id,
      { title: "Versioned 2" },
      { expectedVersion: 1 },
    );
    expect(v2.version).toBe(2);
    const stale = await rejection(
      service.update(actorOf(author), post.id, { title: "lost" }, { expectedVersion: 1 }),
    );
    expect(stale).toMatchObject({
      status: 409,
      type: "https://folio.dev/problems/version-conflict",
      extensions: { current_version: 2 },
    });
    expect((await service.get(actorOf(author), post.id)).title).toBe("Versioned 2");
  });

  it("coalesces autosaves per user and drops the autosave on the next explicit save", async () => {
    const post = await service.create(actorOf(author), "post", { title: "Autosaved" });
    let version = post.version;
    for (const text of ["a", "ab", "abc"]) {
      version = (
        await service.update(
          actorOf(author),
          post.id,
          { body: body(text) },
          { expectedVersion: version, revisionKind: "autosave" },
        )
      ).version;
    }
    const kinds = async () =>
      (await database.db.select().from(postRevisions).where(eq(postRevisions.postId, post.id)))
        .map((r) => [r.kind, r.html])
        .sort((x, y) => y[0]!.localeCompare(x[0]!));
    expect(await kinds()).toEqual([
      ["save", ""],
      ["autosave", "<p>abc</p>"],
    ]);
    await service.update(actorOf(author), post.id, { excerpt: "done" }, { expectedVersion: version });
    expect((await kinds()).map(([kind]) => kind)).toEqual(["save", "save"]);
  });

  it("writes a redirect when a live post changes its slug, and enqueues revalidation", async () => {
    const post = await service.create(actorOf(editor), "post", { title: "Old name", tag_ids: [tagId] });
    const live = await service.transition(actorOf(editor), post.id, "publish", { expectedVersion: 1 });
    expect(live.status).toBe("published");
    events.seen.length = 0;
    const renamed = await service.update(
      actorOf(editor),
      post.id,
      { slug: "new-name" },
      { expectedVersion: live.version },
    );
    const [redirect] = await database.db.select().from(redirects).where(eq(redirects.fromPath, "/old-name"));
    expect(redirect).toMatchObject({ toPath: "/new-name", statusCode: 301, kind: "post" });
    expect(events.seen).toEqual([
      {
        type: "post.updated",
        payload: expect.objectContaining({ slug: "new-name", previousSlug: "old-name", tagSlugs: ["craft"] }),
      },
    ]);
    const jobs = await database.db.select().from(outbox).where(eq(outbox.topic, "web.revalidate"));
    expect(jobs.at(-1)?.payload).toMatchObject({
      paths: expect.arrayContaining(["/new-name", "/old-name", "/", "/tag/craft", "/rss.xml"]),
      tags: expect.arrayContaining(["posts", "post:new-name", "post:old-name"]),
    });
    expect(renamed.slug).toBe("new-name");
  });

  it("runs the workflow: contributor submits, editor rejects with a comment, approves and schedules", async () => {
    const c = actorOf(contributor);
    const e = actorOf(editor);
    const post = await service.create(c, "post", { title: "Contribution" });
    expect(post.allowed_actions).toEqual(["submit"]);
    const submitted = await service.transition(c, post.id, "submit", { expectedVersion: 1 });
    expect(submitted).toMatchObject({ status: "in_review", allowed_actions: ["withdraw"], can_edit: false });
    expect(
      await rejection(
        service.update(c, post.id, { title: "sneaky" }, { expectedVersion: submitted.version }),
      ),
    ).toMatchObject({ status: 403 });
    expect(
      await rejection(service.transition(c, post.id, "approve", { expectedVersion: submitted.version })),
    ).toMatchObject({ status: 403 });
    expect(
      await rejection(service.transition(e, post.id, "reject", { expectedVersion: submitted.version })),
    ).toMatchObject({ status: 400, errors: [{ pointer: "/body/comment" }] });
    const rejected = await service.transition(e, post.id, "reject", {
      expectedVersion: submitted.version,
      comment: "Needs a source",
    });
    expect(rejected.status).toBe("draft");
    const illegal = await rejection(
      service.transition(e, post.id, "approve", { expectedVersion: rejected.version }),
    );
    expect(illegal).toMatchObject({
      status: 409,
      type: "https://folio.dev/problems/illegal-transition",
      extensions: { status_from: "draft", allowed_actions: ["submit", "publish", "schedule", "archive"] },
    });
    const again = await service.transition(c, post.id, "submit", { expectedVersion: rejected.version });
    const approved = await service.transition(e, post.id, "approve", { expectedVersion: again.version });
    const at = new Date(clock.getTime() + 3_600_000).toISOString();
    expect(
      await rejection(
        service.transition(e, post.id, "schedule", {
          expectedVersion: approved.version,
          publish_at: new Date(clock.getTime() - 1000).toISOString(),
        }),
      ),
    ).toMatchObject({ status: 400, errors: [{ pointer: "/body/publish_at" }] });
    const scheduled = await service.transition(e, post.id, "schedule", {
      expectedVersion: approved.version,
      publish_at: at,
    });
    expect(scheduled).toMatchObject({ status: "scheduled", published_at: at });
    const history = await database.db
      .select()
      .from(postTransitions)
      .where(eq(postTransitions.postId, post.id))
      .orderBy(postTransitions.createdAt, postTransitions.id);
    expect(history.map((h) => [h.action, h.fromStatus, h.toStatus, h.comment])).toEqual([
      ["submit", "draft", "in_review", null],
      ["reject", "in_review", "draft", "Needs a source"],
      ["submit", "draft", "in_review", null],
      ["approve", "in_review", "approved", null],
      ["schedule", "approved", "scheduled", null],
    ]);
    const [job] = await database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, "post.publish"), eq(outbox.dedupeKey, `post.publish:${post.id}:${at}`)));
    expect(job).toMatchObject({ payload: { postId: post.id, publishAt: at }, availableAt: new Date(at) });

    // The job: a stale time is a no-op, the right one publishes once, a replay is a no-op.
    events.seen.length = 0;
    expect(await service.publishDue(post.id, new Date(clock.getTime() + 1).toISOString())).toBe(false);
    expect(await service.publishDue(post.id, at)).toBe(true);
    expect(await service.publishDue(post.id, at)).toBe(false);
    expect((await service.get(e, post.id)).status).toBe("published");
    expect(events.seen.map((s) => s.type)).toEqual(["post.published"]);
  });

  it("publishes with an end date and archives it once when due", async () => {
    const e = actorOf(editor);
    const post = await service.create(e, "post", { title: "Short lived" });
    const end = new Date(clock.getTime() + 86_400_000).toISOString();
    const live = await service.transition(e, post.id, "publish", { expectedVersion: 1, unpublish_at: end });
    expect(live.unpublish_at).toBe(end);
    expect(await service.unpublishDue(post.id, "2031-01-01T00:00:00.000Z")).toBe(false);
    expect(await service.unpublishDue(post.id, end)).toBe(true);
    expect(await service.unpublishDue(post.id, end)).toBe(false);
    expect((await service.get(e, post.id)).status).toBe("archived");
  });

  it("trashes, restores as draft, and purges only from the trash with posts:delete:any", async () => {
    const a = actorOf(author);
    const post = await service.create(a, "post", { title: "Trash me" });
    const live = await service.transition(a, post.id, "publish", { expectedVersion: 1 });
    events.seen.length = 0;
    const trashed = await service.trash(a, post.id);
    expect(trashed).toMatchObject({ status: "published", allowed_actions: [], can_edit: false });
    expect(trashed.deleted_at).not.toBeNull();
    expect(events.seen.map((s) => s.type)).toEqual(["post.deleted"]);
    expect(await rejection(service.trash(a, post.id))).toMatchObject({ status: 409 });
    expect(await rejection(service.purge(a, post.id))).toMatchObject({ status: 403 });
    const restored = await service.restore(a, post.id);
    expect(restored).toMatchObject({ status: "draft", deleted_at: null });
    expect(restored.version).toBeGreaterThan(live.version);
    expect(await rejection(service.purge(actorOf(editor), post.id))).toMatchObject({ status: 409 });
    await service.trash(actorOf(editor), post.id);
    await service.purge(actorOf(editor), post.id);
    expect(await rejection(service.get(actorOf(editor), post.id))).toMatchObject({ status: 404 });
    expect(await rejection(service.trash(actorOf(contributor), uuidv7()))).toMatchObject({ status: 404 });
  });

  it("purges trash older than the cut-off only", async () => {
    const e = actorOf(editor);
    const old = await service.create(e, "post", { title: "Old trash" });
    await service.trash(e, old.id);
    clock = new Date(clock.getTime() + 40 * 86_400_000);
    const recent = await service.create(e, "post", { title: "Recent trash" });
    await service.trash(e, recent.id);
    const purged = await service.purgeTrash(new Date(clock.getTime() - 30 * 86_400_000));
    expect(purged).toBe(1);
    expect(await database.db.select({ id: posts.id }).from(posts).where(eq(posts.id, old.id))).toEqual([]);
    expect((await service.get(e, recent.id)).deleted_at).not.toBeNull();
  });

  it("keeps pages to pages:manage", async () => {
    expect(await rejection(service.create(actorOf(author), "page", { title: "About" }))).toMatchObject({
      status: 403,
    });
    const page = await service.create(actorOf(editor), "page", { title: "About" });
    expect(page).toMatchObject({ type: "page", slug: "about" });
    expect(await rejection(service.get(actorOf(author), page.id))).toMatchObject({ status: 404 });
    expect(await rejection(service.counts(actorOf(author), "page"))).toMatchObject({ status: 403 });
  });

  it("lists with filters, sort, fields and cursor; contributors and authors see their own only", async () => {
    const q = (input: Record<string, string>) => ListStaffPostsQuerySchema.parse(input);
    const mine = await service.list(actorOf(author), "post", q({ limit: "100" }));
    expect(mine.data.length).toBeGreaterThan(0);
    for (const item of mine.data)
      expect((item.authors ?? []).some((x) => x.id === author.id) || item.created_by?.id === author.id).toBe(
        true,
      );
    const everyone = await service.list(actorOf(editor), "post", q({ limit: "100" }));
    expect(everyone.data.length).toBeGreaterThan(mine.data.length);

    const byTitle: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await service.list(
        actorOf(editor),
        "post",
        q({ limit: "2", sort: "title", fields: "title", ...(cursor ? { cursor } : {}) }),
      );
      for (const item of page.data) expect(Object.keys(item).sort()).toEqual(["id", "title"]);
      byTitle.push(...page.data.map((d) => d.title!));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(byTitle.length).toBe(everyone.data.length);

    const byPublished: string[] = [];
    cursor = null;
    do {
      const page = await service.list(
        actorOf(editor),
        "post",
        q({ limit: "3", sort: "-published_at", ...(cursor ? { cursor } : {}) }),
      );
      byPublished.push(...page.data.map((d) => d.id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    expect(new Set(byPublished).size).toBe(everyone.data.length);

    const published = await service.list(actorOf(editor), "post", q({ status: "published", tag: "craft" }));
    expect(
      published.data.every((d) => d.status === "published" && d.tags?.some((t) => t.slug === "craft")),
    ).toBe(true);
    const search = await service.list(actorOf(editor), "post", q({ q: "CONTRIB", include: "tags" }));
    expect(search.data.map((d) => d.title)).toEqual(["Contribution"]);
    expect(search.data[0]!.authors).toBeUndefined();
    const trash = await service.list(actorOf(editor), "post", q({ trashed: "true" }));
    expect(trash.data.every((d) => d.deleted_at !== null)).toBe(true);

    const counts = await service.counts(actorOf(editor), "post");
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(everyone.data.length + trash.data.length);
    const ownCounts = await service.counts(actorOf(contributor), "post");
    expect(ownCounts.published).toBe(1);
  });
});

describe("posts admin service on PostgreSQL: concurrent edits", () => {
  let database: TestDatabase;
  let service: PostsAdminService;
  let editor: TestUser;

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "postgres" });
    service = createPostsAdminService({
      database,
      cursors: createCursorCodec("posts-admin-test-secret-0123456789"),
      events: recordingEvents(),
    });
    editor = await insertUser(database, { role: "editor" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("lets exactly one of several PATCHes with the same version win", async () => {
    const post = await service.create(actorOf(editor), "post", { title: "Contended" });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        service.update(actorOf(editor), post.id, { title: `Writer ${i}` }, { expectedVersion: 1 }),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(5);
    for (const r of lost) expect(r.reason).toMatchObject({ status: 409, extensions: { current_version: 2 } });
    const saves = await database.db.select().from(postRevisions).where(eq(postRevisions.postId, post.id));
    expect(saves).toHaveLength(2);
  });

  it("publishes a due post exactly once when two runners race", async () => {
    const post = await service.create(actorOf(editor), "post", { title: "Raced" });
    const at = new Date(Date.now() + 60_000).toISOString();
    await service.transition(actorOf(editor), post.id, "schedule", { expectedVersion: 1, publish_at: at });
    const outcomes = await Promise.all([service.publishDue(post.id, at), service.publishDue(post.id, at)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const history = await database.db
      .select()
      .from(postTransitions)
      .where(eq(postTransitions.postId, post.id));
    expect(history.filter((h) => h.toStatus === "published")).toHaveLength(1);
  });
});
