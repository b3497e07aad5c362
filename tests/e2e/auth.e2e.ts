import { mkdirSync, readFileSync } from "node:fs";
import { createTotp } from "@folio/auth";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_URL,
  BASE_URL,
  PageProblems,
  launchBrowser,
  newContext,
  seriousAxeViolations,
} from "./support/browser.js";

// Accounts in the browser, end to end against the production builds (tools/e2e.mjs): register,
// verify through a real email (SMTP sink), sign in, enrol TOTP, sign in with it, renew an expired
// access cookie, revoke another session, and an owner's first visit (required MFA, users, roles,
// API tokens, an invitation accepted from its email). Every page is checked with axe in both
// colour schemes and photographed into /tmp/folio/shots.

const SINK_URL = requireEnv("SMTP_SINK_URL");
const OWNER = { email: requireEnv("E2E_OWNER_EMAIL"), password: requireEnv("E2E_OWNER_PASSWORD") };
const SHOTS = "/tmp/folio/shots";
const SLOW = 150_000;

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set; run \`npm run test:e2e\``);
  return value.replace(/\/+$/, "");
}

interface SinkMessage {
  id: number;
  to: string[];
  subject: string | null;
  text: string | null;
}

/** The first link in a message to `path` on the site (the API builds them from PUBLIC_URL). */
function linkTo(message: SinkMessage, path: string): string | null {
  for (const match of (message.text ?? "").matchAll(/https?:\/\/[^\s<>")]+/g)) {
    const url = new URL(match[0]);
    if (url.origin === BASE_URL && url.pathname === path) return url.toString();
  }
  return null;
}

/** Waits for an email to `to` that links to `path` and returns that link. */
async function waitForLink(to: string, path: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${SINK_URL}/messages?to=${encodeURIComponent(to)}`);
    const { data } = (await res.json()) as { data: SinkMessage[] };
    for (const message of data) {
      const link = linkTo(message, path);
      if (link !== null) return link;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${to} linking to ${path} within ${timeoutMs} ms`);
}

/**
 * TOTP codes the way a person's app would give them, minding the API's replay rule: each 30 s
 * step is accepted once, and the API accepts the step before and after its own. When the steps
 * that are still acceptable are used up, wait for the next one.
 */
class Authenticator {
  private readonly totp = createTotp({ issuer: "Folio" });
  private lastStep = -1;
  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const step = Math.floor(now / 30_000);
      const target = Math.max(step, this.lastStep + 1);
      if (target <= step + 1) {
        this.lastStep = target;
        return this.totp.generateCode(this.secret, new Date(target * 30_000 + 1_000));
      }
      await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - now + 200));
    }
  }
}

/** axe in the light and dark scheme, with a full-page screenshot of each. */
async function checkPage(page: Page, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await page.getByRole("heading", { level: 1 }).count(), `${name}: one h1`).toBe(1);
    expect(await seriousAxeViolations(page), `${name} (${scheme})`).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage: true });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

async function fillLogin(page: Page, email: string, password: string): Promise<void> {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signIn(
  page: Page,
  who: { email: string; password: string },
  app?: Authenticator,
): Promise<void> {
  await fillLogin(page, who.email, who.password);
  if (app !== undefined) {
    await page.waitForURL(/\/login\/mfa/);
    await page.getByLabel("6-digit code from your authenticator app").fill(await app.code());
    await page.getByRole("button", { name: "Verify and sign in" }).click();
  }
  await page.waitForURL(/\/dashboard/);
}

/** Enrols an authenticator app on the MFA settings page; returns it and the recovery codes. */
async function enrolTotp(page: Page, shots?: string): Promise<{ app: Authenticator; codes: string[] }> {
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  const secret = await page.locator("[data-totp-secret]").getAttribute("data-totp-secret");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const qr = page.getByRole("img", { name: /QR code for your authenticator app/ });
  await qr.waitFor();
  expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  if (shots !== undefined) await checkPage(page, shots);
  const app = new Authenticator(secret ?? "");
  await page.getByLabel("6-digit code", { exact: true }).fill(await app.code());
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("heading", { name: "Save your recovery codes" }).waitFor();
  const codes = await page.locator("[data-recovery-code]").allInnerTexts();
  return { app, codes };
}

let browser: Browser;
const stamp = Date.now().toString(36);
const reader = {
  name: "Rita Reader",
  email: `rita.${stamp}@example.org`,
  password: "amber violin harbour lantern 42",
};
let readerApp: Authenticator;
/** When pageA last signed in: a sign-in counts as a step-up for AUTH_STEP_UP_TTL_SECONDS (60 s here). */
let readerSignedInAt = 0;
let contextA: BrowserContext;
let pageA: Page;
let problemsA: PageProblems;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  contextA = await newContext(browser);
  pageA = await contextA.newPage();
  problemsA = new PageProblems(pageA);
});
afterAll(async () => {
  await browser.close();
});

