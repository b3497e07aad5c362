// Email and SMS delivery for the API process: the adapters picked from configuration and the
// outbox dispatcher that uses them. In server mode apps/worker will run the dispatcher; until it
// exists the API process runs it in both modes (claims are safe with several API processes).
import { createHttpSmsProvider } from "@folio/auth";
import type { Config } from "@folio/config";
import { DevMailboxRepository, type Database } from "@folio/database";
import {
  createDevMailboxMailer,
  createDevMailboxSms,
  createOutboxDispatcher,
  createSmtpMailer,
  type Mailer,
  type MessageSite,
  type MessagingLogger,
  type OutboxDispatcher,
  type OutboxDispatcherOptions,
  type SmsProvider,
} from "@folio/domain";

/** Shown in subjects and sign-offs until the site name becomes a setting. */
export const DEFAULT_SITE_NAME = "Folio";

export interface Messaging {
  mailer: Mailer;
  sms: SmsProvider;
  dispatcher: OutboxDispatcher;
  /** Stops the dispatcher (waiting for its batch in flight), then closes the mailer. */
  close(): Promise<void>;
}

export type CreateMessagingOptions = Pick<
  OutboxDispatcherOptions,
  "pollIntervalMs" | "batchSize" | "maxAttempts" | "backoffMs" | "lockMs" | "now"
>;

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
 * SMTP when `SMTP_URL` is set, else the dev mailbox; the HTTP SMS gateway when `SMS_HTTP_URL` is
 * set, else the dev mailbox outside production. The dispatcher is created stopped: start it once
 * the server listens.
 */
export function createMessaging(
  config: Config,
  database: Database,
  logger: MessagingLogger,
  options: CreateMessagingOptions = {},
): Messaging {
  const { messaging } = config;
  const mailbox = new DevMailboxRepository(database);
  // The dev mailbox logs links and codes, which is its point; only where the dev outbox is allowed.
  const devLogger = messaging.devOutbox ? logger : undefined;
  const mailer =
    messaging.smtpUrl === null
      ? createDevMailboxMailer({ mailbox, logger: devLogger })
      : createSmtpMailer({ url: messaging.smtpUrl.reveal(), from: messaging.mailFrom });
  let sms: SmsProvider;
  if (messaging.smsHttpUrl !== null) {
    sms = createHttpSmsProvider({
      url: messaging.smsHttpUrl,
      ...(messaging.smsHttpToken === null ? {} : { token: messaging.smsHttpToken.reveal() }),
    });
  } else {
    sms = messaging.devOutbox ? createDevMailboxSms({ mailbox, logger: devLogger }) : unconfiguredSms();
  }
  const site: MessageSite = { name: DEFAULT_SITE_NAME, url: config.publicUrl };
  const dispatcher = createOutboxDispatcher({ ...options, database, mailer, sms, site, logger });
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
