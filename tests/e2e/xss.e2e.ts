import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  XSS_MARKER,
  inBatches,
  urlPayloads,
  xssPayloads,
  type XssPayload,
} from "../fixtures/xss-payloads.js";
import { EDITOR, MEMBER, signInThroughUi } from "./support/accounts.js";
import { launchBrowser, newContext } from "./support/browser.js";
import {
  apiSignIn,
  eventually,
  publishThroughWorkflow,
  removePosts,
  type ApiSession,
  type ProblemBody,
  type StaffPostView,
} from "./support/staff-api.js";
import { armXssTrap, xssFindings, type XssTrap } from "./support/xss.js";

// Stored XSS, end to end: the corpus (tests/fixtures/xss-payloads.ts, 100+ payloads) goes through
// the API into every field a writer or a commenter controls — titles, excerpts, body text, link
// hrefs, image src/alt/caption, cover alt, SEO fields, tag names, comments — ten payloads a post.
// Chromium then loads every place that shows them: the public post pages, home, tag pages, the
// feeds, and the dashboard (posts list, editor, comment queue). Nothing may run: window.__xss stays
// undefined in every frame, no dialog opens, and no live carrier of a payload is in the DOM.
// URLs the API refuses (422 with a field error) are dropped and counted: refusing is fine, a 5xx
// or a stored-and-live payload is not. Staff writes are made by the seeded editor (the owner must
// enrol MFA first, which tests/e2e/auth.e2e.ts does in its own run).

const BATCH = 10;
const SAFE_IMAGE = "/icon.svg";

let browser: Browser;
let editor: ApiSession;
let member: ApiSession;
const posts: { post: StaffPostView; batch: XssPayload[]; bodyTexts: string[] }[] = [];
const tags: { id: string; slug: string; name: string }[] = [];
const refused: string[] = [];

/** Packs payload texts into one string of at most `max` characters (whole payloads only). */
function pack(batch: XssPayload[], max: number, offset = 0): string {
  let out = "";
  for (let i = 0; i < batch.length; i += 1) {
    const text = batch[(i + offset) % batch.length]!.text;
    const next = out === "" ? text : `${out} ${text}`;
    if (next.length > max) continue;
    out = next;
  }
  return out;
}

type Json = Record<string, unknown>;

/**
 * POSTs a post; on a 400/422, drops what each field error points at (a body block, an SEO field,
 * the cover) and tries again, recording the refusal. Any other failure fails the test.
 */
async function createPruning(input: Json, label: string): Promise<StaffPostView> {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const answer = await editor.call<StaffPostView & ProblemBody>("POST", "/api/v1/admin/posts", input);
    if (answer.status === 201 || answer.status === 200) return answer.body;
    expect(answer.status, `${label}: ${JSON.stringify(answer.body).slice(0, 400)}`).toBeOneOf([400, 422]);
    const errors = answer.body.errors ?? [];
    expect(errors.length, `${label}: a refusal names its fields`).toBeGreaterThan(0);
    const blocks = new Set<number>();
    for (const { pointer } of errors) {
      const parts = pointer.split("/").slice(1);
      if (parts[0] === "body") parts.shift();
      refused.push(`${label} ${pointer}`);
      const [field, second, third] = parts;
      if (field === "body" && second === "content" && third !== undefined && /^\d+$/.test(third)) {
        blocks.add(Number(third));
      } else if (field === "seo" && second !== undefined && input.seo !== undefined) {
        delete (input.seo as Json)[second];
      } else if (field === "title") {
        input.title = `${label} (title refused)`;
      } else if (field !== undefined) {
        delete input[field];
      }
    }
    if (blocks.size > 0) {
      const doc = input.body as { content: unknown[] };
      doc.content = doc.content.filter((_, index) => !blocks.has(index));
    }
  }
  throw new Error(`${label}: still refused after pruning`);
}

