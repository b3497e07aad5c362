// `npm run generate`: writes the OpenAPI 3.1 document built from the registered Fastify routes to
// docs/api/openapi.json and lints it with Redocly. `--check` (CI) writes nothing: it fails when the
// checked-in document differs from what the routes produce, or when it does not lint cleanly.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "@folio/api";
import { loadConfig } from "@folio/config";
import { createDatabase } from "@folio/database";
import { createServices } from "@folio/domain";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "docs/api/openapi.json");
const relativeTarget = path.relative(root, target);
const check = process.argv.includes("--check");

async function renderDocument(): Promise<string> {
  // Fixed configuration (not the caller's environment) so the output only depends on the code.
  const config = loadConfig({ env: { FOLIO_ENV: "development", LOG_LEVEL: "silent" }, cwd: root });
  // An in-memory PGlite: the routes need real services to register, but nothing is queried.
  const database = await createDatabase({ memory: true });
  try {
    const services = createServices({ database, cursorSecret: config.secrets.cursorSecret.reveal() });
    const app = await buildApp({ config, database, services, logger: false });
    try {
      await app.ready();
      return `${JSON.stringify(app.swagger(), null, 2)}\n`;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

function firstDifference(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `  line ${i + 1}\n    checked in: ${b[i] ?? "(end of file)"}\n    generated:  ${a[i] ?? "(end of file)"}`;
    }
  }
  return "";
}

/** Runs `redocly lint` with the repository's redocly.yaml; true when there are no errors. */
function lint(file: string): boolean {
  const redocly = path.join(root, "node_modules/.bin/redocly");
  const result = spawnSync(
    redocly,
    ["lint", file, "--config", path.join(root, "redocly.yaml"), "--format", "stylish"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  if (result.error) console.error(`Could not run Redocly: ${result.error.message}`);
  return result.status === 0;
}

const generated = await renderDocument();

if (check) {
  const current = existsSync(target) ? readFileSync(target, "utf8") : null;
  if (current !== generated) {
    console.error(
      current === null
        ? `${relativeTarget} is missing.`
        : `${relativeTarget} is stale: it differs from the document the routes produce.\n${firstDifference(generated, current)}`,
    );
    console.error("Run `npm run generate` and commit the result.");
    process.exit(1);
  }
  // Lint exactly what was generated (identical to the checked-in file at this point).
  const scratch = mkdtempSync(path.join(tmpdir(), "folio-openapi-"));
  const scratchFile = path.join(scratch, "openapi.json");
  writeFileSync(scratchFile, generated);
  const clean = lint(scratchFile);
  rmSync(scratch, { recursive: true, force: true });
  if (!clean) {
    console.error(`${relativeTarget} does not pass the OpenAPI lint (redocly.yaml).`);
    process.exit(1);
  }
  console.log(`${relativeTarget} is up to date and lints cleanly.`);
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  const changed = !existsSync(target) || readFileSync(target, "utf8") !== generated;
  if (changed) writeFileSync(target, generated);
  console.log(`${changed ? "Wrote" : "Unchanged:"} ${relativeTarget}`);
  if (!lint(target)) process.exit(1);
}
