import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTRIBUTOR, EDITOR, MEMBER, signInThroughUi, type E2eAccount } from "./support/accounts.js";
import { BASE_URL, PageProblems, launchBrowser, seriousAxeViolations } from "./support/browser.js";
import {
  apiSignIn,
  eventually,
  fetchSite,
  paragraphsDoc,
  publishThroughWorkflow,
  removePosts,
  type ApiSession,
  type StaffPostView,
} from "./support/staff-api.js";

// Publishing in the browser, against the production builds with in-process jobs and on-demand ISR
// revalidation (tools/e2e.mjs): a contributor writes and submits a post, an editor approves and
// publishes it, and it shows on the home page, in the RSS feed and in the sitemap; a post scheduled
// through the picker publishes itself; a stale save gets the conflict dialog instead of
// overwriting; a member's comment is moderated in the queue; the new dashboard pages are axe clean.

const SLOW = 150_000;
const SHOTS = "/tmp/folio/shots";
// The schedule picker works in the browser's zone: not UTC, so the conversion is exercised.
const TIME_ZONE = "America/New_York";
const stamp = Date.now().toString(36);

let browser: Browser;
let editorApi: ApiSession;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  editorApi = await apiSignIn(EDITOR);
});
/** Posts this file creates, removed at the end (see `removePosts`). */
const createdIds: string[] = [];
afterAll(async () => {
  if (editorApi !== undefined) await removePosts(editorApi, createdIds);
  await browser?.close();
});

async function contextFor(colorScheme: "light" | "dark" = "light"): Promise<BrowserContext> {
  return browser.newContext({
    colorScheme,
    reducedMotion: "reduce",
    viewport: { width: 1280, height: 900 },
    baseURL: BASE_URL,
    timezoneId: TIME_ZONE,
  });
}

/** A signed-in page of its own context (closed by the caller through `page.context().close()`). */
async function signedInPage(who: E2eAccount): Promise<{ page: Page; problems: PageProblems }> {
  const context = await contextFor();
  const page = await context.newPage();
  const problems = new PageProblems(page);
  await signInThroughUi(page, who);
  return { page, problems };
}

const saveState = (page: Page) => page.locator("[data-save-state]");

async function waitForSaved(page: Page): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor({ timeout: 20_000 });
  expect(await saveState(page).textContent()).toContain("Saved");
}

async function staffPost(id: string): Promise<StaffPostView> {
  return editorApi.ok<StaffPostView>("GET", `/api/v1/admin/posts/${id}`);
}

