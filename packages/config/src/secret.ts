import { timingSafeEqual } from "node:crypto";

const REDACTED = "[redacted]";

/**
 * A secret configuration value. It prints as "[redacted]" everywhere (string conversion, JSON,
 * `util.inspect`, so pino and console.log too); only `reveal()` returns the value.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  /** Constant-time comparison with another secret or a plain string. */
  equals(other: Secret | string): boolean {
    const a = Buffer.from(this.#value, "utf8");
    const b = Buffer.from(typeof other === "string" ? other : other.reveal(), "utf8");
    return a.length === b.length && timingSafeEqual(a, b);
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}

/**
 * The URL with its password (and any `password`/`pass`/`secret`/`token` query value) replaced by
 * "***", for logs. Input that does not parse as a URL is fully redacted.
 */
export function redactUrl(url: string | Secret): string {
  const text = typeof url === "string" ? url : url.reveal();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return REDACTED;
  }
  if (parsed.password !== "") parsed.password = "***";
  for (const key of [...parsed.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(key)) parsed.searchParams.set(key, "***");
  }
  return parsed.toString();
}
