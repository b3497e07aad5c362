// Spawns the real API process (tsx + sources) on PostgreSQL and checks the graceful shutdown:
// SIGTERM while a request is in flight lets that request finish, then the process exits 0.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createScratchPostgresDatabase } from "@folio/database/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_DIR, TSX, spawnApi } from "./testing/spawn-api.js";

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
    const api = await spawnApi({
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
      api.killAll();
    }
  });

  it("exits 1 with a readable message on invalid configuration", { timeout: 60_000 }, async () => {
    const child = spawn(TSX, ["--conditions=@folio/source", "src/main.ts"], {
      cwd: API_DIR,
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