function postInput(batch: XssPayload[], index: number, tagIds: string[]): Json {
  const urls = urlPayloads
    .slice((index * 3) % urlPayloads.length)
    .concat(urlPayloads)
    .slice(0, 3);
  const content: unknown[] = [];
  for (const payload of batch) {
    content.push({ type: "paragraph", content: [{ type: "text", text: payload.text }] });
  }
  for (const [i, url] of urls.entries()) {
    // A link whose href is a payload, and one whose text is (with a safe href).
    content.push({
      type: "paragraph",
      content: [{ type: "text", text: `link ${i}`, marks: [{ type: "link", attrs: { href: url.text } }] }],
    });
    content.push({
      type: "image",
      attrs: { src: url.text, alt: batch[i]!.text, title: null, mediaId: null },
    });
  }
  content.push({
    type: "paragraph",
    content: [
      { type: "text", text: batch[1]!.text, marks: [{ type: "link", attrs: { href: "/safe-link" } }] },
    ],
  });
  content.push({
    type: "image",
    attrs: { src: SAFE_IMAGE, alt: batch[2]!.text, title: batch[3]!.text, mediaId: null },
  });
  content.push({ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: batch[4]!.text }] });
  content.push({
    type: "codeBlock",
    attrs: { language: batch[5]!.text.slice(0, 32) },
    content: [{ type: "text", text: batch[5]!.text }],
  });
  return {
    title: pack(batch, 255) || `XSS batch ${index}`,
    excerpt: pack(batch, 1000, 1),
    body: { type: "doc", content },
    cover_image: { url: SAFE_IMAGE, alt: batch[6]!.text },
    tag_ids: tagIds,
    seo: {
      meta_title: pack(batch, 300, 2),
      meta_description: pack(batch, 1000, 3),
      og_title: pack(batch, 300, 4),
      og_description: pack(batch, 1000, 5),
      twitter_title: pack(batch, 300, 6),
      twitter_description: pack(batch, 1000, 7),
      canonical_url: urls[0]!.text,
      og_image_url: urls[1]!.text,
      twitter_image_url: urls[2]!.text,
    },
  };
}

beforeAll(async () => {
  browser = await launchBrowser();
  [editor, member] = await Promise.all([apiSignIn(EDITOR), apiSignIn(MEMBER)]);

  // Tags named after the short payloads (names are 1..100 characters).
  for (const payload of xssPayloads.filter((p) => p.text.trim().length <= 100).slice(0, 24)) {
    const answer = await editor.call<{ id: string; slug: string; name: string } & ProblemBody>(
      "POST",
      "/api/v1/admin/tags",
      { name: payload.text },
    );
    if (answer.status === 201 || answer.status === 200) tags.push(answer.body);
    else {
      expect(answer.status, `tag ${payload.id}: ${JSON.stringify(answer.body)}`).toBeOneOf([400, 409, 422]);
      refused.push(`tag ${payload.id} (${answer.status})`);
    }
  }
  expect(tags.length, "most payload tag names are stored").toBeGreaterThan(12);

  const batches = inBatches(xssPayloads, BATCH).map((batch) =>
    batch.length >= 8 ? batch : batch.concat(xssPayloads.slice(0, BATCH - batch.length)),
  );
  for (const [index, batch] of batches.entries()) {
    const label = `XSS batch ${index}`;
    const tagIds = [tags[(index * 2) % tags.length]!.id, tags[(index * 2 + 1) % tags.length]!.id];
    const input = postInput(batch, index, tagIds);
    const created = await createPruning(input, label);
    const published = await publishThroughWorkflow(editor, created);
    posts.push({ post: published, batch, bodyTexts: batch.map((p) => p.text) });
  }
}, 120_000);

afterAll(async () => {
  if (editor !== undefined) {
    await removePosts(
      editor,
      posts.map((p) => p.post.id),
    );
    for (const tag of tags) await editor.call("DELETE", `/api/v1/admin/tags/${tag.id}`);
  }
  if (refused.length > 0)
    console.log(`xss: the API refused ${refused.length} payload fields (expected for script URLs)`);
  await browser?.close();
});

async function visit(page: Page, path: string): Promise<void> {
  const res = await page.goto(path, { waitUntil: "load" });
  expect(res?.status(), path).toBeLessThan(400);
  // Let hydration, lazy images and client effects run before looking.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
}

async function expectInert(page: Page, trap: XssTrap, where: string): Promise<void> {
  expect(await xssFindings(page, XSS_MARKER), where).toEqual([]);
  expect(trap.dialogs, where).toEqual([]);
}

