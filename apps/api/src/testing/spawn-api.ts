// Starts the real API process (tsx + sources, as `npm run dev` does) for tests that need whole
// processes: graceful shutdown, several API nodes sharing Redis. Never used by production code.
import { spawn, type ChildProcess } from "node:child_process";
import { createPasswordHasher } from "@folio/auth";
import { uuidv7 } from "@folio/core";
import { type Database, users } from "@folio/database";
import type { TokenResponse } from "@folio/types";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TSX = path.resolve(API_DIR, "../../node_modules/.bin/tsx");

export interface SpawnedApi {
  child: ChildProcess;
  url: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process printed so far (logs are JSON lines). */
  output(): string;
  /**
   * SIGKILLs tsx and the API process it runs (its own process group): killing tsx alone would
   * leave the API running, orphaned, after the test.
   */
  killAll(): void;
}

/** Spawns `src/main.ts` with FOLIO_ENV=test on a free port; resolves once it logs that it listens. */
export function spawnApi(env: Record<string, string>, startTimeoutMs = 60_000): Promise<SpawnedApi> {
  const child = spawn(TSX, ["--conditions=@folio/source", "src/main.ts"], {
    cwd: API_DIR,
    env: { ...process.env, FOLIO_ENV: "test", LOG_LEVEL: "info", API_PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const killAll = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killAll();
      reject(new Error(`API did not start in time:\n${output}`));
    }, startTimeoutMs);
    let started = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Folio API listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match && !started) {
        started = true;
        clearTimeout(timer);
        resolve({ child, url: match[1]!.replace(/ .*/, ""), exit, output: () => output, killAll });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exit.then(({ code }) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`API exited with ${code} before listening:\n${output}`));
    });
  });
}

export interface SpawnedEditor {
  email: string;
  password: string;
  displayName: string;
  slug: string;
}

/**
 * Adds an active, verified editor straight to the database the spawned API reads, then signs in
 * through its real login endpoint; resolves with the bearer access token.
 */
export async function signInNewEditor(
  database: Pick<Database, "db">,
  api: SpawnedApi,
  editor: SpawnedEditor,
): Promise<string> {
  await database.db.insert(users).values({
    id: uuidv7(),
    email: editor.email,
    displayName: editor.displayName,
    slug: editor.slug,
    role: "editor",
    passwordHash: await createPasswordHasher().hash(editor.password),
    emailVerifiedAt: new Date(),
    status: "active",
  });
  const login = await fetch(`${api.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: editor.email, password: editor.password }),
  });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}: ${await login.text()}`);
  return ((await login.json()) as TokenResponse).access_token;
}
