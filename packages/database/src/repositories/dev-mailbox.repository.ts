import { uuidv7 } from "@folio/core";
import { and, desc, eq, sql } from "drizzle-orm";
import { devMailbox, type DevMailboxRow } from "../schema/index.js";
import { dbAccess, type DbAccess, type DbSource } from "./base.repository.js";

export interface NewDevMailboxMessage {
  channel: "email" | "sms";
  recipient: string;
  subject?: string | null | undefined;
  bodyText: string;
  bodyHtml?: string | null | undefined;
}

export interface ListDevMailboxOptions {
  /** Only messages to this address or number (case-insensitive). */
  recipient?: string | undefined;
  /** Default 50. */
  limit?: number | undefined;
}

/** Newest first; ids are UUIDv7, so they break ties within one transaction's `now()`. */
const NEWEST_FIRST = [desc(devMailbox.createdAt), desc(devMailbox.id)] as const;

/**
 * The embedded-mode "mail server": what the dev mailer and dev SMS provider delivered, read by
 * the dev outbox endpoint and by tests. Never written in production.
 */
export class DevMailboxRepository {
  private readonly access: DbAccess;

  constructor(source: DbSource) {
    this.access = dbAccess(source);
  }

  async insert(message: NewDevMailboxMessage): Promise<DevMailboxRow> {
    const rows = await this.access.write
      .insert(devMailbox)
      .values({
        id: uuidv7(),
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject ?? null,
        bodyText: message.bodyText,
        bodyHtml: message.bodyHtml ?? null,
      })
      .returning();
    const row = rows[0];
    if (!row) throw new Error("insert into dev_mailbox returned no row");
    return row;
  }

  async list(options: ListDevMailboxOptions = {}): Promise<DevMailboxRow[]> {
    // The primary: a test or a developer reads a message right after it was delivered.
    return this.access.write
      .select()
      .from(devMailbox)
      .where(options.recipient === undefined ? undefined : sameRecipient(options.recipient))
      .orderBy(...NEWEST_FIRST)
      .limit(options.limit ?? 50);
  }

  async latest(recipient: string, channel?: "email" | "sms"): Promise<DevMailboxRow | null> {
    const rows = await this.access.write
      .select()
      .from(devMailbox)
      .where(
        and(sameRecipient(recipient), channel === undefined ? undefined : eq(devMailbox.channel, channel)),
      )
      .orderBy(...NEWEST_FIRST)
      .limit(1);
    return rows[0] ?? null;
  }
}

function sameRecipient(recipient: string) {
  return sql`lower(${devMailbox.recipient}) = lower(${recipient})`;
}
