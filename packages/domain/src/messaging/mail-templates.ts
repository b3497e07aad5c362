import { escapeHtml, isHttpUrl } from "@folio/core";

/** The site a message speaks for: its name in subjects and sign-offs, its URL in the footer. */
export interface MessageSite {
  name: string;
  url: string;
}

/** What each email template needs. `name` is the recipient's display name ("" when unknown). */
export interface EmailTemplateData {
  "verify-email": { name: string; url: string };
  "reset-password": { name: string; url: string; expiresInMinutes: number };
  /** Sent to the new address: confirming it completes the change. */
  "change-email": { name: string; url: string; newEmail: string };
  /** Sent to the old address once the change is done. */
  "email-changed": { name: string; newEmail: string; resetUrl: string };
  invite: { inviterName: string; role: string; url: string; expiresInDays: number };
  "mfa-code": { name: string; code: string; expiresInMinutes: number };
  /** `until`: when the lock ends, already formatted for the reader. */
  "account-locked": { name: string; until: string; resetUrl: string };
  "password-changed": { name: string; resetUrl: string };
  /** `when`: formatted time; `device`: a short description such as "Firefox on Linux". */
  "new-sign-in": { name: string; when: string; device: string; ip: string; securityUrl: string };
  /** To a comment's author when someone replies; `excerpt`: the reply as plain text. */
  "comment-reply": { name: string; replierName: string; postTitle: string; excerpt: string; url: string };
}
export type EmailTemplate = keyof EmailTemplateData;

export interface SmsTemplateData {
  "mfa-code": { code: string; expiresInMinutes: number };
}
export type SmsTemplate = keyof SmsTemplateData;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type FieldKind = "string" | "url" | "count";
type FieldSpec<T> = { readonly [K in keyof T]-?: FieldKind };

// The shape of every template's data, checked when a message is enqueued and again when it is
// rendered: the payload crosses the database, so its type is a claim until checked.
const EMAIL_FIELDS: { readonly [T in EmailTemplate]: FieldSpec<EmailTemplateData[T]> } = {
  "verify-email": { name: "string", url: "url" },
  "reset-password": { name: "string", url: "url", expiresInMinutes: "count" },
  "change-email": { name: "string", url: "url", newEmail: "string" },
  "email-changed": { name: "string", newEmail: "string", resetUrl: "url" },
  invite: { inviterName: "string", role: "string", url: "url", expiresInDays: "count" },
  "mfa-code": { name: "string", code: "string", expiresInMinutes: "count" },
  "account-locked": { name: "string", until: "string", resetUrl: "url" },
  "password-changed": { name: "string", resetUrl: "url" },
  "new-sign-in": { name: "string", when: "string", device: "string", ip: "string", securityUrl: "url" },
  "comment-reply": {
    name: "string",
    replierName: "string",
    postTitle: "string",
    excerpt: "string",
    url: "url",
  },
};
const SMS_FIELDS: { readonly [T in SmsTemplate]: FieldSpec<SmsTemplateData[T]> } = {
  "mfa-code": { code: "string", expiresInMinutes: "count" },
};

export const EMAIL_TEMPLATES = Object.freeze(Object.keys(EMAIL_FIELDS) as EmailTemplate[]);
export const SMS_TEMPLATES = Object.freeze(Object.keys(SMS_FIELDS) as SmsTemplate[]);

/** Longest interpolated value: display names and devices are user-controlled. */
const VALUE_MAX_LENGTH = 200;

export function isEmailTemplate(value: unknown): value is EmailTemplate {
  return typeof value === "string" && Object.hasOwn(EMAIL_FIELDS, value);
}

export function isSmsTemplate(value: unknown): value is SmsTemplate {
  return typeof value === "string" && Object.hasOwn(SMS_FIELDS, value);
}

function checkFields(template: string, spec: Record<string, FieldKind>, data: unknown): void {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TypeError(`${template}: data must be an object`);
  }
  const record = data as Record<string, unknown>;
  for (const [field, kind] of Object.entries(spec)) {
    const value = record[field];
    const valid =
      kind === "count"
        ? typeof value === "number" && Number.isInteger(value) && value >= 0
        : typeof value === "string" && (kind === "string" || isHttpUrl(value));
    if (!valid) {
      const expected = kind === "count" ? "a whole number" : kind === "url" ? "an http(s) URL" : "a string";
      throw new TypeError(`${template}: ${field} must be ${expected}`);
    }
  }
}

