import { OutboxRepository, outbox } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { createServices, enqueueJob } from "@folio/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiJobs } from "./jobs.js";
import { testConfig } from "./testing/build-test-app.js";

describe("background jobs in the API process", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  const posts = () =>
    createServices({ database, cursorSecret: "api-jobs-test-cursor-secret-0123" }).postsAdmin;

  it("runs jobs in the embedded default (JOBS_MODE=inline), due ones as soon as it starts", async () => {
    await database.transaction((tx) =>
      enqueueJob(new OutboxRepository(tx), {
        topic: "web.revalidate",
        payload: { paths: ["/"], tags: ["posts"] },
        runAt: new Date(Date.now() - 60_000),
      }),
    );
    const api = createApiJobs(testConfig(), database, posts());
    expect(api.jobs).not.toBeNull();
    expect(api.jobs!.runner.topics).toEqual(
      expect.arrayContaining(["post.publish", "post.unpublish", "posts.purge-trash", "web.revalidate"]),
    );
    api.start();
    // The scheduler's start-up tick enqueues this hour's purge; both are run.
    for (let i = 0; i < 100; i += 1) {
      const rows = await database.db.select().from(outbox);
      if (rows.length >= 2 && rows.every((row) => row.processedAt !== null)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await api.close();
    const rows = await database.db.select().from(outbox);
    expect(rows.map((row) => row.topic).sort()).toEqual(["posts.purge-trash", "web.revalidate"]);
    expect(rows.every((row) => row.processedAt !== null)).toBe(true);
  });

  it("leaves jobs to apps/worker with JOBS_MODE=worker", async () => {
    const api = createApiJobs(testConfig({ JOBS_MODE: "worker" }), database, posts());
    expect(api.jobs).toBeNull();
    api.start();
    await api.close();
  });
});