/** The sitemap index's chunks, fetched from this site, until one lists `path`. */
async function sitemapListing(path: string): Promise<boolean> {
  const index = await fetchSite(BASE_URL, "/sitemap.xml");
  expect(index.status).toBe(200);
  const chunkUrls = [...index.text.matchAll(/<sitemap>\s*<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(chunkUrls.length, "the sitemap is an index of chunks").toBeGreaterThan(0);
  for (const url of chunkUrls) {
    const chunk = await fetchSite(BASE_URL, new URL(url).pathname + new URL(url).search);
    expect(chunk.status, url).toBe(200);
    if (chunk.text.includes(`<loc>${BASE_URL}${path}</loc>`)) return true;
  }
  return false;
}

async function homeShows(page: Page, title: string): Promise<true | undefined> {
  await page.goto("/");
  const titles = await page.locator("main article h2, main article h3").allTextContents();
  return titles.some((t) => t.trim() === title) ? true : undefined;
}

/** Target for the minute-resolution picker: the next full minute at least `marginMs` away. */
function nextScheduleSlot(marginMs: number): Date {
  const minute = 60_000;
  return new Date(Math.ceil((Date.now() + marginMs) / minute) * minute);
}

function zonedParts(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

describe("publishing", () => {
  // Scenario 2 is arranged first and checked last, so the wait for the scheduled minute overlaps
  // the other scenarios instead of adding to the run.
  const scheduled = { id: "", slug: "", title: `Scheduled from the picker ${stamp}`, due: new Date(0) };

  it(
    "schedules a post through the picker in the writer's time zone",
    async () => {
      const draft = await editorApi.ok<StaffPostView>("POST", "/api/v1/admin/posts", {
        title: scheduled.title,
        body: paragraphsDoc("This post publishes itself when its minute comes."),
      });
      createdIds.push(draft.id);
      Object.assign(scheduled, { id: draft.id, slug: draft.slug });
      const { page, problems } = await signedInPage(EDITOR);
      try {
        await page.goto(`/dashboard/posts/${draft.id}`);
        await page.getByRole("group", { name: "Workflow" }).getByRole("button", { name: "Schedule" }).click();
        const dialog = page.getByRole("dialog", { name: "Schedule publication" });
        await dialog.waitFor();
        expect(await dialog.getByLabel("Time zone").inputValue()).toBe(TIME_ZONE);
        scheduled.due = nextScheduleSlot(12_000);
        const slot = zonedParts(scheduled.due, TIME_ZONE);
        await dialog.getByLabel("Date", { exact: true }).fill(slot.date);
        await dialog.getByLabel("Time", { exact: true }).fill(slot.time);
        await dialog.getByRole("button", { name: "Schedule", exact: true }).click();
        await dialog.waitFor({ state: "hidden" });
        const post = await eventually("the post is scheduled", async () => {
          const current = await staffPost(draft.id);
          return current.status === "scheduled" ? current : undefined;
        });
        expect(post.published_at).toBe(scheduled.due.toISOString());
        expect(problems.problems).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
    SLOW,
  );

  it(
    "takes a contributor's post through review to the home page, the RSS feed and the sitemap",
    async () => {
      const title = `Field notes from the review desk ${stamp}`;
      const body = "A contributor wrote this paragraph in the browser editor.";
      const writer = await signedInPage(CONTRIBUTOR);
      let id: string;
      try {
        const { page } = writer;
        await page.goto("/dashboard/posts/new");
        await page.getByLabel("Title", { exact: true }).fill(title);
        const editor = page.getByRole("textbox", { name: "Body" });
        await editor.click();
        await page.keyboard.type(body);
        // Autosave creates the post and moves the address to its id.
        await page.waitForURL(/\/dashboard\/posts\/[0-9a-f-]{36}$/, { timeout: 20_000 });
        await waitForSaved(page);
        id = new URL(page.url()).pathname.split("/").at(-1)!;
        createdIds.push(id);
        await page.getByRole("button", { name: "Submit for review" }).click();
        await eventually("the post is in review", async () =>
          (await staffPost(id)).status === "in_review" ? true : undefined,
        );
        await page.screenshot({ path: `${SHOTS}/editor-contributor.png`, fullPage: true });
        expect(writer.problems.problems).toEqual([]);
      } finally {
        await writer.page.context().close();
      }

      const reviewer = await signedInPage(EDITOR);
      try {
        const { page } = reviewer;
        await page.goto(`/dashboard/posts/${id}`);
        expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(title);
        const workflow = page.getByRole("group", { name: "Workflow" });
        await workflow.getByRole("button", { name: "Approve" }).click();
        await eventually("the post is approved", async () =>
          (await staffPost(id)).status === "approved" ? true : undefined,
        );
        await workflow.getByRole("button", { name: "Publish", exact: true }).click();
        const published = await eventually("the post is published", async () => {
          const post = await staffPost(id);
          return post.status === "published" ? post : undefined;
        });
        expect(published.html).toContain(body);
        expect(reviewer.problems.problems).toEqual([]);

        // On-demand revalidation puts it on the cached home page within seconds.
        await eventually("the home page lists the post", () => homeShows(page, title), 20_000, 1_000);
        const res = await page.goto(`/${published.slug}`);
        expect(res?.status()).toBe(200);
        await page.getByRole("heading", { level: 1, name: title }).waitFor();
        expect(await page.locator("main").textContent()).toContain(body);

        await eventually(
          "the RSS feed lists the post",
          async () => {
            const rss = await fetchSite(BASE_URL, "/rss.xml");
            return rss.status === 200 && rss.text.includes(`${BASE_URL}/${published.slug}`)
              ? true
              : undefined;
          },
          20_000,
          1_000,
        );
        const rss = await fetchSite(BASE_URL, "/rss.xml");
        expect(rss.text).toContain(`<title>${title}</title>`);
        await eventually(
          "the sitemap lists the post",
          async () => ((await sitemapListing(`/${published.slug}`)) ? true : undefined),
          20_000,
          1_000,
        );
      } finally {
        await reviewer.page.context().close();
      }
    },
    SLOW,
  );

  it(
    "shows the conflict dialog to the second of two stale editors, and loses no update",
    async () => {
      const created = await editorApi.ok<StaffPostView>("POST", "/api/v1/admin/posts", {
        title: `Two editors, one post ${stamp}`,
        body: paragraphsDoc("The starting text."),
      });
      createdIds.push(created.id);
      const first = await signedInPage(EDITOR);
      const second = await signedInPage(EDITOR);
      try {
        second.problems.allowStatus(409, `${BASE_URL}/api/v1/admin/posts/${created.id}`);
        for (const { page } of [first, second]) {
          await page.goto(`/dashboard/posts/${created.id}`);
          await page.getByRole("textbox", { name: "Body" }).waitFor();
        }
        const firstTitle = `Saved first ${stamp}`;
        await first.page.getByLabel("Title", { exact: true }).fill(firstTitle);
        await first.page.getByRole("button", { name: "Save", exact: true }).click();
        await waitForSaved(first.page);
        const afterFirst = await staffPost(created.id);
        expect(afterFirst.title).toBe(firstTitle);
        expect(afterFirst.version).toBeGreaterThan(created.version);

        // The second browser still holds the old version; its save must not overwrite the first.
        await second.page.getByLabel("Title", { exact: true }).fill(`Saved second ${stamp}`);
        await second.page.getByRole("button", { name: "Save", exact: true }).click();
        const dialog = second.page.getByRole("dialog", { name: "This post was changed by someone else" });
        await dialog.waitFor({ timeout: 20_000 });
        expect(await dialog.textContent()).toContain(`(${afterFirst.version})`);
        await second.page.screenshot({ path: `${SHOTS}/editor-conflict.png` });
        expect(await seriousAxeViolations(second.page), "conflict dialog").toEqual([]);

        const server = await staffPost(created.id);
        expect(server.title).toBe(firstTitle);
        expect(server.version).toBe(afterFirst.version);
        expect(first.problems.problems).toEqual([]);
        expect(second.problems.problems.filter((p) => !p.includes(" 409"))).toEqual([]);
      } finally {
        await first.page.context().close();
        await second.page.context().close();
      }
    },
    SLOW,
  );

  it(
    "lets a member comment, an editor approve it in the queue, and a reader see it",
    async () => {
      const created = await editorApi.ok<StaffPostView>("POST", "/api/v1/admin/posts", {
        title: `Comments welcome ${stamp}`,
        body: paragraphsDoc("Tell us what you think."),
        comments_enabled: true,
      });
      createdIds.push(created.id);
      const post = await publishThroughWorkflow(editorApi, created);
      const comment = `A thoughtful member comment ${stamp}`;

      const member = await signedInPage(MEMBER);
      try {
        const { page } = member;
        await page.goto(`/${post.slug}`);
        await page.getByLabel("Write a comment").fill(comment);
        // The API's answer is awaited before the page closes: closing it earlier could cancel the
        // request the optimistic insert below does not wait for.
        const posted = page.waitForResponse(
          (response) =>
            response.request().method() === "POST" && new URL(response.url()).pathname.endsWith("/comments"),
        );
        await page.getByRole("button", { name: "Post comment" }).click();
        // Optimistic insert: the member sees it at once (marked as awaiting moderation if pending).
        await page.getByText(comment).first().waitFor();
        expect((await posted).status()).toBe(201);
        expect(member.problems.problems).toEqual([]);
      } finally {
        await member.page.context().close();
      }

      // With the default setting the comment waits in the queue (pending); if the site approves
      // comments at once, there is nothing to moderate and the queue step only checks the page.
      const pending = await editorApi.ok<{ data: { body_markdown: string }[] }>(
        "GET",
        `/api/v1/admin/comments?post_id=${post.id}&status=pending`,
      );
      const waits = pending.data.some((c) => c.body_markdown.trim() === comment);
      const moderator = await signedInPage(EDITOR);
      try {
        const { page } = moderator;
        await page.goto("/dashboard/comments");
        await page.getByRole("heading", { level: 1 }).waitFor();
        if (waits) {
          const row = page.getByRole("row").filter({ hasText: comment });
          await row.waitFor();
          await row.getByRole("button", { name: /^Approve/ }).click();
          await row.waitFor({ state: "detached", timeout: 10_000 });
        }
        await eventually(
          "the comment is approved",
          async () => {
            const list = await editorApi.ok<{ data: { body_markdown: string; status: string }[] }>(
              "GET",
              `/api/v1/admin/comments?post_id=${post.id}&status=approved`,
            );
            return list.data.some((c) => c.body_markdown.trim() === comment) ? true : undefined;
          },
          10_000,
        );
        expect(moderator.problems.problems).toEqual([]);
      } finally {
        await moderator.page.context().close();
      }

      const anonymous = await contextFor();
      try {
        const page = await anonymous.newPage();
        const problems = new PageProblems(page);
        await eventually(
          "the comment shows under the post",
          async () => {
            await page.goto(`/${post.slug}`);
            return (await page.getByText(comment).count()) > 0 ? true : undefined;
          },
          20_000,
          1_000,
        );
        expect(problems.problems).toEqual([]);
      } finally {
        await anonymous.close();
      }
    },
    SLOW,
  );

  it(
    "has no serious or critical axe violations on the new dashboard pages and a post page",
    async () => {
      const { page, problems } = await signedInPage(EDITOR);
      try {
        const [sample] = (
          await editorApi.ok<{ data: { id: string; slug: string; status: string }[] }>(
            "GET",
            "/api/v1/admin/posts?status=published&limit=1",
          )
        ).data;
        expect(sample).toBeDefined();
        const pages: [string, string][] = [
          ["dashboard-posts", "/dashboard/posts"],
          ["dashboard-editor", `/dashboard/posts/${sample!.id}`],
          ["dashboard-new-post", "/dashboard/posts/new"],
          ["dashboard-comments", "/dashboard/comments"],
          ["dashboard-media", "/dashboard/media"],
          ["dashboard-taxonomy", "/dashboard/taxonomy"],
          ["dashboard-redirects", "/dashboard/redirects"],
          ["public-post", `/${sample!.slug}`],
        ];
        const violations: string[] = [];
        for (const [name, path] of pages) {
          const res = await page.goto(path);
          expect(res?.status(), path).toBe(200);
          await page.getByRole("heading", { level: 1 }).first().waitFor();
          // Skeletons give way to data before axe looks.
          await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
          await page
            .locator('[aria-busy="true"]')
            .first()
            .waitFor({ state: "detached", timeout: 10_000 })
            .catch(() => undefined);
          for (const v of await seriousAxeViolations(page)) violations.push(`${path}: ${v}`);
          await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
        }
        expect(violations).toEqual([]);
        expect(problems.problems).toEqual([]);
      } finally {
        await page.context().close();
      }
    },
    SLOW,
  );

  it(
    "publishes the scheduled post by itself and revalidates the home page",
    async () => {
      expect(scheduled.id, "the scheduling test ran").not.toBe("");
      // The in-process runner publishes it at its minute; the page answers within ~15 s of it.
      const deadline = Math.max(scheduled.due.getTime(), Date.now()) + 15_000;
      const wait = scheduled.due.getTime() - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await eventually(
        "the scheduled post's page answers 200",
        async () => ((await fetchSite(BASE_URL, `/${scheduled.slug}`)).status === 200 ? true : undefined),
        Math.max(1_000, deadline - Date.now()),
        500,
      );
      const post = await staffPost(scheduled.id);
      expect(post.status).toBe("published");
      expect(post.published_at).toBe(scheduled.due.toISOString());

      const context = await contextFor();
      try {
        const page = await context.newPage();
        await eventually(
          "the home page lists the scheduled post",
          () => homeShows(page, scheduled.title),
          15_000,
          1_000,
        );
      } finally {
        await context.close();
      }
    },
    SLOW,
  );
});
