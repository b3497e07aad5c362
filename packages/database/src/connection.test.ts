import { createServer, connect, type Server, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase } from "./connection.js";
import type { Database } from "./db-types.js";
import { createFeatureFlagStore } from "./repositories/feature-flags.repository.js";
import { createFeatureFlags } from "@folio/config";
import { tags } from "./schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "./testing/index.js";

const UNREACHABLE = "postgres://postgres@127.0.0.1:1/unreachable";

async function tagSlugs(db: ReturnType<Database["read"]>): Promise<string[]> {
  return (await db.select({ slug: tags.slug }).from(tags).orderBy(tags.slug)).map((r) => r.slug);
}

describe("read replicas (PostgreSQL)", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function primaryAndReplica(): Promise<{ primary: TestDatabase; replica: TestDatabase }> {
    const primary = await createTestDatabase({ kind: "postgres" });
    cleanup.push(() => primary.close());
    const replica = await createTestDatabase({ kind: "postgres" });
    cleanup.push(() => replica.close());
    // Distinguishable contents show which server answered.
    await primary.db
      .insert(tags)
      .values({ id: "01900000-0000-7000-8000-000000000001", slug: "on-primary", name: "P" });
    await replica.db
      .insert(tags)
      .values({ id: "01900000-0000-7000-8000-000000000002", slug: "on-replica", name: "R" });
    return { primary, replica };
  }

  it("sends reads to the replica and writes to the primary", async () => {
    const { primary, replica } = await primaryAndReplica();
    const database = await createDatabase({ url: primary.url, replicaUrls: [replica.url!], poolMax: 2 });
    cleanup.push(() => database.close());
    expect(await tagSlugs(database.read())).toEqual(["on-replica"]);
    expect(await tagSlugs(database.db)).toEqual(["on-primary"]);
    expect(database.replicas()).toEqual([
      { url: expect.stringContaining("127.0.0.1") as string, healthy: true },
    ]);
  });

  it("round-robins over replicas and falls back to the primary when one is unreachable", async () => {
    const { primary, replica } = await primaryAndReplica();
    const database = await createDatabase({
      url: primary.url,
      replicaUrls: [UNREACHABLE, replica.url!],
      poolMax: 2,
      connectionTimeoutMs: 2_000,
    });
    cleanup.push(() => database.close());
    // The first pick is the unreachable replica: the query still succeeds, on the primary.
    expect(await tagSlugs(database.read())).toEqual(["on-primary"]);
    expect(database.replicas().map((r) => r.healthy)).toEqual([false, true]);
    // From now on the healthy replica serves every read until the back-off allows a re-probe.
    for (let i = 0; i < 4; i += 1) expect(await tagSlugs(database.read())).toEqual(["on-replica"]);
  });

  it("takes a recovered replica back after the back-off re-probe", async () => {
    const { primary, replica } = await primaryAndReplica();
    const target = new URL(replica.url!);
    // A TCP proxy in front of the replica lets the test take it down and bring it back.
    const sockets = new Set<Socket>();
    const listen = (port: number): Promise<Server> =>
      new Promise((resolve) => {
        const server = createServer((client) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          sockets.add(client).add(upstream);
          client.pipe(upstream).pipe(client);
          const drop = (): void => {
            client.destroy();
            upstream.destroy();
          };
          client.on("error", drop).on("close", drop);
          upstream.on("error", drop).on("close", drop);
        });
        server.listen(port, "127.0.0.1", () => resolve(server));
      });
    const stop = (server: Server): Promise<void> => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    };
    let proxy = await listen(0);
    const port = (proxy.address() as { port: number }).port;
    const proxied = new URL(replica.url!);
    proxied.port = String(port);
    const database = await createDatabase({
      url: primary.url,
      replicaUrls: [proxied.toString()],
      poolMax: 2,
    });
    cleanup.push(async () => {
      await database.close();
      await stop(proxy);
    });
    expect(await tagSlugs(database.read())).toEqual(["on-replica"]);

    await stop(proxy);
    expect(await tagSlugs(database.read())).toEqual(["on-primary"]);
    expect(database.replicas()[0]?.healthy).toBe(false);

    proxy = await listen(port);
    // Within the back-off the primary keeps serving; afterwards a probe restores the replica.
    expect(await tagSlugs(database.read())).toEqual(["on-primary"]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect.poll(async () => tagSlugs(database.read()), { timeout: 5_000 }).toEqual(["on-replica"]);
    expect(database.replicas()[0]?.healthy).toBe(true);
  });

  it("uses the primary when every replica is down", async () => {
    const { primary } = await primaryAndReplica();
    const database = await createDatabase({ url: primary.url, replicaUrls: [UNREACHABLE], poolMax: 2 });
    cleanup.push(() => database.close());
    for (let i = 0; i < 3; i += 1) expect(await tagSlugs(database.read())).toEqual(["on-primary"]);
    expect(database.replicas()[0]?.healthy).toBe(false);
    await database.ping();
  });

  it("fails ping with a connection error when the primary is unreachable", async () => {
    const database = await createDatabase({ url: UNREACHABLE, connectionTimeoutMs: 1_000 });
    cleanup.push(() => database.close());
    await expect(database.ping()).rejects.toThrow();
  });
});

