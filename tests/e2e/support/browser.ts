import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

// E2E_BASE_URL, not BASE_URL: Vitest sets process.env.BASE_URL to Vite's base path ("/").
export const BASE_URL = requireEnv("E2E_BASE_URL");
export const API_URL = requireEnv("API_URL");
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new Error(`${name} is not set; run the suite with \`npm run test:e2e\``);
  return value.replace(/\/+$/, "");
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export type ColorScheme = "light" | "dark";

/**
 * A browser context as the suites use it. Reduced motion turns the site's colour transitions off
 * (globals.css), so axe measures contrast on final colours, not mid-way through a theme switch.
 */
export function newContext(browser: Browser, colorScheme: ColorScheme = "light"): Promise<BrowserContext> {
  return browser.newContext({
    colorScheme,
    reducedMotion: "reduce",
    viewport: { width: 1280, height: 900 },
    baseURL: BASE_URL,
  });
}

/**
 * Collects what must never happen on a visited page: console errors, uncaught exceptions,
 * failed requests and HTTP error answers. A request the browser itself cancels (net::ERR_ABORTED:
 * the test navigated on while an icon or a Next.js RSC prefetch was in flight) is not a failure;
 * refused connections, resets, DNS and blocked responses are. `allowStatus` lists answers a test
 * expects (the 404 page's own document).
 */
export class PageProblems {
  readonly problems: string[] = [];
  private readonly allowed = new Set<string>();

  constructor(readonly page: Page) {
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const url = msg.location().url;
      if (this.isAllowedStatusMessage(msg.text(), url)) return;
      this.problems.push(`console error: ${msg.text()}${url ? ` (${url})` : ""}`);
    });
    page.on("pageerror", (error) => this.problems.push(`uncaught exception: ${error.message}`));
    page.on("requestfailed", (request) => {
      const failure = request.failure()?.errorText ?? "unknown";
      if (failure === "net::ERR_ABORTED") return;
      this.problems.push(`request failed: ${request.method()} ${request.url()} (${failure})`);
    });
    page.on("response", (response) => {
      if (response.status() < 400) return;
      if (this.allowed.has(`${response.status()} ${stripQuery(response.url())}`)) return;
      this.problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
    });
  }

  /** Expect `status` for `url` (absolute or site-relative) without counting it as a problem. */
  allowStatus(status: number, url: string): void {
    this.allowed.add(`${status} ${stripQuery(new URL(url, BASE_URL).toString())}`);
  }

  // Chromium reports a document's own error status on the console too ("Failed to load resource").
  private isAllowedStatusMessage(text: string, url: string): boolean {
    const match = /status of (\d{3})/.exec(text);
    return match !== null && url !== "" && this.allowed.has(`${match[1]} ${stripQuery(url)}`);
  }
}

function stripQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** Serious and critical axe violations (WCAG 2.x A/AA rules), formatted for a readable diff. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Colours are measured once every transition has ended: right after a colour-scheme switch
  // (emulateMedia) the computed colours are still the old theme's until the next frame, and
  // Chromium can keep an inherited colour of the old scheme in a long-lived page until the
  // subtree's style is rebuilt, which hiding and showing the root forces (not while a modal
  // dialog is open: hiding the root would close its top layer).
  await page.evaluate(async () => {
    const root = document.documentElement;
    if (document.querySelector("dialog[open]") === null) {
      const display = root.style.display;
      root.style.display = "none";
      void root.offsetHeight;
      root.style.display = display;
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // Finite ones only: a spinner's animation never finishes.
    const finite = document
      .getAnimations()
      .filter((animation) => animation.effect?.getTiming().iterations !== Infinity);
    await Promise.all(finite.map((animation) => animation.finished.catch(() => null)));
  });
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact ?? "?"} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => `${n.target.join(" ")} (${n.failureSummary?.split("\n").slice(-1)[0]?.trim() ?? ""})`)
          .slice(0, 5)
          .join(" | ")}`,
    );
}

/** GET a JSON document from the API directly (not through the site). */
export async function apiGet<T>(path: string): Promise<T> {
  const res = await fetch(`${API_URL}${path}`, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}
