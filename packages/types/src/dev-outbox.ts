import { z } from "zod";
import { IdSchema, LimitSchema, TimestampSchema } from "./common.js";

/** One email or SMS delivered to the dev outbox (development and test only, never production). */
export const DevMessageSchema = z
  .object({
    id: IdSchema,
    channel: z.enum(["email", "sms"]),
    recipient: z.string().meta({ description: "Email address or E.164 phone number" }),
    subject: z.string().nullable().meta({ description: "Null for SMS" }),
    text: z.string().meta({ description: "Plain-text body (the whole message for SMS)" }),
    html: z.string().nullable().meta({ description: "HTML body; null for SMS" }),
    created_at: TimestampSchema,
  })
  .meta({ id: "DevMessage" });
export type DevMessage = z.infer<typeof DevMessageSchema>;

export const DevMessageListSchema = z
  .object({ data: z.array(DevMessageSchema).meta({ description: "Newest first" }) })
  .meta({ id: "DevMessageList" });
export type DevMessageList = z.infer<typeof DevMessageListSchema>;

export const DevOutboxQuerySchema = z.strictObject({
  recipient: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .optional()
    .meta({ description: "Only messages to this address or number (case-insensitive)" }),
  limit: LimitSchema,
});
export type DevOutboxQuery = z.output<typeof DevOutboxQuerySchema>;
