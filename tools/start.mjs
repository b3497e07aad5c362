// `npm start`: build what is not built (Turborepo cache makes a rebuild a no-op), migrate, seed demo
// content on the first run, then run the API and the web app together until Ctrl-C / SIGTERM.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
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
let demoSignIn = null;
if (config.env === "production") {
  if ((await run(nodeBin, [cli, "seed", "--demo", "--if-empty"])) !== 0) process.exit(1);
} else {
  demoSignIn = await seedDemoWithCredentials(config);
}

/**
 * Outside production the demo gets people who can sign in: the demo staff and `owner@folio.local`
 * share one random password, generated when the database is seeded, printed once and kept in
 * `<DATA_DIR>/demo-credentials.txt` (readable only by you) for later starts.
 */
async function seedDemoWithCredentials(cfg) {
  const { createDatabase, isDatabaseEmpty, seedDemoContent } = await import("@folio/database");
  const { createPasswordHasher } = await import("@folio/auth");
  const file = path.join(cfg.dataDir, "demo-credentials.txt");
  const database = await createDatabase(
    cfg.database.url === null ? { dataDir: cfg.dataDir } : { url: cfg.database.url.reveal() },
  );
  try {
    if (!(await isDatabaseEmpty(database))) {
      console.log("seed: skipped, the database already has content");
      return existsSync(file) ? { file, password: null } : null;
    }
    const password = randomBytes(15).toString("base64url");
    const hasher = createPasswordHasher({
      memoryCost: cfg.auth.argon2.memoryKiB,
      timeCost: cfg.auth.argon2.timeCost,
      parallelism: cfg.auth.argon2.parallelism,
    });
    // Dated relative to today, so the demo's scheduled posts are still ahead (the tests seed a
    // fixed timeline instead).
    const result = await seedDemoContent(database, {
      now: new Date(),
      demoPasswordHash: await hasher.hash(password),
    });
    console.log(
      `seed: demo content loaded (${result.users} people, ${result.tags} tags, ${result.categories} categories, ${result.posts} posts)`,
    );
    mkdirSync(cfg.dataDir, { recursive: true });
    writeFileSync(
      file,
      [
        "Folio demo sign-in (development only; generated when the demo was seeded)",
        `Owner:    owner@folio.local  (owners must set up two-factor authentication at first sign-in)`,
        `Staff:    maya.okafor@folio.example, daniel.asante@folio.example, tomas.lindqvist@folio.example, priya.raman@folio.example`,
        `Password: ${password}`,
        "",
      ].join("\n"),
      { mode: 0o600 },
    );
    return { file, password };
  } finally {
    await database.close();
  }
}

const apiOrigin = `http://${config.host}:${config.apiPort}`;
const webOrigin = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${config.webPort}`;
// On-demand ISR: the API's jobs tell the web app which pages to regenerate after a publish or an
// edit. Unless configured otherwise, the two processes started here share a secret made per start.
process.env.REVALIDATE_SECRET ??= randomBytes(32).toString("hex");
process.env.WEB_REVALIDATE_URL ??= `${webOrigin}/api/revalidate`;
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
    ...(demoSignIn === null
      ? []
      : demoSignIn.password === null
        ? [`  Sign in   owner@folio.local, password in ${demoSignIn.file}`]
        : [`  Sign in   owner@folio.local / ${demoSignIn.password}  (also in ${demoSignIn.file})`]),
    "Press Ctrl-C to stop.",
    "",
  ].join("\n"),
);
