import { describe, expect, it } from "vitest";
import {
  EMAIL_TEMPLATES,
  renderEmail,
  renderSms,
  type EmailTemplate,
  type EmailTemplateData,
} from "./mail-templates.js";

const site = { name: "Folio", url: "https://folio.example" };
const EVIL = `<script>alert("x")</script> & 'friends'`;

const samples: { [T in EmailTemplate]: EmailTemplateData[T] } = {
  "verify-email": { name: "Ada", url: "https://folio.example/verify?token=abc" },
  "reset-password": { name: "Ada", url: "https://folio.example/reset?token=abc", expiresInMinutes: 30 },
  "change-email": {
    name: "Ada",
    url: "https://folio.example/email?token=abc",
    newEmail: "new@folio.example",
  },
  "email-changed": { name: "Ada", newEmail: "new@folio.example", resetUrl: "https://folio.example/reset" },
  invite: { inviterName: "Grace", role: "editor", url: "https://folio.example/invite?t=1", expiresInDays: 7 },
  "mfa-code": { name: "Ada", code: "123456", expiresInMinutes: 10 },
  "account-locked": {
    name: "Ada",
    until: "1 March 2030, 10:15 UTC",
    resetUrl: "https://folio.example/reset",
  },
  "password-changed": { name: "Ada", resetUrl: "https://folio.example/reset" },
  "new-sign-in": {
    name: "Ada",
    when: "1 March 2030, 10:15 UTC",
    device: "Firefox on Linux",
    ip: "203.0.113.7",
    securityUrl: "https://folio.example/account/security",
  },
  "comment-reply": {
    name: "Ada",
    replierName: "Grace",
    postTitle: "Hello world",
    excerpt: "Thanks, <b>agreed</b>",
    url: "https://folio.example/hello-world#comment-1",
  },
};

describe("email templates", () => {
  it.each(EMAIL_TEMPLATES)("renders %s as subject, text and accessible HTML", (template) => {
    const mail = renderEmail(template, samples[template], site);
    expect(mail.subject).toMatch(/\S/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toMatch(/^Hello/);
    expect(mail.text).toContain("— Folio\nhttps://folio.example");
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(mail.html).toContain(`<title>${mail.subject}</title>`);
    expect(mail.html).toContain('<meta charset="utf-8">');
    // Every link (action and footer) is in both parts.
    for (const url of Object.values(samples[template]).filter(
      (v): v is string => typeof v === "string" && v.startsWith("https://"),
    )) {
      expect(mail.text).toContain(url);
      expect(mail.html).toContain(`href="${url}"`);
    }
  });

  it("escapes every interpolated value in the HTML and keeps it readable in the text", () => {
    const mail = renderEmail(
      "invite",
      {
        inviterName: EVIL,
        role: `admin"><img src=x onerror=alert(1)>`,
        url: "https://folio.example/i?a=1&b=2",
        expiresInDays: 1,
      },
      { name: `Folio <b>`, url: "https://folio.example" },
    );
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;");
    expect(mail.html).toContain('href="https://folio.example/i?a=1&amp;b=2"');
    expect(mail.text).toContain(
      `${EVIL} invited you to join Folio <b> as admin"><img src=x onerror=alert(1)>.`,
    );
    expect(mail.text).toContain("https://folio.example/i?a=1&b=2");
    expect(mail.text).toContain("1 day.");
  });

  it("escapes the recipient's name in the greeting and greets plainly without one", () => {
    const named = renderEmail("verify-email", { ...samples["verify-email"], name: EVIL }, site);
    expect(named.html).toContain("<p>Hello &lt;script&gt;");
    expect(named.html).not.toContain("<script>");
    const anonymous = renderEmail("verify-email", { ...samples["verify-email"], name: "  " }, site);
    expect(anonymous.text.startsWith("Hello,\n")).toBe(true);
  });

  it("keeps user-controlled values on one line, so they cannot add headers or paragraphs", () => {
    const mail = renderEmail(
      "invite",
      { ...samples.invite, inviterName: "Eve\r\nBcc: victim@example.org" },
      site,
    );
    expect(mail.subject).toBe("Eve Bcc: victim@example.org invited you to Folio");
    expect(mail.text).not.toContain("\r");
  });

  it("shows the one-time code prominently", () => {
    const mail = renderEmail("mfa-code", samples["mfa-code"], site);
    expect(mail.text).toContain("\n123456\n");
    expect(mail.html).toMatch(/<p style="[^"]*font-size:28px[^"]*">123456<\/p>/);
    expect(mail.text).toContain("10 minutes");
  });

  it("refuses non-http links and data that does not fit the template", () => {
    expect(() => renderEmail("verify-email", { name: "Ada", url: "javascript:alert(1)" }, site)).toThrow(
      "verify-email: url must be an http(s) URL",
    );
    expect(() => renderEmail("mfa-code", { name: "Ada", code: "1", expiresInMinutes: -1 }, site)).toThrow(
      "mfa-code: expiresInMinutes must be a whole number",
    );
    expect(() => renderEmail("nope" as EmailTemplate, samples["verify-email"], site)).toThrow(
      "unknown email template",
    );
  });
});

describe("SMS templates", () => {
  it("renders the code with its expiry and an origin-bound code line", () => {
    expect(renderSms("mfa-code", { code: "654321", expiresInMinutes: 5 }, site)).toBe(
      "654321 is your Folio sign-in code. It expires in 5 minutes.\n\n@folio.example #654321",
    );
    expect(renderSms("mfa-code", { code: "654321", expiresInMinutes: 1 })).toBe(
      "654321 is your Folio sign-in code. It expires in 1 minute.",
    );
  });
});
