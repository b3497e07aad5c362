import { describe, expect, it } from "vitest";
import {
  MAX_ENTRIES,
  REVALIDATE_SECRET_HEADER,
  handleRevalidateRequest,
  secretMatches,
  type RevalidateDeps,
} from "./revalidate-request";

const SECRET = "s3cret-s3cret-s3cret";

function recorder(secret: string | null = SECRET) {
  const calls = { paths: [] as string[], tags: [] as string[], order: [] as string[] };
  const deps: RevalidateDeps = {
    secret,
    revalidatePath: (path) => {
      calls.paths.push(path);
      calls.order.push(`path:${path}`);
    },
    revalidateTag: (tag) => {
      calls.tags.push(tag);
      calls.order.push(`tag:${tag}`);
    },
  };
  return { deps, calls };
}

function post(body: unknown, headers: Record<string, string> = { [REVALIDATE_SECRET_HEADER]: SECRET }) {
  return new Request("http://web.test/api/revalidate", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  return (await res.json()) as { status: number; errors?: { pointer: string; detail: string }[] };
}

describe("POST /api/revalidate", () => {
  it("expires every named tag and path and answers 200 {revalidated: true}", async () => {
    const { deps, calls } = recorder();
    const res = await handleRevalidateRequest(
      post({
        paths: ["/", "/hello-world", "/tag/news", "/hello-world"],
        tags: ["posts", "post:hello-world"],
      }),
      deps,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ revalidated: true });
    expect(calls.paths).toEqual(["/", "/hello-world", "/tag/news"]);
    expect(calls.tags).toEqual(["posts", "post:hello-world"]);
    // Data first, then the pages that render it.
    expect(calls.order.indexOf("tag:posts")).toBeLessThan(calls.order.indexOf("path:/"));
  });

  it("accepts an empty or partial body as a no-op for the missing list", async () => {
    const { deps, calls } = recorder();
    expect((await handleRevalidateRequest(post({ tags: ["posts"] }), deps)).status).toBe(200);
    expect((await handleRevalidateRequest(post({}), deps)).status).toBe(200);
    expect(calls.tags).toEqual(["posts"]);
    expect(calls.paths).toEqual([]);
  });

  it("answers 401 without the secret header, with a wrong one, and touches nothing", async () => {
    const { deps, calls } = recorder();
    const body = { paths: ["/"], tags: ["posts"] };
    for (const headers of [
      {},
      { [REVALIDATE_SECRET_HEADER]: "wrong" },
      { [REVALIDATE_SECRET_HEADER]: `${SECRET}x` },
    ]) {
      const res = await handleRevalidateRequest(post(body, headers), deps);
      expect(res.status).toBe(401);
      expect((await problemOf(res)).status).toBe(401);
    }
    expect(calls.order).toEqual([]);
  });

  it("answers 401 to everyone when no secret (or a too-short one) is configured", async () => {
    for (const secret of [null, "", "short"]) {
      const { deps, calls } = recorder(secret);
      const res = await handleRevalidateRequest(
        post({ paths: ["/"] }, { [REVALIDATE_SECRET_HEADER]: secret ?? "" }),
        deps,
      );
      expect(res.status).toBe(401);
      expect(calls.order).toEqual([]);
    }
  });

  it("checks the secret before reading the body", async () => {
    const { deps } = recorder();
    const res = await handleRevalidateRequest(
      post("{not json", { [REVALIDATE_SECRET_HEADER]: "nope" }),
      deps,
    );
    expect(res.status).toBe(401);
  });

  it("answers 400 for a body that is not JSON or not an object", async () => {
    const { deps, calls } = recorder();
    for (const body of ["{not json", "[]", "null", '"x"']) {
      const res = await handleRevalidateRequest(post(body), deps);
      expect(res.status).toBe(400);
      await problemOf(res);
    }
    expect(calls.order).toEqual([]);
  });

  it("answers 400 with field pointers for bad paths, tags and unknown fields, revalidating nothing", async () => {
    const { deps, calls } = recorder();
    const res = await handleRevalidateRequest(
      post({
        paths: ["/ok", "relative", "//evil.example/x", "/with?query", 7, "/ctrl\u0000"],
        tags: ["posts", "", "x".repeat(257), 3],
        extra: true,
      }),
      deps,
    );
    expect(res.status).toBe(400);
    const pointers = ((await problemOf(res)).errors ?? []).map((e) => e.pointer).sort();
    expect(pointers).toEqual(
      [
        "/extra",
        "/paths/1",
        "/paths/2",
        "/paths/3",
        "/paths/4",
        "/paths/5",
        "/tags/1",
        "/tags/2",
        "/tags/3",
      ].sort(),
    );
    expect(calls.order).toEqual([]);
  });

  it("answers 400 when paths or tags is not an array or has more than 200 entries", async () => {
    const { deps, calls } = recorder();
    const tooMany = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => `/p-${i}`);
    const cases: [unknown, string][] = [
      [{ paths: "/" }, "/paths"],
      [{ tags: { a: 1 } }, "/tags"],
      [{ paths: tooMany }, "/paths"],
      [{ tags: tooMany.map((p) => p.slice(1)) }, "/tags"],
    ];
    for (const [body, pointer] of cases) {
      const res = await handleRevalidateRequest(post(body), deps);
      expect(res.status).toBe(400);
      expect((await problemOf(res)).errors?.map((e) => e.pointer)).toEqual([pointer]);
    }
    const exactly = await handleRevalidateRequest(post({ paths: tooMany.slice(0, MAX_ENTRIES) }), deps);
    expect(exactly.status).toBe(200);
    expect(calls.paths).toHaveLength(MAX_ENTRIES);
  });

  it("answers 413 for an oversized body", async () => {
    const { deps } = recorder();
    const res = await handleRevalidateRequest(post({ paths: ["/" + "a".repeat(600_000)] }), deps);
    expect(res.status).toBe(413);
  });
});

describe("secretMatches", () => {
  it("matches only the exact configured secret", () => {
    expect(secretMatches(SECRET, SECRET)).toBe(true);
    expect(secretMatches(SECRET.toUpperCase(), SECRET)).toBe(false);
    expect(secretMatches(SECRET.slice(0, -1), SECRET)).toBe(false);
    expect(secretMatches(null, SECRET)).toBe(false);
    expect(secretMatches(SECRET, null)).toBe(false);
  });
});
