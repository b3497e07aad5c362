import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  NetworkError,
  ProblemError,
  ResponseValidationError,
  TimeoutError,
  createFolioClient,
  isProblemError,
  parseRetryAfter,
  type FolioClientOptions,
} from "./index.js";

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

// A real HTTP server on a real socket: each test queues the handlers for the requests it expects.
let server: Server;
let baseUrl: string;
let queue: Handler[] = [];
let seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const handler = queue.shift();
      if (handler) handler(req, res, body);
      else json(res, 500, { unexpected: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  queue = [];
  seen = [];
});

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
function problem(
  res: ServerResponse,
  status: number,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/problem+json", ...headers });
  res.end(
    JSON.stringify({ type: "https://folio.dev/problems/test", title: `Status ${status}`, status, ...extra }),
  );
}
const client = (overrides: Partial<FolioClientOptions> = {}) =>
  createFolioClient({ baseUrl, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20 }, ...overrides });

const tag = {
  id: "01890f5e-7a3b-7c4d-8e9f-0a1b2c3d4e5f",
  slug: "news",
  name: "News",
  description: null,
  post_count: 3,
};

describe("createFolioClient against a local HTTP server", () => {
  it("sends the query string and returns the validated body", async () => {
    queue.push((_req, res) => json(res, 200, { data: [], next_cursor: null }));
    const page = await client().posts.list({
      limit: 5,
      featured: true,
      include: ["authors", "tags"],
      tag: undefined,
    });
    expect(page).toEqual({ data: [], next_cursor: null });
    expect(seen[0]!.url).toBe("/api/v1/posts?limit=5&featured=true&include=authors%2Ctags");
    expect(seen[0]!.headers.accept).toContain("application/json");
  });

  it("keeps a path prefix in the base URL and encodes slugs", async () => {
    queue.push((_req, res) => json(res, 200, { data: [tag] }));
    const tags = await client({ baseUrl: `${baseUrl}/proxy/` }).tags.list();
    expect(tags.data[0]!.slug).toBe("news");
    expect(seen[0]!.url).toBe("/proxy/api/v1/tags");
  });

  it("surfaces problem details as a ProblemError with the request id", async () => {
    queue.push((_req, res) =>
      problem(
        res,
        404,
        { detail: 'post "x" was not found', request_id: "req-1" },
        { "x-request-id": "req-1" },
      ),
    );
    const error = await client()
      .posts.get("x")
      .catch((e: unknown) => e);
    expect(isProblemError(error)).toBe(true);
    expect(error).toBeInstanceOf(ProblemError);
    const p = error as ProblemError;
    expect(p.status).toBe(404);
    expect(p.problem.type).toBe("https://folio.dev/problems/test");
    expect(p.problem.detail).toBe('post "x" was not found');
    expect(p.requestId).toBe("req-1");
    expect(seen).toHaveLength(1);
  });

  it("synthesises a problem for a non-JSON error body", async () => {
    queue.push((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<h1>bad gateway</h1>");
    });
    const error = (await client()
      .tags.list()
      .catch((e: unknown) => e)) as ProblemError;
    expect(isProblemError(error)).toBe(true);
    expect(error.problem).toMatchObject({
      type: "about:blank",
      title: "Bad Gateway",
      status: 502,
      detail: "<h1>bad gateway</h1>",
    });
  });

  it("retries 503 and honours Retry-After in seconds", async () => {
    queue.push((_req, res) => problem(res, 503, {}, { "retry-after": "1" }));
    queue.push((_req, res) => json(res, 200, { data: [tag] }));
    const started = Date.now();
    const tags = await client().tags.list();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(tags.data).toHaveLength(1);
    expect(seen).toHaveLength(2);
  });

  it("caps Retry-After with maxRetryAfterMs and retries 429 even for POST", async () => {
    const future = new Date(Date.now() + 60_000).toUTCString();
    queue.push((_req, res) => problem(res, 429, {}, { "retry-after": future }));
    queue.push((_req, res) => json(res, 201, { created: true }));
    const started = Date.now();
    const out = await client({ retry: { retries: 1, maxRetryAfterMs: 50 } }).request("POST", "/things", {
      body: { a: 1 },
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(out).toEqual({ created: true });
    expect(seen.map((s) => s.method)).toEqual(["POST", "POST"]);
    expect(seen[1]!.body).toBe('{"a":1}');
    expect(seen[1]!.headers["content-type"]).toBe("application/json");
  });

  it("returns a 503 readiness report as an answer, without retrying", async () => {
    const report = {
      status: "unavailable",
      checks: { database: { status: "error", latency_ms: 1, error: "down" } },
    };
    queue.push((_req, res) => json(res, 503, report));
    await expect(client().health.ready()).resolves.toEqual(report);
    expect(seen).toHaveLength(1);
  });

  it("gives up after the configured retries with the last problem", async () => {
    for (let i = 0; i < 3; i++) queue.push((_req, res) => problem(res, 503));
    const error = (await client()
      .tags.list()
      .catch((e: unknown) => e)) as ProblemError;
    expect(error.status).toBe(503);
    expect(seen).toHaveLength(3);
  });

  it("retries a GET after a dropped connection but never a POST", async () => {
    queue.push((req) => req.socket.destroy());
    queue.push((_req, res) => json(res, 200, { data: [tag] }));
    await expect(client().tags.list()).resolves.toMatchObject({ data: [{ slug: "news" }] });
    expect(seen).toHaveLength(2);

    seen = [];
    queue.push((req) => req.socket.destroy());
    const error = await client()
      .request("POST", "/things", { body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(seen).toHaveLength(1);
  });

  it("times out each attempt and retries idempotent requests", async () => {
    const slow: Handler = (_req, res) => setTimeout(() => json(res, 200, { data: [] }), 400).unref();
    queue.push(slow, slow);
    const error = await client({ timeoutMs: 80, retry: { retries: 1, baseDelayMs: 1 } })
      .tags.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(80);
    expect(seen).toHaveLength(2);
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    queue.push((_req, res) => setTimeout(() => json(res, 200, { data: [] }), 400).unref());
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user navigated away")), 50);
    const error = await client()
      .tags.list({ signal: controller.signal })
      .catch((e: unknown) => e);
    expect((error as Error).message).toBe("user navigated away");
    expect(seen).toHaveLength(1);
  });

  it("refreshes the token once on 401 and replays the request", async () => {
    let token = "old";
    let refreshes = 0;
    const authed: Handler = (req, res) =>
      req.headers.authorization === "Bearer new" ? json(res, 200, { data: [tag] }) : problem(res, 401);
    queue.push(authed, authed);
    const c = client({
      auth: {
        getAccessToken: () => token,
        refresh: () => {
          refreshes += 1;
          token = "new";
          return Promise.resolve(true);
        },
      },
    });
    await expect(c.tags.list()).resolves.toMatchObject({ data: [{ slug: "news" }] });
    expect(refreshes).toBe(1);
    expect(seen.map((s) => s.headers.authorization)).toEqual(["Bearer old", "Bearer new"]);
  });

  it("answers the 401 when the refresh fails or the replay is still unauthorised", async () => {
    queue.push((_req, res) => problem(res, 401));
    let refreshes = 0;
    const failing = client({ auth: { getAccessToken: () => null, refresh: () => Promise.resolve(false) } });
    await expect(failing.tags.list()).rejects.toMatchObject({ status: 401 });
    expect(seen[0]!.headers.authorization).toBeUndefined();

    seen = [];
    queue.push(
      (_req, res) => problem(res, 401),
      (_req, res) => problem(res, 401),
    );
    const stubborn = client({
      auth: { getAccessToken: () => "t", refresh: () => Promise.resolve(++refreshes > 0) },
    });
    await expect(stubborn.tags.list()).rejects.toMatchObject({ status: 401 });
    expect(refreshes).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it("runs request and response interceptors and async default headers", async () => {
    queue.push((_req, res) => json(res, 200, { data: [tag] }, { "x-request-id": "abc" }));
    const observed: string[] = [];
    const c = client({
      headers: () => Promise.resolve({ "x-client": "folio-tests" }),
      interceptors: {
        request: [(req) => (req.headers.set("x-trace", `attempt-${req.attempt}`), req)],
        response: [
          (res, req) => (
            observed.push(`${req.method} ${res.status} ${res.headers.get("x-request-id")}`),
            res
          ),
        ],
      },
    });
    await c.tags.list({ headers: { "x-call": "1" } });
    expect(seen[0]!.headers).toMatchObject({
      "x-client": "folio-tests",
      "x-trace": "attempt-0",
      "x-call": "1",
    });
    expect(observed).toEqual(["GET 200 abc"]);
  });

  it("rejects a response that does not match the contract, naming the field", async () => {
    queue.push((_req, res) => json(res, 200, { data: [{ ...tag, post_count: "three" }] }));
    const error = await client()
      .tags.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain("data.0.post_count");

    queue.push((_req, res) => json(res, 200, { data: [{ ...tag, post_count: "three" }] }));
    await expect(client({ validateResponses: false }).tags.list()).resolves.toMatchObject({
      data: [{ post_count: "three" }],
    });
  });

  it("passes Next.js cache options through to fetch", async () => {
    queue.push(
      (_req, res) => json(res, 200, { data: [tag] }),
      (_req, res) => json(res, 200, { data: [tag] }),
    );
    const inits: unknown[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      inits.push((init as { next?: unknown }).next);
      return fetch(input, init);
    };
    const c = client({ fetch: recordingFetch, next: { revalidate: 60 } });
    await c.tags.list();
    await c.tags.list({ next: { tags: ["tags"] } });
    expect(inits).toEqual([{ revalidate: 60 }, { tags: ["tags"] }]);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates, and ignores garbage", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
