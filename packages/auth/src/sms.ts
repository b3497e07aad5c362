import { ServiceUnavailableError } from "@folio/core";

export interface SmsMessage {
  /** E.164, e.g. "+447700900123". */
  to: string;
  body: string;
}

/** Port for sending SMS; embedded mode uses a dev outbox, server mode an HTTP gateway. */
export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<void>;
}

/** The gateway refused or could not be reached; a 503 to the caller, details for logs only. */
export class SmsDeliveryError extends ServiceUnavailableError {
  readonly reason: string;
  readonly providerStatus?: number;
  constructor(reason: string, providerStatus?: number, options?: ErrorOptions) {
    super("The text message could not be sent. Try again later.");
    this.reason = reason;
    if (providerStatus !== undefined) this.providerStatus = providerStatus;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** True for an E.164 number: "+", a non-zero country code digit, 7 to 15 digits in all. */
export function isE164(phone: string): boolean {
  return E164.test(phone);
}

export interface HttpSmsProviderOptions {
  url: string;
  token?: string;
  fetch?: typeof fetch;
  /** Default 10 s. */
  timeoutMs?: number;
}

/**
 * A generic HTTP gateway: POST `{ to, body }` as JSON, with `Authorization: Bearer <token>` when
 * configured; any 2xx is success. Vendor-specific gateways can sit behind a small relay that speaks this.
 */
export function createHttpSmsProvider(opts: HttpSmsProviderOptions): SmsProvider {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const url = new URL(opts.url); // fail at start-up on a bad URL, not on the first message
  return {
    name: "http",
    async send(message) {
      if (!isE164(message.to)) throw new RangeError("SMS recipient must be an E.164 number");
      const headers: Record<string, string> = {
        "content-type": "application/json",
        accept: "application/json",
      };
      if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify({ to: message.to, body: message.body }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
        });
      } catch (e) {
        throw new SmsDeliveryError("unreachable", undefined, { cause: e });
      }
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new SmsDeliveryError(`status ${response.status}`, response.status);
    },
  };
}
