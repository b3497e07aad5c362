// `npm run dev`: migrate + seed from the TypeScript sources, then the API (tsx watch) and the web app
// (next dev) together with hot reload. Packages resolve to src/ through the "@folio/source" condition.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { bin, loadDotEnv, root, run, start, stop } from "./lib/proc.mjs";

loadDotEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
const tsx = bin("tsx");
const cli = path.join(root, "packages/database/src/cli.ts");
const conditions = "--conditions=@folio/source";

// The web app imports built packages (api-client, types); build those once, quickly.
if ((await run(bin("tsc"), ["-b", "packages/api-client"])) !== 0) process.exit(1);
if ((await run(tsx, [conditions, cli, "migrate"])) !== 0) process.exit(1);
if ((await run(tsx, [conditions, cli, "seed", "--demo", "--if-empty"])) !== 0) process.exit(1);

const webPort = process.env.WEB_PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
// On-demand ISR between the two processes (see tools/start.mjs).
process.env.REVALIDATE_SECRET ??= randomBytes(32).toString("hex");
process.env.WEB_REVALIDATE_URL ??= `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${webPort}/api/revalidate`;
const children = [
  start("api", tsx, ["watch", conditions, path.join(root, "apps/api/src/main.ts")]),
  start("web", path.join(root, "node_modules/.bin/next"), ["dev", "--port", webPort, "--hostname", host], {
    cwd: path.join(root, "apps/web"),
  }),
];
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((c) => stop(c)));
  process.exit(0);
};
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
