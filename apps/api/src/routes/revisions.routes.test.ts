import { uuidv7 } from "@folio/core";
import { outbox, postAuthors, postRevisions, posts, postTransitions } from "@folio/database";
import {
  NoteListSchema,
  NoteSchema,
  RevisionDiffSchema,
  RevisionListSchema,
  RevisionSchema,
  TransitionListSchema,
  JobListSchema,
  JobSchema,
} from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser, type TestUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

// Revisions, notes, the workflow history and the jobs view over HTTP. Posts and their history
// rows are written directly here (the posts service writes them in production); restore goes
// through the posts service and is covered in revisions-restore.routes.test.ts.

function doc(text: string) {
  return { type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

interface SeededPost {
  id: string;
  revisions: string[];
}

async function seedPost(
  t: TestApp,
  options: { author: TestUser; type?: "post" | "page"; texts: string[]; title?: string },
): Promise<SeededPost> {
  const id = uuidv7();
  const title = options.title ?? `Post ${id.slice(-6)}`;
  const last = options.texts.at(-1)!;
  await t.database.db.insert(posts).values({
    id,
    type: options.type ?? "post",
    title,
    slug: `post-${id.slice(-12)}`,
    body: doc(last),
    html: `<p>${last}</p>`,
    createdBy: options.author.id,
    version: options.texts.length,
    featured: true,
  });
  await t.database.db.insert(postAuthors).values({ postId: id, userId: options.author.id, position: 0 });
  const revisions: string[] = [];
  let at = Date.parse("2026-06-01T10:00:00.000Z");
  for (const [index, text] of options.texts.entries()) {
    const revisionId = uuidv7();
    revisions.push(revisionId);
    at += 60_000;
    await t.database.db.insert(postRevisions).values({
      id: revisionId,
      postId: id,
      kind: "save",
      postVersion: index + 1,
      title: index === 0 ? `${title} (draft)` : title,
      slug: `post-${id.slice(-12)}`,
      excerpt: null,
      body: doc(text),
      html: `<p>${text}</p>`,
      fields: { featured: index > 0, tag_ids: [], seo: { meta_title: null } },
      authorId: options.author.id,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
  }
  return { id, revisions };
}

describe("revisions, notes and transitions routes", () => {
  let t: TestApp;
  let writer: TestUser;
  let otherWriter: TestUser;
  let editor: TestUser;
  let writerSession: SignedInUser;
  let otherSession: SignedInUser;
  let editorSession: SignedInUser;
  let memberSession: SignedInUser;
  let post: SeededPost;

  beforeAll(async () => {
    t = await buildTestApp({ seed: false });
    writer = await createUser(t, { role: "author", displayName: "Wanda Writer" });
    otherWriter = await createUser(t, { role: "contributor", displayName: "Otto Other" });
    editor = await createUser(t, { role: "editor", displayName: "Eda Editor" });
    const member = await createUser(t, { role: "member" });
    [writerSession, otherSession, editorSession, memberSession] = await Promise.all([
      signIn(t, writer),
      signIn(t, otherWriter),
      signIn(t, editor),
      signIn(t, member),
    ]);
    post = await seedPost(t, {
      author: writer,
      texts: ["The quick brown fox.", "The quick red fox jumps.", "A slow red fox jumps high."],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (url: string, session: SignedInUser) =>
    t.app.inject({ method: "GET", url: `/api/v1${url}`, headers: session.headers });

  it("lists a post's revisions newest first with cursor pagination, to its author and to editors", async () => {
    const first = await get(`/admin/posts/${post.id}/revisions?limit=2`, writerSession);
    expect(first.statusCode).toBe(200);
    expect(first.headers["cache-control"]).toBe("no-store");
    const page = RevisionListSchema.parse(first.json());
    expect(page.data.map((r) => r.id)).toEqual([post.revisions[2], post.revisions[1]]);
    expect(page.data[0]).toMatchObject({
      kind: "save",
      post_version: 3,
      author: { id: writer.id, name: "Wanda Writer" },
      restored_from: null,
    });
    expect(page.data[0]).not.toHaveProperty("body");
    const next = await get(
      `/admin/posts/${post.id}/revisions?limit=2&cursor=${encodeURIComponent(page.next_cursor!)}`,
      editorSession,
    );
    const rest = RevisionListSchema.parse(next.json());
    expect(rest.data.map((r) => r.id)).toEqual([post.revisions[0]]);
    expect(rest.next_cursor).toBeNull();

    const forged = await get(`/admin/posts/${post.id}/revisions?cursor=not-a-cursor`, writerSession);
    expect(forged.statusCode).toBe(400);
  });

  it("gets one revision in full", async () => {
    const res = await get(`/admin/posts/${post.id}/revisions/${post.revisions[0]}`, writerSession);
    expect(res.statusCode).toBe(200);
    const revision = RevisionSchema.parse(res.json());
    expect(revision).toMatchObject({
      id: post.revisions[0],
      post_id: post.id,
      html: "<p>The quick brown fox.</p>",
      body: doc("The quick brown fox."),
      fields: { featured: false, tag_ids: [] },
    });
  });

  it("answers 404 to another author, for a revision of another post, and 403 to a member", async () => {
    expect((await get(`/admin/posts/${post.id}/revisions`, otherSession)).statusCode).toBe(404);
    expect(
      (await get(`/admin/posts/${post.id}/revisions/${post.revisions[0]}`, otherSession)).statusCode,
    ).toBe(404);
    const other = await seedPost(t, { author: otherWriter, texts: ["Elsewhere."] });
    const crossed = await get(`/admin/posts/${post.id}/revisions/${other.revisions[0]}`, editorSession);
    expect(crossed.statusCode).toBe(404);
    expect(crossed.headers["content-type"]).toContain("application/problem+json");
    expect((await get(`/admin/posts/${uuidv7()}/revisions`, editorSession)).statusCode).toBe(404);
    expect((await get(`/admin/posts/${post.id}/revisions`, memberSession)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: "GET", url: `/api/v1/admin/posts/${post.id}/revisions` });
    expect(anonymous.statusCode).toBe(401);
  });

  it("keeps pages to those who manage pages", async () => {
    const page = await seedPost(t, { author: writer, type: "page", texts: ["About us."] });
    expect((await get(`/admin/posts/${page.id}/revisions`, writerSession)).statusCode).toBe(404);
    expect((await get(`/admin/posts/${page.id}/revisions`, editorSession)).statusCode).toBe(200);
  });

  it("diffs two revisions: changed fields and a word diff of the rendered text", async () => {
    const res = await get(
      `/admin/posts/${post.id}/revisions/diff?from=${post.revisions[0]}&to=${post.revisions[1]}`,
      writerSession,
    );
    expect(res.statusCode).toBe(200);
    const diff = RevisionDiffSchema.parse(res.json());
    expect(diff.from.id).toBe(post.revisions[0]);
    expect(diff.to.id).toBe(post.revisions[1]);
    expect(diff.fields).toEqual([
      {
        field: "title",
        before: expect.stringContaining("(draft)"),
        after: expect.not.stringContaining("(draft)"),
      },
      { field: "featured", before: false, after: true },
    ]);
    expect(diff.content).toEqual([
      { op: "equal", text: "The quick " },
      { op: "delete", text: "brown" },
      { op: "insert", text: "red" },
      { op: "equal", text: " fox" },
      { op: "insert", text: " jumps" },
      { op: "equal", text: "." },
    ]);
  });

  it("diffs a revision against the current post when `to` is left out", async () => {
    const res = await get(`/admin/posts/${post.id}/revisions/diff?from=${post.revisions[1]}`, editorSession);
    expect(res.statusCode).toBe(200);
    const diff = RevisionDiffSchema.parse(res.json());
    expect(diff.to).toMatchObject({ id: post.id, post_version: 3 });
    // featured, tag_ids and seo.meta_title are as in the revision: only the text changed.
    expect(diff.fields).toEqual([]);
    // The parts rebuild both texts: equal + delete is the old one, equal + insert the new one.
    const rebuild = (skip: string) =>
      diff.content
        .filter((c) => c.op !== skip)
        .map((c) => c.text)
        .join("");
    expect(rebuild("insert")).toBe("The quick red fox jumps.");
    expect(rebuild("delete")).toBe("A slow red fox jumps high.");
    expect(diff.content).toContainEqual({ op: "equal", text: " red fox jumps" });

    const bad = await get(`/admin/posts/${post.id}/revisions/diff?from=nope`, editorSession);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe("/query/from");
    const unknown = await get(`/admin/posts/${post.id}/revisions/diff?from=${uuidv7()}`, editorSession);
    expect(unknown.statusCode).toBe(404);
  });

  it("requires a version to restore (body or If-Match)", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/posts/${post.id}/revisions/${post.revisions[0]}/restore`,
      headers: writerSession.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { pointer: string; detail: string }[] }>().errors).toEqual([
      { pointer: "/body/version", detail: "required (or If-Match)" },
    ]);
    const unknownField = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/posts/${post.id}/revisions/${post.revisions[0]}/restore`,
      headers: writerSession.headers,
      payload: { version: 3, title: "x" },
    });
    expect(unknownField.statusCode).toBe(400);
  });

  describe("notes", () => {
    const notesUrl = () => `/api/v1/admin/posts/${post.id}/notes`;

    it("lets staff on the post add, list, resolve, reopen and delete notes", async () => {
      const created = await t.app.inject({
        method: "POST",
        url: notesUrl(),
        headers: editorSession.headers,
        payload: { body: "Cite a source here.", anchor: { from: 4, to: 9, quote: "slow" } },
      });
      expect(created.statusCode).toBe(201);
      const note = NoteSchema.parse(created.json());
      expect(note).toMatchObject({
        post_id: post.id,
        author: { id: editor.id },
        body: "Cite a source here.",
        anchor: { from: 4, to: 9, quote: "slow" },
        resolved_at: null,
        resolved_by: null,
      });

      const listed = NoteListSchema.parse((await get(`/admin/posts/${post.id}/notes`, writerSession)).json());
      expect(listed.data.map((n) => n.id)).toEqual([note.id]);

      const resolve = await t.app.inject({
        method: "PATCH",
        url: `${notesUrl()}/${note.id}`,
        headers: writerSession.headers,
        payload: { resolved: true },
      });
      expect(resolve.statusCode).toBe(200);
      expect(NoteSchema.parse(resolve.json())).toMatchObject({ resolved_by: { id: writer.id } });
      expect(resolve.json<{ resolved_at: string | null }>().resolved_at).not.toBeNull();

      // The writer may resolve the editor's note but not reword it.
      const reword = await t.app.inject({
        method: "PATCH",
        url: `${notesUrl()}/${note.id}`,
        headers: writerSession.headers,
        payload: { body: "Never mind." },
      });
      expect(reword.statusCode).toBe(404);

      const reopen = await t.app.inject({
        method: "PATCH",
        url: `${notesUrl()}/${note.id}`,
        headers: editorSession.headers,
        payload: { resolved: false, body: "Cite two sources." },
      });
      expect(NoteSchema.parse(reopen.json())).toMatchObject({
        body: "Cite two sources.",
        resolved_at: null,
        resolved_by: null,
      });

      const removed = await t.app.inject({
        method: "DELETE",
        url: `${notesUrl()}/${note.id}`,
        headers: editorSession.headers,
      });
      expect(removed.statusCode).toBe(204);
      expect(
        NoteListSchema.parse((await get(`/admin/posts/${post.id}/notes`, writerSession)).json()).data,
      ).toEqual([]);
    });

    it("refuses bad input, other authors, and never shows notes publicly", async () => {
      const empty = await t.app.inject({
        method: "POST",
        url: notesUrl(),
        headers: writerSession.headers,
        payload: { body: "  " },
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe("/body/body");
      const extra = await t.app.inject({
        method: "POST",
        url: notesUrl(),
        headers: writerSession.headers,
        payload: { body: "ok", secret: true },
      });
      expect(extra.statusCode).toBe(400);
      const nothing = await t.app.inject({
        method: "PATCH",
        url: `${notesUrl()}/${uuidv7()}`,
        headers: writerSession.headers,
        payload: {},
      });
      expect(nothing.statusCode).toBe(400);

      const secret = await t.app.inject({
        method: "POST",
        url: notesUrl(),
        headers: writerSession.headers,
        payload: { body: "INTERNAL-NOTE-MARKER" },
      });
      expect(secret.statusCode).toBe(201);
      const noteId = secret.json<{ id: string }>().id;
      expect((await get(`/admin/posts/${post.id}/notes`, otherSession)).statusCode).toBe(404);
      const foreign = await t.app.inject({
        method: "DELETE",
        url: `${notesUrl()}/${noteId}`,
        headers: otherSession.headers,
      });
      expect(foreign.statusCode).toBe(404);
      // Publish the post and read it publicly: the note is nowhere.
      await t.database.db
        .update(posts)
        .set({ status: "published", publishedAt: new Date("2026-06-02T00:00:00Z") });
      const slug = (await t.database.db.select({ slug: posts.slug }).from(posts)).find(Boolean)!.slug;
      for (const url of ["/api/v1/posts", `/api/v1/posts/${slug}`]) {
        const res = await t.app.inject({ method: "GET", url });
        expect(res.body).not.toContain("INTERNAL-NOTE-MARKER");
      }
    });
  });

  it("lists the workflow history, scheduler transitions with a null actor", async () => {
    await t.database.db.insert(postTransitions).values([
      {
        id: uuidv7(),
        postId: post.id,
        action: "submit",
        fromStatus: "draft",
        toStatus: "in_review",
        actorId: writer.id,
        createdAt: new Date("2026-06-01T11:00:00Z"),
      },
      {
        id: uuidv7(),
        postId: post.id,
        action: "publish",
        fromStatus: "scheduled",
        toStatus: "published",
        actorId: null,
        comment: null,
        createdAt: new Date("2026-06-01T12:00:00Z"),
      },
    ]);
    const res = await get(`/admin/posts/${post.id}/transitions`, writerSession);
    expect(res.statusCode).toBe(200);
    const list = TransitionListSchema.parse(res.json());
    expect(list.data.map((tr) => [tr.action, tr.from_status, tr.to_status, tr.actor?.id ?? null])).toEqual([
      ["submit", "draft", "in_review", writer.id],
      ["publish", "scheduled", "published", null],
    ]);
    expect((await get(`/admin/posts/${post.id}/transitions`, otherSession)).statusCode).toBe(404);
  });

  describe("jobs", () => {
    it("lists pending and dead jobs to admins only, and retries a dead one", async () => {
      const admin = await createUser(t, { role: "admin" });
      const adminSession = await signIn(t, admin);
      const due = new Date(Date.now() + 3_600_000);
      const pendingId = uuidv7();
      const deadId = uuidv7();
      await t.database.db.insert(outbox).values([
        {
          id: pendingId,
          topic: "post.publish",
          payload: { postId: post.id, publishAt: due.toISOString() },
          availableAt: due,
        },
        { id: uuidv7(), topic: "email", payload: { to: "x@example.org" }, availableAt: due },
      ]);
      await t.database.db.insert(outbox).values({
        id: deadId,
        topic: "web.revalidate",
        payload: { paths: ["/"], tags: [] },
        attempts: 8,
        lastError: "RevalidateFailedError: web revalidation answered 500",
      });
      await t.database.db.execute(
        // Dead letters are parked at +infinity (see OutboxRepository.fail).
        (await import("drizzle-orm")).sql`update outbox set available_at = 'infinity' where id = ${deadId}`,
      );

      const pending = await get("/admin/jobs", adminSession);
      expect(pending.statusCode).toBe(200);
      const list = JobListSchema.parse(pending.json());
      expect(list.data.map((j) => j.id)).toEqual([pendingId]);
      expect(list.data[0]).toMatchObject({
        topic: "post.publish",
        state: "pending",
        run_at: due.toISOString(),
        post: { id: post.id },
      });

      const dead = JobListSchema.parse((await get("/admin/jobs?state=dead", adminSession)).json());
      expect(dead.data.map((j) => [j.id, j.state, j.run_at, j.last_error])).toEqual([
        [deadId, "dead", null, "RevalidateFailedError: web revalidation answered 500"],
      ]);

      expect((await get("/admin/jobs", editorSession)).statusCode).toBe(403);
      expect((await get("/admin/jobs?state=done", adminSession)).statusCode).toBe(400);

      const retried = await t.app.inject({
        method: "POST",
        url: `/api/v1/admin/jobs/${deadId}/retry`,
        headers: adminSession.headers,
      });
      expect(retried.statusCode).toBe(200);
      expect(JobSchema.parse(retried.json())).toMatchObject({ id: deadId, state: "pending", attempts: 0 });
      const missing = await t.app.inject({
        method: "POST",
        url: `/api/v1/admin/jobs/${uuidv7()}/retry`,
        headers: adminSession.headers,
      });
      expect(missing.statusCode).toBe(404);
    });
  });
});
