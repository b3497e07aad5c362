import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { PostSchema, ProblemDetailsSchema } from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildTestApp, type TestApp } from "./testing/build-test-app.js";
import { STRICT_QUERY_NOTE } from "./plugins/openapi.js";

/** Sends raw bytes and returns the raw HTTP response (for requests inject() cannot express). */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(request));
    let response = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (response += chunk));
    socket.on("end", () => resolve(response));
    socket.on("error", reject);
  });
}

describe("app plugins", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      seed: false,
      env: { BODY_LIMIT_BYTES: "1024", CORS_ORIGINS: "https://blog.example.org" },
      beforeReady: (app) => {
        // Test-only routes exercising what the read-only API cannot: bodies and broken handlers.
        app.post("/test/echo", { schema: { body: z.object({ name: z.string() }) } }, (request) =>
          Promise.resolve(request.body),
        );
        app.get("/test/boom", () => Promise.reject(new Error("secret database password in message")));
        app.get("/test/bad-shape", { schema: { response: { 200: PostSchema } } }, () =>
          Promise.resolve({ internal: "do not leak" } as never),
        );
      },
    });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await t?.close();
  });

  const port = () => (t.app.server.address() as AddressInfo).port;
  const expectProblem = (
    res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
    status: number,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.headers["cache-control"]).toBe("no-store");
    return ProblemDetailsSchema.parse(res.json());
  };

  it("echoes a sane incoming x-request-id and replaces an unsafe one", async () => {
    const kept = await t.app.inject({ url: "/health/live", headers: { "x-request-id": "edge-123.abc_DEF" } });
    expect(kept.headers["x-request-id"]).toBe("edge-123.abc_DEF");
    for (const bad of ["has space", "x".repeat(129), 'quote"', "new\nline".replace("\n", "%0A")]) {
      const res = await t.app.inject({ url: "/health/live", headers: { "x-request-id": bad } });
      expect(res.headers["x-request-id"]).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
    const problem = expectProblem(
      await t.app.inject({ url: "/nope", headers: { "x-request-id": "trace-1" } }),
      404,
    );
    expect(problem.request_id).toBe("trace-1");
  });

  it("answers an unknown route with 404 and a wrong method with 405 and Allow", async () => {
    const missing = expectProblem(await t.app.inject({ url: "/api/v1/nothing-here" }), 404);
    expect(missing.type).toBe("https://folio.dev/problems/not-found");
    const wrongMethod = await t.app.inject({ method: "DELETE", url: "/api/v1/posts" });
    expectProblem(wrongMethod, 405);
    expect(wrongMethod.headers.allow).toBe("GET, HEAD");
  });

  it("maps body errors: 413 too large, 415 unsupported type, 400 malformed JSON, 400 invalid field", async () => {
    const tooLarge = await t.app.inject({
      method: "POST",
      url: "/test/echo",
      payload: { name: "x".repeat(2000) },
    });
    expect(expectProblem(tooLarge, 413).detail).toContain("1024 bytes");
    const unsupported = await t.app.inject({
      method: "POST",
      url: "/test/echo",
      payload: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(unsupported, 415);
    const malformed = await t.app.inject({
      method: "POST",
      url: "/test/echo",
      payload: '{"name":',
      headers: { "content-type": "application/json" },
    });
    expect(expectProblem(malformed, 400).detail).toBe("The request body is not valid JSON.");
    const invalid = expectProblem(
      await t.app.inject({ method: "POST", url: "/test/echo", payload: { name: 5 } }),
      400,
    );
    expect(invalid.errors).toEqual([{ pointer: "/body/name", detail: expect.any(String) }]);
    const ok = await t.app.inject({ method: "POST", url: "/test/echo", payload: { name: "ok" } });
    expect(ok.json()).toEqual({ name: "ok" });
  });

  it("answers 414 for a very long URL, 431 beyond Node's header limit, 400 for a malformed URL", async () => {
    const long = expectProblem(await t.app.inject({ url: `/api/v1/posts?tag=${"a".repeat(9_000)}` }), 414);
    expect(long.type).toBe("https://folio.dev/problems/uri-too-long");
    const huge = await rawRequest(
      port(),
      `GET /api/v1/posts?tag=${"a".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain("application/problem+json");
    expect(ProblemDetailsSchema.parse(JSON.parse(huge.slice(huge.indexOf("\r\n\r\n") + 4))).status).toBe(431);
    const garbage = await rawRequest(port(), "NOT A REQUEST\r\n\r\n");
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    const malformed = expectProblem(await t.app.inject({ url: "/api/v1/posts/%zz" }), 400);
    expect(malformed.detail).toBe("The request URL is malformed.");
  });

  it("answers unexpected errors with a generic 500 that leaks nothing", async () => {
    for (const url of ["/test/boom", "/test/bad-shape"]) {
      const res = await t.app.inject({ url, headers: { "x-request-id": "req-500" } });
      const problem = expectProblem(res, 500);
      expect(problem).toMatchObject({
        type: "https://folio.dev/problems/internal",
        request_id: "req-500",
        instance: url,
      });
      expect(res.body).not.toMatch(/secret|do not leak|stack|at .*\.ts/);
    }
  });

  it("sends strict security headers, and a wider CSP only on /docs", async () => {
    const api = await t.app.inject({ url: "/health/live" });
    expect(api.headers["content-security-policy"]).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
    expect(api.headers["x-content-type-options"]).toBe("nosniff");
    expect(api.headers["strict-transport-security"]).toContain("max-age=");
    const docs = await t.app.inject({ url: "/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toContain("text/html");
    expect(docs.headers["content-security-policy"]).toContain("script-src 'self' 'unsafe-inline'");
    expect(docs.body).toContain("/openapi.json");
    // Errors raised before any route (the router's 404) carry them too.
    const missing = await t.app.inject({ url: "/no/such/route" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-security-policy"]).toBe(api.headers["content-security-policy"]);
    expect(missing.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(missing.headers["cross-origin-resource-policy"]).toBe("same-site");
  });

  it("allows CORS for the configured origins only", async () => {
    const preflight = {
      method: "OPTIONS" as const,
      url: "/api/v1/posts",
      headers: { origin: "https://blog.example.org", "access-control-request-method": "GET" },
    };
    const allowed = await t.app.inject(preflight);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://blog.example.org");
    const other = await t.app.inject({
      ...preflight,
      headers: { ...preflight.headers, origin: "https://evil.example" },
    });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    const simple = await t.app.inject({
      url: "/api/v1/tags",
      headers: { origin: "https://blog.example.org" },
    });
    expect(simple.headers["access-control-expose-headers"]).toContain("x-request-id");
  });

  it("exposes Prometheus metrics with the request histogram labelled by route pattern", async () => {
    await t.app.inject({ url: "/api/v1/posts/some-unknown-slug" });
    await t.app.inject({ url: "/definitely/not/a/route" });
    const res = await t.app.inject({ url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.body).toContain("# TYPE http_request_duration_seconds histogram");
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/posts\/:slug",status_code="404"\} 1/,
    );
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} \d+/,
    );
    expect(res.body).not.toContain("some-unknown-slug");
    expect(res.body).toContain("process_cpu_user_seconds_total");
  });

  it("serves the OpenAPI document", async () => {
    const res = await t.app.inject({ url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/posts", "/api/v1/posts/{slug}", "/health/ready"]),
    );
    expect(Object.keys(doc.paths)).not.toContain("/test/echo");
  });

  it("documents that query strings are strict", async () => {
    const doc = (await t.app.inject({ url: "/openapi.json" })).json<{
      paths: Record<string, { get?: { description?: string } }>;
    }>();
    for (const path of ["/api/v1/posts", "/api/v1/tags", "/api/v1/categories"]) {
      expect(doc.paths[path]?.get?.description).toContain(STRICT_QUERY_NOTE);
    }
  });
});
