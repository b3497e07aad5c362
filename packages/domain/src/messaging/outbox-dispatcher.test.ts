import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHttpSmsProvider } from "@folio/auth";
import { DevMailboxRepository, OutboxRepository, outbox } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../../../tests/support/smtp-sink.js";
import {
  createDevMailboxMailer,
  createDevMailboxSms,
  createSmtpMailer,
  type Mailer,
  type MessagingLogger,
  type SmsProvider,
} from "./mailer.js";
import { createOutboxDispatcher, type OutboxDispatcherOptions } from "./outbox-dispatcher.js";
import { enqueueEmail, enqueueSms } from "./outbox.js";

const site = { name: "Folio", url: "https://folio.example" };
const FROM = "Folio <no-reply@folio.example>";

interface LogRecord {
  level: "info" | "warn" | "error";
  obj: Record<string, unknown>;
  msg: string;
}
function recordingLogger(): MessagingLogger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const at = (level: LogRecord["level"]) => (obj: object, msg: string) => {
    records.push({ level, obj: obj as Record<string, unknown>, msg });
  };
  return { records, info: at("info"), warn: at("warn"), error: at("error") };
}

/** A clock tests move by hand; starts a little ahead so freshly enqueued messages are due. */
function manualClock() {
  let current = Date.now() + 1_000;
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

/** A local HTTP SMS gateway: records each request, answers with `status`. */
async function startSmsGateway() {
  const requests: { authorization: string | undefined; body: unknown }[] = [];
  const gateway = { status: 202, requests, url: "", close: () => Promise.resolve() };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      requests.push({ authorization: req.headers.authorization, body: JSON.parse(raw) as unknown });
      res.writeHead(gateway.status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  gateway.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  gateway.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return gateway;
}

async function withTransaction(database: TestDatabase, fn: (outbox: OutboxRepository) => Promise<unknown>) {
  await database.transaction(async (tx) => {
    await fn(new OutboxRepository(tx));
  });
}

describe("outbox dispatcher", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let repo: OutboxRepository;
  let mailbox: DevMailboxRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    repo = new OutboxRepository(database);
    mailbox = new DevMailboxRepository(database);
    sink = await startSmtpSink({ rejectRecipient: (address) => address.startsWith("bounce@") });
  });
  afterAll(async () => {
    await sink?.close();
    await database?.close();
  });
  beforeEach(async () => {
    sink.clear();
    await database.db.delete(outbox);
  });

  function dispatcher(overrides: Partial<OutboxDispatcherOptions> = {}) {
    const smtp = createSmtpMailer({ url: sink.smtpUrl, from: FROM });
    return createOutboxDispatcher({
      database,
      mailer: smtp,
      sms: createDevMailboxSms({ mailbox }),
      site,
      ...overrides,
    });
  }

  it("delivers an email through a real SMTP server, then clears the stored payload", async () => {
    await withTransaction(database, (tx) =>
      enqueueEmail(tx, {
        to: "ada@folio.example",
        template: "reset-password",
        data: {
          name: "Ada <Lovelace>",
          url: "https://folio.example/reset?token=s3cret",
          expiresInMinutes: 30,
        },
      }),
    );
    expect(await dispatcher().drain()).toBe(1);

    const [message, ...rest] = sink.messages();
    expect(rest).toEqual([]);
    expect(message!.from).toBe("no-reply@folio.example");
    expect(message!.to).toEqual(["ada@folio.example"]);
    expect(message!.subject).toBe("Reset your Folio password");
    expect(message!.text).toContain("https://folio.example/reset?token=s3cret");
    expect(message!.html).toContain('href="https://folio.example/reset?token=s3cret"');
    expect(message!.html).toContain("Hello Ada &lt;Lovelace&gt;,");
    // What the browser e2e run reads: the sink's JSON API.
    const served = (await (await fetch(`${sink.httpUrl}/messages?to=ADA@folio.example`)).json()) as {
      data: { subject: string }[];
    };
    expect(served.data.map((m) => m.subject)).toEqual(["Reset your Folio password"]);
    const none = (await (await fetch(`${sink.httpUrl}/messages?to=x@folio.example`)).json()) as { data: [] };
    expect(none.data).toEqual([]);

    expect(await repo.pending()).toBe(0);
    const [row] = await database.db.select().from(outbox);
    expect(row!.processedAt).not.toBeNull();
    expect(row!.payload).toEqual({});
  });

  it("retries a rejected recipient with backoff, then dead-letters it after maxAttempts", async () => {
    const clock = manualClock();
    const logger = recordingLogger();
    const run = dispatcher({
      now: clock.now,
      maxAttempts: 3,
      backoffMs: (attempt) => attempt * 60_000,
      logger,
    });
    await enqueueEmail(repo, {
      to: "bounce@folio.example",
      template: "verify-email",
      data: { name: "B", url: "https://folio.example/v" },
    });
    await enqueueEmail(repo, {
      to: "ok@folio.example",
      template: "verify-email",
      data: { name: "O", url: "https://folio.example/v" },
    });

    // The failure does not hold up the other message.
    expect(await run.drain()).toBe(1);
    expect(sink.messages().map((m) => m.to)).toEqual([["ok@folio.example"]]);
    const stored = async () => (await database.db.select().from(outbox)).find((r) => r.processedAt === null)!;
    const failed = await stored();
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/550/);
    expect(failed.availableAt.getTime()).toBe(clock.now().getTime() + 60_000);

    // Not due before the backoff has passed.
    clock.advance(59_000);
    expect(await run.drain()).toBe(0);
    expect((await stored()).attempts).toBe(1);

    clock.advance(1_000);
    expect(await run.drain()).toBe(0);
    expect((await stored()).attempts).toBe(2);
    expect((await stored()).availableAt.getTime()).toBe(clock.now().getTime() + 120_000);

    clock.advance(120_000);
    expect(await run.drain()).toBe(0);
    const [dead, ...others] = await repo.listDead();
    expect(others).toEqual([]);
    expect(dead).toMatchObject({ attempts: 3, payload: { to: "bounce@folio.example" } });
    expect(dead!.lastError).toMatch(/550/);
    expect(await repo.pending()).toBe(0);

    clock.advance(24 * 3_600_000);
    expect(await run.drain()).toBe(0);
    expect(sink.messages()).toHaveLength(1);
    expect(logger.records.map((r) => [r.level, r.msg])).toEqual([
      ["warn", "outbox delivery failed; will retry"],
      ["warn", "outbox delivery failed; will retry"],
      ["error", "outbox message dead-lettered"],
    ]);
    // Logs name the message, never its payload (links and codes are secrets).
    expect(JSON.stringify(logger.records)).not.toContain("https://folio.example/v");
  });

  it("dead-letters a payload it cannot interpret at once and leaves other topics alone", async () => {
    await repo.enqueue({ topic: "email", payload: { to: "a@folio.example", template: "nope", data: {} } });
    await repo.enqueue({
      topic: "email",
      payload: { to: "a@folio.example", template: "verify-email", data: {} },
    });
    await repo.enqueue({ topic: "search-index", payload: { postId: "p1" } });
    expect(await dispatcher().drain()).toBe(0);

    const dead = await repo.listDead();
    expect(dead.map((d) => [d.attempts, d.lastError]).sort()).toEqual([
      [1, "UndeliverableError: unknown email template nope"],
      [1, "UndeliverableError: verify-email: name must be a string"],
    ]);
    const [other] = await repo.claim({ limit: 5, lockMs: 1, now: new Date(Date.now() + 1000) });
    expect(other).toMatchObject({ topic: "search-index", attempts: 1 });
    expect(sink.messages()).toEqual([]);
  });

  it("delivers SMS through an HTTP gateway, retrying when it is unavailable", async () => {
    const gateway = await startSmsGateway();
    try {
      const clock = manualClock();
      const run = dispatcher({
        now: clock.now,
        backoffMs: () => 1_000,
        sms: createHttpSmsProvider({ url: gateway.url, token: "gateway-token" }),
      });
      await enqueueSms(repo, {
        to: "+447700900123",
        template: "mfa-code",
        data: { code: "482913", expiresInMinutes: 10 },
      });

      gateway.status = 503;
      expect(await run.drain()).toBe(0);
      expect(gateway.requests).toHaveLength(1);

      gateway.status = 202;
      clock.advance(1_000);
      expect(await run.drain()).toBe(1);
      expect(gateway.requests[1]).toEqual({
        authorization: "Bearer gateway-token",
        body: {
          to: "+447700900123",
          body: "482913 is your Folio sign-in code. It expires in 10 minutes.\n\n@folio.example #482913",
        },
      });
      expect(await repo.pending()).toBe(0);
    } finally {
      await gateway.close();
    }
  });

  it("stores email and SMS in the dev mailbox and logs the link or code", async () => {
    const logger = recordingLogger();
    const run = dispatcher({
      mailer: createDevMailboxMailer({ mailbox, logger }),
      sms: createDevMailboxSms({ mailbox, logger }),
    });
    await withTransaction(database, async (tx) => {
      await enqueueEmail(tx, {
        to: "dev@folio.example",
        template: "verify-email",
        data: { name: "Dev", url: "http://localhost:3000/verify?token=t1" },
      });
      await enqueueSms(tx, {
        to: "+15555550123",
        template: "mfa-code",
        data: { code: "123456", expiresInMinutes: 5 },
      });
    });
    expect(await run.drain()).toBe(2);

    const email = await mailbox.latest("dev@folio.example", "email");
    expect(email).toMatchObject({ subject: "Confirm your email address for Folio", channel: "email" });
    expect(email!.bodyHtml).toContain('href="http://localhost:3000/verify?token=t1"');
    expect((await mailbox.latest("+15555550123", "sms"))?.bodyText).toMatch(
      /^123456 is your Folio sign-in code/,
    );
    expect(logger.records).toEqual([
      {
        level: "info",
        msg: "dev outbox: email delivered",
        obj: {
          to: "dev@folio.example",
          subject: "Confirm your email address for Folio",
          link: "http://localhost:3000/verify?token=t1",
        },
      },
      { level: "info", msg: "dev outbox: SMS delivered", obj: { to: "+15555550123", code: "123456" } },
    ]);
  });

  describe("running in the background", () => {
    let stop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    it("delivers on wake() without waiting for the poll interval", async () => {
      const run = dispatcher({ pollIntervalMs: 60_000 });
      stop = () => run.stop();
      run.start();
      // Let the first poll find nothing: the loop then sleeps for a minute.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await run.drain()).toBe(0);
      await enqueueEmail(repo, {
        to: "wake@folio.example",
        template: "password-changed",
        data: { name: "W", resetUrl: "https://folio.example/reset" },
      });
      run.wake();
      const deadline = Date.now() + 5_000;
      while ((await repo.pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await repo.pending()).toBe(0);
      expect(sink.messages().map((m) => m.subject)).toEqual(["Your Folio password was changed"]);
    });

    it("stop() waits for the message in flight and records it", async () => {
      // A provider that answers only when the test says so (a stand-in for a slow SMTP server).
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const sending = new Promise<void>((resolve) => (started = resolve));
      const slow: Mailer = {
        name: "slow",
        async send() {
          started();
          await released;
        },
      };
      const run = dispatcher({ mailer: slow, pollIntervalMs: 10 });
      stop = () => run.stop();
      await enqueueEmail(repo, {
        to: "slow@folio.example",
        template: "verify-email",
        data: { name: "S", url: "https://folio.example/v" },
      });
      run.start();
      await sending;
      let stopped = false;
      const stopping = run.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(await repo.pending()).toBe(0);
    });
  });
});

describe("outbox dispatchers on PostgreSQL", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  beforeAll(async () => {
    database = await createTestDatabase({ kind: "postgres" });
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await database?.close();
  });

  it("deliver each message exactly once when two run at the same time", async () => {
    const repo = new OutboxRepository(database);
    for (let n = 0; n < 30; n += 1) {
      await enqueueEmail(repo, {
        to: `reader${n}@folio.example`,
        template: "verify-email",
        data: { name: `R${n}`, url: "https://folio.example/v" },
      });
    }
    const sms: SmsProvider = createDevMailboxSms({ mailbox: new DevMailboxRepository(database) });
    const make = () =>
      createOutboxDispatcher({
        database,
        mailer: createSmtpMailer({ url: sink.smtpUrl, from: FROM }),
        sms,
        site,
        batchSize: 4,
      });
    const [a, b] = await Promise.all([make().drain(), make().drain()]);
    expect(a + b).toBe(30);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const recipients = sink.messages().flatMap((m) => m.to);
    expect(recipients).toHaveLength(30);
    expect(new Set(recipients).size).toBe(30);
  });
});
