// Test wiring shared by the API's tests (and the api-client's integration test): a real,
// migrated and seeded database (PGlite or a fresh PostgreSQL database), the real domain
// services, and the real app. Never used by production code.
import { randomUUID } from "node:crypto";
import type { Cache } from "@folio/cache";
import { loadConfig, type Config } from "@folio/config";
import { seedDemoContent } from "@folio/database";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "@folio/database/testing";
import { createServices, type AccountsOptions, type Services } from "@folio/domain";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import { Registry } from "prom-client";
import { buildApp } from "../app.js";
import { createApiCache } from "../cache.js";
import { buildOAuthProviders } from "../oauth-providers.js";
import { accountsOptionsFromConfig } from "../services.js";

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  /** The domain services behind the app (accounts, posts, …), for seeding and assertions. */
  services: Services;
  /** The read cache, when the app was built with `cache`. */
  cache: Cache | null;
  /** Closes the app, the cache and the database (dropping a PostgreSQL test database). */
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
  /**
   * Serve the public reads through the API's cache (memory; plus Redis at `redisUrl`), with a
   * unique key prefix unless one is given. Default: no cache.
   */
  cache?: boolean | { redisUrl?: string | null; keyPrefix?: string };
  /**
   * Overrides of the accounts options derived from the config, e.g. a fake clock (`now`) or a
   * tighter sign-in throttle.
   */
  accounts?: Partial<AccountsOptions>;
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
  let cache: Cache | null = null;
  try {
    if (ownsDatabase && options.seed !== false) await seedDemoContent(database);
    const metricsRegistry = new Registry();
    const cacheOptions = options.cache === true ? {} : options.cache || null;
    cache =
      cacheOptions &&
      createApiCache({
        redisUrl: cacheOptions.redisUrl ?? null,
        keyPrefix: cacheOptions.keyPrefix ?? `folio-test:${randomUUID()}`,
        registry: metricsRegistry,
      });
    const services = createServices({
      database,
      cursorSecret: config.secrets.cursorSecret.reveal(),
      cache: cache ?? undefined,
      auth: { ...accountsOptionsFromConfig(config), ...options.accounts },
      oauthProviders: buildOAuthProviders(config),
      media: config.media,
    });
    const app = await buildApp({
      config,
      database,
      services,
      redis: options.redis ?? null,
      logger: false,
      metricsRegistry,
    });
    await options.beforeReady?.(app);
    await app.ready();
    const builtCache = cache;
    return {
      app,
      database,
      config,
      services,
      cache: builtCache,
      async close() {
        // Every resource is closed even when an earlier one fails; the first failure is rethrown.
        const results = await Promise.allSettled([
          app.close(),
          builtCache?.close(),
          ownsDatabase ? database.close() : undefined,
        ]);
        const failed = results.find((result) => result.status === "rejected");
        if (failed) throw failed.reason;
      },
    };
  } catch (error) {
    await cache?.close().catch(() => undefined);
    if (ownsDatabase) await database.close();
    throw error;
  }
}
