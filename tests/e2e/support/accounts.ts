import type { Page } from "playwright-core";

// The accounts tools/e2e.mjs seeds for the publishing suites (random passwords, handed over in
// E2E_<ROLE>_EMAIL / _PASSWORD / _NAME). None of these roles requires MFA, so a password signs in.

export interface E2eAccount {
  email: string;
  password: string;
  name: string;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set; run \`npm run test:e2e\``);
  return value;
}

function accountFromEnv(role: "CONTRIBUTOR" | "EDITOR" | "MEMBER"): E2eAccount {
  return {
    email: requireEnv(`E2E_${role}_EMAIL`),
    password: requireEnv(`E2E_${role}_PASSWORD`),
    name: requireEnv(`E2E_${role}_NAME`),
  };
}

export const CONTRIBUTOR = accountFromEnv("CONTRIBUTOR");
export const EDITOR = accountFromEnv("EDITOR");
export const MEMBER = accountFromEnv("MEMBER");

/** Signs in through the login page and waits for the dashboard (or the `next` page it was sent to). */
export async function signInThroughUi(page: Page, who: E2eAccount, next?: string): Promise<void> {
  await page.goto(next === undefined ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email address").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(next === undefined ? /\/dashboard/ : (url) => url.pathname === next);
}
