import { OutboxRepository, outbox, posts, postTransitions } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createServices, type Services } from "../services.js";
import { actorOf, insertUser } from "../test-support/admin-fixtures.js";
import { createBackgroundJobs } from "./background-jobs.js";
import { enqueueJob } from "./job-topics.js";

// The publishing jobs end to end on the real posts service: the runner is given a clock the test
// moves, so "later" needs no sleeping.

const HOUR = 3_600_000;

describe("publishing jobs", () => {
  let database: TestDatabase;
  let services: Services;
  let editor: ReturnType<typeof actorOf>;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = createServices({ database, cursorSecret: "publishing-jobs-test-cursor-secret" });
    editor = actorOf(await insertUser(database, { role: "editor" }));
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.delete(outbox);
  });

  function jobsAt(at: () => Date) {
    return createBackgroundJobs({
      database,
      posts: services.postsAdmin,
      trashRetentionDays: 30,
      webRevalidateUrl: null,
      revalidateSecret: null,
      runner: { now: at },
    });
  }

  async function scheduledPost(title: string, publishAt: Date) {
    const post = await services.postsAdmin.create(editor, "post", { title });
    return services.postsAdmin.transition(editor, post.id, "schedule", {
      expectedVersion: post.version,
      publish_at: publishAt.toISOString(),
    });
  }

  async function statusOf(id: string) {
    const [row] = await database.db.select({ status: posts.status }).from(posts).where(eq(posts.id, id));
    return row?.status;
  }

  async function schedulerPublishes(id: string) {
    const rows = await database.db
      .select()
      .from(postTransitions)
      .where(and(eq(postTransitions.postId, id), eq(postTransitions.action, "publish")));
    return rows;
  }

  it("publishes a post exactly once across a restart: due while no runner was up, run by the next", async () => {
    const publishAt = new Date(Date.now() + 60_000);
    const post = await scheduledPost("Restart survivor", publishAt);
    expect(post.status).toBe("scheduled");

    const before = jobsAt(() => new Date());
    expect(await before.runner.drain()).toBe(0);
    await before.stop();
    expect(await statusOf(post.id)).toBe("scheduled");

    const after = jobsAt(() => new Date(publishAt.getTime() + 1_000));
    // post.publish, then the web.revalidate it enqueued (no URL configured: completes without a call).
    expect(await after.runner.drain()).toBe(2);
    await after.stop();
    expect(await statusOf(post.id)).toBe("published");
    const transitions = await schedulerPublishes(post.id);
    expect(transitions.map((tr) => [tr.fromStatus, tr.toStatus, tr.actorId])).toEqual([
      ["scheduled", "published", null],
    ]);

    // The same job delivered again (at least once) changes nothing.
    await database.transaction((tx) =>
      enqueueJob(new OutboxRepository(tx), {
        topic: "post.publish",
        payload: { postId: post.id, publishAt: publishAt.toISOString() },
      }),
    );
    const again = jobsAt(() => new Date(publishAt.getTime() + 2_000));
    expect(await again.runner.drain()).toBe(1);
    expect(await schedulerPublishes(post.id)).toHaveLength(1);
    const [row] = await database.db
      .select({ version: posts.version })
      .from(posts)
      .where(eq(posts.id, post.id));
    expect(row!.version).toBe(post.version + 1);
  });

  it("treats the job of a rescheduled post as stale: only the new time publishes it", async () => {
    const first = new Date(Date.now() + 60_000);
    const second = new Date(Date.now() + 2 * HOUR);
    const scheduled = await scheduledPost("Rescheduled", first);
    const unscheduled = await services.postsAdmin.transition(editor, scheduled.id, "unschedule", {
      expectedVersion: scheduled.version,
    });
    await services.postsAdmin.transition(editor, scheduled.id, "schedule", {
      expectedVersion: unscheduled.version,
      publish_at: second.toISOString(),
    });

    const atFirst = jobsAt(() => new Date(first.getTime() + 1_000));
    expect(await atFirst.runner.drain()).toBe(1);
    expect(await statusOf(scheduled.id)).toBe("scheduled");

    const atSecond = jobsAt(() => new Date(second.getTime() + 1_000));
    expect(await atSecond.runner.drain()).toBe(2);
    expect(await statusOf(scheduled.id)).toBe("published");
    expect(await schedulerPublishes(scheduled.id)).toHaveLength(1);
  });

  it("archives a post at its unpublish time", async () => {
    const post = await services.postsAdmin.create(editor, "post", { title: "Short-lived" });
    const until = new Date(Date.now() + 60_000);
    await services.postsAdmin.transition(editor, post.id, "publish", {
      expectedVersion: post.version,
      unpublish_at: until.toISOString(),
    });
    const jobs = jobsAt(() => new Date(until.getTime() + 1_000));
    await jobs.runner.drain();
    expect(await statusOf(post.id)).toBe("archived");
  });

  it("purges trashed posts older than the retention through the hourly job", async () => {
    const post = await services.postsAdmin.create(editor, "post", { title: "Trashed" });
    await services.postsAdmin.trash(editor, post.id, post.version);
    const now = Date.now();
    // The scheduler's purge for this hour: the post was trashed just now, so it stays.
    const today = jobsAt(() => new Date(now));
    await today.scheduler.tick();
    await today.runner.drain();
    expect(await statusOf(post.id)).toBeDefined();
    // 31 days later the next hour's purge removes it.
    const later = jobsAt(() => new Date(now + 31 * 24 * HOUR));
    expect((await later.scheduler.tick()).purgeEnqueued).toBe(true);
    await later.runner.drain();
    expect(await statusOf(post.id)).toBeUndefined();
  });
});