const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("stored XSS payloads render inert", () => {
  let context: BrowserContext;
  let trap: XssTrap;
  let page: Page;
  beforeAll(async () => {
    context = await newContext(browser);
    trap = await armXssTrap(context);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context.close();
  });

  it("uses a corpus of at least 100 distinct payloads", () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(100);
    expect(new Set(xssPayloads.map((p) => p.text)).size).toBe(xssPayloads.length);
    expect(posts.length).toBe(Math.ceil(xssPayloads.length / BATCH));
  });

  it("shows every post page with its payloads as text", async () => {
    for (const { post, bodyTexts } of posts) {
      await visit(page, `/${post.slug}`);
      await expectInert(page, trap, `/${post.slug}`);
      // Not vacuous: the payloads are on the page, as text.
      const shown = squeeze((await page.locator("main").textContent()) ?? "");
      for (const text of bodyTexts) expect(shown, `/${post.slug} shows ${text}`).toContain(squeeze(text));
    }
  }, 120_000);

  it("shows the home page, tag pages and feeds inertly", async () => {
    const newest = posts.at(-1)!.post;
    // The home page is ISR: it shows the new posts once the publish revalidated it.
    await eventually(
      "home shows the newest XSS post",
      async () => {
        await visit(page, "/");
        const titles = await page.locator("main article h2, main article h3").allTextContents();
        return titles.some((t) => squeeze(t) === squeeze(newest.title)) ? true : undefined;
      },
      20_000,
      1_000,
    );
    await expectInert(page, trap, "/");

    for (const tag of tags.slice(0, 6)) {
      await visit(page, `/tag/${tag.slug}`);
      await expectInert(page, trap, `/tag/${tag.slug}`);
    }
    const feeds = [
      "/rss.xml",
      "/atom.xml",
      `/tag/${tags[0]!.slug}/rss.xml`,
      `/tag/${tags[0]!.slug}/atom.xml`,
    ];
    for (const feed of feeds) {
      await visit(page, feed);
      await expectInert(page, trap, feed);
      // Well-formed XML: no payload opened an element of its own.
      const problems = await page.evaluate(async (url) => {
        const text = await (await fetch(url)).text();
        const doc = new DOMParser().parseFromString(text, "application/xml");
        return {
          parseErrors: doc.getElementsByTagName("parsererror").length,
          scripts: doc.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "script").length,
          scriptElements: doc.getElementsByTagName("script").length,
        };
      }, feed);
      expect(problems, feed).toEqual({ parseErrors: 0, scripts: 0, scriptElements: 0 });
    }
  }, 120_000);
});

describe("comments and the dashboard", () => {
  const comments: { id: string; status: string; label: string }[] = [];
  let target: StaffPostView;

  beforeAll(async () => {
    target = posts[0]!.post;
    // Everything in a few long comments (bodies up to 10 000 characters), to stay clear of the
    // per-member comment rate limit. Each starts with a plain label to find it on the page.
    const batches = inBatches(xssPayloads, 45);
    for (const [index, batch] of batches.entries()) {
      const label = `XSS comment ${index + 1} of ${batches.length}`;
      const body = [label, ...batch.map((p) => p.text)].join("\n\n");
      const send = () =>
        member.call<{ id: string; status: string } & ProblemBody>("POST", "/api/v1/comments", {
          post_id: target.id,
          body,
        });
      let answer = await send();
      if (answer.status === 429) {
        const wait = Number(answer.headers.get("retry-after") ?? "5");
        await new Promise((r) => setTimeout(r, Math.min(wait, 30) * 1000));
        answer = await send();
      }
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(201);
      comments.push({ id: answer.body.id, status: answer.body.status, label });
    }
  }, 90_000);

  it("keeps the dashboard inert: posts list, editor and comment queue", async () => {
    const context = await newContext(browser);
    const trap = await armXssTrap(context);
    try {
      const page = await context.newPage();
      await signInThroughUi(page, EDITOR);
      await visit(page, "/dashboard/comments");
      await expectInert(page, trap, "/dashboard/comments");
      await visit(page, "/dashboard/posts");
      await expectInert(page, trap, "/dashboard/posts");
      for (const { post } of posts) {
        await visit(page, `/dashboard/posts/${post.id}`);
        await expectInert(page, trap, `/dashboard/posts/${post.id}`);
      }
    } finally {
      await context.close();
    }
  }, 150_000);

  it("shows the approved comments under the post for a reader, inertly", async () => {
    const pending = comments.filter((c) => c.status === "pending").map((c) => c.id);
    if (pending.length > 0)
      await editor.ok("POST", "/api/v1/admin/comments/bulk", { ids: pending, action: "approve" });
    const context = await newContext(browser);
    const trap = await armXssTrap(context);
    try {
      const page = await context.newPage();
      await eventually(
        "the post page shows the approved comments",
        async () => {
          await visit(page, `/${target.slug}`);
          const text = squeeze((await page.locator("main").textContent()) ?? "");
          return comments.every((c) => text.includes(squeeze(c.label))) ? true : undefined;
        },
        20_000,
        1_000,
      );
      await expectInert(page, trap, `/${target.slug} with comments`);
    } finally {
      await context.close();
    }
  }, 60_000);
});
