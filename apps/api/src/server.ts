import type { Config } from "@folio/config";
import { createDatabase, migrateUp, type Database } from "@folio/database";
import { createServices } from "@folio/domain";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import type { LoggerOptions } from "pino";
import { buildApp } from "./app.js";
import { createRedisClient } from "./redis.js";

export interface RunningServer {
  app: FastifyInstance;
  /** The address actually bound, e.g. http://127.0.0.1:3001. */
  url: string;
  /**
   * Stops accepting connections, lets in-flight requests finish for at most
   * `config.http.shutdownTimeoutMs` (then cuts the remaining connections), and closes the
   * database and Redis. Resolves `{ drained: false }` when connections had to be cut.
   */
  close(): Promise<{ drained: boolean }>;
}

export interface StartServerOptions {
  logger?: LoggerOptions | false;
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
  let app: FastifyInstance | undefined;
  try {
    await migrateUp(database);
    const services = createServices({ database, cursorSecret: config.secrets.cursorSecret.reveal() });
    if (config.redis.url !== null) {
      // The logger exists once the app does; errors before that are reported by readiness.
      redis = createRedisClient(config.redis.url.reveal(), {
        logger: { warn: (details, message) => app?.log.warn(details, message) },
      });
    }
    app = await buildApp({ config, database, services, redis, logger: options.logger });
    // Not awaited on purpose: Redis being down must not stop the API; readiness shows it.
    redis?.connect().catch(() => undefined);
    await app.listen({ host: config.host, port: config.apiPort });
  } catch (error) {
    await app?.close().catch(() => undefined);
    redis?.disconnect();
    await database.close().catch(() => undefined);
    throw error;
  }
  const started = app;
  const address = started.server.address();
  const url =
    typeof address === "object" && address !== null
      ? `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`
      : String(address);

  return {
    app: started,
    url,
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
        redis?.disconnect();
        await database.close();
      }
      return { drained };
    },
  };
}
