// Scheduled publishing across a restart of the real API process (tsx + sources) on PostgreSQL:
// a post is scheduled a few seconds ahead through HTTP, the API stops before it is due, and the
// next API process to start publishes it — once — from the job recorded with the schedule.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDatabase, posts, postTransitions } from "@folio/database";
import { createScratchPostgresDatabase } from "@folio/database/testing";
import type { StaffPost } from "@folio/types";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SpawnedApi, signInNewEditor, spawnApi } from "./testing/spawn-api.js";

const EDITOR = {
  email: "editor@restart.folio.test",
  password: "steady lantern orchard 42 violet",
  displayName: "Restart Editor",
  slug: "restart-editor",
};

describe("scheduled publishing across an API restart", () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let dataDir: string;
  const spawned: SpawnedApi[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), "folio-api-restart-"));
  });
  afterAll(async () => {
    for (const api of spawned) api.killAll();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<SpawnedApi> {
    const api = await spawnApi({
      DATABASE_URL: scratch.url,
      DATA_DIR: dataDir,
      JOBS_MODE: "inline",
      JOBS_POLL_INTERVAL_MS: "200",
    });
    spawned.push(api);
    return api;
  }

  async function call<T>(api: SpawnedApi, method: string, url: string, token: string, body: unknown) {
    const res = await fetch(`${api.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status, `${method} ${url}: ${await res.clone().text()}`).toBeLessThan(300);
    return (await res.json()) as T;
  }

  it(
    "publishes a post that fell due while the API was down once it starts again",
    { timeout: 120_000 },
    async () => {
      const first = await start();

      const database = await createDatabase({ url: scratch.url });
      try {
        const token = await signInNewEditor(database, first, EDITOR);

        const draft = await call<StaffPost>(first, "POST", "/api/v1/admin/posts", token, {
          title: "Survives a restart",
        });
        const publishAt = new Date(Date.now() + 4_000);
        const scheduled = await call<StaffPost>(
          first,
          "POST",
          `/api/v1/admin/posts/${draft.id}/schedule`,
          token,
          {
            version: draft.version,
            publish_at: publishAt.toISOString(),
          },
        );
        expect(scheduled.status).toBe("scheduled");

        // Down before it is due, and still down when it falls due.
        first.child.kill("SIGTERM");
        expect((await first.exit).code).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, publishAt.getTime() - Date.now() + 1_000));
        const statusOf = async () =>
          (await database.db.select({ status: posts.status }).from(posts).where(eq(posts.id, draft.id)))[0]
            ?.status;
        expect(await statusOf()).toBe("scheduled");

        await start();
        const deadline = Date.now() + 20_000;
        while ((await statusOf()) !== "published" && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(await statusOf()).toBe("published");

        const [row] = await database.db
          .select({ publishedAt: posts.publishedAt })
          .from(posts)
          .where(eq(posts.id, draft.id));
        expect(row?.publishedAt?.toISOString()).toBe(publishAt.toISOString());
        const publications = await database.db
          .select()
          .from(postTransitions)
          .where(eq(postTransitions.postId, draft.id));
        expect(publications.filter((t) => t.toStatus === "published").map((t) => t.actorId)).toEqual([null]);
      } finally {
        await database.close();
      }
    },
  );
});