/** Throws a TypeError naming the field when `data` does not fit `template`. */
export function assertEmailData<T extends EmailTemplate>(
  template: T,
  data: unknown,
): asserts data is EmailTemplateData[T] {
  if (!isEmailTemplate(template)) throw new TypeError(`unknown email template: ${String(template)}`);
  checkFields(template, EMAIL_FIELDS[template], data);
}

export function assertSmsData<T extends SmsTemplate>(
  template: T,
  data: unknown,
): asserts data is SmsTemplateData[T] {
  if (!isSmsTemplate(template)) throw new TypeError(`unknown SMS template: ${String(template)}`);
  checkFields(template, SMS_FIELDS[template], data);
}

/** One line, bounded: keeps user-controlled values from adding lines to a subject or a body. */
function clean(value: string): string {
  const line = value.replace(/\s+/g, " ").trim();
  return line.length > VALUE_MAX_LENGTH ? `${line.slice(0, VALUE_MAX_LENGTH - 1)}…` : line;
}

/** A message before it becomes text and HTML; every string in it is plain text. */
interface EmailContent {
  subject: string;
  /** Recipient's name for the greeting ("" for a plain "Hello,"). */
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  code?: string;
  after?: string[];
}

const minutes = (n: number) => `${n} minute${n === 1 ? "" : "s"}`;
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
const IGNORE = "If you did not ask for this, you can ignore this email.";

type Composer<T extends EmailTemplate> = (data: EmailTemplateData[T], site: string) => EmailContent;

const COMPOSERS: { readonly [T in EmailTemplate]: Composer<T> } = {
  "verify-email": (d, site) => ({
    subject: `Confirm your email address for ${site}`,
    greeting: d.name,
    paragraphs: [`Please confirm that this is your email address to finish setting up your ${site} account.`],
    action: { label: "Confirm email address", url: d.url },
    after: [IGNORE],
  }),
  "reset-password": (d, site) => ({
    subject: `Reset your ${site} password`,
    greeting: d.name,
    paragraphs: [
      `Someone asked to reset the password of your ${site} account. The link works once and expires in ${minutes(d.expiresInMinutes)}.`,
    ],
    action: { label: "Choose a new password", url: d.url },
    after: [`${IGNORE} Your password stays the same.`],
  }),
  "change-email": (d, site) => ({
    subject: `Confirm your new email address for ${site}`,
    greeting: d.name,
    paragraphs: [
      `Please confirm that ${clean(d.newEmail)} should become the email address of your ${site} account.`,
    ],
    action: { label: "Confirm new address", url: d.url },
    after: [`${IGNORE} Nothing changes until the address is confirmed.`],
  }),
  "email-changed": (d, site) => ({
    subject: `Your ${site} email address was changed`,
    greeting: d.name,
    paragraphs: [
      `The email address of your ${site} account is now ${clean(d.newEmail)}. We will send account emails there from now on.`,
      "If you did not make this change, reset your password now and contact an administrator.",
    ],
    action: { label: "Reset password", url: d.resetUrl },
  }),
  invite: (d, site) => ({
    subject: `${clean(d.inviterName)} invited you to ${site}`,
    greeting: "",
    paragraphs: [
      `${clean(d.inviterName)} invited you to join ${site} as ${clean(d.role)}. The invitation expires in ${days(d.expiresInDays)}.`,
    ],
    action: { label: "Accept invitation", url: d.url },
    after: ["If you were not expecting this invitation, you can ignore this email."],
  }),
  "mfa-code": (d, site) => ({
    subject: `Your ${site} sign-in code`,
    greeting: d.name,
    paragraphs: [
      `Use this code to finish signing in to ${site}. It expires in ${minutes(d.expiresInMinutes)}.`,
    ],
    code: clean(d.code),
    after: ["If you did not try to sign in, someone may know your password: change it now."],
  }),
  "account-locked": (d, site) => ({
    subject: `Your ${site} account is temporarily locked`,
    greeting: d.name,
    paragraphs: [
      `After too many failed sign-in attempts, your ${site} account is locked until ${clean(d.until)}.`,
      "If that was not you, someone may be guessing your password. Resetting it also unlocks the account.",
    ],
    action: { label: "Reset password", url: d.resetUrl },
  }),
  "password-changed": (d, site) => ({
    subject: `Your ${site} password was changed`,
    greeting: d.name,
    paragraphs: [
      `The password of your ${site} account was just changed, and your other sessions were signed out.`,
      "If you did not change it, reset your password now.",
    ],
    action: { label: "Reset password", url: d.resetUrl },
  }),
  "new-sign-in": (d, site) => ({
    subject: `New sign-in to your ${site} account`,
    greeting: d.name,
    paragraphs: [
      `Your ${site} account was signed in to from ${clean(d.device)} (IP address ${clean(d.ip)}) on ${clean(d.when)}.`,
      "If this was you, there is nothing to do. If not, review your sessions and change your password.",
    ],
    action: { label: "Review security", url: d.securityUrl },
  }),
  "comment-reply": (d, site) => ({
    subject: `${clean(d.replierName)} replied to your comment on ${site}`,
    greeting: d.name,
    paragraphs: [
      `${clean(d.replierName)} replied to your comment on “${clean(d.postTitle)}”:`,
      `“${clean(d.excerpt)}”`,
    ],
    action: { label: "Read the reply", url: d.url },
  }),
};

