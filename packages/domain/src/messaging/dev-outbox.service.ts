import type { DevMailboxRepository, DevMailboxRow } from "@folio/database";
import type { DevMessage, DevMessageList, DevOutboxQuery } from "@folio/types";

export interface DevOutboxService {
  /** Messages delivered to the dev mailbox, newest first. */
  list(query: DevOutboxQuery): Promise<DevMessageList>;
}

export function toDevMessage(row: DevMailboxRow): DevMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    text: row.bodyText,
    html: row.bodyHtml,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Reads the embedded-mode mailbox for developers and browser tests. Wire it only where the dev
 * outbox is enabled (`config.messaging.devOutbox`, never in production): it shows sign-in codes
 * and reset links to whoever can call it.
 */
export function createDevOutboxService(deps: {
  mailbox: Pick<DevMailboxRepository, "list">;
}): DevOutboxService {
  return {
    async list(query) {
      const rows = await deps.mailbox.list({ recipient: query.recipient, limit: query.limit });
      return { data: rows.map(toDevMessage) };
    },
  };
}
