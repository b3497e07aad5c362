import type { Config } from "@folio/config";
import { DevMailboxRepository, OutboxRepository } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { createDevOutboxService, createServices, enqueueEmail, enqueueSms } from "@folio/domain";
import type { DevMessageList } from "@folio/types";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { createMessaging, type Messaging } from "../messaging.js";
import { startServer } from "../server.js";
import { testConfig } from "../testing/build-test-app.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const PRODUCTION_ENV = {
  FOLIO_ENV: "production",
  CURSOR_SECRET: "c".repeat(48),
  AUTH_SECRET: "a".repeat(48),
  SMTP_URL: "smtp://127.0.0.1:2525",
};

async function appFor(config: Config, database: TestDatabase): Promise<FastifyInstance> {
  const app = await buildApp({
    config,
    database,
    services: createServices({ database, cursorSecret: config.secrets.cursorSecret.reveal() }),
    logger: false,
    devOutbox: createDevOutboxService({ mailbox: new DevMailboxRepository(database) }),
  });
  await app.ready();
  return app;
}

describe("dev outbox route", () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let messaging: Messaging;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig();
    app = await appFor(config, database);
    // The wiring startServer uses: without SMTP_URL / SMS_HTTP_URL, both go to the dev mailbox.
    messaging = createMessaging(config, database, quiet);
  });
  afterAll(async () => {
    await messaging?.close();
    await app?.close();
    await database?.close();
  });

  it("lists what the dispatcher delivered to the dev mailbox, newest first", async () => {
    expect(messaging.mailer.name).toBe("dev-mailbox");
    expect(messaging.sms.name).toBe("dev-mailbox");
    await database.transaction(async (tx) => {
      const outbox = new OutboxRepository(tx);
      await enqueueEmail(outbox, {
        to: "Ada@folio.example",
        template: "verify-email",
        data: { name: "Ada", url: "http://localhost:3000/verify?token=abc" },
      });
      await enqueueSms(outbox, {
        to: "+447700900123",
        template: "mfa-code",
        data: { code: "246810", expiresInMinutes: 10 },
      });
    });
    expect(await messaging.dispatcher.drain()).toBe(2);

    const res = await app.inject({ url: "/api/v1/dev/outbox" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const { data } = res.json<DevMessageList>();
    expect(data.map((m) => [m.channel, m.recipient])).toEqual([
      ["sms", "+447700900123"],
      ["email", "Ada@folio.example"],
    ]);
    const [sms, email] = data;
    expect(sms).toMatchObject({ subject: null, html: null });
    expect(sms!.text).toMatch(/^246810 is your Folio sign-in code/);
    expect(email!.subject).toBe("Confirm your email address for Folio");
    expect(email!.text).toContain("http://localhost:3000/verify?token=abc");
    expect(email!.html).toContain('href="http://localhost:3000/verify?token=abc"');
    expect(Date.parse(email!.created_at)).not.toBeNaN();
  });

  it("filters by recipient, case-insensitively, and limits", async () => {
    const one = await app.inject({ url: "/api/v1/dev/outbox?recipient=ada%40FOLIO.example" });
    expect(one.json<DevMessageList>().data.map((m) => m.channel)).toEqual(["email"]);
    const limited = await app.inject({ url: "/api/v1/dev/outbox?limit=1" });
    expect(limited.json<DevMessageList>().data).toHaveLength(1);
    const nobody = await app.inject({ url: "/api/v1/dev/outbox?recipient=nobody%40folio.example" });
    expect(nobody.json<DevMessageList>().data).toEqual([]);
  });

  it("refuses unknown and invalid query parameters with problem details", async () => {
    const unknown = await app.inject({ url: "/api/v1/dev/outbox?to=ada%40folio.example" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    expect(unknown.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer).toBe("/query/to");
    const badLimit = await app.inject({ url: "/api/v1/dev/outbox?limit=0" });
    expect(badLimit.statusCode).toBe(400);
  });

  it("is documented under the dev tag", async () => {
    const document = (await app.inject({ url: "/openapi.json" })).json<{
      paths: Record<string, { get?: { tags?: string[] } }>;
    }>();
    expect(document.paths["/api/v1/dev/outbox"]?.get?.tags).toEqual(["dev"]);
  });

  it("does not exist in production, even when the service is passed", async () => {
    const config = testConfig(PRODUCTION_ENV);
    expect(config.messaging.devOutbox).toBe(false);
    const production = await appFor(config, database);
    try {
      const res = await production.inject({ url: "/api/v1/dev/outbox" });
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    } finally {
      await production.close();
    }
  });

  it("uses SMTP in production and never falls back to the dev mailbox for SMS", async () => {
    const production = createMessaging(testConfig(PRODUCTION_ENV), database, quiet);
    try {
      expect(production.mailer.name).toBe("smtp");
      expect(production.sms.name).toBe("unconfigured");
      await expect(production.sms.send({ to: "+447700900123", body: "x" })).rejects.toThrow(
        "SMS is not configured",
      );
      const withGateway = createMessaging(
        testConfig({ ...PRODUCTION_ENV, SMS_HTTP_URL: "https://sms.example/send" }),
        database,
        quiet,
      );
      expect(withGateway.sms.name).toBe("http");
      await withGateway.close();
    } finally {
      await production.close();
    }
  });
});

describe("the API server's dispatcher", () => {
  it("delivers what is enqueued after start, and stops before the database closes", async () => {
    // PostgreSQL, so this test can write to the server's database from its own connection.
    const database = await createTestDatabase({ kind: "postgres" });
    try {
      const config = testConfig({ DATABASE_URL: database.url!, API_PORT: "0", HOST: "127.0.0.1" });
      const server = await startServer(config, { logger: false });
      try {
        await enqueueEmail(new OutboxRepository(database), {
          to: "server@folio.example",
          template: "new-sign-in",
          data: {
            name: "S",
            when: "now",
            device: "curl",
            ip: "127.0.0.1",
            securityUrl: "http://localhost:3000/account/security",
          },
        });
        server.messaging.dispatcher.wake();
        let messages: DevMessageList["data"] = [];
        for (let i = 0; i < 100 && messages.length === 0; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const res = await fetch(`${server.url}/api/v1/dev/outbox?recipient=server%40folio.example`);
          messages = ((await res.json()) as DevMessageList).data;
        }
        expect(messages.map((m) => m.subject)).toEqual(["New sign-in to your Folio account"]);
      } finally {
        await server.close();
      }
      expect(await new OutboxRepository(database).pending()).toBe(0);
    } finally {
      await database.close();
    }
  });
});