function greetingOf(content: EmailContent): string {
  const name = clean(content.greeting);
  return name === "" ? "Hello," : `Hello ${name},`;
}

function textOf(content: EmailContent, site: MessageSite): string {
  const lines = [greetingOf(content), ""];
  for (const paragraph of content.paragraphs) lines.push(paragraph, "");
  if (content.code !== undefined) lines.push(content.code, "");
  if (content.action) lines.push(`${content.action.label}:`, content.action.url, "");
  for (const paragraph of content.after ?? []) lines.push(paragraph, "");
  lines.push(`— ${clean(site.name)}`, site.url);
  return `${lines.join("\n")}\n`;
}

const BODY_STYLE =
  "margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5";
const BUTTON_STYLE =
  "display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600";
const CODE_STYLE =
  "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:28px;font-weight:700;letter-spacing:4px";
const SMALL_STYLE = "font-size:14px;color:#4b5563";

function htmlOf(content: EmailContent, site: MessageSite): string {
  const e = escapeHtml;
  const parts = [`<p>${e(greetingOf(content))}</p>`];
  for (const paragraph of content.paragraphs) parts.push(`<p>${e(paragraph)}</p>`);
  if (content.code !== undefined) parts.push(`<p style="${CODE_STYLE}">${e(content.code)}</p>`);
  if (content.action) {
    const url = e(content.action.url);
    parts.push(
      `<p><a href="${url}" style="${BUTTON_STYLE}">${e(content.action.label)}</a></p>`,
      `<p style="${SMALL_STYLE}">If the button does not work, copy this link into your browser:<br>` +
        `<a href="${url}" style="color:#1d4ed8;word-break:break-all">${url}</a></p>`,
    );
  }
  for (const paragraph of content.after ?? []) parts.push(`<p>${e(paragraph)}</p>`);
  parts.push(
    `<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0">`,
    `<p style="${SMALL_STYLE}">— <a href="${e(site.url)}" style="color:#1d4ed8">${e(clean(site.name))}</a></p>`,
  );
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(content.subject)}</title>`,
    "</head>",
    `<body style="${BODY_STYLE}">`,
    '<main style="max-width:560px;margin:0 auto">',
    ...parts,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * Subject, plain text and HTML of one email. Every interpolated value is escaped in the HTML;
 * URLs must be http(s), so a link can never be `javascript:`. Throws a TypeError when `data`
 * does not fit the template.
 */
export function renderEmail<T extends EmailTemplate>(
  template: T,
  data: EmailTemplateData[T],
  site: MessageSite,
): RenderedEmail {
  assertEmailData(template, data);
  if (!isHttpUrl(site.url)) throw new TypeError("site.url must be an http(s) URL");
  const compose = COMPOSERS[template] as Composer<T>;
  const content = compose(data, clean(site.name));
  return { subject: clean(content.subject), text: textOf(content, site), html: htmlOf(content, site) };
}

/**
 * The body of one SMS. With a site URL, the last line is an origin-bound one-time code
 * (`@host #code`), which browsers and phones use to offer the code for that site only.
 */
export function renderSms<T extends SmsTemplate>(
  template: T,
  data: SmsTemplateData[T],
  site: { name: string; url?: string | undefined } = { name: "Folio" },
): string {
  assertSmsData(template, data);
  const code = clean(data.code);
  const body = `${code} is your ${clean(site.name)} sign-in code. It expires in ${minutes(data.expiresInMinutes)}.`;
  if (site.url === undefined || !isHttpUrl(site.url)) return body;
  return `${body}\n\n@${new URL(site.url).host} #${code}`;
}
