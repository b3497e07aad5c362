import type { Cache } from "@folio/cache";
import type { Config } from "@folio/config";
import { createDatabase, DevMailboxRepository, migrateUp, type Database } from "@folio/database";
import { createDevOutboxService, createServices } from "@folio/domain";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { LoggerOptions } from "pino";
import { Registry } from "prom-client";
import { buildApp } from "./app.js";
import { cacheKeyPrefixFor, createApiCache } from "./cache.js";
import { createApiJobs, type ApiJobs } from "./jobs.js";
import { createMessaging, type Messaging } from "./messaging.js";
import { buildOAuthProviders } from "./oauth-providers.js";
import { createRedisClient } from "./redis.js";
import { accountsOptionsFromConfig } from "./services.js";

export interface RunningServer {
  app: FastifyInstance;
  /** The address actually bound, e.g. http://127.0.0.1:3001. */
  url: string;
  /** The read cache behind the public routes (memory, plus Redis when REDIS_URL is set). */
  cache: Cache;
  /** Email and SMS: the adapters and the running outbox dispatcher (`dispatcher.wake()` after an enqueue). */
  messaging: Messaging;
  /** The job runner and scheduler, when JOBS_MODE=inline (`jobs.jobs` is null in worker mode). */
  jobs: ApiJobs;
  /**
   * Stops accepting connections, lets in-flight requests finish for at most
   * `config.http.shutdownTimeoutMs` (then cuts the remaining connections), and closes the
   * cache, the database and Redis. Resolves `{ drained: false }` when connections had to be cut.
   */
  close(): Promise<{ drained: boolean }>;
}

export interface StartServerOptions {
  logger?: LoggerOptions | false;
  /** Overrides the cache key prefix (default: CACHE_KEY_PREFIX, else cacheKeyPrefixFor the database). */
  cacheKeyPrefix?: string;
}

/** The database `main.ts` uses: PostgreSQL when DATABASE_URL is set, PGlite in DATA_DIR otherwise. */
export function createDatabaseFromConfig(config: Config): Promise<Database> {
  const { database } = config;
  return createDatabase({
    ...(database.url === null ? { dataDir: config.dataDir } : { url: database.url.reveal() }),
    replicaUrls: database.replicaUrls.map((url) => url.reveal()),
    poolMax: database.poolMax,
    statementTimeoutMs: database.statementTimeoutMs,
    connectionTimeoutMs: database.connectionTimeoutMs,
    applicationName: database.applicationName,
  });
}

/** Connects, migrates, builds the app and listens on `config.host:config.apiPort`. */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const database = await createDatabaseFromConfig(config);
  let redis: Redis | null = null;
  let cache: Cache | null = null;
  let messaging: Messaging | null = null;
  let jobs: ApiJobs | null = null;
  let app: FastifyInstance | undefined;
  try {
    await migrateUp(database);
    const metricsRegistry = new Registry();
    // The logger exists once the app does; the cache only logs later (tier outages).
    cache = createApiCache({
      redisUrl: config.redis.url?.reveal() ?? null,
      keyPrefix: options.cacheKeyPrefix ?? config.cache.keyPrefix ?? (await cacheKeyPrefixFor(database)),
      registry: metricsRegistry,
      logger: {
        warn: (details, message) => app?.log.warn(details, message),
        error: (details, message) => app?.log.error(details, message),
        info: (details, message) => app?.log.info(details, message),
      },
    });
    // Like the cache, it logs through the app's logger, which exists before the dispatcher starts.
    messaging = createMessaging(config, database, {
      info: (details, message) => app?.log.info(details, message),
      warn: (details, message) => app?.log.warn(details, message),
      error: (details, message) => app?.log.error(details, message),
    });
    const services = createServices({
      database,
      cursorSecret: config.secrets.cursorSecret.reveal(),
      cache,
      auth: accountsOptionsFromConfig(config),
      oauthProviders: buildOAuthProviders(config),
      media: config.media,
    });
    jobs = createApiJobs(config, database, services.postsAdmin, {
      debug: (details, message) => app?.log.debug(details, message),
      info: (details, message) => app?.log.info(details, message),
      warn: (details, message) => app?.log.warn(details, message),
      error: (details, message) => app?.log.error(details, message),
    });
    if (config.redis.url !== null) {
      // The logger exists once the app does; errors before that are reported by readiness.
      redis = createRedisClient(config.redis.url.reveal(), {
        logger: { warn: (details, message) => app?.log.warn(details, message) },
      });
    }
    app = await buildApp({
      config,
      database,
      services,
      redis,
      logger: options.logger,
      metricsRegistry,
      devOutbox: config.messaging.devOutbox
        ? createDevOutboxService({ mailbox: new DevMailboxRepository(database) })
        : undefined,
    });
    // Not awaited on purpose: Redis being down must not stop the API; readiness shows it.
    redis?.connect().catch(() => undefined);
    await app.listen({ host: config.host, port: config.apiPort });
    messaging.dispatcher.start();
    jobs.start();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await jobs?.close().catch(() => undefined);
    await messaging?.close().catch(() => undefined);
    await cache?.close().catch(() => undefined);
    redis?.disconnect();
    await database.close().catch(() => undefined);
    throw error;
  }
  const started = app;
  const startedCache = cache;
  const startedMessaging = messaging;
  const startedJobs = jobs;
  const address = started.server.address();
  const url =
    typeof address === "object" && address !== null
      ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`
      : String(address);

  return {
    app: started,
    url,
    cache: startedCache,
    messaging: startedMessaging,
    jobs: startedJobs,
    async close() {
      let drained = true;
      const deadline = setTimeout(() => {
        drained = false;
        started.log.warn(
          { timeoutMs: config.http.shutdownTimeoutMs },
          "shutdown timeout reached; closing open connections",
        );
        started.server.closeAllConnections();
      }, config.http.shutdownTimeoutMs);
      try {
        await started.close();
      } finally {
        clearTimeout(deadline);
        // Before the database closes: the batch in flight still records its outcome.
        await startedJobs.close().catch((error: unknown) => {
          started.log.warn({ err: error }, "stopping the job runner failed");
        });
        await startedMessaging.close().catch((error: unknown) => {
          started.log.warn({ err: error }, "stopping the outbox dispatcher failed");
        });
        await startedCache.close().catch((error: unknown) => {
          started.log.warn({ err: error }, "closing the cache failed");
        });
        redis?.disconnect();
        await database.close();
      }
      return { drained };
    },
  };
}
