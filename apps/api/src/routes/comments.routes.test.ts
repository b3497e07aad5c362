import { randomBytes } from "node:crypto";
import { uuidv7 } from "@folio/core";
import { comments, outbox, posts, type PostVisibility } from "@folio/database";
import { databaseKinds } from "@folio/database/testing";
import {
  BulkModerateCommentsResultSchema,
  CommentCountsSchema,
  CommentSettingsSchema,
  OwnCommentSchema,
  PublicCommentListSchema,
  StaffCommentListSchema,
  StaffCommentSchema,
  type OwnComment,
  type UpdateCommentSettingsBody,
} from "@folio/types";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUser, readMail, signIn, type SignedInUser, type TestUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

/** A clock the test moves by hand: the rate limit and the edit window read it. */
function fakeClock() {
  let now = Date.now();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

async function createPost(
  t: TestApp,
  options: { status?: "published" | "draft"; visibility?: PostVisibility; commentsEnabled?: boolean } = {},
): Promise<{ id: string; slug: string }> {
  const id = uuidv7();
  const slug = `post-${randomBytes(4).toString("hex")}`;
  const status = options.status ?? "published";
  await t.database.db.insert(posts).values({
    id,
    title: `Post ${slug}`,
    slug,
    body: { type: "doc", content: [] },
    html: "",
    status,
    publishedAt: status === "published" ? new Date(Date.now() - 86_400_000) : null,
    visibility: options.visibility ?? "public",
    commentsEnabled: options.commentsEnabled ?? true,
  });
  return { id, slug };
}

/** Every tag in comment HTML must be one of these, with only these attributes. */
const ALLOWED_TAGS: Record<string, readonly string[]> = {
  p: [],
  br: [],
  em: [],
  strong: [],
  code: ["class"],
  pre: [],
  a: ["href", "rel"],
  blockquote: [],
  ul: [],
  ol: ["start"],
  li: [],
};

function expectInert(html: string): void {
  for (const match of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const [, rawName = "", rawAttributes = ""] = match;
    const name = rawName.toLowerCase();
    expect(Object.keys(ALLOWED_TAGS), `tag <${name}> in ${html}`).toContain(name);
    const attributes = [...rawAttributes.matchAll(/([^\s=/]+)\s*=\s*"([^"]*)"/g)];
    for (const [, attr = "", value = ""] of attributes) {
      expect(ALLOWED_TAGS[name], `attribute ${attr} on <${name}> in ${html}`).toContain(attr.toLowerCase());
      if (attr === "href") expect(value).toMatch(/^https?:\/\//i);
      if (attr === "class") expect(value).toMatch(/^language-[\w-]+$/);
    }
    // Nothing but name="value" pairs: no unquoted or event-handler attributes slipped through.
    expect(rawAttributes.replace(/([^\s=/]+)\s*=\s*"([^"]*)"/g, "").trim(), html).toMatch(/^\/?$/);
  }
}

const XSS_PAYLOADS = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<svg/onload=alert(1)>",
  '<iframe src="javascript:alert(1)"></iframe>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  '[x](https://ok.example "a" onmouseover="alert(1)")',
  "![x](https://evil.example/x.png)",
  '<a href="javascript:alert(1)">x</a>',
  "<style>body{display:none}</style>",
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  "> <img src=x onerror=alert(1)>",
  "- <b onclick=alert(1)>x</b>",
  "<details open ontoggle=alert(1)>",
  "[x](//evil.example)",
  "https://ok.example/?q=<script>alert(1)</script>",
  '"><script>alert(1)</script>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "<form action=https://evil.example><input name=x></form>",
];

describe("comment routes on pglite", () => {
  const clock = fakeClock();
  let t: TestApp;
  let editor: TestUser;
  let editorSession: SignedInUser;
  let alice: TestUser;
  let aliceSession: SignedInUser;
  let bob: TestUser;
  let bobSession: SignedInUser;
  let post: { id: string; slug: string };

  /** Straight through the service: the admin's MFA sign-in does not mix with a moving clock. */
  async function setSettings(payload: UpdateCommentSettingsBody) {
    await t.services.comments.updateSettings(
      { userId: admin.id, permissions: new Set(["settings:manage"]) },
      payload,
    );
  }
  let admin: TestUser;

  async function comment(session: SignedInUser, payload: Record<string, unknown>) {
    return await t.app.inject({ method: "POST", url: "/api/v1/comments", headers: session.headers, payload });
  }

  async function created(session: SignedInUser, payload: Record<string, unknown>): Promise<OwnComment> {
    const response = await comment(session, payload);
    expect(response.statusCode, response.body).toBe(201);
    // Each member's posts are spread out so the rate limit never interferes with other tests.
    clock.advance(61_000);
    return OwnCommentSchema.parse(response.json());
  }

  async function publicList(slug: string, headers: Record<string, string> = {}) {
    const response = await t.app.inject({ method: "GET", url: `/api/v1/posts/${slug}/comments`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return PublicCommentListSchema.parse(response.json());
  }

  beforeAll(async () => {
    t = await buildTestApp({ seed: false, accounts: { now: clock.now } });
    admin = await createUser(t, { role: "admin" });
    editor = await createUser(t, { role: "editor" });
    alice = await createUser(t, { role: "member", displayName: "Alice" });
    bob = await createUser(t, { role: "member", displayName: "Bob" });
    post = await createPost(t);
  });
  beforeEach(async () => {
    // Sessions are short-lived against a clock that moves: sign in afresh for each test.
    editorSession = await signIn(t, editor);
    aliceSession = await signIn(t, alice);
    bobSession = await signIn(t, bob);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("holds a member's first comment for moderation, then approves their later ones at once", async () => {
    await setSettings({ moderation: "first" });
    const member = await createUser(t);
    const session = await signIn(t, member);
    const first = await created(session, { post_id: post.id, body: "First!" });
    expect(first.status).toBe("pending");
    expect((await publicList(post.slug)).data.map((c) => c.id)).not.toContain(first.id);

    const approve = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/admin/comments/${first.id}`,
      headers: editorSession.headers,
      payload: { status: "approved" },
    });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(StaffCommentSchema.parse(approve.json())).toMatchObject({
      status: "approved",
      author_email: member.email,
    });

    const second = await created(session, { post_id: post.id, body: "Second" });
    expect(second.status).toBe("approved");
    const list = await publicList(post.slug);
    expect(list.data.map((c) => c.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(list.data.find((c) => c.id === first.id)?.author).toEqual({
      display_name: member.displayName,
      slug: member.slug,
      avatar_url: null,
    });
  });

  it("renders markdown and leaves XSS payloads inert", async () => {
    await setSettings({ moderation: "none" });
    const target = await createPost(t);
    // Its own member: this test posts more than the hourly limit allows one member.
    const writer = await signIn(t, await createUser(t));
    const ok = await created(writer, {
      post_id: target.id,
      body: "Hello *world* and **you**: `x`\n\n> quoted\n\n- one\n- two\n\n[site](https://example.org)",
    });
    expect(ok.html).toContain("<em>world</em>");
    expect(ok.html).toContain("<strong>you</strong>");
    expect(ok.html).toContain("<blockquote>");
    expect(ok.html).toContain('<a href="https://example.org" rel="nofollow ugc noopener">site</a>');
    for (const payload of XSS_PAYLOADS) {
      const response = await comment(writer, { post_id: target.id, body: payload });
      clock.advance(13_000);
      expect(response.statusCode, response.body).toBe(201);
      const html = OwnCommentSchema.parse(response.json()).html;
      expectInert(html);
      // Payload text may stay visible (escaped), but never as markup.
      expect(html).not.toMatch(/<(script|img|svg|iframe|style|form|input|details|math|b)\b/i);
    }
    // What readers get is the same stored, sanitised HTML.
    for (const c of (await publicList(target.slug)).data) expectInert(c.html);
  });

  it("answers 404 when a member edits or deletes someone else's comment, and lets them edit their own", async () => {
    await setSettings({ moderation: "none" });
    const mine = await created(aliceSession, { post_id: post.id, body: "Original" });
    for (const method of ["PATCH", "DELETE"] as const) {
      const response = await t.app.inject({
        method,
        url: `/api/v1/comments/${mine.id}`,
        headers: bobSession.headers,
        ...(method === "PATCH" ? { payload: { body: "Hijacked" } } : {}),
      });
      expect(response.statusCode).toBe(404);
      expect(response.headers["content-type"]).toContain("application/problem+json");
    }
    const edit = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/comments/${mine.id}`,
      headers: aliceSession.headers,
      payload: { body: "Edited *text*" },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const edited = OwnCommentSchema.parse(edit.json());
    expect(edited.html).toBe("<p>Edited <em>text</em></p>");
    expect(edited.edited_at).not.toBeNull();
    expect(edited.is_own).toBe(true);

    const withIsOwn = await publicList(post.slug, aliceSession.headers);
    expect(withIsOwn.data.find((c) => c.id === mine.id)?.is_own).toBe(true);
    expect((await publicList(post.slug)).data.find((c) => c.id === mine.id)?.is_own).toBeUndefined();

    const remove = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/comments/${mine.id}`,
      headers: aliceSession.headers,
    });
    expect(remove.statusCode).toBe(204);
    expect((await publicList(post.slug)).data.map((c) => c.id)).not.toContain(mine.id);
  });

  it("refuses edits after 15 minutes with 409 edit-window-closed", async () => {
    await setSettings({ moderation: "none" });
    const mine = await created(aliceSession, { post_id: post.id, body: "Soon stale" });
    clock.advance(15 * 60_000);
    const session = await signIn(t, alice);
    const response = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/comments/${mine.id}`,
      headers: session.headers,
      payload: { body: "Too late" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ type: string }>().type).toMatch(/\/edit-window-closed$/);
  });

  it("rate limits a member to 5 comments a minute with 429 and Retry-After", async () => {
    await setSettings({ moderation: "none" });
    const member = await createUser(t);
    const session = await signIn(t, member);
    for (let i = 0; i < 5; i += 1) {
      const response = await comment(session, { post_id: post.id, body: `Comment ${i}` });
      expect(response.statusCode, response.body).toBe(201);
      clock.advance(1_000);
    }
    const limited = await comment(session, { post_id: post.id, body: "One too many" });
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ type: string }>().type).toMatch(/\/rate-limited$/);
    // The oldest of the five was posted 5 s ago: it leaves the window in 55 s.
    expect(Number(limited.headers["retry-after"])).toBe(55);
    clock.advance(55_000);
    const later = await comment(await signIn(t, member), { post_id: post.id, body: "Now fine" });
    expect(later.statusCode, later.body).toBe(201);
    clock.advance(61_000);
  });

  it("answers 409 comments-closed on a closed post and 404 on a draft", async () => {
    const closed = await createPost(t, { commentsEnabled: false });
    const response = await comment(aliceSession, { post_id: closed.id, body: "Hello?" });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ type: string }>().type).toMatch(/\/comments-closed$/);
    const draft = await createPost(t, { status: "draft" });
    expect((await comment(aliceSession, { post_id: draft.id, body: "Hello?" })).statusCode).toBe(404);
    const list = await t.app.inject({ method: "GET", url: `/api/v1/posts/${draft.slug}/comments` });
    expect(list.statusCode).toBe(404);
  });

  it("shows members-only posts' comments to signed-in readers only", async () => {
    const gated = await createPost(t, { visibility: "members" });
    const anonymous = await t.app.inject({ method: "GET", url: `/api/v1/posts/${gated.slug}/comments` });
    expect(anonymous.statusCode).toBe(401);
    const signedIn = await publicList(gated.slug, bobSession.headers);
    expect(signedIn.data).toEqual([]);
  });

  it("bounds the thread depth: a reply at the deepest level joins its parent's level", async () => {
    await setSettings({ moderation: "none", max_depth: 2 });
    const thread = await createPost(t);
    const root = await created(aliceSession, { post_id: thread.id, body: "root" });
    const d1 = await created(bobSession, { post_id: thread.id, parent_id: root.id, body: "d1" });
    const d2 = await created(aliceSession, { post_id: thread.id, parent_id: d1.id, body: "d2" });
    const d3 = await created(bobSession, { post_id: thread.id, parent_id: d2.id, body: "d3" });
    expect([root.depth, d1.depth, d2.depth, d3.depth]).toEqual([0, 1, 2, 2]);
    expect(d3.parent_id).toBe(d1.id);
    const second = await created(bobSession, { post_id: thread.id, body: "second root" });
    const list = await publicList(thread.slug);
    expect(list.data.map((c) => c.id)).toEqual([root.id, d1.id, d2.id, d3.id, second.id]);

    // Pages count top-level threads.
    const page = await t.app.inject({ method: "GET", url: `/api/v1/posts/${thread.slug}/comments?limit=1` });
    const first = PublicCommentListSchema.parse(page.json());
    expect(first.data.map((c) => c.id)).toEqual([root.id, d1.id, d2.id, d3.id]);
    const next = await t.app.inject({
      method: "GET",
      url: `/api/v1/posts/${thread.slug}/comments?limit=1&cursor=${encodeURIComponent(first.next_cursor ?? "")}`,
    });
    expect(PublicCommentListSchema.parse(next.json()).data.map((c) => c.id)).toEqual([second.id]);

    const badParent = await comment(aliceSession, {
      post_id: post.id,
      parent_id: root.id,
      body: "elsewhere",
    });
    expect(badParent.statusCode).toBe(422);
    expect(badParent.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe("/body/parent_id");
    await setSettings({ max_depth: 3 });
  });

  it("emails the parent's author about a reply, in the outbox, but not a self-reply", async () => {
    await setSettings({ moderation: "none" });
    const parent = await created(aliceSession, { post_id: post.id, body: "Parent" });
    const reply = await created(bobSession, { post_id: post.id, parent_id: parent.id, body: "A *reply*" });
    const queued = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `comment-reply:${reply.id}`));
    expect(queued).toHaveLength(1);
    const mail = await readMail(t, alice.email);
    expect(mail?.subject).toContain("Bob replied to your comment");
    expect(mail?.bodyText).toContain(`#comment-${reply.id}`);
    const self = await created(aliceSession, { post_id: post.id, parent_id: parent.id, body: "Me again" });
    const none = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `comment-reply:${self.id}`));
    expect(none).toHaveLength(0);
  });

  it("counts one report per member and sends a comment back to pending at the threshold", async () => {
    await setSettings({ moderation: "none", report_threshold: 2 });
    const target = await created(aliceSession, { post_id: post.id, body: "Controversial" });
    const report = (session: SignedInUser) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/comments/${target.id}/report`,
        headers: session.headers,
        payload: { reason: "rude" },
      });
    expect((await report(aliceSession)).statusCode).toBe(409);
    expect((await report(bobSession)).statusCode).toBe(204);
    const again = await report(bobSession);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ type: string }>().type).toMatch(/\/already-reported$/);
    expect((await publicList(post.slug)).data.map((c) => c.id)).toContain(target.id);
    expect((await report(editorSession)).statusCode).toBe(204);
    expect((await publicList(post.slug)).data.map((c) => c.id)).not.toContain(target.id);
    const [row] = await t.database.db.select().from(comments).where(eq(comments.id, target.id));
    expect(row).toMatchObject({ status: "pending", reportCount: 2 });
    await setSettings({ report_threshold: 3 });
  });

  it("moderates in bulk in one transaction, all or nothing, and lists the queue with counts", async () => {
    await setSettings({ moderation: "all" });
    const queuePost = await createPost(t);
    const a = await created(aliceSession, { post_id: queuePost.id, body: "spam spam" });
    const b = await created(bobSession, { post_id: queuePost.id, body: "nice post" });
    const c = await created(aliceSession, { post_id: queuePost.id, body: "also nice" });

    const queue = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/comments?status=pending&post_id=${queuePost.id}`,
      headers: editorSession.headers,
    });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(StaffCommentListSchema.parse(queue.json()).data.map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    const search = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/comments?status=pending&post_id=${queuePost.id}&q=NICE`,
      headers: editorSession.headers,
    });
    expect(StaffCommentListSchema.parse(search.json()).data.map((x) => x.id)).toEqual([c.id, b.id]);

    const unknown = uuidv7();
    const failed = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/comments/bulk",
      headers: editorSession.headers,
      payload: { ids: [b.id, unknown], action: "approve" },
    });
    expect(failed.statusCode).toBe(422);
    expect(failed.json<{ errors: { pointer: string }[] }>().errors).toEqual([
      expect.objectContaining({ pointer: "/body/ids/1" }),
    ]);
    const [stillPending] = await t.database.db.select().from(comments).where(eq(comments.id, b.id));
    expect(stillPending?.status).toBe("pending");

    const approve = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/comments/bulk",
      headers: editorSession.headers,
      payload: { ids: [b.id, c.id], action: "approve" },
    });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(BulkModerateCommentsResultSchema.parse(approve.json())).toMatchObject({
      updated: 2,
      status: "approved",
    });
    const spam = await t.app.inject({
      method: "POST",
      url: "/api/v1/admin/comments/bulk",
      headers: editorSession.headers,
      payload: { ids: [a.id], action: "spam" },
    });
    expect(spam.statusCode).toBe(200);
    const counts = await t.app.inject({
      method: "GET",
      url: `/api/v1/admin/comments/counts?post_id=${queuePost.id}`,
      headers: editorSession.headers,
    });
    expect(CommentCountsSchema.parse(counts.json())).toEqual({
      pending: 0,
      approved: 2,
      spam: 1,
      deleted: 0,
    });
    expect((await publicList(queuePost.slug)).data.map((x) => x.id)).toEqual([b.id, c.id]);
    // Approval asked the web app to re-render the post page.
    const jobs = await t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, "web.revalidate")));
    expect(jobs.some((job) => JSON.stringify(job.payload).includes(`comments:${queuePost.id}`))).toBe(true);
  });

  it("needs comments:moderate for the queue and settings:manage to change the settings", async () => {
    const queue = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/comments",
      headers: aliceSession.headers,
    });
    expect(queue.statusCode).toBe(403);
    const read = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/settings/comments",
      headers: editorSession.headers,
    });
    expect(read.statusCode).toBe(200);
    CommentSettingsSchema.parse(read.json());
    const write = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/admin/settings/comments",
      headers: editorSession.headers,
      payload: { moderation: "none" },
    });
    expect(write.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/v1/comments",
      payload: { post_id: post.id, body: "hi" },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe.each(databaseKinds.filter((kind) => kind === "postgres"))("comment rate limit on %s", (kind) => {
  let t: TestApp;
  let post: { id: string; slug: string };
  beforeAll(async () => {
    t = await buildTestApp({ kind, seed: false });
    post = await createPost(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("holds under concurrent posts by one member: exactly 5 get through", async () => {
    const member = await createUser(t);
    const session = await signIn(t, member);
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.app.inject({
          method: "POST",
          url: "/api/v1/comments",
          headers: session.headers,
          payload: { post_id: post.id, body: `Burst ${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it("threads replies with the recursive query on PostgreSQL", async () => {
    const admin = await createUser(t, { role: "admin" });
    const adminSession = await signIn(t, admin);
    const invalid = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/admin/settings/comments",
      headers: adminSession.headers,
      payload: { max_depth: 99, extra: true },
    });
    expect(invalid.statusCode).toBe(400);
    const settings = await t.app.inject({
      method: "PATCH",
      url: "/api/v1/admin/settings/comments",
      headers: adminSession.headers,
      payload: { moderation: "none", max_depth: 1 },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    expect(CommentSettingsSchema.parse(settings.json())).toEqual({
      moderation: "none",
      max_depth: 1,
      report_threshold: 3,
    });
    const root = await t.app.inject({
      method: "POST",
      url: "/api/v1/comments",
      headers: adminSession.headers,
      payload: { post_id: post.id, body: "root" },
    });
    const rootId = OwnCommentSchema.parse(root.json()).id;
    const reply = await t.app.inject({
      method: "POST",
      url: "/api/v1/comments",
      headers: adminSession.headers,
      payload: { post_id: post.id, parent_id: rootId, body: "reply" },
    });
    const replyId = OwnCommentSchema.parse(reply.json()).id;
    const list = await t.app.inject({ method: "GET", url: `/api/v1/posts/${post.slug}/comments` });
    const ids = PublicCommentListSchema.parse(list.json()).data.map((c) => c.id);
    expect(ids.indexOf(replyId)).toBe(ids.indexOf(rootId) + 1);
  });
});
