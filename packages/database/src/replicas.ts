import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Db } from "./db-types.js";
import * as schema from "./schema/index.js";

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // PostgreSQL: connection exceptions (class 08) and shutdowns (57P01-57P03).
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
]);

/** True for errors that mean "this server is unreachable", not "this query is wrong". */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) return true;
  return /connection terminated|timeout exceeded when trying to connect|connection refused/i.test(
    error.message,
  );
}

const BACKOFF_INITIAL_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

interface Replica {
  readonly url: string;
  readonly pool: pg.Pool;
  db: Db;
  healthy: boolean;
  backoffMs: number;
  nextProbeAt: number;
  probe: Promise<void> | null;
}

/**
 * Wraps a replica pool for drizzle: a query that cannot reach the replica marks it unhealthy and
 * runs on the primary instead, so a replica going down costs no failed request. The class name
 * contains "Pool" on purpose: drizzle then checks out a dedicated client for transactions.
 */
class ReplicaRoutingPool {
  constructor(
    private readonly replica: Replica,
    private readonly primary: pg.Pool,
    private readonly markDown: (replica: Replica) => void,
  ) {}

  async query(config: pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
    if (this.replica.healthy) {
      try {
        return await this.replica.pool.query(config, values);
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        this.markDown(this.replica);
      }
    }
    return this.primary.query(config, values);
  }

  async connect(): Promise<pg.PoolClient> {
    if (this.replica.healthy) {
      try {
        return await this.replica.pool.connect();
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        this.markDown(this.replica);
      }
    }
    return this.primary.connect();
  }
}

export interface ReplicaSet {
  /** The next healthy replica's drizzle instance, or the primary's when none is healthy. */
  pick(): Db;
  /** Health per replica URL (for readiness reporting and tests). */
  status(): { url: string; healthy: boolean }[];
  close(): Promise<void>;
}

export function createReplicaSet(options: {
  primary: pg.Pool;
  primaryDb: Db;
  urls: string[];
  poolConfig: (url: string) => pg.PoolConfig;
  now?: () => number;
}): ReplicaSet {
  const now = options.now ?? Date.now;
  const markDown = (replica: Replica): void => {
    if (!replica.healthy) return;
    replica.healthy = false;
    replica.backoffMs = BACKOFF_INITIAL_MS;
    replica.nextProbeAt = now() + replica.backoffMs;
  };
  const replicas: Replica[] = options.urls.map((url) => {
    const pool = new pg.Pool(options.poolConfig(url));
    pool.on("error", () => undefined);
    const replica: Replica = {
      url,
      pool,
      db: undefined as unknown as Db,
      healthy: true,
      backoffMs: BACKOFF_INITIAL_MS,
      nextProbeAt: 0,
      probe: null,
    };
    const client = new ReplicaRoutingPool(replica, options.primary, markDown);
    replica.db = drizzle({ client: client as unknown as pg.Pool, schema });
    return replica;
  });

  const startProbe = (replica: Replica): void => {
    if (replica.probe || now() < replica.nextProbeAt) return;
    replica.probe = replica.pool
      .query("select 1")
      .then(
        () => {
          replica.healthy = true;
          replica.backoffMs = BACKOFF_INITIAL_MS;
        },
        () => {
          replica.backoffMs = Math.min(replica.backoffMs * 2, BACKOFF_MAX_MS);
          replica.nextProbeAt = now() + replica.backoffMs;
        },
      )
      .finally(() => {
        replica.probe = null;
      });
  };

  let cursor = 0;
  return {
    pick() {
      for (let i = 0; i < replicas.length; i += 1) {
        const replica = replicas[(cursor + i) % replicas.length];
        if (!replica) continue;
        if (replica.healthy) {
          cursor = (cursor + i + 1) % replicas.length;
          return replica.db;
        }
        startProbe(replica);
      }
      return options.primaryDb;
    },
    status: () => replicas.map((r) => ({ url: r.url.replace(/\/\/[^@/]*@/, "//***@"), healthy: r.healthy })),
    async close() {
      await Promise.all(replicas.map((r) => r.probe ?? Promise.resolve()));
      await Promise.all(replicas.map((r) => r.pool.end()));
    },
  };
}