describe("embedded PGlite", () => {
  it("persists to a data folder it creates, and closes", async () => {
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const root = await mkdtemp(path.join(tmpdir(), "folio-db-"));
    const dataDir = path.join(root, "nested", "data");
    try {
      const first = await createDatabase({ dataDir });
      expect(first.kind).toBe("pglite");
      await first.db.execute("create table kept (v int)");
      await first.db.execute("insert into kept values (42)");
      await first.close();
      const second = await createDatabase({ dataDir });
      const rows = await second.withConnection((c) => c.query<{ v: number }>("select v from kept"));
      expect(rows).toEqual([{ v: 42 }]);
      await second.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe.each(databaseKinds)("feature flag store on %s", (kind) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it("saves, overwrites, loads and removes overrides", async () => {
    database = await createTestDatabase({ kind });
    const store = createFeatureFlagStore(database);
    expect(await store.load()).toEqual({});
    await store.save("comments", true);
    await store.save("beta-editor", false);
    await store.save("comments", false);
    expect(await store.load()).toEqual({ comments: false, "beta-editor": false });
    await store.remove("comments");
    await store.remove("never-set");
    expect(await store.load()).toEqual({ "beta-editor": false });
  });

  it("lets one process change a flag that another sees without a restart", async () => {
    database = await createTestDatabase({ kind });
    const store = createFeatureFlagStore(database);
    const editor = createFeatureFlags({ defaults: { comments: false }, store });
    const reader = createFeatureFlags({ defaults: { comments: false }, store });
    try {
      await Promise.all([editor.refresh(), reader.refresh()]);
      expect(reader.isEnabled("comments")).toBe(false);
      const changes: string[][] = [];
      reader.subscribe((event) => changes.push(event.changed));
      await editor.set("comments", true);
      await reader.refresh();
      expect(reader.isEnabled("comments")).toBe(true);
      expect(reader.list()).toContainEqual({ name: "comments", enabled: true, source: "override" });
      expect(changes).toEqual([["comments"]]);
      await editor.clear("comments");
      await reader.refresh();
      expect(reader.isEnabled("comments")).toBe(false);
    } finally {
      editor.close();
      reader.close();
    }
  });
});

describe("transactions", () => {
  it.each(databaseKinds)("commit together or not at all on %s", async (kind) => {
    const database = await createTestDatabase({ kind });
    try {
      await expect(
        database.transaction(async (tx) => {
          await tx.insert(tags).values({ id: "01900000-0000-7000-8000-0000000000aa", slug: "a", name: "A" });
          await tx
            .insert(tags)
            .values({ id: "01900000-0000-7000-8000-0000000000bb", slug: "a", name: "dup" });
        }),
      ).rejects.toThrow();
      expect(await database.db.select().from(tags).where(eq(tags.slug, "a"))).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
