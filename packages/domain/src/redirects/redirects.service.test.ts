import { createCursorCodec, isFolioError } from "@folio/core";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { RedirectSchema } from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAuthor } from "../test-support/seo-fixtures.js";
import { createHitCounter } from "./hit-counter.js";
import { normaliseFromPath, normaliseToPath, sitePathOf } from "./paths.js";
import { createRedirectsService, type RedirectsService } from "./redirects.service.js";

async function problem(
  promise: Promise<unknown>,
): Promise<{ status: number; code: string; pointers: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (!isFolioError(error)) throw error;
    return { status: error.status, code: error.code, pointers: (error.errors ?? []).map((e) => e.pointer) };
  }
  throw new Error("expected a problem");
}

describe("redirect paths", () => {
  it.each([
    ["old-page", "/old-page"],
    ["/old-page/", "/old-page"],
    ["/a//b///", "/a/b"],
    ["/old?utm=1#top", "/old"],
    ["/", "/"],
    ["/ünï cödé", "/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9"],
    ["/%C3%BC", "/%C3%BC"],
  ])("normalises the from_path %j to %j", (input, expected) => {
    expect(normaliseFromPath(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    "https://example.org/x",
    "//evil.example/x",
    "javascript:alert(1)",
    "/a\\b",
    "/a\nb",
    "/api/v1/posts",
    "/_next/static/x.js",
    "/dashboard",
    `/${"a".repeat(2000)}`,
    "   ",
  ])("refuses an unusable from_path (case %#)", (input) => {
    expect(normaliseFromPath(input).ok).toBe(false);
  });

  it("keeps the query of a site to_path and accepts absolute http(s) URLs only", () => {
    expect(normaliseToPath("new/?q=1#x")).toEqual({ ok: true, value: "/new?q=1#x" });
    expect(normaliseToPath("https://Example.org/a%20b")).toEqual({
      ok: true,
      value: "https://example.org/a%20b",
    });
    expect(normaliseToPath("https://example.org/a b").ok).toBe(false);
    expect(normaliseToPath("javascript:alert(1)").ok).toBe(false);
    expect(normaliseToPath("mailto:a@example.org").ok).toBe(false);
    expect(normaliseToPath("//evil.example").ok).toBe(false);
    expect(sitePathOf("/new?q=1")).toBe("/new");
    expect(sitePathOf("https://example.org/")).toBeNull();
  });
});

describe("hit counter", () => {
  it("batches hits per redirect and writes them on flush", async () => {
    const writes: [string, number][] = [];
    const counter = createHitCounter({
      flushMs: 60_000,
      write: (id, count) => {
        writes.push([id, count]);
        return Promise.resolve();
      },
    });
    counter.record("a");
    counter.record("a");
    counter.record("b");
    expect(writes).toEqual([]);
    await counter.flush();
    expect(writes).toEqual([
      ["a", 2],
      ["b", 1],
    ]);
  });
});

describe("redirects service (PGlite)", () => {
  let database: TestDatabase;
  let service: RedirectsService;
  const actor = { userId: "" };

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite" });
    service = createRedirectsService({
      database,
      cursors: createCursorCodec("test-cursor-secret-0123456789abcdef"),
      hitFlushMs: 60_000,
    });
    actor.userId = (await insertAuthor(database)).id;
  });
  afterAll(async () => {
    await service.flushHits();
    await database.close();
  });

  it("creates a normalised manual redirect; a second one from the same path is 409", async () => {
    const redirect = await service.create(actor, {
      from_path: "moved/",
      to_path: "/new-home",
      status_code: 301,
    });
    expect(RedirectSchema.parse(redirect)).toEqual(redirect);
    expect(redirect).toMatchObject({ from_path: "/moved", to_path: "/new-home", kind: "manual", hits: 0 });
    expect(
      await problem(service.create(actor, { from_path: "/moved?x=1", to_path: "/x", status_code: 302 })),
    ).toEqual({ status: 409, code: "redirect-exists", pointers: [] });
    expect(
      await problem(
        service.create(actor, { from_path: "https://x.example/a", to_path: "/x", status_code: 301 }),
      ),
    ).toMatchObject({ status: 400, pointers: ["/body/from_path"] });
    expect(
      await problem(
        service.create(actor, { from_path: "/ok", to_path: "javascript:alert(1)", status_code: 301 }),
      ),
    ).toMatchObject({ status: 400, pointers: ["/body/to_path"] });
  });

  it("refuses loops (self, A→B→A, longer) with 422", async () => {
    expect(
      await problem(service.create(actor, { from_path: "/self", to_path: "/self/", status_code: 301 })),
    ).toEqual({
      status: 422,
      code: "unprocessable",
      pointers: ["/body/to_path"],
    });
    await service.create(actor, { from_path: "/loop-a", to_path: "/loop-b", status_code: 301 });
    expect(
      await problem(service.create(actor, { from_path: "/loop-b", to_path: "/loop-a", status_code: 301 })),
    ).toMatchObject({ status: 422, pointers: ["/body/to_path"] });
    const c = await service.create(actor, { from_path: "/loop-c", to_path: "/elsewhere", status_code: 301 });
    // Editing /loop-c to point at /loop-a would give /loop-c → /loop-b; fine. Pointing /loop-b
    // (unused) elsewhere is fine too; pointing /elsewhere at /loop-c is a loop.
    expect(
      await problem(service.create(actor, { from_path: "/elsewhere", to_path: "/loop-c", status_code: 301 })),
    ).toMatchObject({ status: 422 });
    expect(await problem(service.update(actor, c.id, { to_path: "/loop-c" }))).toMatchObject({ status: 422 });
  });

  it("collapses chains in both directions", async () => {
    const ab = await service.create(actor, { from_path: "/chain-a", to_path: "/chain-b", status_code: 301 });
    // B → C makes A → B → C: A is re-targeted to C.
    await service.create(actor, { from_path: "/chain-b", to_path: "/chain-c?ref=1", status_code: 302 });
    expect((await service.get(ab.id)).to_path).toBe("/chain-c?ref=1");
    // X → A is stored as X → C (A already redirects there).
    const xa = await service.create(actor, { from_path: "/chain-x", to_path: "/chain-a", status_code: 301 });
    expect(xa.to_path).toBe("/chain-c?ref=1");
  });

  it("resolves paths and counts hits without waiting for the write", async () => {
    const redirect = await service.create(actor, {
      from_path: "/hit-me",
      to_path: "https://example.org/",
      status_code: 308,
    });
    expect(await service.resolve("/hit-me/?utm_source=x")).toEqual({
      to_path: "https://example.org/",
      status_code: 308,
    });
    expect(await service.resolve("/hit-me")).not.toBeNull();
    expect(await service.resolve("/nothing-here")).toBeNull();
    expect(await service.resolve("/api/v1/posts")).toBeNull();
    expect((await service.get(redirect.id)).hits).toBe(0);
    await service.flushHits();
    const after = await service.get(redirect.id);
    expect(after.hits).toBe(2);
    expect(after.last_hit_at).not.toBeNull();
  });

  it("lists newest first with a cursor and filters by q and kind; deletes", async () => {
    const page1 = await service.list({ limit: 2 });
    expect(page1.data).toHaveLength(2);
    expect(page1.next_cursor).not.toBeNull();
    const page2 = await service.list({ limit: 2, cursor: page1.next_cursor! });
    expect(page2.data[0]!.id < page1.data[1]!.id).toBe(true);
    const chain = await service.list({ limit: 50, q: "chain-" });
    expect(chain.data.map((r) => r.from_path).sort()).toEqual(["/chain-a", "/chain-b", "/chain-x"]);
    expect((await service.list({ limit: 50, kind: "tag" })).data).toEqual([]);
    expect(await problem(service.list({ limit: 2, cursor: "nonsense" }))).toMatchObject({ status: 400 });
    const target = chain.data[0]!;
    await service.delete(actor, target.id);
    expect(await problem(service.get(target.id))).toMatchObject({ status: 404 });
    expect(await problem(service.delete(actor, target.id))).toMatchObject({ status: 404 });
  });
});
