import type { SmsProvider } from "@folio/auth";
import type { DevMailboxRepository } from "@folio/database";
import { createTransport } from "nodemailer";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Port for sending email: SMTP in server mode, the dev mailbox in embedded mode. */
export interface Mailer {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
  close?(): Promise<void>;
}

// The SMS port is @folio/auth's (its `createHttpSmsProvider` is the server-mode adapter);
// re-exported so messaging code names one type.
export type { SmsMessage, SmsProvider } from "@folio/auth";

/** The slice of a pino logger messaging uses. */
export interface MessagingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SmtpMailerOptions {
  /** smtp:// (STARTTLS when offered) or smtps:// (TLS), with credentials if the server needs them. */
  url: string;
  /** Sender, e.g. "Folio <no-reply@example.org>". */
  from: string;
  /**
   * Bound on connecting and on the server's greeting (each), and on a silent socket (three
   * times it), so a hung server cannot hold a dispatcher claim for long. Default 10 s.
   */
  timeoutMs?: number | undefined;
}

/** SMTP through nodemailer: one connection per message (transactional volumes are small). */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const transport = createTransport(
    {
      url: options.url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs * 3,
      // Our messages never attach files or fetch URLs; refuse both outright.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: options.from },
  );
  return {
    name: "smtp",
    async send(mail) {
      await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
    close() {
      transport.close();
      return Promise.resolve();
    },
  };
}

export interface DevMailboxDeliveryOptions {
  mailbox: Pick<DevMailboxRepository, "insert">;
  /** One info line per message, with its first link or code, so developers can click through. */
  logger?: Pick<MessagingLogger, "info"> | undefined;
}

const FIRST_URL = /https?:\/\/[^\s<>"]+/;
const FIRST_CODE = /\b\d{6,8}\b/;

/** The first link in a message, else its first 6–8 digit code: what a developer needs from it. */
function highlight(text: string): { link: string } | { code: string } | Record<string, never> {
  const link = FIRST_URL.exec(text)?.[0];
  if (link !== undefined) return { link };
  const code = FIRST_CODE.exec(text)?.[0];
  return code === undefined ? {} : { code };
}

/** Embedded mode's "mail server": stores each email in `dev_mailbox` (never use in production). */
export function createDevMailboxMailer(options: DevMailboxDeliveryOptions): Mailer {
  return {
    name: "dev-mailbox",
    async send(mail) {
      await options.mailbox.insert({
        channel: "email",
        recipient: mail.to,
        subject: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html,
      });
      options.logger?.info(
        { to: mail.to, subject: mail.subject, ...highlight(mail.text) },
        "dev outbox: email delivered",
      );
    },
  };
}

/** Embedded mode's SMS gateway: stores each message in `dev_mailbox` (never use in production). */
export function createDevMailboxSms(options: DevMailboxDeliveryOptions): SmsProvider {
  return {
    name: "dev-mailbox",
    async send(message) {
      await options.mailbox.insert({ channel: "sms", recipient: message.to, bodyText: message.body });
      options.logger?.info({ to: message.to, ...highlight(message.body) }, "dev outbox: SMS delivered");
    },
  };
}
