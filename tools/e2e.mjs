// `npm run test:e2e`: the browser smoke test against the built apps.
// Creates a throw-away embedded database (PGlite in a temp DATA_DIR), migrates and seeds it with
// the demo content and one owner account, starts a local SMTP sink, the API (sending real mail to
// the sink) and the web app on free ports, runs the Vitest suites in tests/e2e with E2E_BASE_URL /
// API_URL / SMTP_SINK_URL / E2E_OWNER_* (and E2E_CONTRIBUTOR_* / E2E_EDITOR_* / E2E_MEMBER_* for the
// publishing suites), and always stops everything and removes the temp folder. The API runs its jobs
// in process (JOBS_MODE=inline) and calls the web app's revalidation endpoint, so scheduling and
// on-demand ISR revalidation are exercised end to end.
// Extra arguments are passed to Vitest (tools/test.mjs adds its JSON reporter this way).
// It does not build: run `npm run build` first.
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bin, freePort, nodeBin, root, run, start, stop, waitForHttp } from "./lib/proc.mjs";
import { startSmtpSink } from "./lib/smtp-sink.mjs";

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
const [apiPort, webPort, smtpPort, smtpHttpPort] = await Promise.all([
  freePort(),
  freePort(),
  freePort(),
  freePort(),
]);
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
  // Emailed links and the API's allowed origin (CSRF) are the web app's address.
  PUBLIC_URL: baseUrl,
  // A sign-in counts as a re-authentication for this long (15 min by default). The shortest
  // allowed value lets the browser suite reach the step-up dialog in a minute instead of fifteen.
  AUTH_STEP_UP_TTL_SECONDS: "60",
  // Publishing: due jobs (scheduled posts, revalidation) run inside the API process, and every
  // publish/update/unpublish asks the web app to revalidate its ISR pages (both sides share the secret).
  JOBS_MODE: "inline",
  REVALIDATE_SECRET: randomBytes(32).toString("hex"),
  WEB_REVALIDATE_URL: `${baseUrl}/api/revalidate`,
};
delete env.CURSOR_SECRET_FILE;
delete env.AUTH_SECRET_FILE;
for (const name of ["DATABASE_URL", "DATABASE_REPLICA_URLS", "REDIS_URL"]) delete env[name];

// The site's first owner. Owners are never self-registered (sign-up creates members), so the
// suite gets one the way an installer would: a row written before the API starts. The password is
// random per run and handed to the tests only. The publishing suites also need a contributor, an
// editor and a member (roles without required MFA, so they sign in with a password alone); they are
// written the same way.
function account(role, email, displayName, slug) {
  return {
    role,
    email,
    displayName,
    slug,
    password: `${randomBytes(12).toString("base64url")}-${role}-e2e`,
  };
}
const owner = account("owner", "owner@e2e.folio.test", "Olivia Owner", "olivia-owner-e2e");
const staff = {
  CONTRIBUTOR: account(
    "contributor",
    "contributor@e2e.folio.test",
    "Connor Contributor",
    "connor-contributor-e2e",
  ),
  EDITOR: account("editor", "editor@e2e.folio.test", "Edith Editor", "edith-editor-e2e"),
  MEMBER: account("member", "member@e2e.folio.test", "Mona Member", "mona-member-e2e"),
};

async function seedAccounts() {
  const [{ createDatabase, users }, { createPasswordHasher }, { uuidv7 }] = await Promise.all([
    import("@folio/database"),
    import("@folio/auth"),
    import("@folio/core"),
  ]);
  const database = await createDatabase({ dataDir });
  const hasher = createPasswordHasher();
  try {
    for (const person of [owner, ...Object.values(staff)]) {
      await database.db.insert(users).values({
        id: uuidv7(),
        email: person.email,
        displayName: person.displayName,
        slug: person.slug,
        role: person.role,
        passwordHash: await hasher.hash(person.password),
        emailVerifiedAt: new Date(),
        status: "active",
      });
    }
  } finally {
    await database.close();
  }
}

let api;
let web;
let sink;
let cleanedUp = false;
async function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  await Promise.all([stop(web), stop(api)]);
  await sink?.close();
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
  await seedAccounts();

  sink = await startSmtpSink({ smtpPort, httpPort: smtpHttpPort });

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
    env: {
      ...process.env,
      E2E_BASE_URL: baseUrl,
      API_URL: apiUrl,
      CHROMIUM_PATH: CHROMIUM,
      SMTP_SINK_URL: sink.httpUrl,
      E2E_OWNER_EMAIL: owner.email,
      E2E_OWNER_PASSWORD: owner.password,
      ...Object.fromEntries(
        Object.entries(staff).flatMap(([name, person]) => [
          [`E2E_${name}_EMAIL`, person.email],
          [`E2E_${name}_PASSWORD`, person.password],
          [`E2E_${name}_NAME`, person.displayName],
        ]),
      ),
    },
  });
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await cleanUp();
}
process.exit(exitCode);
