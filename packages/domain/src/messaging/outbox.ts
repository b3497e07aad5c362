import { isE164 } from "@folio/auth";
import { isEmail } from "@folio/core";
import type { OutboxRepository } from "@folio/database";
import {
  assertEmailData,
  assertSmsData,
  type EmailTemplate,
  type EmailTemplateData,
  type SmsTemplate,
  type SmsTemplateData,
} from "./mail-templates.js";

export const EMAIL_TOPIC = "email";
export const SMS_TOPIC = "sms";
/** The outbox topics the messaging dispatcher delivers; other topics belong to other consumers. */
export const MESSAGING_TOPICS: readonly string[] = Object.freeze([EMAIL_TOPIC, SMS_TOPIC]);

/** What an `email` outbox row carries: the template and its data, rendered at delivery. */
export interface EmailPayload<T extends EmailTemplate = EmailTemplate> {
  to: string;
  template: T;
  data: EmailTemplateData[T];
}

export interface SmsPayload<T extends SmsTemplate = SmsTemplate> {
  to: string;
  template: T;
  data: SmsTemplateData[T];
}

/** An outbox on the caller's transaction: `createRepositories(tx).outbox` or `new OutboxRepository(tx)`. */
export type OutboxWriter = Pick<OutboxRepository, "enqueue">;

export interface EnqueueEmail<T extends EmailTemplate> extends EmailPayload<T> {
  /** Makes the enqueue idempotent, e.g. `verify-email:<token id>`. */
  dedupeKey?: string | undefined;
}

export interface EnqueueSms<T extends SmsTemplate> extends SmsPayload<T> {
  dedupeKey?: string | undefined;
}

/**
 * Records an email to send after the caller's transaction commits. Only the template name and
 * its data are stored: the text is rendered at delivery, so a fixed template applies to messages
 * already queued. Throws a TypeError for an invalid address or data (a bug in the caller, caught
 * inside its transaction rather than dead-lettered later). Resolves false for a duplicate `dedupeKey`.
 */
export async function enqueueEmail<T extends EmailTemplate>(
  outbox: OutboxWriter,
  message: EnqueueEmail<T>,
): Promise<boolean> {
  if (!isEmail(message.to)) throw new TypeError("email recipient must be an email address");
  assertEmailData(message.template, message.data);
  const payload: EmailPayload<T> = { to: message.to, template: message.template, data: message.data };
  return await outbox.enqueue({ topic: EMAIL_TOPIC, payload: { ...payload }, dedupeKey: message.dedupeKey });
}

/** Records an SMS to send after the caller's transaction commits (see `enqueueEmail`). */
export async function enqueueSms<T extends SmsTemplate>(
  outbox: OutboxWriter,
  message: EnqueueSms<T>,
): Promise<boolean> {
  if (!isE164(message.to)) throw new TypeError("SMS recipient must be an E.164 number");
  assertSmsData(message.template, message.data);
  const payload: SmsPayload<T> = { to: message.to, template: message.template, data: message.data };
  return await outbox.enqueue({ topic: SMS_TOPIC, payload: { ...payload }, dedupeKey: message.dedupeKey });
}
