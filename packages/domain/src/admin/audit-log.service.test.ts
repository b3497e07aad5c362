import { uuidv7 } from "@folio/core";
import { auditLog } from "@folio/database";
import { createTestDatabase, type TestDatabase } from "@folio/database/testing";
import { AuditCsvQuerySchema, AuditListSchema, AuditQuerySchema } from "@folio/types";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminTestDeps } from "../test-support/admin-fixtures.js";
import { AUDIT_CSV_COLUMNS, auditCsvRow, csvField } from "./audit-csv.js";
import { AUDIT_CSV_MAX_ROWS, createAuditLogService, type AuditLogService } from "./audit-log.service.js";

async function collect(lines: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const line of lines) text += line;
  return text;
}

describe("CSV fields", () => {
  it("quotes per RFC 4180 and neutralises formulas", () => {
    expect(csvField(null)).toBe("");
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    for (const start of ["+", "-", "@", "\t", "\r"])
      expect(csvField(`${start}1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvField(" padded")).toBe('" padded"');
  });

  it("writes one line per entry in the column order", () => {
    const line = auditCsvRow({
      id: "1",
      occurred_at: "2025-01-01T00:00:00.000Z",
      event: "auth.login",
      outcome: "failure",
      actor_id: null,
      target_type: "user",
      target_id: "t",
      ip: "::1",
      user_agent: "=cmd|' /C calc'!A0",
      request_id: "r",
      details: { reason: "a,b" },
    });
    expect(line).toBe(
      `1,2025-01-01T00:00:00.000Z,auth.login,failure,,user,t,::1,'=cmd|' /C calc'!A0,r,"{""reason"":""a,b""}"\r\n`,
    );
    expect(AUDIT_CSV_COLUMNS).toHaveLength(11);
  });
});

describe("audit log service", () => {
  let database: TestDatabase;
  let service: AuditLogService;
  const actor = uuidv7();

  beforeAll(async () => {
    database = await createTestDatabase();
    service = createAuditLogService(adminTestDeps(database, new Date("2025-07-04T12:00:00.000Z")));
    await database.db.insert(auditLog).values(
      Array.from({ length: 9 }, (_, i) => ({
        id: uuidv7(),
        occurredAt: new Date(Date.UTC(2025, 0, 1 + i)),
        event: i < 3 ? "auth.login" : "user.role_changed",
        outcome: i === 0 ? ("failure" as const) : ("success" as const),
        actorId: i % 2 === 0 ? actor : null,
        userAgent: i === 4 ? "@SUM(1+1)" : "agent",
        details: { i },
      })),
    );
  });
  afterAll(async () => {
    await database.close();
  });

  it("filters and pages newest first with signed cursors", async () => {
    const first = await service.list(AuditQuerySchema.parse({ limit: "4", event: "user.role_changed" }));
    expect(AuditListSchema.parse(first)).toEqual(first);
    expect(first.data.map((e) => e.details.i)).toEqual([8, 7, 6, 5]);
    const second = await service.list(
      AuditQuerySchema.parse({ limit: "4", event: "user.role_changed", cursor: first.next_cursor ?? "" }),
    );
    expect(second.data.map((e) => e.details.i)).toEqual([4, 3]);
    expect(second.next_cursor).toBeNull();
    const ranged = await service.list(
      AuditQuerySchema.parse({ from: "2025-01-02T00:00:00Z", to: "2025-01-04T00:00:00Z", actor_id: actor }),
    );
    expect(ranged.data.map((e) => e.details.i)).toEqual([2]);
    await expect(
      service.list(AuditQuerySchema.parse({ from: "2025-02-01T00:00:00Z", to: "2025-01-01T00:00:00Z" })),
    ).rejects.toMatchObject({ status: 400 });
  });

  it("exports CSV with a header row, newest first, formula-safe", async () => {
    const csv = await service.exportCsv(AuditCsvQuerySchema.parse({ outcome: "success" }));
    expect(csv.filename).toBe("folio-audit-2025-07-04.csv");
    expect(csv.truncated).toBe(false);
    const text = await collect(csv.lines);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(","));
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(1 + 8 + 1);
    expect(text).toContain(",'@SUM(1+1),");
    expect(text).not.toMatch(/,@SUM/);
  });

  it(`caps an export at ${AUDIT_CSV_MAX_ROWS} rows and says so`, async () => {
    await database.db.execute(
      sql`insert into audit_log (id, occurred_at, event, details)
          select gen_random_uuid(), timestamptz '2024-01-01' + g * interval '1 second', 'bulk.event', '{}'::jsonb
          from generate_series(1, ${AUDIT_CSV_MAX_ROWS + 5}) g`,
    );
    const csv = await service.exportCsv(AuditCsvQuerySchema.parse({ event: "bulk.event" }));
    expect(csv.truncated).toBe(true);
    let rows = -1;
    for await (const _line of csv.lines) rows += 1;
    expect(rows).toBe(AUDIT_CSV_MAX_ROWS);
  }, 120_000);
});
