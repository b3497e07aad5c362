// `npm start`: build what is not built (Turborepo cache makes a rebuild a no-op), migrate, seed demo
// content on the first run, then run the API and the web app together until Ctrl-C / SIGTERM.
import path from "node:path";
import { bin, loadDotEnv, nodeBin, root, run, start, stop, waitForHttp } from "./lib/proc.mjs";

loadDotEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.TURBO_TELEMETRY_DISABLED = "1";

const step = (text) => process.stdout.write(`\n▸ ${text}\n`);

step("Building packages, API and web (cached after the first run)");
if ((await run(bin("turbo"), ["run", "build", "--output-logs=errors-only"])) !== 0) {
  console.error("Build failed; see the output above.");
  process.exit(1);
}

// Configuration is validated once, here, with the same loader the API uses: a bad variable stops
// the start with a list of every problem instead of a half-started stack.
const { loadConfig, formatConfigError, redactUrl } = await import("@folio/config");
let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(formatConfigError(error));
  process.exit(1);
}
const dbLabel = config.database.url ? redactUrl(config.database.url.reveal()) : `PGlite in ${config.dataDir}`;

const cli = path.join(root, "packages/database/dist/cli.js");
step(`Migrating the database (${dbLabel})`);
if ((await run(nodeBin, [cli, "migrate"])) !== 0) process.exit(1);
step("Seeding demo content if the database is empty");
if ((await run(nodeBin, [cli, "seed", "--demo", "--if-empty"])) !== 0) process.exit(1);

const apiOrigin = `http://${config.host}:${config.apiPort}`;
const webOrigin = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${config.webPort}`;
step("Starting the API, then the web app");
const children = [];
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  process.stdout.write("\nStopping Folio…\n");
  await Promise.all(children.map((child) => stop(child)));
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function launch(label, name, cmd, args, options) {
  const child = start(label, cmd, args, options);
  children.push(child);
  void child.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`The ${name} exited unexpectedly (${code ?? signal}); stopping.`);
    void shutdown(1);
  });
  return child;
}

try {
  // The web app renders from the API, so it starts once the API answers ready.
  const api = launch("api", "API", nodeBin, [path.join(root, "apps/api/dist/main.js")]);
  await waitForHttp(`${apiOrigin.replace("0.0.0.0", "127.0.0.1")}/health/ready`, { child: api });
  const nextBin = path.join(root, "node_modules/next/dist/bin/next");
  const web = launch(
    "web",
    "web app",
    nodeBin,
    [nextBin, "start", "--port", String(config.webPort), "--hostname", config.host],
    {
      cwd: path.join(root, "apps/web"),
      env: { ...process.env, API_URL: config.apiUrl, PUBLIC_URL: config.publicUrl },
    },
  );
  await waitForHttp(`${webOrigin}/`, { child: web });
} catch (error) {
  if (stopping) await new Promise(() => {}); // a signal arrived mid-start; shutdown() exits
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
process.stdout.write(
  [
    "",
    "Folio is running:",
    `  Site      ${config.publicUrl}`,
    `  API       ${apiOrigin}/api/v1/posts`,
    `  API docs  ${apiOrigin}/docs`,
    `  Database  ${dbLabel}`,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n"),
);
