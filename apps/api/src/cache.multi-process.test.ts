// Two real API processes on one PostgreSQL database and one Redis: both cache a post in memory
// (L1). An editor updates the post through process A (PATCH /api/v1/admin/posts/{id}); A's
// invalidation reaches process B's L1 over the Redis bus, so the next read through B is fresh
// within a second. A change made behind the API's back (SQL) is served from the cache until
// something announces it — here `services.events` from a third process on the same Redis.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Cache } from "@folio/cache";
import { createDatabase, posts, seedDemoContent, migrateUp } from "@folio/database";
import { createScratchPostgresDatabase } from "@folio/database/testing";
import { createDomainEvents } from "@folio/domain";
import type { Post, StaffPost } from "@folio/types";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cacheKeyPrefixFor, createApiCache } from "./cache.js";
import { signInNewEditor, spawnApi, type SpawnedApi } from "./testing/spawn-api.js";

const NEW_TITLE = "Edited on another node";
const EDITED_TITLE = "Edited through the API on node A";
const EDITOR = {
  email: "editor@cache.folio.test",
  password: "amber harbour thistle 58 quartz",
  displayName: "Cache Editor",
  slug: "cache-editor",
};

describe("cache invalidation across API processes (PostgreSQL + Redis)", () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let dataDir: string;
  let cache: Cache;
  const apis: SpawnedApi[] = [];

  beforeAll(async () => {
    scratch = await createScratchPostgresDatabase();
    database = await createDatabase({ url: scratch.url, applicationName: "folio-cache-test" });
    await migrateUp(database);
    await seedDemoContent(database);
    dataDir = mkdtempSync(path.join(tmpdir(), "folio-api-cache-"));
    // The scratch database's name is unique to this run, and so is the prefix derived from it.
    cache = createApiCache({ redisUrl: inject("redisUrl"), keyPrefix: await cacheKeyPrefixFor(database) });
  }, 60_000);
  afterAll(async () => {
    for (const api of apis) api.killAll();
    await cache?.close().catch(() => undefined);
    await database?.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "serves the next read through process B fresh within 1 s of an invalidation or a write through A",
    { timeout: 120_000 },
    async () => {
      const env = { DATABASE_URL: scratch.url, REDIS_URL: inject("redisUrl"), DATA_DIR: dataDir };
      apis.push(...(await Promise.all([spawnApi(env), spawnApi(env)])));
      const [a, b] = apis as [SpawnedApi, SpawnedApi];
      const [row] = await database.db
        .select({ id: posts.id, slug: posts.slug, title: posts.title })
        .from(posts)
        .where(eq(posts.status, "published"))
        .orderBy(sql`${posts.publishedAt} desc`)
        .limit(1);
      const post = row!;
      const read = async (api: SpawnedApi) => {
        const res = await fetch(`${api.url}/api/v1/posts/${post.slug}`);
        expect(res.status).toBe(200);
        return (await res.json()) as Post;
      };

      /** Reads through B until it shows `expected`, for at most 1 s after `since`; the last title read. */
      const titleThroughB = async (expected: string, since: number) => {
        let title = "";
        while (performance.now() - since < 1_000) {
          title = (await read(b)).title;
          if (title === expected) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return title;
      };

      // Warm both processes' L1 (and Redis).
      expect((await read(a)).title).toBe(post.title);
      expect((await read(b)).title).toBe(post.title);
      expect((await read(b)).title).toBe(post.title);

      await database.db.update(posts).set({ title: NEW_TITLE }).where(eq(posts.id, post.id));
      // Cached: neither process sees the change before the write announces it.
      expect((await read(a)).title).toBe(post.title);
      expect((await read(b)).title).toBe(post.title);

      const invalidatedAt = performance.now();
      const tags = await createDomainEvents({ cache }).emit("post.updated", { id: post.id, slug: post.slug });
      expect(tags).toContain("posts");
      expect(await titleThroughB(NEW_TITLE, invalidatedAt)).toBe(NEW_TITLE);
      expect(performance.now() - invalidatedAt).toBeLessThan(1_000);
      expect((await read(a)).title).toBe(NEW_TITLE);

      // A write through the API: process A commits, then invalidates; B's next read is fresh.
      const token = await signInNewEditor(database, a, EDITOR);
      const auth = { authorization: `Bearer ${token}` };
      const staff = (await (
        await fetch(`${a.url}/api/v1/admin/posts/${post.id}`, { headers: auth })
      ).json()) as StaffPost;
      expect((await read(b)).title).toBe(NEW_TITLE);
      const patch = await fetch(`${a.url}/api/v1/admin/posts/${post.id}`, {
        method: "PATCH",
        headers: { ...auth, "content-type": "application/json", "if-match": `"${staff.version}"` },
        body: JSON.stringify({ title: EDITED_TITLE }),
      });
      expect(patch.status).toBe(200);
      const editedAt = performance.now();
      expect(await titleThroughB(EDITED_TITLE, editedAt)).toBe(EDITED_TITLE);
      expect(performance.now() - editedAt).toBeLessThan(1_000);

      // Both processes expose the cache on /metrics, with Redis up.
      const metrics = await (await fetch(`${b.url}/metrics`)).text();
      expect(metrics).toMatch(/folio_cache_tier_up\{tier="redis"\} 1/);
      expect(metrics).toMatch(/folio_cache_hits_total\{[^}]*namespace="folio\.posts"[^}]*\} [1-9]/);
    },
  );
});
