// `npm run test:e2e`: the browser smoke test against the built apps.
// Creates a throw-away embedded database (PGlite in a temp DATA_DIR), migrates and seeds it with
// the demo content, starts the API and the web app on free ports, runs the Vitest suites in
// tests/e2e with E2E_BASE_URL / API_URL, and always stops both servers and removes the temp folder.
// Extra arguments are passed to Vitest (tools/test.mjs adds its JSON reporter this way).
// It does not build: run `npm run build` first.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bin, freePort, nodeBin, root, run, start, stop, waitForHttp } from "./lib/proc.mjs";

const CHROMIUM = "/usr/bin/chromium";
const required = [
  ["packages/database/dist/cli.js", "the database CLI"],
  ["apps/api/dist/main.js", "the API"],
  ["apps/web/.next/BUILD_ID", "the web app"],
];
const missing = required.filter(([file]) => !existsSync(path.join(root, file)));
if (missing.length > 0) {
  for (const [file, what] of missing) console.error(`e2e: ${what} is not built (${file} is missing).`);
  console.error("e2e: run `npm run build` first.");
  process.exit(1);
}
if (!existsSync(CHROMIUM)) {
  console.error(`e2e: ${CHROMIUM} not found; install it with \`apt-get install -y chromium\`.`);
  process.exit(1);
}

// Two listeners at once so the OS cannot hand out the same port twice.
const [apiPort, webPort, smtpPort] = await Promise.all([freePort(), freePort(), freePort()]);
const apiUrl = `http://127.0.0.1:${apiPort}`;
const baseUrl = `http://127.0.0.1:${webPort}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "folio-e2e-"));

// Hermetic: embedded database and cache in the temp folder, whatever the developer's .env says.
// Production mode, as deployed; it refuses default secrets, so the run gets its own.
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  HOST: "127.0.0.1",
  LOG_LEVEL: "warn",
  NODE_ENV: "production",
  CURSOR_SECRET: randomBytes(32).toString("hex"),
  AUTH_SECRET: randomBytes(32).toString("hex"),
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
};
delete env.CURSOR_SECRET_FILE;
delete env.AUTH_SECRET_FILE;
for (const name of ["DATABASE_URL", "DATABASE_REPLICA_URLS", "REDIS_URL"]) delete env[name];

let api;
let web;
let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  await Promise.all([stop(web), stop(api)]);
  rmSync(dataDir, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });
}

let exitCode;
try {
  const cli = path.join(root, "packages/database/dist/cli.js");
  if ((await run(nodeBin, [cli, "migrate"], { env })) !== 0) throw new Error("migrations failed");
  if ((await run(nodeBin, [cli, "seed", "--demo", "--if-empty"], { env })) !== 0)
    throw new Error("seeding failed");

  api = start("api", nodeBin, [path.join(root, "apps/api/dist/main.js")], {
    env: { ...env, API_PORT: String(apiPort) },
  });
  await waitForHttp(`${apiUrl}/health/ready`, { child: api, timeoutMs: 60_000 });

  web = start(
    "web",
    nodeBin,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(webPort), "-H", "127.0.0.1"],
    {
      cwd: path.join(root, "apps/web"),
      env: {
        ...env,
        API_URL: apiUrl,
        PUBLIC_URL: baseUrl,
        WEB_PORT: String(webPort),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  await waitForHttp(`${baseUrl}/`, { child: web, timeoutMs: 60_000 });

  console.log(`e2e: API ${apiUrl}, web ${baseUrl}`);
  exitCode = await run(bin("vitest"), ["run", "--config", "vitest.e2e.config.ts", ...process.argv.slice(2)], {
    // E2E_BASE_URL rather than BASE_URL: Vitest overwrites BASE_URL with Vite's base path.
    env: { ...process.env, E2E_BASE_URL: baseUrl, API_URL: apiUrl, CHROMIUM_PATH: CHROMIUM },
  });
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
