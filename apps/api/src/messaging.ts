// Email and SMS delivery for the API process: the adapters picked from configuration and the
// outbox dispatcher that uses them (`createMessaging` in @folio/domain, shared with apps/worker).
// The API runs the dispatcher in both modes; workers may run more (claims are disjoint).
import type { Config } from "@folio/config";
import type { Database } from "@folio/database";
import {
  DEFAULT_SITE_NAME,
  createMessaging as createDomainMessaging,
  type CreateMessagingOptions as DomainMessagingOptions,
  type Messaging,
  type MessagingLogger,
} from "@folio/domain";

export type { Messaging };

export type CreateMessagingOptions = Omit<
  DomainMessagingOptions,
  "database" | "settings" | "site" | "logger"
>;

/** The API process's messaging; the dispatcher is created stopped: start it once the server listens. */
export function createMessaging(
  config: Config,
  database: Database,
  logger: MessagingLogger,
  options: CreateMessagingOptions = {},
): Messaging {
  return createDomainMessaging({
    ...options,
    database,
    logger,
    settings: config.messaging,
    site: { name: DEFAULT_SITE_NAME, url: config.publicUrl },
  });
}
