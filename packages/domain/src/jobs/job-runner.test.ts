import http from "node:http";
import type { AddressInfo } from "node:net";
import { uuidv7 } from "@folio/core";
import { OutboxRepository, outbox, posts } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AnyJobHandler, createJobRunner, type JobHandler, type JobRunnerOptions } from "./job-runner.js";
import { createJobScheduler, purgeTrashDedupeKey } from "./job-scheduler.js";
import { enqueueJob } from "./job-topics.js";
import { webRevalidateJob } from "./publishing-jobs.js";
import { createWebRevalidator, REVALIDATE_SECRET_HEADER } from "./web-revalidate.js";

/** A clock tests move by hand; starts a little ahead so freshly enqueued jobs are due. */
function manualClock(start = Date.now() + 1_000) {
  let current = start;
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

/** A `posts.purge-trash` handler that records what it was asked to do (and can be told to fail). */
function recordingHandler(options: { fail?: () => boolean; delayMs?: number } = {}) {
  const runs: { payload: { olderThan: string }; jobId: string; attempt: number }[] = [];
  let active = 0;
  let maxActive = 0;
  const handler: JobHandler<"posts.purge-trash"> = {
    name: "posts.purge-trash",
    version: 1,
    payload: (raw) => raw as { olderThan: string },
    async run(payload, context) {
      active += 1;
      maxActive = Math.max(maxActive, active);
      try {
        runs.push({ payload, jobId: context.jobId, attempt: context.attempt });
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        if (options.fail?.()) throw new Error("purge exploded");
      } finally {
        active -= 1;
      }
    },
  };
  return { handler, runs, maxActive: () => maxActive };
}

async function enqueuePurge(database: TestDatabase, olderThan: string, runAt?: Date, dedupeKey?: string) {
  await database.transaction((tx) =>
    enqueueJob(new OutboxRepository(tx), {
      topic: "posts.purge-trash",
      payload: { olderThan },
      runAt,
      dedupeKey,
    }),
  );
}

describe("job runner (PGlite)", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.delete(outbox);
  });

  function runner(handler: AnyJobHandler, overrides: Partial<JobRunnerOptions> = {}) {
    return createJobRunner({
      database,
      handlers: [handler],
      pollIntervalMs: 10_000,
      ...overrides,
    });
  }

  it("runs a job that fell due while no runner was up as soon as one starts", async () => {
    await enqueuePurge(database, "2026-01-01T00:00:00.000Z", new Date(Date.now() - 60_000));
    let ran!: () => void;
    const done = new Promise<void>((resolve) => (ran = resolve));
    const rec = recordingHandler();
    const handler: JobHandler<"posts.purge-trash"> = {
      ...rec.handler,
      async run(payload, context) {
        await rec.handler.run(payload, context);
        ran();
      },
    };
    const started = runner(handler);
    started.start();
    await done;
    await started.stop();
    expect(rec.runs.map((r) => r.payload)).toEqual([{ olderThan: "2026-01-01T00:00:00.000Z" }]);
    const [row] = await database.db.select().from(outbox);
    expect(row!.processedAt).not.toBeNull();
  });

  it("survives a restart: a job not yet due when the first runner stops runs once on the next", async () => {
    const clock = manualClock();
    await enqueuePurge(database, "2026-02-01T00:00:00.000Z", new Date(clock.now().getTime() + 2_000));
    const rec = recordingHandler();
    const first = runner(rec.handler, { now: clock.now });
    expect(await first.drain()).toBe(0);
    await first.stop();

    clock.advance(2_500);
    const second = runner(rec.handler, { now: clock.now });
    expect(await second.drain()).toBe(1);
    expect(await second.drain()).toBe(0);
    await second.stop();
    expect(rec.runs).toHaveLength(1);
  });

  it("retries a failing job with backoff, then dead-letters it after maxAttempts", async () => {
    const clock = manualClock();
    const rec = recordingHandler({ fail: () => true });
    const r = runner(rec.handler, {
      now: clock.now,
      maxAttempts: 3,
      backoffMs: (attempt) => attempt * 1_000,
    });
    await enqueuePurge(database, "2026-03-01T00:00:00.000Z");

    expect(await r.drain()).toBe(0);
    let [row] = await database.db.select().from(outbox);
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toBe("Error: purge exploded");
    expect(row!.availableAt.getTime()).toBe(clock.now().getTime() + 1_000);

    // Not due yet: the backoff holds it back.
    expect(await r.drain()).toBe(0);
    expect(rec.runs).toHaveLength(1);

    clock.advance(1_000);
    await r.drain();
    clock.advance(2_000);
    await r.drain();
    expect(rec.runs.map((run) => run.attempt)).toEqual([1, 2, 3]);

    clock.advance(3_600_000);
    await r.drain();
    expect(rec.runs).toHaveLength(3);
    const repo = new OutboxRepository(database);
    const dead = await repo.listDead();
    expect(dead.map((d) => [d.id, d.attempts, d.lastError])).toEqual([[row!.id, 3, "Error: purge exploded"]]);
    [row] = await database.db.select().from(outbox);
    expect(row!.processedAt).toBeNull();

    // A staff retry makes it due again with a fresh count; a success then completes it.
    expect(await repo.requeue(row!.id, ["posts.purge-trash"], clock.now())).toBe(true);
    const healthy = recordingHandler();
    expect(await runner(healthy.handler, { now: clock.now }).drain()).toBe(1);
    expect(healthy.runs.map((run) => run.attempt)).toEqual([1]);
  });

  it("dead-letters a job whose payload can never run, without retrying", async () => {
    const handler = webRevalidateJob(createWebRevalidator({ url: null, secret: null }));
    await database.db.insert(outbox).values({
      id: uuidv7(),
      topic: "web.revalidate",
      payload: { paths: "/" },
      availableAt: new Date(Date.now() - 1_000),
    });
    expect(await runner(handler).drain()).toBe(0);
    const [dead] = await new OutboxRepository(database).listDead();
    expect(dead!.attempts).toBe(1);
    expect(dead!.lastError).toContain("payload.paths is not a list of strings");
  });

  it("claims only its own topics: email and SMS stay with the messaging dispatcher", async () => {
    await database.db.insert(outbox).values({
      id: uuidv7(),
      topic: "email",
      payload: { to: "a@b.example" },
      availableAt: new Date(Date.now() - 1_000),
    });
    expect(await runner(recordingHandler().handler).drain()).toBe(0);
    const [row] = await database.db.select().from(outbox);
    expect(row!.attempts).toBe(0);
  });

  describe("scheduler", () => {
    it("enqueues one purge per hour, deletes processed rows older than a week, and re-enqueues missing publish jobs", async () => {
      const clock = manualClock(Date.parse("2026-05-01T10:15:00.000Z"));
      let woken = 0;
      const scheduler = createJobScheduler({
        database,
        trashRetentionDays: 30,
        now: clock.now,
        onEnqueued: () => (woken += 1),
      });
      // A processed row from 8 days ago and one from yesterday.
      const old = uuidv7();
      const recent = uuidv7();
      await database.db.insert(outbox).values([
        {
          id: old,
          topic: "web.revalidate",
          payload: {},
          processedAt: new Date(clock.now().getTime() - 8 * 86_400_000),
        },
        {
          id: recent,
          topic: "web.revalidate",
          payload: {},
          processedAt: new Date(clock.now().getTime() - 86_400_000),
        },
      ]);
      // A scheduled post that is due and has no job (e.g. restored from a backup).
      const postId = uuidv7();
      const publishAt = new Date("2026-05-01T10:00:00.000Z");
      const insertScheduled = (id: string, title: string, publishedAt: Date) =>
        database.db.insert(posts).values({
          id,
          title,
          slug: `${title.toLowerCase()}-${id.slice(-8)}`,
          body: { type: "doc", content: [] },
          html: "",
          status: "scheduled",
          publishedAt,
        });
      await insertScheduled(postId, "Due", publishAt);

      // One due before the next tick (in 40 minutes) and one due after it (in 2 hours), both
      // without a job: only the first needs one now; the later tick will add the other's.
      const soonId = uuidv7();
      const laterId = uuidv7();
      const soonAt = new Date(clock.now().getTime() + 40 * 60_000);
      await insertScheduled(soonId, "Ahead", soonAt);
      await insertScheduled(laterId, "Ahead", new Date(clock.now().getTime() + 2 * 3_600_000));

      const first = await scheduler.tick();
      expect(first).toEqual({ publishEnqueued: 2, unpublishEnqueued: 0, purgeEnqueued: true, deleted: 1 });
      const ahead = (await database.db.select().from(outbox)).filter((r) => r.topic === "post.publish");
      expect(ahead.map((r) => (r.payload as { postId: string }).postId).sort()).toEqual(
        [postId, soonId].sort(),
      );
      expect(ahead.find((r) => (r.payload as { postId: string }).postId === soonId)!.availableAt).toEqual(
        soonAt,
      );
      await database.db.delete(outbox).where(eq(outbox.topic, "post.publish"));
      await database.db.delete(posts).where(inArray(posts.id, [soonId, laterId]));
      await enqueueJob(new OutboxRepository(database), {
        topic: "post.publish",
        payload: { postId, publishAt: publishAt.toISOString() },
        runAt: publishAt,
        dedupeKey: `post.publish:${postId}:${publishAt.toISOString()}`,
      });
      expect(woken).toBe(1);
      const second = await scheduler.tick();
      expect(second).toEqual({ publishEnqueued: 0, unpublishEnqueued: 0, purgeEnqueued: false, deleted: 0 });

      const rows = await database.db.select().from(outbox);
      expect(rows.map((r) => r.id)).not.toContain(old);
      expect(rows.map((r) => r.id)).toContain(recent);
      const purge = rows.find((r) => r.topic === "posts.purge-trash");
      expect(purge!.dedupeKey).toBe(purgeTrashDedupeKey(clock.now()));
      expect(purge!.payload).toEqual({ olderThan: "2026-04-01T10:15:00.000Z" });
      const publish = rows.find((r) => r.topic === "post.publish");
      expect(publish!.payload).toEqual({ postId, publishAt: publishAt.toISOString() });
      expect(publish!.dedupeKey).toBe(`post.publish:${postId}:${publishAt.toISOString()}`);

      clock.advance(3_600_000);
      expect((await scheduler.tick()).purgeEnqueued).toBe(true);
      await database.db.delete(posts).where(eq(posts.id, postId));
    });
  });

  describe("web.revalidate", () => {
    let server: http.Server;
    let url = "";
    let status = 200;
    const requests: { headers: http.IncomingHttpHeaders; body: unknown; method: string | undefined }[] = [];

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        let raw = "";
        req.setEncoding("utf8");
        req.on("data", (chunk: string) => (raw += chunk));
        req.on("end", () => {
          requests.push({ headers: req.headers, body: JSON.parse(raw) as unknown, method: req.method });
          res.writeHead(status, { "content-type": "application/json" }).end('{"revalidated":true}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/revalidate`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    afterEach(() => {
      requests.length = 0;
      status = 200;
    });

    it("POSTs the paths and tags to the web app with the shared secret", async () => {
      const handler = webRevalidateJob(createWebRevalidator({ url, secret: "s3cret-s3cret-s3cret" }));
      await database.transaction((tx) =>
        enqueueJob(new OutboxRepository(tx), {
          topic: "web.revalidate",
          payload: { paths: ["/", "/hello"], tags: ["posts", "post:hello"] },
        }),
      );
      expect(await runner(handler).drain()).toBe(1);
      expect(requests).toHaveLength(1);
      expect(requests[0]!.method).toBe("POST");
      expect(requests[0]!.headers[REVALIDATE_SECRET_HEADER]).toBe("s3cret-s3cret-s3cret");
      expect(requests[0]!.headers["content-type"]).toBe("application/json");
      expect(requests[0]!.body).toEqual({ paths: ["/", "/hello"], tags: ["posts", "post:hello"] });
    });

    it("retries when the web app refuses, and completes without a call when no URL is configured", async () => {
      status = 401;
      const clock = manualClock();
      const failing = webRevalidateJob(createWebRevalidator({ url, secret: "wrong-wrong-wrong" }));
      await database.transaction((tx) =>
        enqueueJob(new OutboxRepository(tx), {
          topic: "web.revalidate",
          payload: { paths: ["/"], tags: [] },
        }),
      );
      expect(await runner(failing, { now: clock.now }).drain()).toBe(0);
      const [row] = await database.db.select().from(outbox);
      expect(row!.lastError).toContain("answered 401");
      expect(row!.processedAt).toBeNull();

      clock.advance(3_600_000);
      const off = webRevalidateJob(createWebRevalidator({ url: null, secret: null }));
      expect(await runner(off, { now: clock.now }).drain()).toBe(1);
      expect(requests).toHaveLength(1);
    });
  });
});

describe("job runner (PostgreSQL)", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ kind: "postgres" });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("two runners never run one job twice, even when they poll at the same moment", async () => {
    for (let i = 0; i < 24; i += 1)
      await enqueuePurge(database, `2026-01-01T00:00:${String(i).padStart(2, "0")}.000Z`);
    const rec = recordingHandler({ delayMs: 5 });
    const runners = [0, 1].map(() =>
      createJobRunner({
        database,
        handlers: [rec.handler],
        batchSize: 3,
        pollIntervalMs: 10_000,
      }),
    );
    const done = await Promise.all([
      runners[0]!.drain(),
      runners[1]!.drain(),
      runners[0]!.drain(),
      runners[1]!.drain(),
    ]);
    expect(done.reduce((a, b) => a + b, 0)).toBe(24);
    const ids = rec.runs.map((r) => r.jobId);
    expect(new Set(ids).size).toBe(24);
    expect(ids).toHaveLength(24);
    // Both took part: the claims were disjoint, not serialised into one runner.
    expect(rec.maxActive()).toBe(2);
    const rows = await database.db.select().from(outbox);
    expect(rows.every((row) => row.processedAt !== null && row.attempts === 1)).toBe(true);
  });
});
