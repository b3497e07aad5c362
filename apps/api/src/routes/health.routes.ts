import { LivenessSchema, ReadinessSchema, type DependencyCheck, type Readiness } from "@folio/types";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Redis } from "ioredis";
import { NO_STORE } from "../plugins/problem-details.js";
import { PUBLIC, problemResponses } from "./route-schemas.js";

/** A dependency that does not answer within this is reported as failing. */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

export interface HealthRoutesOptions {
  database: { ping(): Promise<void> };
  redis?: Redis | null | undefined;
  checkTimeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Messages reach an orchestrator, not end users; keep them short and single-line. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").slice(0, 200) || "check failed";
}

async function runCheck(check: () => Promise<unknown>, timeoutMs: number): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await withTimeout(check(), timeoutMs);
    return { status: "ok", latency_ms: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return {
      status: "error",
      latency_ms: Math.round((performance.now() - started) * 100) / 100,
      error: reason(error),
    };
  }
}

async function pingRedis(redis: Redis): Promise<void> {
  // The client is created with enableOfflineQueue off: while it is (re)connecting a command would
  // fail with a confusing "stream isn't writeable", so report the connection state instead.
  if (redis.status !== "ready") throw new Error(`not connected (connection ${redis.status})`);
  const answer = await redis.ping();
  if (answer !== "PONG") throw new Error(`unexpected PING answer ${JSON.stringify(answer).slice(0, 40)}`);
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = (app, options) => {
  const timeoutMs = options.checkTimeoutMs ?? READINESS_CHECK_TIMEOUT_MS;

  app.get(
    "/health/live",
    {
      schema: {
        operationId: "getLiveness",
        summary: "Liveness probe",
        description: "Answers 200 while the process is able to serve HTTP; it checks no dependency.",
        tags: ["health"],
        security: PUBLIC,
        response: { 200: LivenessSchema, ...problemResponses(414) },
        responseDescriptions: { 200: "The process is alive" },
      },
    },
    (_request, reply) => {
      reply.header("cache-control", NO_STORE);
      return Promise.resolve({ status: "ok" as const });
    },
  );

  app.get(
    "/health/ready",
    {
      schema: {
        operationId: "getReadiness",
        summary: "Readiness probe",
        description:
          "Checks the database, and Redis when one is configured. 200 when every check passes, " +
          "503 with each failing check's reason otherwise.",
        tags: ["health"],
        security: PUBLIC,
        response: { 200: ReadinessSchema, 503: ReadinessSchema, ...problemResponses(414, 500) },
        responseDescriptions: {
          200: "Every dependency answered",
          503: "At least one dependency failed; see `checks`",
        },
      },
    },
    async (_request, reply) => {
      const redis = options.redis;
      const [database, redisCheck] = await Promise.all([
        runCheck(() => options.database.ping(), timeoutMs),
        redis ? runCheck(() => pingRedis(redis), timeoutMs) : Promise.resolve(undefined),
      ]);
      const checks: Readiness["checks"] = { database };
      if (redisCheck) checks.redis = redisCheck;
      const ok = Object.values(checks).every((check) => check.status === "ok");
      reply.code(ok ? 200 : 503).header("cache-control", NO_STORE);
      return { status: ok ? ("ok" as const) : ("unavailable" as const), checks };
    },
  );
  return Promise.resolve();
};
