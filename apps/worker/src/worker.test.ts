// The worker as a real process (tsx + sources, as `npm run dev` runs it) against PostgreSQL: a post
// scheduled through the domain a couple of seconds ahead is published by the worker, and SIGTERM
// stops it cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BUILTIN_ROLE_PERMISSIONS } from "@folio/auth";
import { uuidv7 } from "@folio/core";
import { posts, postTransitions, users } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { createServices } from "@folio/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const WORKER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX = path.resolve(WORKER_DIR, "../../node_modules/.bin/tsx");

function spawnWorker(env: Record<string, string>) {
  const child = spawn(TSX, ["--conditions=@folio/source", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: { ...process.env, FOLIO_ENV: "test", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so cleanup reaches the worker tsx runs, not only tsx.
    detached: true,
  });
  let output = "";
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const running = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Folio worker running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exit.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });
  return { child, exit, running, output: () => output };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("apps/worker process", () => {
  let database: TestDatabase;
  let worker: ReturnType<typeof spawnWorker> | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "postgres" });
  });
  afterAll(async () => {
    if (child?.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await database?.close();
  });

  it("publishes a post scheduled two seconds ahead, then stops cleanly on SIGTERM", async () => {
    worker = spawnWorker({ DATABASE_URL: database.url!, JOBS_MODE: "worker", JOBS_POLL_INTERVAL_MS: "100" });
    child = worker.child;
    await worker.running;

    const services = createServices({ database, cursorSecret: "worker-test-cursor-secret-0123456789" });
    const editorId = uuidv7();
    await database.db.insert(users).values({
      id: editorId,
      email: `editor-${editorId.slice(-6)}@example.org`,
      displayName: "Eve Editor",
      slug: `eve-${editorId.slice(-12)}`,
      role: "editor",
      status: "active",
      emailVerifiedAt: new Date(),
    });
    const editor = {
      userId: editorId,
      role: "editor",
      permissions: new Set(BUILTIN_ROLE_PERMISSIONS.editor),
    };
    const draft = await services.postsAdmin.create(editor, "post", { title: "Published by the worker" });
    const publishAt = new Date(Date.now() + 2_000);
    const scheduled = await services.postsAdmin.transition(editor, draft.id, "schedule", {
      expectedVersion: draft.version,
      publish_at: publishAt.toISOString(),
    });
    expect(scheduled.status).toBe("scheduled");

    const status = async () =>
      (await database.db.select({ status: posts.status }).from(posts).where(eq(posts.id, draft.id)))[0]
        ?.status;
    expect(await status()).toBe("scheduled");
    const final = await until(status, (s) => s === "published", 20_000);
    expect(final, worker.output()).toBe("published");
    expect(Date.now()).toBeGreaterThanOrEqual(publishAt.getTime());
    const transitions = await database.db
      .select()
      .from(postTransitions)
      .where(eq(postTransitions.postId, draft.id));
    expect(transitions.filter((tr) => tr.action === "publish").map((tr) => tr.actorId)).toEqual([null]);

    worker.child.kill("SIGTERM");
    expect(await worker.exit).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain("worker stopped");
  });
});
