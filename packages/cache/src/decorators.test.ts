import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createCache } from "./cache.js";
import { cacheEvict, cacheThrough, cacheable } from "./decorators.js";
import type { defineRepositories as DefineRepositories } from "./testing/decorated-repository.fixture.js";
import type { Cache } from "./types.js";

const fixturePath = fileURLToPath(new URL("./testing/decorated-repository.fixture.ts", import.meta.url));
const baseConfig = path.resolve(path.dirname(fixturePath), "../../../../tsconfig.base.json");

function compilerOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile(baseConfig, (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(baseConfig));
  return {
    ...parsed.options,
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
  };
}

let defineRepositories: typeof DefineRepositories;

beforeAll(() => {
  // Type-check the fixture with the repo's strict settings (so key builders typed from the
  // arguments are checked), then emit it as tsc would for dist/.
  const options = compilerOptions();
  expect(options.experimentalDecorators).toBeFalsy();
  const program = ts.createProgram([fixturePath], { ...options, noEmit: true });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  expect(diagnostics).toEqual([]);
  const { outputText } = ts.transpileModule(readFileSync(fixturePath, "utf8"), {
    compilerOptions: { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false },
  });
  expect(outputText).toContain("__esDecorate");
  const moduleExports: { defineRepositories?: typeof DefineRepositories } = {};
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const evaluate = new Function("exports", outputText) as (target: typeof moduleExports) => void;
  evaluate(moduleExports);
  defineRepositories = moduleExports.defineRepositories!;
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