describe("sign-in pages", () => {
  it.each([
    ["login", "/login"],
    ["register", "/register"],
    ["forgot-password", "/forgot-password"],
    ["reset-password", "/reset-password?token=e2e-not-a-real-token-0000"],
    ["verify-email-incomplete", "/verify-email"],
    ["mfa-challenge-expired", "/login/mfa"],
    ["accept-invite", "/accept-invite?token=e2e-not-a-real-token-0000"],
  ])("renders %s accessibly in both themes", async (name, path) => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const problems = new PageProblems(page);
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      await checkPage(page, name);
      expect(problems.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("keeps dashboard pages behind sign-in", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto("/dashboard/settings/sessions");
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(new URL(page.url()).searchParams.get("next")).toBe("/dashboard/settings/sessions");
    } finally {
      await context.close();
    }
  });
});

describe("a reader's account", () => {
  it(
    "registers, verifies the address from the email and signs in",
    async () => {
      await pageA.goto("/register");
      await pageA.getByLabel("Your name").fill(reader.name);
      await pageA.getByLabel("Email address").fill(reader.email);
      await pageA.getByLabel("Password", { exact: true }).fill(reader.password);
      await pageA.getByRole("button", { name: "Create account" }).click();
      await pageA.getByText("Check your inbox").waitFor();

      const link = await waitForLink(reader.email, "/verify-email");
      await pageA.goto(link);
      await pageA.getByText("Your email address is verified").waitFor();
      await checkPage(pageA, "verify-email-done");

      await pageA.getByRole("link", { name: "Sign in", exact: true }).last().click();
      await pageA.waitForURL(/\/login/);
      await signIn(pageA, reader);
      await pageA.getByRole("heading", { level: 1, name: "Welcome back, Rita" }).waitFor();
      expect(await pageA.getByRole("link", { name: "Dashboard" }).first().isVisible()).toBe(true);
      await checkPage(pageA, "dashboard");
      expect(problemsA.problems).toEqual([]);
    },
    SLOW,
  );

  it(
    "enrols an authenticator app from the QR code page and keeps the recovery codes",
    async () => {
      await pageA.goto("/dashboard/settings/mfa");
      await checkPage(pageA, "mfa-settings");
      const { app, codes } = await enrolTotp(pageA, "mfa-totp-setup");
      readerApp = app;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      await checkPage(pageA, "recovery-codes");

      const [download] = await Promise.all([
        pageA.waitForEvent("download"),
        pageA.getByRole("button", { name: "Download codes" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("folio-recovery-codes.txt");
      const saved = readFileSync(await download.path(), "utf8");
      for (const code of codes) expect(saved).toContain(code);

      await pageA.getByLabel("I have saved these codes somewhere safe").check();
      await pageA.getByRole("button", { name: "Done" }).click();
      await pageA
        .getByText(/^On since/)
        .first()
        .waitFor();
      expect(problemsA.problems).toEqual([]);
    },
    SLOW,
  );

  it(
    "signs out, then needs an authenticator code to sign back in",
    async () => {
      await pageA.getByRole("button", { name: "Sign out" }).click();
      await pageA.waitForURL(/\/login\?signed-out=1/);
      await fillLogin(pageA, reader.email, reader.password);
      await pageA.waitForURL(/\/login\/mfa/);
      await checkPage(pageA, "mfa-challenge");

      // A wrong code is refused with a message next to the form, focused for screen readers.
      problemsA.allowStatus(400, "/api/v1/auth/mfa/verify");
      problemsA.allowStatus(401, "/api/v1/auth/mfa/verify");
      const codeInput = pageA.getByLabel("6-digit code from your authenticator app");
      await codeInput.fill("000000");
      await pageA.getByRole("button", { name: "Verify and sign in" }).click();
      await pageA.getByRole("alert").getByText("That code is not right").waitFor();

      await codeInput.fill(await readerApp.code());
      await pageA.getByRole("button", { name: "Verify and sign in" }).click();
      await pageA.waitForURL(/\/dashboard$/);
      readerSignedInAt = Date.now();
      await pageA.getByRole("heading", { level: 1, name: "Welcome back, Rita" }).waitFor();
      expect(problemsA.problems).toEqual([]);
    },
    SLOW,
  );

  it("renews an expired access cookie from the refresh cookie on the next page load", async () => {
    await contextA.clearCookies({ name: "__Host-folio_access" });
    await pageA.goto("/dashboard/settings/profile");
    expect(new URL(pageA.url()).pathname).toBe("/dashboard/settings/profile");
    await pageA.getByRole("heading", { level: 1, name: "Profile" }).waitFor();
    const names = (await contextA.cookies()).map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(["__Host-folio_access", "__Host-folio_refresh", "__Host-folio_csrf"]),
    );
    expect(problemsA.problems).toEqual([]);
  });

  it(
    "revokes a session from another browser, which is signed out on its next navigation",
    async () => {
      const contextB = await newContext(browser, "dark");
      try {
        const pageB = await contextB.newPage();
        await signIn(pageB, reader, readerApp);
        await pageB.goto("/dashboard/settings/sessions");
        await pageB.getByText("This browser").waitFor();

        await pageA.goto("/dashboard/settings/sessions");
        const sessions = pageA.getByRole("list", { name: "Signed-in sessions" }).getByRole("listitem");
        expect(await sessions.count()).toBe(2);
        await checkPage(pageA, "sessions");
        const other = sessions.filter({ hasNotText: "This browser" });
        await other.getByRole("button", { name: /^Revoke/ }).click();
        await pageA.getByText("The session is signed out.").waitFor();
        expect(await sessions.count()).toBe(1);

        // Within the API's revocation check (and well within the access-token lifetime).
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          await pageB.goto("/dashboard/settings/sessions");
          if (new URL(pageB.url()).pathname === "/login") break;
          await new Promise((r) => setTimeout(r, 2_000));
        }
        expect(new URL(pageB.url()).pathname).toBe("/login");
        expect((await contextB.cookies()).map((c) => c.name)).not.toContain("__Host-folio_refresh");

        // The revoking browser is still signed in.
        await pageA.goto("/dashboard");
        await pageA.getByRole("heading", { level: 1, name: "Welcome back, Rita" }).waitFor();
        expect(problemsA.problems).toEqual([]);
      } finally {
        await contextB.close();
      }
    },
    SLOW,
  );

  it(
    "shows the other settings pages, and nothing a member may not use",
    async () => {
      for (const [name, path] of [
        ["profile", "/dashboard/settings/profile"],
        ["security", "/dashboard/settings/security"],
        ["connections", "/dashboard/settings/connections"],
      ] as const) {
        const res = await pageA.goto(path);
        expect(res?.status()).toBe(200);
        await checkPage(pageA, name);
      }

      await pageA.goto("/dashboard/settings/profile");
      await pageA.getByLabel("Short bio").fill("Reads everything twice.");
      await pageA.getByRole("button", { name: "Save profile" }).click();
      await pageA.getByText("Your profile is saved.").waitFor();
      await pageA.reload();
      expect(await pageA.getByLabel("Short bio").inputValue()).toBe("Reads everything twice.");

      // Role-aware navigation, and the pages refuse on the server as well.
      const nav = pageA.getByRole("navigation", { name: "Dashboard" });
      expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);
      expect(await nav.getByRole("link", { name: "API tokens" }).count()).toBe(0);
      for (const path of ["/dashboard/admin/users", "/dashboard/admin/roles", "/dashboard/settings/tokens"]) {
        problemsA.allowStatus(404, path);
        expect((await pageA.goto(path))?.status(), path).toBe(404);
      }
      expect(problemsA.problems).toEqual([]);
    },
    SLOW,
  );
  it(
    "asks to confirm the password and a code before changing the password",
    async () => {
      // Past the step-up window of the last sign-in, the API asks for a fresh re-authentication.
      const wait = readerSignedInAt + 62_000 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      problemsA.allowStatus(403, "/api/v1/me/password");

      await pageA.goto("/dashboard/settings/security");
      const newPassword = "quiet orchard compass 19 ribbon";
      await pageA.getByLabel("Current password").fill(reader.password);
      await pageA.getByLabel("New password").fill(newPassword);
      await pageA.getByRole("button", { name: "Change password" }).click();

      const dialog = pageA.getByRole("dialog", { name: "Confirm it is you" });
      await dialog.waitFor();
      // The modal takes focus, and the page behind it is inert.
      expect(await pageA.evaluate(() => document.activeElement?.closest("dialog") !== null)).toBe(true);
      await checkPage(pageA, "step-up");
      await dialog.getByLabel("Password", { exact: true }).fill(reader.password);
      await dialog.getByLabel("Code", { exact: true }).fill(await readerApp.code());
      await dialog.getByRole("button", { name: "Confirm" }).click();
      await dialog.waitFor({ state: "hidden" });
      await pageA.getByText("Your password is changed.").waitFor();
      reader.password = newPassword;
      expect(problemsA.problems).toEqual([]);
    },
    SLOW,
  );
});

describe("an owner's first visit", () => {
  it(
    "enrols the second factor the role requires, then manages users and roles",
    async () => {
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        const problems = new PageProblems(page);
        await signIn(page, OWNER);
        // Owners must use MFA: until a factor is confirmed only the MFA page is open.
        await page.waitForURL(/\/dashboard\/settings\/mfa\?required=1/);
        await page.getByText("Two-step verification is required for your role").waitFor();
        await checkPage(page, "mfa-required");
        await enrolTotp(page);
        await page.getByLabel("I have saved these codes somewhere safe").check();
        await page.getByRole("button", { name: "Done" }).click();
        await page
          .getByText("Two-step verification is required for your role")
          .waitFor({ state: "detached" });

        await page.goto("/dashboard/admin/users");
        await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
        await page.getByLabel("Name or email").fill(reader.email);
        await page.getByRole("button", { name: "Search" }).click();
        const row = page.getByRole("row", { name: new RegExp(reader.name) });
        await row.waitFor();
        await checkPage(page, "admin-users");
        await row.getByLabel(`Role for ${reader.name}`).selectOption("author");
        await row.getByRole("button", { name: `Save role for ${reader.name}` }).click();
        await page.getByText(`${reader.name} now has the author role.`).waitFor();

        const invitee = `ivan.${stamp}@example.org`;
        await page.getByLabel("Email address").fill(invitee);
        await page.getByLabel("Name", { exact: true }).fill("Ivan Invitee");
        await page.getByRole("button", { name: "Send invitation" }).click();
        await page.getByText(`Invitation sent to ${invitee}.`).waitFor();
        const invite = await waitForLink(invitee, "/accept-invite");

        await page.goto("/dashboard/admin/roles");
        await page.getByRole("heading", { level: 1, name: "Roles" }).waitFor();
        await checkPage(page, "admin-roles");
        await page.getByLabel("Name", { exact: true }).fill("guest-editor");
        await page.locator("#new-role-description").fill("Edits one series as a guest");
        await page
          .getByRole("checkbox", { name: /^posts:create/ })
          .last()
          .check();
        await page.getByRole("button", { name: "Create role" }).click();
        await page.getByText("The guest-editor role is created.").waitFor();
        await page.getByRole("heading", { level: 3, name: /guest-editor/ }).waitFor();

        // An API token is shown once, works as a bearer token, and can be revoked.
        await page.goto("/dashboard/settings/tokens");
        await page.getByLabel("Name", { exact: true }).fill("Newsletter sync");
        await page.getByRole("checkbox", { name: "users:read" }).check();
        await page.getByRole("button", { name: "Create token" }).click();
        const secret = await page.locator("[data-api-token]").getAttribute("data-api-token");
        expect(secret).toMatch(/^folio_pat_/);
        const asToken = await fetch(`${API_URL}/api/v1/admin/roles`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        expect(asToken.status).toBe(200);
        await checkPage(page, "tokens");
        await page.getByRole("button", { name: "I have saved it" }).click();
        // The row goes at once (optimistic); the API call settles after.
        const revoked = page.waitForResponse(
          (r) => r.request().method() === "DELETE" && r.url().includes("/api/v1/me/tokens/"),
        );
        await page.getByRole("button", { name: "Revoke token Newsletter sync" }).click();
        await page.getByText("You have no API tokens.").waitFor();
        expect((await revoked).status()).toBe(204);
        const afterRevoke = await fetch(`${API_URL}/api/v1/admin/roles`, {
          headers: { authorization: `Bearer ${secret}` },
        });
        expect(afterRevoke.status).toBe(401);
        expect(problems.problems).toEqual([]);

        // The invitee sets a password from the emailed link and can sign in.
        const guest = await newContext(browser);
        try {
          const invitePage = await guest.newPage();
          await invitePage.goto(invite);
          await invitePage.getByLabel("New password").fill("copper kettle meadow signal 7");
          await invitePage.getByRole("button", { name: "Set password and continue" }).click();
          await invitePage.waitForURL(/\/login\?invited=1/);
          await signIn(invitePage, { email: invitee, password: "copper kettle meadow signal 7" });
          await invitePage.getByRole("heading", { level: 1, name: "Welcome back, Ivan" }).waitFor();
        } finally {
          await guest.close();
        }
      } finally {
        await context.close();
      }
    },
    SLOW,
  );
});
