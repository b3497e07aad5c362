// Test wiring shared by the API's tests (and the api-client's integration test): a real,
// migrated and seeded database (PGlite or a fresh PostgreSQL database), the real domain
// services, and the real app. Never used by production code.
import { loadConfig, type Config } from "@folio/config";
import { seedDemoContent } from "@folio/database";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "@folio/database/testing";
import { createServices } from "@folio/domain";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { buildApp } from "../app.js";

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  /** Closes the app and the database (dropping a PostgreSQL test database). */
  close(): Promise<void>;
}

export interface BuildTestAppOptions {
  kind?: DatabaseKind;
  /** Demo content (default) or an empty, migrated database. */
  seed?: "demo" | false;
  redis?: Redis | null;
  /** Extra configuration variables, as the environment would give them (e.g. BODY_LIMIT_BYTES). */
  env?: Record<string, string>;
  /** Reuse a database instead of creating one (not closed by close()). */
  database?: TestDatabase;
  /** Runs before `ready()`: add test-only routes or hooks. */
  beforeReady?: (app: FastifyInstance) => void | Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ env: { FOLIO_ENV: "test", LOG_LEVEL: "silent", ...env } });
}

export async function buildTestApp(options: BuildTestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.env);
  const ownsDatabase = options.database === undefined;
  const database = options.database ?? (await createTestDatabase({ kind: options.kind ?? "pglite" }));
  try {
    if (ownsDatabase && options.seed !== false) await seedDemoContent(database);
    const services = createServices({ database, cursorSecret: config.secrets.cursorSecret.reveal() });
    const app = await buildApp({ config, database, services, redis: options.redis ?? null, logger: false });
    await options.beforeReady?.(app);
    await app.ready();
    return {
      app,
      database,
      config,
      async close() {
        await app.close();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
}
