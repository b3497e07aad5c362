import { AuditListSchema, type AuditEntry } from "@folio/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, signIn, type SignedInUser, type TestUser } from "../testing/accounts.js";
import { buildTestApp, type TestApp } from "../testing/build-test-app.js";

describe("audit routes", () => {
  let t: TestApp;
  let owner: SignedInUser;
  let victim: TestUser;

  beforeAll(async () => {
    t = await buildTestApp({ seed: false });
    owner = await signIn(t, await createUser(t, { role: "owner" }));
    victim = await createUser(t, { role: "author" });
    // A failed sign-in with a hostile user agent: the audit log keeps it, the CSV must defuse it.
    for (const agent of ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0"]) {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "user-agent": agent },
        payload: { email: victim.email, password: "wrong-password-123456" },
      });
    }
    await signIn(t, victim);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers filtered pages, newest first, with a working cursor", async () => {
    const failures = await t.app.inject({
      url: "/api/v1/admin/audit?event=auth.login&outcome=failure",
      headers: owner.headers,
    });
    expect(failures.statusCode).toBe(200);
    expect(failures.headers["cache-control"]).toBe("no-store");
    const page = AuditListSchema.parse(failures.json());
    expect(page.data).toHaveLength(2);
    expect(page.data.every((e) => e.event === "auth.login" && e.outcome === "failure")).toBe(true);
    expect(page.data[0]?.user_agent).toBe("+cmd|' /C calc'!A0");

    const all: AuditEntry[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/admin/audit?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const next = AuditListSchema.parse((await t.app.inject({ url, headers: owner.headers })).json());
      all.push(...next.data);
      cursor = next.next_cursor;
    } while (cursor !== null);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const times = all.map((e) => Date.parse(e.occurred_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const byActor = AuditListSchema.parse(
      (
        await t.app.inject({
          url: `/api/v1/admin/audit?actor_id=${victim.id}&event=auth.login`,
          headers: owner.headers,
        })
      ).json(),
    );
    expect(byActor.data.map((e) => e.outcome)).toEqual(["success"]);

    const future = AuditListSchema.parse(
      (
        await t.app.inject({ url: "/api/v1/admin/audit?from=2999-01-01T00:00:00Z", headers: owner.headers })
      ).json(),
    );
    expect(future.data).toEqual([]);
    for (const query of ["from=yesterday", "actor_id=42", "cursor=abc", "outcome=maybe", "sort=asc"]) {
      expect(
        (await t.app.inject({ url: `/api/v1/admin/audit?${query}`, headers: owner.headers })).statusCode,
      ).toBe(400);
    }
  });

  it("exports formula-safe CSV as an attachment", async () => {
    const response = await t.app.inject({
      url: "/api/v1/admin/audit.csv?event=auth.login",
      headers: owner.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="folio-audit-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers["x-folio-export-truncated"]).toBe("false");
    const lines = response.body.split("\r\n");
    expect(lines[0]).toBe(
      "id,occurred_at,event,outcome,actor_id,target_type,target_id,ip,user_agent,request_id,details",
    );
    expect(lines.at(-1)).toBe("");
    expect(lines.filter((l) => l.length > 0)).toHaveLength(1 + 4); // header + 2 failures + 2 sign-ins
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(response.body).toContain(`'+cmd|' /C calc'!A0`);
    for (const line of lines.slice(1)) {
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^"?[=+\-@]/);
    }
  });

  it("is closed to anyone without audit:read", async () => {
    const editor = await signIn(t, await createUser(t, { role: "editor" }));
    expect((await t.app.inject({ url: "/api/v1/admin/audit", headers: editor.headers })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: "/api/v1/admin/audit.csv", headers: editor.headers })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: "/api/v1/admin/audit.csv" })).statusCode).toBe(401);
  });
});
