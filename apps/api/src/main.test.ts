// Spawns the real API process (tsx + sources) on PostgreSQL and checks the graceful shutdown:
// SIGTERM while a request is in flight lets that request finish, then the process exits 0.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createScratchPostgresDatabase } from "@folio/database/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = path.resolve(apiDir, "../../node_modules/.bin/tsx");

interface Started {
  child: ChildProcess;
  url: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startApi(env: Record<string, string>): Promise<Started> {
  const child = spawn(tsx, ["--conditions=@folio/source", "src/main.ts"], {
    cwd: apiDir,
    env: { ...process.env, FOLIO_ENV: "test", LOG_LEVEL: "info", API_PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`API did not start in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Folio API listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!.replace(/ .*/, ""), exit });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code} before listening:\n${output}`));
    });
  });
}

describe("the API process", () => {
  let database: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let dataDir: string;
  beforeAll(async () => {
    database = await createScratchPostgresDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), "folio-api-main-"));
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("finishes an in-flight request on SIGTERM, then exits 0", { timeout: 90_000 }, async () => {
    const api = await startApi({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      SHUTDOWN_TIMEOUT_MS: "8000",
    });
    try {
      expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);

      // Hold a lock the posts query needs, so its request stays in flight until we let go.
      const locker = new pg.Client({ connectionString: database.url });
      await locker.connect();
      await locker.query("begin");
      await locker.query("lock table posts in access exclusive mode");
      const inFlight = fetch(`${api.url}/api/v1/posts`).then(async (res) => ({
        status: res.status,
        body: await res.text(),
      }));
      await new Promise((resolve) => setTimeout(resolve, 300));

      const signalledAt = Date.now();
      api.child.kill("SIGTERM");
      await new Promise((resolve) => setTimeout(resolve, 500));
      // No new connections once shutdown has begun.
      await expect(fetch(`${api.url}/health/live`)).rejects.toThrow();
      await locker.query("commit");
      await locker.end();

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toMatchObject({ data: [], next_cursor: null });
      const { code } = await api.exit;
      expect(code).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
    } finally {
      api.child.kill("SIGKILL");
    }
  });

  it("exits 1 with a readable message on invalid configuration", { timeout: 60_000 }, async () => {
    const child = spawn(tsx, ["--conditions=@folio/source", "src/main.ts"], {
      cwd: apiDir,
      env: { ...process.env, FOLIO_ENV: "test", API_PORT: "not-a-port", DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("API_PORT");
  });
});
