import { BUILTIN_ROLE_PERMISSIONS, type BuiltinRole } from "@folio/auth";
import { RevisionListSchema, StaffPostSchema, type PostBody, type StaffPost } from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser, type TestUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

// Restoring a revision goes through the posts service's update: a new `restore` revision, the same
// version rules and permissions as an edit.

function doc(text: string): PostBody {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

function actor(user: TestUser) {
  return {
    userId: user.id,
    role: user.role,
    permissions: new Set(BUILTIN_ROLE_PERMISSIONS[user.role as BuiltinRole]),
  };
}

describe("POST /admin/posts/{id}/revisions/{revisionId}/restore", () => {
  let t: TestApp;
  let writer: TestUser;
  let writerSession: SignedInUser;
  let otherSession: SignedInUser;
  let post: StaffPost;
  let firstRevision: string;

  beforeAll(async () => {
    t = await buildTestApp({ seed: false });
    writer = await createUser(t, { role: "author" });
    const other = await createUser(t, { role: "author" });
    [writerSession, otherSession] = await Promise.all([signIn(t, writer), signIn(t, other)]);
    const created = await t.services.postsAdmin.create(actor(writer), "post", {
      title: "First title",
      body: doc("The original words."),
      featured: false,
    });
    post = await t.services.postsAdmin.update(
      actor(writer),
      created.id,
      { title: "Second title", body: doc("Entirely new words."), featured: true },
      { expectedVersion: created.version },
    );
    const list = RevisionListSchema.parse(
      (
        await t.app.inject({
          method: "GET",
          url: `/api/v1/admin/posts/${post.id}/revisions`,
          headers: writerSession.headers,
        })
      ).json(),
    );
    expect(list.data.map((r) => r.kind)).toEqual(["save", "save"]);
    firstRevision = list.data.at(-1)!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const restore = (headers: Record<string, string>, payload: object = {}) =>
    t.app.inject({
      method: "POST",
      url: `/api/v1/admin/posts/${post.id}/revisions/${firstRevision}/restore`,
      headers,
      payload,
    });

  it("answers 404 to an author who does not write the post", async () => {
    const res = await restore(otherSession.headers, { version: post.version });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses a stale version with a version conflict naming the current one", async () => {
    const res = await restore({ ...writerSession.headers, "if-match": `"${post.version - 1}"` });
    expect(res.statusCode).toBe(409);
    const problem = res.json<{ type: string; current_version: number }>();
    expect(problem.type).toMatch(/\/version-conflict$/);
    expect(problem.current_version).toBe(post.version);
  });

  it("writes the revision back as a new restore revision (If-Match)", async () => {
    const res = await restore({ ...writerSession.headers, "if-match": `"${post.version}"` });
    expect(res.statusCode).toBe(200);
    const restored = StaffPostSchema.parse(res.json());
    expect(res.headers.etag).toBe(`"${restored.version}"`);
    expect(restored).toMatchObject({ title: "First title", featured: false, version: post.version + 1 });
    expect(restored.html).toContain("The original words.");

    const list = RevisionListSchema.parse(
      (
        await t.app.inject({
          method: "GET",
          url: `/api/v1/admin/posts/${post.id}/revisions`,
          headers: writerSession.headers,
        })
      ).json(),
    );
    expect(list.data.map((r) => r.kind)).toEqual(["restore", "save", "save"]);
    expect(list.data[0]).toMatchObject({
      restored_from: firstRevision,
      post_version: restored.version,
      title: "First title",
    });

    // Nothing differs any more between the restored revision and the post.
    const diff = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/posts/${post.id}/revisions/diff?from=${firstRevision}`,
      headers: writerSession.headers,
    });
    expect(diff.json<{ fields: unknown[] }>().fields).toEqual([]);
    expect(diff.json<{ content: { op: string }[] }>().content.every((c) => c.op === "equal")).toBe(true);
  });
});
