import { Redis } from "ioredis";

export interface RedisClientOptions {
  /** Where connection errors go (throttled by ioredis' reconnect backoff). */
  logger?: { warn(details: object, message: string): void } | undefined;
  /** Upper bound of the reconnect backoff. Default 5 000 ms. */
  maxReconnectDelayMs?: number;
}

/**
 * An ioredis client that never crashes the API when Redis is down: it connects lazily (call
 * `connect()` and ignore its rejection), fails commands fast instead of queueing them while
 * disconnected, retries each command at most once, and keeps reconnecting in the background
 * with capped exponential backoff. Readiness reports the outage (see health.routes.ts).
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(maxDelay, 100 * 2 ** Math.min(times, 10)),
  });
  let lastMessage = "";
  client.on("error", (error: Error) => {
    // ioredis emits the same error on every reconnect attempt; log each distinct one once.
    if (error.message === lastMessage) return;
    lastMessage = error.message;
    options.logger?.warn({ err: error }, "redis connection error");
  });
  client.on("ready", () => {
    lastMessage = "";
  });
  return client;
}
