import { RedisDriver, redisBusDriver } from "bentocache/drivers/redis";
import type { BusDriver, CreateBusDriverResult } from "bentocache/types";
import { Redis, type Cluster } from "ioredis";
import type { RemoteTier } from "./remote-tiers.js";
import type { TierHealth } from "./tier-health.js";

export interface RedisConnection {
  client: Redis | Cluster;
  /** True when the cache created the client and must close it. */
  owned: boolean;
  /** Set once the client was ready at least once. */
  everReady: boolean;
  closing: boolean;
}

/**
 * Options for a client the cache creates from a URL: commands queue while the first connection is
 * made, fail after one reconnection attempt instead of twenty, and reconnection goes on forever
 * with a capped back-off, so an outage costs one fast failure per request, not a hang.
 */
export function connectRedis(url: string): RedisConnection {
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  return { client, owned: true, everReady: client.status === "ready", closing: false };
}

export function adoptRedis(client: Redis | Cluster): RedisConnection {
  return { client, owned: false, everReady: client.status === "ready", closing: false };
}

/** Tracks the client's state in `health`; the "error" listener also keeps ioredis from printing unhandled errors. */
export function watchRedis(connection: RedisConnection, health: TierHealth): void {
  const { client } = connection;
  client.on("ready", () => {
    connection.everReady = true;
    health.recover();
  });
  client.on("error", (error: unknown) => {
    if (!connection.closing) health.fail(error);
  });
  client.on("close", () => {
    if (!connection.closing && connection.everReady) health.fail(new Error("connection closed"));
  });
}

export function redisTier(connection: RedisConnection, health: TierHealth, prefix: string): RemoteTier {
  return {
    name: "redis",
    driver: new RedisDriver({ connection: connection.client, prefix }),
    health,
    // Before the first "ready" commands wait in ioredis' offline queue; after an outage began,
    // requests skip Redis until the client is ready again.
    isAvailable: () => connection.client.status === "ready" || (!connection.everReady && health.up),
  };
}

/**
 * bentocache's Redis bus (pub/sub) on duplicates of our client. The transport is wrapped so a
 * publish while Redis is down fails at once (bentocache's retry queue re-sends it after recovery)
 * instead of waiting in ioredis' offline queue, and the duplicates get an "error" listener.
 * bentocache names its channel after the store only; the wrapper appends `scope` (the key prefix),
 * so caches with different prefixes sharing one Redis never hear each other's invalidations.
 */
export function busChannel(channel: string, scope: string): string {
  return `${channel}:${scope}`;
}

export function redisBus(
  connection: RedisConnection,
  health: TierHealth,
  scope: string,
): CreateBusDriverResult {
  const source = Object.create(connection.client) as Redis;
  source.duplicate = (...args: Parameters<Redis["duplicate"]>) => {
    const duplicate = (connection.client as Redis).duplicate(...args);
    duplicate.on("error", () => undefined);
    return duplicate;
  };
  const base = redisBusDriver({
    connection: source,
    retryQueue: { enabled: true, maxSize: 10_000, retryInterval: 500 },
  });
  return {
    options: base.options,
    factory: (config: unknown) => {
      const inner: BusDriver = base.factory(config);
      const transport: BusDriver = {
        setId: (id) => {
          inner.setId(id);
          return transport;
        },
        onReconnect: (callback) => inner.onReconnect(callback),
        publish: async (channel, message) => {
          if (!health.up) throw new Error("redis is unavailable; the bus message waits in the retry queue");
          await inner.publish(busChannel(channel, scope), message);
        },
        // bentocache does not await its subscription, so a failure would be an unhandled
        // rejection; retry it instead (Redis down at start-up) until the cache closes.
        subscribe: (channel, handler) => {
          const attempt = (): Promise<void> =>
            inner.subscribe(busChannel(channel, scope), handler).catch((error: unknown) => {
              if (connection.closing) return;
              health.fail(error);
              setTimeout(() => void attempt(), 1_000).unref();
            });
          return attempt();
        },
        unsubscribe: (channel) => inner.unsubscribe(busChannel(channel, scope)),
        disconnect: () => inner.disconnect(),
      };
      return transport;
    },
  };
}
