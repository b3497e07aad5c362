// Typed access to tools/lib/smtp-sink.mjs for Vitest tests: one implementation, shared with the
// browser e2e run. Loaded with a computed specifier so TypeScript does not look for declarations.

export interface SinkMessage {
  id: number;
  /** Envelope sender. */
  from: string | null;
  /** Envelope recipients. */
  to: string[];
  subject: string | null;
  text: string | null;
  html: string | null;
  date: string;
}

export interface SmtpSinkOptions {
  /** Default 0: a free port. */
  smtpPort?: number;
  httpPort?: number;
  host?: string;
  /** True answers that RCPT TO with 550. */
  rejectRecipient?: (address: string) => boolean;
}

export interface SmtpSink {
  smtpPort: number;
  httpPort: number;
  /** smtp://host:port, ready for SMTP_URL or createSmtpMailer. */
  smtpUrl: string;
  /** Base URL of the JSON API (`GET /messages?to=`). */
  httpUrl: string;
  /** Received messages, oldest first. */
  messages(): SinkMessage[];
  clear(): void;
  close(): Promise<void>;
}

const moduleUrl = new URL("../../tools/lib/smtp-sink.mjs", import.meta.url).href;

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const sink = (await import(moduleUrl)) as { startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> };
  return sink.startSmtpSink(options);
}
