import { fileURLToPath } from "node:url";
import { compileDecoratorFixture } from "../../../tests/support/decorator-fixture.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCache } from "./cache.js";
import { cacheEvict, cacheThrough, cacheable } from "./decorators.js";
import type { defineRepositories as DefineRepositories } from "./testing/decorated-repository.fixture.js";
import type { Cache } from "./types.js";

const fixturePath = fileURLToPath(new URL("./testing/decorated-repository.fixture.ts", import.meta.url));

let defineRepositories: typeof DefineRepositories;

beforeAll(() => {
  // Type-check the fixture with the repo's strict settings, then emit it as tsc would for dist/.
  const fixture = compileDecoratorFixture<{ defineRepositories: typeof DefineRepositories }>(fixturePath);
  expect(fixture.experimentalDecorators).toBe(false);
  expect(fixture.diagnostics).toEqual([]);
  expect(fixture.outputText).toContain("__esDecorate");
  defineRepositories = fixture.exports.defineRepositories!;
}, 60_000);

const open: Cache[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((cache) => cache.close()));
});

function setup() {
  const cache = createCache({ namespace: "folio" });
  open.push(cache);
  return { cache, ...defineRepositories({ cacheable, cacheEvict, cacheThrough }) };
}

describe("@cacheable / @cacheEvict / @cacheThrough", () => {
  it("reads through the instance's cache and evicts by tag after a successful write", async () => {
    const { cache, PostsRepository } = setup();
    const repo = new PostsRepository(cache);
    repo.rows.set("p1", { id: "p1", title: "Hello" });
    expect(await repo.findById("p1")).toEqual({ id: "p1", title: "Hello" });
    expect(await repo.findById("p1")).toEqual({ id: "p1", title: "Hello" });
    expect(repo.reads).toBe(1);
    await repo.rename("p1", "Bonjour");
    expect(await repo.findById("p1")).toEqual({ id: "p1", title: "Bonjour" });
    expect(repo.reads).toBe(2);
  });

  it("writes the method's result through to the cache", async () => {
    const { cache, PostsRepository } = setup();
    const repo = new PostsRepository(cache);
    await repo.create("p2", "New");
    expect(await cache.get("post:p2")).toEqual({ id: "p2", title: "New" });
    expect(await repo.findById("p2")).toEqual({ id: "p2", title: "New" });
    expect(repo.reads).toBe(0);
    await cache.invalidateTags(["posts"]);
    expect(await cache.get("post:p2")).toBeUndefined();
  });

  it("resolves the cache with options.cache(this)", async () => {
    const { cache, AuthorsService } = setup();
    const authors = new AuthorsService({ cache });
    expect(await authors.bySlug("ada")).toEqual({ slug: "ada", load: 1 });
    expect(await authors.bySlug("ada")).toEqual({ slug: "ada", load: 1 });
    expect(await cache.get("author:ada")).toEqual({ slug: "ada", load: 1 });
  });

  it("fails clearly when the instance has no cache", async () => {
    const { Uncached } = setup();
    await expect(new Uncached().value()).rejects.toThrow(/no cache/);
  });
});
