import type { Config } from "@folio/config";
import { createDatabase, migrateUp, type Database } from "@folio/database";
import {
  DEFAULT_SITE_NAME,
  createBackgroundJobs,
  createMessaging,
  createServices,
  type BackgroundJobs,
  type Messaging,
} from "@folio/domain";
import { pino, type Logger } from "pino";

export interface RunningWorker {
  jobs: BackgroundJobs;
  messaging: Messaging;
  logger: Logger;
  /** Stops taking jobs, lets the ones in flight finish and record their outcome, closes the database. */
  close(): Promise<void>;
}

export interface StartWorkerOptions {
  logger?: Logger | undefined;
}

/**
 * A worker process (server mode, JOBS_MODE=worker): the job runner and scheduler, and the email
 * and SMS dispatcher, over PostgreSQL. PGlite is one process's database, so the embedded mode
 * runs jobs inside the API instead and a worker refuses to start without DATABASE_URL.
 */
export async function startWorker(config: Config, options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: "folio-worker" } });
  if (config.database.url === null) {
    throw new Error(
      "The worker needs PostgreSQL (DATABASE_URL). In the embedded mode the API runs the jobs (JOBS_MODE=inline).",
    );
  }
  const database: Database = await createDatabase({
    url: config.database.url.reveal(),
    poolMax: config.database.poolMax,
    statementTimeoutMs: config.database.statementTimeoutMs,
    connectionTimeoutMs: config.database.connectionTimeoutMs,
    applicationName: `${config.database.applicationName}-worker`.slice(0, 63),
  });
  let messaging: Messaging | null = null;
  let jobs: BackgroundJobs | null = null;
  try {
    // Idempotent and serialised by an advisory lock: the worker may start before the API.
    await migrateUp(database);
    const services = createServices({ database, cursorSecret: config.secrets.cursorSecret.reveal() });
    const log = {
      debug: (details: object, message: string) => logger.debug(details, message),
      info: (details: object, message: string) => logger.info(details, message),
      warn: (details: object, message: string) => logger.warn(details, message),
      error: (details: object, message: string) => logger.error(details, message),
    };
    // Email and SMS too: several dispatchers (API processes, workers) share the outbox safely.
    messaging = createMessaging({
      database,
      settings: config.messaging,
      site: { name: DEFAULT_SITE_NAME, url: config.publicUrl },
      logger: log,
    });
    jobs = createBackgroundJobs({
      database,
      posts: services.postsAdmin,
      trashRetentionDays: config.jobs.trashRetentionDays,
      webRevalidateUrl: config.jobs.webRevalidateUrl,
      revalidateSecret: config.jobs.revalidateSecret?.reveal() ?? null,
      pollIntervalMs: config.jobs.pollIntervalMs,
      logger: log,
    });
    jobs.start();
    messaging.dispatcher.start();
  } catch (error) {
    await jobs?.stop().catch(() => undefined);
    await messaging?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
  const started = { jobs, messaging };
  logger.info({ topics: jobs.runner.topics, mode: config.jobs.mode }, "Folio worker running");
  return {
    ...started,
    logger,
    async close() {
      await Promise.allSettled([started.jobs.stop(), started.messaging.close()]);
      await database.close();
    },
  };
}
