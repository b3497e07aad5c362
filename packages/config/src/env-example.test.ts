import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES } from "./config-sources.js";

// .env.example is the configuration reference users copy: it must name every variable we read.
describe(".env.example", () => {
  it("documents every configuration variable", () => {
    const example = readFileSync(new URL("../../../.env.example", import.meta.url), "utf8");
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(CONFIG_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
  });
});
