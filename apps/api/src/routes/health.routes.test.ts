import { ReadinessSchema } from "@folio/types";
import type { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createRedisClient } from "../redis.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

async function readiness(t: TestApp) {
  const res = await t.app.inject({ url: "/health/ready" });
  expect(res.headers["content-type"]).toContain("application/json");
  expect(res.headers["cache-control"]).toBe("no-store");
  return { status: res.statusCode, body: ReadinessSchema.parse(res.json()) };
}

describe("health routes", () => {
  let t: TestApp | undefined;
  let redis: Redis | undefined;
  afterEach(async () => {
    await t?.close();
    redis?.disconnect();
    t = undefined;
    redis = undefined;
  });

  it("answers liveness without touching dependencies", async () => {
    t = await buildTestApp({ seed: false });
    const res = await t.app.inject({ url: "/health/live" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("is ready when the database answers, and reports only the database without Redis", async () => {
    t = await buildTestApp({ seed: false });
    const { status, body } = await readiness(t);
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(Object.keys(body.checks)).toEqual(["database"]);
    expect(body.checks.database).toMatchObject({ status: "ok", latency_ms: expect.any(Number) });
  });

  it("checks a real Redis", async () => {
    redis = createRedisClient(inject("redisUrl"));
    await redis.connect();
    t = await buildTestApp({ seed: false, redis });
    const { status, body } = await readiness(t);
    expect(status).toBe(200);
    expect(body.checks.redis).toMatchObject({ status: "ok" });
  });

  it("answers 503 with the reason when Redis is unreachable", async () => {
    redis = createRedisClient("redis://127.0.0.1:1", { maxReconnectDelayMs: 200 });
    await expect(redis.connect()).rejects.toThrow();
    t = await buildTestApp({ seed: false, redis });
    const { status, body } = await readiness(t);
    expect(status).toBe(503);
    expect(body.status).toBe("unavailable");
    expect(body.checks.database?.status).toBe("ok");
    expect(body.checks.redis).toMatchObject({
      status: "error",
      error: expect.stringContaining("not connected"),
    });
  });

  it("answers 503 when the database is gone", async () => {
    t = await buildTestApp({ seed: false, kind: "postgres" });
    await t.database.close();
    const { status, body } = await readiness(t);
    expect(status).toBe(503);
    expect(body.checks.database).toMatchObject({ status: "error", error: expect.any(String) });
    await t.app.close();
    t = undefined;
  });
});
