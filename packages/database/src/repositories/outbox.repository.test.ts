import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { devMailbox, outbox } from "../schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import { DevMailboxRepository } from "./dev-mailbox.repository.js";
import { OutboxRepository } from "./outbox.repository.js";

const T0 = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(databaseKinds)("outbox and dev mailbox repositories on %s", (kind) => {
  let database: TestDatabase;
  let repo: OutboxRepository;

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    repo = new OutboxRepository(database);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.delete(outbox);
    await database.db.delete(devMailbox);
  });

  it("leaves nothing behind when the enqueuing transaction rolls back", async () => {
    await expect(
      database.transaction(async (tx) => {
        await new OutboxRepository(tx).enqueue({ topic: "email", payload: { to: "a@example.org" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await repo.pending()).toBe(0);

    await database.transaction(async (tx) => {
      await new OutboxRepository(tx).enqueue({ topic: "email", payload: { to: "b@example.org" } });
    });
    expect(await repo.pending()).toBe(1);
  });

  it("ignores a second message with the same dedupe key", async () => {
    expect(await repo.enqueue({ topic: "email", payload: { n: 1 }, dedupeKey: "verify:u1" })).toBe(true);
    expect(await repo.enqueue({ topic: "email", payload: { n: 2 }, dedupeKey: "verify:u1" })).toBe(false);
    expect(await repo.enqueue({ topic: "email", payload: { n: 3 } })).toBe(true);
    expect(await repo.enqueue({ topic: "email", payload: { n: 4 } })).toBe(true);
    const claimed = await repo.claim({ limit: 10, lockMs: 1000, now: at(0) });
    expect(claimed.map((m) => m.payload.n)).toEqual([1, 3, 4]);
  });

  it("claims due messages oldest first, counts attempts and holds them for lockMs", async () => {
    await repo.enqueue({ topic: "email", payload: { n: 2 }, availableAt: at(-1000) });
    await repo.enqueue({ topic: "email", payload: { n: 1 }, availableAt: at(-2000) });
    await repo.enqueue({ topic: "email", payload: { n: 3 }, availableAt: at(5000) });

    const first = await repo.claim({ limit: 10, lockMs: 30_000, now: at(0) });
    expect(first.map((m) => m.payload.n)).toEqual([1, 2]);
    expect(first.every((m) => m.attempts === 1 && m.lockedUntil?.getTime() === at(30_000).getTime())).toBe(
      true,
    );
    // Still locked, and the third is not due yet.
    expect(await repo.claim({ limit: 10, lockMs: 30_000, now: at(1000) })).toEqual([]);
    // Due now; the first two are still held.
    expect((await repo.claim({ limit: 10, lockMs: 30_000, now: at(6000) })).map((m) => m.payload.n)).toEqual([
      3,
    ]);
    // The claim on the first two expired (a dispatcher crashed): they are claimed again.
    const again = await repo.claim({ limit: 1, lockMs: 30_000, now: at(31_000) });
    expect(again.map((m) => [m.payload.n, m.attempts])).toEqual([[1, 2]]);
    expect(await repo.pending()).toBe(3);
  });

  it("filters by topic", async () => {
    await repo.enqueue({ topic: "email", payload: {}, availableAt: at(-1) });
    await repo.enqueue({ topic: "sms", payload: {}, availableAt: at(-1) });
    const sms = await repo.claim({ limit: 10, lockMs: 1000, now: at(0), topics: ["sms"] });
    expect(sms.map((m) => m.topic)).toEqual(["sms"]);
  });

  it("completes a message: never claimed again, payload cleared", async () => {
    await repo.enqueue({ topic: "email", payload: { url: "https://x.test/reset?token=secret" } });
    const [message] = await repo.claim({ limit: 1, lockMs: 1000, now: new Date() });
    await repo.complete(message!.id);
    expect(await repo.pending()).toBe(0);
    expect(await repo.claim({ limit: 1, lockMs: 1000, now: new Date(Date.now() + 3_600_000) })).toEqual([]);
    const [row] = await database.db.select().from(outbox);
    expect(row!.processedAt).toBeInstanceOf(Date);
    expect(row!.payload).toEqual({});
  });

  it("retries a failed message from retryAt and dead-letters it with a null retryAt", async () => {
    await repo.enqueue({ topic: "email", payload: { n: 1 }, availableAt: at(-1) });
    const [message] = await repo.claim({ limit: 1, lockMs: 60_000, now: at(0) });
    await repo.fail(message!.id, "421 try later", at(10_000));
    // Released (no need to wait for the lock) but not due before retryAt.
    expect(await repo.claim({ limit: 1, lockMs: 60_000, now: at(9_000) })).toEqual([]);
    const [retry] = await repo.claim({ limit: 1, lockMs: 60_000, now: at(10_000) });
    expect(retry!.attempts).toBe(2);
    expect(retry!.lastError).toBe("421 try later");

    await repo.fail(retry!.id, "x".repeat(5000), null);
    expect(await repo.pending()).toBe(0);
    expect(await repo.claim({ limit: 1, lockMs: 60_000, now: new Date("9999-01-01T00:00:00Z") })).toEqual([]);
    const dead = await repo.listDead();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ id: retry!.id, attempts: 2, payload: { n: 1 }, processedAt: null });
    expect(dead[0]!.lastError).toHaveLength(2000);
  });

  it("stores and lists dev mailbox messages newest first, by recipient", async () => {
    const mailbox = new DevMailboxRepository(database);
    await mailbox.insert({ channel: "email", recipient: "Ada@Example.org", subject: "One", bodyText: "1" });
    await mailbox.insert({ channel: "sms", recipient: "+447700900123", bodyText: "123456" });
    await mailbox.insert({
      channel: "email",
      recipient: "ada@example.org",
      subject: "Two",
      bodyText: "2",
      bodyHtml: "<p>2</p>",
    });
    expect((await mailbox.list()).map((m) => m.bodyText)).toEqual(["2", "123456", "1"]);
    expect((await mailbox.list({ recipient: "ADA@example.org" })).map((m) => m.subject)).toEqual([
      "Two",
      "One",
    ]);
    expect((await mailbox.list({ limit: 1 })).map((m) => m.bodyText)).toEqual(["2"]);
    expect((await mailbox.latest("ada@example.org"))?.bodyHtml).toBe("<p>2</p>");
    expect((await mailbox.latest("+447700900123", "sms"))?.subject).toBeNull();
    expect(await mailbox.latest("+447700900123", "email")).toBeNull();
  });

  it.runIf(kind === "postgres")("never hands one message to two concurrent dispatchers", async () => {
    for (let n = 0; n < 60; n += 1)
      await repo.enqueue({ topic: "email", payload: { n }, availableAt: at(-1) });

    // Deterministic: while one claim's transaction holds its rows, another connection skips them.
    await database.transaction(async (tx) => {
      const held = await new OutboxRepository(tx).claim({ limit: 25, lockMs: 60_000, now: at(0) });
      const other = await repo.claim({ limit: 60, lockMs: 60_000, now: at(0) });
      expect(held).toHaveLength(25);
      expect(other).toHaveLength(35);
      const heldIds = new Set(held.map((m) => m.id));
      expect(other.some((m) => heldIds.has(m.id))).toBe(false);
    });

    // Racing: several dispatchers claim at once, over and over, on the pool's connections.
    for (let round = 1; round <= 5; round += 1) {
      const now = at(round * 120_000);
      const claims = await Promise.all(
        [1, 2, 3, 4].map(() => repo.claim({ limit: 20, lockMs: 60_000, now })),
      );
      const ids = claims.flat().map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(60);
    }
  });
});
