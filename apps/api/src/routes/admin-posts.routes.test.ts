import { databaseKinds } from "@folio/database/testing";
import {
  PageSchema,
  PostListSchema,
  PostSchema,
  StaffPostCountsSchema,
  StaffPostListSchema,
  StaffPostSchema,
  type StaffPost,
} from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

const PROBLEM = "application/problem+json";
const doc = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

// The PostgreSQL run matters here (concurrency, SQL differences); the domain tests cover the
// rules in depth on PGlite.
describe.each(databaseKinds)("staff posts API on %s", (kind) => {
  let t: TestApp;
  let editor: SignedInUser;
  let author: SignedInUser;
  let otherAuthor: SignedInUser;
  let contributor: SignedInUser;
  let member: SignedInUser;

  async function create(session: SignedInUser, payload: Record<string, unknown>, type = "posts") {
    const response = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/${type}`,
      headers: session.headers,
      payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return StaffPostSchema.parse(response.json());
  }

  async function act(session: SignedInUser, post: StaffPost, action: string, payload: object = {}) {
    return await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/posts/${post.id}/${action}`,
      headers: { ...session.headers, "if-match": `"${post.version}"` },
      payload,
    });
  }

  beforeAll(async () => {
    t = await buildTestApp({ kind, seed: false });
    const sessions = await Promise.all(
      (["editor", "author", "author", "contributor", "member"] as const).map(async (role) =>
        signIn(t, await createUser(t, { role })),
      ),
    );
    [editor, author, otherAuthor, contributor, member] = sessions as [
      SignedInUser,
      SignedInUser,
      SignedInUser,
      SignedInUser,
      SignedInUser,
    ];
  });
  afterAll(async () => {
    await t.close();
  });

  it("creates, reads with an ETag, edits with If-Match and answers 409 with current_version when stale", async () => {
    const post = await create(author, { title: "Hello API", body: doc("First words") });
    expect(post).toMatchObject({
      slug: "hello-api",
      status: "draft",
      version: 1,
      html: "<p>First words</p>",
    });

    const read = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/posts/${post.id}`,
      headers: author.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.headers["cache-control"]).toBe("no-store");

    const missing = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/posts/${post.id}`,
      headers: author.headers,
      payload: { title: "No version" },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ errors: [{ pointer: "/body/version" }] });

    const edited = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/posts/${post.id}`,
      headers: { ...author.headers, "if-match": '"1"' },
      payload: { title: "Hello again" },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.json()).toMatchObject({ title: "Hello again", version: 2 });

    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/posts/${post.id}`,
      headers: author.headers,
      payload: { title: "Lost update", version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain(PROBLEM);
    expect(stale.json()).toMatchObject({
      type: "https://folio.dev/problems/version-conflict",
      status: 409,
      current_version: 2,
    });
  });

  it("refuses bodies outside the document schema and unknown fields", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/posts",
      headers: author.headers,
      payload: {
        title: "Bad body",
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                {
                  type: "text",
                  text: "x",
                  marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
                },
              ],
            },
          ],
        },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe("/body/body/content/0/content/0/marks/0/attrs/href");
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/posts",
      headers: author.headers,
      payload: { title: "x", status: "published" },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it("answers 409 slug-taken, 422 for reserved slugs and unknown categories", async () => {
    await create(author, { title: "Taken", slug: "taken" });
    const taken = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/posts",
      headers: author.headers,
      payload: { title: "Other", slug: "taken" },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().type).toBe("https://folio.dev/problems/slug-taken");
    const reserved = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/posts",
      headers: author.headers,
      payload: { title: "Dash", slug: "dashboard" },
    });
    expect(reserved.statusCode).toBe(422);
    const category = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/posts",
      headers: author.headers,
      payload: { title: "Cat", primary_category_id: "01900000-0000-7000-8000-000000000000" },
    });
    expect(category.statusCode).toBe(422);
    expect(category.json().errors).toEqual([
      { pointer: "/body/primary_category_id", detail: expect.stringContaining("no category") },
    ]);
  });

  it("answers 404 when an author publishes or reads another author's draft", async () => {
    const post = await create(otherAuthor, { title: "Not yours" });
    const publish = await act(author, post, "publish");
    expect(publish.statusCode).toBe(404);
    expect(publish.headers["content-type"]).toContain(PROBLEM);
    const read = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/posts/${post.id}`,
      headers: author.headers,
    });
    expect(read.statusCode).toBe(404);
    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/posts/${post.id}`,
      headers: contributor.headers,
      payload: { title: "x", version: 1 },
    });
    expect(patch.statusCode).toBe(404);
    const del = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/admin/posts/${post.id}`,
      headers: author.headers,
    });
    expect(del.statusCode).toBe(404);
    const memberList = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/posts",
      headers: member.headers,
    });
    expect(memberList.statusCode).toBe(403);
  });

  it("moves a post through the workflow and answers illegal transitions with the allowed actions", async () => {
    const draft = await create(contributor, { title: "From a contributor" });
    const illegal = await act(contributor, draft, "withdraw");
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({
      type: "https://folio.dev/problems/illegal-transition",
      status_from: "draft",
      allowed_actions: ["submit"],
    });
    const submitted = await act(contributor, draft, "submit");
    expect(submitted.statusCode).toBe(200);
    const inReview = StaffPostSchema.parse(submitted.json());
    const reject = await act(editor, inReview, "reject");
    expect(reject.statusCode).toBe(400);
    const approved = StaffPostSchema.parse((await act(editor, inReview, "approve")).json());
    expect(approved.status).toBe("approved");
    const publishAt = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await act(editor, approved, "schedule", { publish_at: publishAt });
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: "scheduled", published_at: publishAt });
    const unknownAction = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/posts/${draft.id}/explode`,
      headers: editor.headers,
      payload: {},
    });
    expect(unknownAction.statusCode).toBe(400);
  });

  it("lists with filters and fields, counts, trashes and restores", async () => {
    const post = await create(editor, { title: "Listed and trashed" });
    const list = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/posts?status=draft&fields=title,status&include=authors&sort=title&limit=2",
      headers: editor.headers,
    });
    expect(list.statusCode).toBe(200);
    const page = StaffPostListSchema.parse(list.json());
    expect(page.data.length).toBe(2);
    for (const item of page.data) expect(Object.keys(item).sort()).toEqual(["id", "status", "title"]);
    expect(page.next_cursor).not.toBeNull();
    const own = StaffPostListSchema.parse(
      (
        await t.app.inject({
          method: "GET",
          url: "/api/v1/admin/posts?limit=100",
          headers: contributor.headers,
        })
      ).json(),
    );
    expect(own.data.map((d) => d.title)).toEqual(["From a contributor"]);

    const trashed = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/admin/posts/${post.id}`,
      headers: editor.headers,
    });
    expect(trashed.statusCode).toBe(200);
    expect(trashed.json().deleted_at).not.toBeNull();
    const counts = StaffPostCountsSchema.parse(
      (
        await t.app.inject({ method: "GET", url: "/api/v1/admin/posts/counts", headers: editor.headers })
      ).json(),
    );
    expect(counts.trash).toBe(1);
    const restored = await t.app.inject({
      method: "POST",
      url: `/api/v1/admin/posts/${post.id}/restore`,
      headers: editor.headers,
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ status: "draft", deleted_at: null });
    await t.app.inject({ method: "DELETE", url: `/api/v1/admin/posts/${post.id}`, headers: editor.headers });
    const purged = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/admin/posts/${post.id}?permanent=true`,
      headers: editor.headers,
    });
    expect(purged.statusCode).toBe(204);
  });

  it("serves published posts and pages publicly, without pages or trash in lists, gating members-only bodies", async () => {
    const open = await create(editor, { title: "Open post", body: doc("for everyone") });
    const members = await create(editor, {
      title: "Members post",
      body: doc("secret"),
      visibility: "members",
    });
    const pageDraft = await create(editor, { title: "About us", body: doc("who we are") }, "pages");
    for (const p of [open, members, pageDraft])
      expect((await act(editor, p, "publish")).statusCode).toBe(200);

    const list = PostListSchema.parse(
      (await t.app.inject({ method: "GET", url: "/api/v1/posts?limit=100" })).json(),
    );
    const slugs = list.data.map((d) => d.slug);
    expect(slugs).toEqual(expect.arrayContaining(["open-post", "members-post"]));
    expect(slugs).not.toContain("about-us");
    expect(list.data.find((d) => d.slug === "members-post")?.visibility).toBe("members");

    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/posts/members-post" });
    expect(anonymous.statusCode).toBe(200);
    expect(PostSchema.parse(anonymous.json())).toMatchObject({ gated: true, html: "" });
    expect(anonymous.headers["cache-control"]).toContain("public");
    expect(anonymous.headers.vary).toContain("Authorization");

    const signedIn = await t.app.inject({
      method: "GET",
      url: "/api/v1/posts/members-post",
      headers: member.headers,
    });
    expect(signedIn.json()).toMatchObject({ gated: false, html: "<p>secret</p>" });
    expect(signedIn.headers["cache-control"]).toBe("private, no-store");

    const stale = await t.app.inject({
      method: "GET",
      url: "/api/v1/posts/open-post",
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(stale.statusCode).toBe(200);

    const page = await t.app.inject({ method: "GET", url: "/api/v1/pages/about-us" });
    expect(page.statusCode).toBe(200);
    expect(PageSchema.parse(page.json())).toMatchObject({ type: "page", html: "<p>who we are</p>" });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/posts/about-us" })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/pages/open-post" })).statusCode).toBe(404);

    const live = StaffPostSchema.parse(
      (
        await t.app.inject({ method: "GET", url: `/api/v1/admin/posts/${open.id}`, headers: editor.headers })
      ).json(),
    );
    await t.app.inject({
      method: "DELETE",
      url: `/api/v1/admin/posts/${live.id}`,
      headers: { ...editor.headers, "if-match": `"${live.version}"` },
    });
    expect((await t.app.inject({ method: "GET", url: "/api/v1/posts/open-post" })).statusCode).toBe(404);
  });
});
