import { createHttpSmsProvider } from "@folio/auth";
import { DevMailboxRepository, type Database } from "@folio/database";
import type { MessageSite } from "./mail-templates.js";
import {
  createDevMailboxMailer,
  createDevMailboxSms,
  createSmtpMailer,
  type Mailer,
  type MessagingLogger,
  type SmsProvider,
} from "./mailer.js";
import {
  createOutboxDispatcher,
  type OutboxDispatcher,
  type OutboxDispatcherOptions,
} from "./outbox-dispatcher.js";

/** Shown in subjects and sign-offs until the site name becomes a setting. */
export const DEFAULT_SITE_NAME = "Folio";

/** A secret from configuration (`Secret` of @folio/config), revealed only where it is used. */
export interface RevealableSecret {
  reveal(): string;
}

/** The delivery settings: `config.messaging` fits as it is. */
export interface MessagingSettings {
  /** SMTP when set, else the dev mailbox. */
  smtpUrl: RevealableSecret | null;
  mailFrom: string;
  /** The HTTP SMS gateway when set. */
  smsHttpUrl: string | null;
  smsHttpToken: RevealableSecret | null;
  /** Outside production: the dev mailbox takes SMS without a gateway and logs links and codes. */
  devOutbox: boolean;
}

export interface CreateMessagingOptions extends Partial<
  Pick<
    OutboxDispatcherOptions,
    "pollIntervalMs" | "batchSize" | "maxAttempts" | "backoffMs" | "lockMs" | "now"
  >
> {
  database: Database;
  settings: MessagingSettings;
  site: MessageSite;
  logger: MessagingLogger;
}

export interface Messaging {
  mailer: Mailer;
  sms: SmsProvider;
  dispatcher: OutboxDispatcher;
  /** Stops the dispatcher (waiting for its batch in flight), then closes the mailer. */
  close(): Promise<void>;
}

/** Refuses every SMS: production without an SMS gateway must not fall back to the dev mailbox. */
function unconfiguredSms(): SmsProvider {
  return {
    name: "unconfigured",
    send() {
      return Promise.reject(new Error("SMS is not configured: set SMS_HTTP_URL"));
    },
  };
}

/**
 * Email and SMS delivery for a process (the API or a worker): SMTP when `smtpUrl` is set, else the
 * dev mailbox; the HTTP SMS gateway when `smsHttpUrl` is set, else the dev mailbox outside
 * production. The dispatcher is created stopped. Several dispatchers (API processes, workers)
 * share the outbox safely: their claims are disjoint.
 */
export function createMessaging(options: CreateMessagingOptions): Messaging {
  const { settings, database, logger, site, ...dispatcherOptions } = options;
  const mailbox = new DevMailboxRepository(database);
  // The dev mailbox logs links and codes, which is its point; only where the dev outbox is allowed.
  const devLogger = settings.devOutbox ? logger : undefined;
  const mailer =
    settings.smtpUrl === null
      ? createDevMailboxMailer({ mailbox, logger: devLogger })
      : createSmtpMailer({ url: settings.smtpUrl.reveal(), from: settings.mailFrom });
  let sms: SmsProvider;
  if (settings.smsHttpUrl !== null) {
    sms = createHttpSmsProvider({
      url: settings.smsHttpUrl,
      ...(settings.smsHttpToken === null ? {} : { token: settings.smsHttpToken.reveal() }),
    });
  } else {
    sms = settings.devOutbox ? createDevMailboxSms({ mailbox, logger: devLogger }) : unconfiguredSms();
  }
  const dispatcher = createOutboxDispatcher({ ...dispatcherOptions, database, mailer, sms, site, logger });
  return {
    mailer,
    sms,
    dispatcher,
    async close() {
      await dispatcher.stop();
      await mailer.close?.();
    },
  };
}
