// The typed client against the real API, started in-process on a real socket.
import type { AddressInfo } from "node:net";
import { createFolioClient, isProblemError, type FolioClient } from "@folio/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "./testing/build-test-app.js";

describe("@folio/api-client against the running API", () => {
  let t: TestApp;
  let client: FolioClient;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    client = createFolioClient({
      baseUrl: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`,
      retry: { retries: 1, baseDelayMs: 10 },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("reads posts page by page, a post, tags, categories and an author, all validated", async () => {
    const first = await client.posts.list({ limit: 5, include: ["authors", "tags"] });
    expect(first.data).toHaveLength(5);
    expect(first.data[0]!.authors!.length).toBeGreaterThan(0);
    const second = await client.posts.list({ limit: 5, cursor: first.next_cursor! });
    expect(second.data.map((p) => p.slug)).not.toContain(first.data[0]!.slug);

    const post = await client.posts.get(first.data[0]!.slug);
    expect(post.slug).toBe(first.data[0]!.slug);
    expect((await client.tags.list()).data.length).toBeGreaterThan(0);
    expect((await client.categories.list()).data.length).toBeGreaterThan(0);
    const author = await client.authors.get(post.authors[0]!.slug);
    expect(author.slug).toBe(post.authors[0]!.slug);
    expect(await client.health.live()).toEqual({ status: "ok" });
    expect((await client.health.ready()).status).toBe("ok");
  });

  it("surfaces API errors as ProblemError with the problem and the request id", async () => {
    const notFound = await client.posts.get("no-such-post").catch((e: unknown) => e);
    expect(isProblemError(notFound)).toBe(true);
    if (!isProblemError(notFound)) return;
    expect(notFound.status).toBe(404);
    expect(notFound.problem.type).toBe("https://folio.dev/problems/not-found");
    expect(notFound.requestId).toEqual(expect.any(String));

    const invalid = await client.posts.list({ limit: 1000 }).catch((e: unknown) => e);
    expect(isProblemError(invalid) && invalid.problem.errors?.[0]?.pointer).toBe("/query/limit");
  });

  it("sends its request interceptor's id and gets it back", async () => {
    const seen: (string | null)[] = [];
    const traced = createFolioClient({
      baseUrl: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`,
      interceptors: {
        request: [(req) => (req.headers.set("x-request-id", "client-trace-42"), req)],
        response: [(res) => (seen.push(res.headers.get("x-request-id")), res)],
      },
    });
    await traced.tags.list();
    expect(seen).toEqual(["client-trace-42"]);
  });
});
