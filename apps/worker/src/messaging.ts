// Email and SMS delivery in the worker: the same adapter choice as the API process (SMTP or the
// dev mailbox; the HTTP SMS gateway or the dev mailbox outside production). Several dispatchers —
// API processes and workers — share the outbox safely: claims are disjoint.
import { createHttpSmsProvider } from "@folio/auth";
import type { Config } from "@folio/config";
import { DevMailboxRepository, type Database } from "@folio/database";
import {
  createDevMailboxMailer,
  createDevMailboxSms,
  createOutboxDispatcher,
  createSmtpMailer,
  type Mailer,
  type MessagingLogger,
  type OutboxDispatcher,
  type SmsProvider,
} from "@folio/domain";

/** Shown in subjects and sign-offs until the site name becomes a setting (as in the API). */
const SITE_NAME = "Folio";

export interface WorkerMessaging {
  dispatcher: OutboxDispatcher;
  close(): Promise<void>;
}

export function createWorkerMessaging(
  config: Config,
  database: Database,
  logger: MessagingLogger,
): WorkerMessaging {
  const { messaging } = config;
  const mailbox = new DevMailboxRepository(database);
  const devLogger = messaging.devOutbox ? logger : undefined;
  const mailer: Mailer =
    messaging.smtpUrl === null
      ? createDevMailboxMailer({ mailbox, logger: devLogger })
      : createSmtpMailer({ url: messaging.smtpUrl.reveal(), from: messaging.mailFrom });
  let sms: SmsProvider;
  if (messaging.smsHttpUrl !== null) {
    sms = createHttpSmsProvider({
      url: messaging.smsHttpUrl,
      ...(messaging.smsHttpToken === null ? {} : { token: messaging.smsHttpToken.reveal() }),
    });
  } else if (messaging.devOutbox) {
    sms = createDevMailboxSms({ mailbox, logger: devLogger });
  } else {
    sms = {
      name: "unconfigured",
      send: () => Promise.reject(new Error("SMS is not configured: set SMS_HTTP_URL")),
    };
  }
  const dispatcher = createOutboxDispatcher({
    database,
    mailer,
    sms,
    site: { name: SITE_NAME, url: config.publicUrl },
    logger,
  });
  return {
    dispatcher,
    async close() {
      await dispatcher.stop();
      await mailer.close?.();
    },
  };
}
