import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PostList, Tag } from "@folio/types";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PageProblems,
  apiGet,
  launchBrowser,
  newContext,
  seriousAxeViolations,
  type ColorScheme,
} from "./support/browser.js";

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "artifacts");

let browser: Browser;
let postPath: string;
let tagPath: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchBrowser();
  const [post] = (await apiGet<PostList>("/api/v1/posts?limit=1")).data;
  postPath = `/${post!.slug}`;
  const tag = (await apiGet<{ data: Tag[] }>("/api/v1/tags")).data.find((t) => t.post_count > 0);
  tagPath = `/tag/${tag!.slug}`;
});
afterAll(async () => {
  await browser.close();
});

describe.each<ColorScheme>(["light", "dark"])("accessibility in the %s theme", (scheme) => {
  it.each([
    ["home", () => "/"],
    ["post", () => postPath],
    ["tag", () => tagPath],
  ])("has no serious or critical axe violations on the %s page", async (name, pathOf) => {
    const context = await newContext(browser, scheme);
    try {
      const page = await context.newPage();
      const problems = new PageProblems(page);
      const res = await page.goto(pathOf());
      expect(res?.status()).toBe(200);
      // The OS preference decides the theme when the reader has not chosen one.
      const background = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      expect(background).toBe(scheme === "dark" ? "rgb(17, 19, 23)" : "rgb(255, 255, 255)");
      expect(await seriousAxeViolations(page)).toEqual([]);
      // Landmarks and the skip link every page relies on.
      expect(await page.locator("header").count()).toBeGreaterThan(0);
      expect(await page.locator("main#main").count()).toBe(1);
      expect(await page.locator("footer").count()).toBeGreaterThan(0);
      expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
      if (name === "post" || name === "home") {
        // Scroll through once so lazy images below the fold are in the full-page capture.
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 50));
          }
          window.scrollTo(0, 0);
        });
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${scheme}.png`), fullPage: true });
      }
      expect(problems.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("theme and keyboard", () => {
  it("keeps the reader's theme choice across reloads, applied before first paint", async () => {
    const context = await newContext(browser, "light");
    try {
      const page = await context.newPage();
      const problems = new PageProblems(page);
      await page.goto(postPath);
      const toggle = page.getByRole("button", { name: "Switch to dark theme" });
      await toggle.click();
      await page.getByRole("button", { name: "Switch to light theme" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
      expect(await page.evaluate(() => localStorage.getItem("folio-theme"))).toBe("dark");

      // On reload the inline head script sets the attribute while parsing, before any content.
      await page.addInitScript(() => {
        document.addEventListener(
          "DOMContentLoaded",
          () => {
            (window as unknown as { themeAtParse: string | undefined }).themeAtParse =
              document.documentElement.dataset.theme;
          },
          { once: true },
        );
      });
      await page.reload();
      expect(
        await page.evaluate(() => (window as unknown as { themeAtParse: string | undefined }).themeAtParse),
      ).toBe("dark");
      const background = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      expect(background).toBe("rgb(17, 19, 23)");
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(problems.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("offers a skip link as the first tab stop, with a visible focus ring", async () => {
    const context = await newContext(browser, "light");
    try {
      const page = await context.newPage();
      await page.goto("/");
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { text: el?.textContent, href: el?.getAttribute("href") };
      });
      expect(focused.text).toBe("Skip to content");
      expect(focused.href).toBe("#main");
      // Focused, it moves into the viewport. Read once the page has settled: on a busy machine the
      // first frames after load can still be scrolling (scroll restoration, late layout).
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const rect = (document.activeElement as HTMLElement).getBoundingClientRect();
              return rect.top >= 0 && rect.bottom <= window.innerHeight
                ? "in view"
                : `top ${rect.top}, bottom ${rect.bottom}, scrollY ${window.scrollY}`;
            }),
          { timeout: 5_000 },
        )
        .toBe("in view");
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      );
      expect(outline).toBe("solid");
    } finally {
      await context.close();
    }
  });

  it("renders the 404 page (screenshot for review)", async () => {
    const context = await newContext(browser, "light");
    try {
      const page = await context.newPage();
      const res = await page.goto("/no-such-post-e2e");
      expect(res?.status()).toBe(404);
      await page.screenshot({ path: path.join(ARTIFACTS, "not-found-light.png") });
      expect(await seriousAxeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
