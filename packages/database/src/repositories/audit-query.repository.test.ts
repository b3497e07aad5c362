import { uuidv7 } from "@folio/core";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, type AuditLogRow } from "../schema/index.js";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../testing/index.js";
import type { AuditFilters, AuditKey } from "./audit-query.repository.js";
import { createRepositories, type Repositories } from "./index.js";

async function walk(repos: Repositories, filters: AuditFilters, limit: number): Promise<AuditLogRow[]> {
  const seen: AuditLogRow[] = [];
  let after: AuditKey | undefined;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = await repos.auditQuery.query(filters, { limit, after });
    seen.push(...page.items);
    if (!page.hasMore) return seen;
    after = page.items.at(-1)?.sortKey;
  }
  throw new Error("pagination did not terminate");
}

describe.each(databaseKinds)("AuditQueryRepository on %s", (kind) => {
  let database: TestDatabase;
  let repos: Repositories;
  const actor = uuidv7();
  const base = Date.parse("2025-05-01T00:00:00.000Z");

  beforeAll(async () => {
    database = await createTestDatabase({ kind });
    repos = createRepositories(database);
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: uuidv7(),
      occurredAt: new Date(base + Math.floor(i / 3) * 60_000),
      event: i % 2 === 0 ? "auth.login" : "user.role_changed",
      outcome: i % 5 === 0 ? ("failure" as const) : ("success" as const),
      actorId: i < 10 ? actor : null,
      targetId: `t-${i % 4}`,
      details: { i },
    }));
    await database.db.insert(auditLog).values(rows);
    // Microsecond precision and ties: the cursor must carry the stored value, not milliseconds.
    await database.db.execute(
      sql`insert into audit_log (id, occurred_at, event, details) values
        (${uuidv7()}, '2025-06-01 00:00:00.123456+00', 'tie.event', '{}'),
        (${uuidv7()}, '2025-06-01 00:00:00.123456+00', 'tie.event', '{}'),
        (${uuidv7()}, '2025-06-01 00:00:00.123457+00', 'tie.event', '{}')`,
    );
  });
  afterAll(async () => {
    await database.close();
  });

  it("pages newest first through ties without gaps or repeats", async () => {
    for (const limit of [1, 2, 4, 100]) {
      const all = await walk(repos, {}, limit);
      expect(all).toHaveLength(28);
      expect(new Set(all.map((e) => e.id)).size).toBe(28);
      const times = all.map((e) => e.occurredAt.getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    }
  });

  it("applies every filter", async () => {
    const check = async (filters: AuditFilters, predicate: (i: number) => boolean) => {
      const rows = await walk(repos, filters, 7);
      const expected = Array.from({ length: 25 }, (_, i) => i).filter(predicate);
      expect(rows.map((r) => (r.details as { i: number }).i).sort((a, b) => a - b)).toEqual(expected);
    };
    await check({ event: "auth.login" }, (i) => i % 2 === 0);
    await check({ outcome: "failure" }, (i) => i % 5 === 0);
    await check({ actorId: actor }, (i) => i < 10);
    await check({ targetId: "t-1" }, (i) => i % 4 === 1);
    await check(
      { from: new Date(base + 2 * 60_000), to: new Date(base + 4 * 60_000) },
      (i) => Math.floor(i / 3) >= 2 && Math.floor(i / 3) < 4,
    );
    await check(
      { event: "auth.login", actorId: actor, outcome: "success" },
      (i) => i % 2 === 0 && i < 10 && i % 5 !== 0,
    );
  });

  it("scans in batches up to a cap", async () => {
    const all: AuditLogRow[] = [];
    for await (const row of repos.auditQuery.scan({}, { batchSize: 4, max: 1000 })) all.push(row);
    expect(all).toHaveLength(28);
    expect(all.every((row) => !("sortKey" in row))).toBe(true);
    const capped: AuditLogRow[] = [];
    for await (const row of repos.auditQuery.scan({}, { batchSize: 4, max: 10 })) capped.push(row);
    expect(capped.map((r) => r.id)).toEqual(all.slice(0, 10).map((r) => r.id));
  });
});
