import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/index.js";
import { StatementBuilder, StaticStatement } from "./static-statement.js";

describe("StaticStatement", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ kind: "pglite", seed: false });
  });
  afterAll(async () => {
    await database.close();
  });

  const echo = new StatementBuilder<{ label: string; n: number }>()
    .text("select ")
    .param((a) => a.label)
    .text("::text as label, ")
    .param((a) => a.n)
    .text("::int + 1 as next")
    .build();

  it("keeps values out of the SQL text, numbering the parameters in order", () => {
    expect(echo.text).toBe("select $1::text as label, $2::int + 1 as next");
  });

  it("binds every call's values as parameters, whatever they contain", async () => {
    const hostile = "x'; drop table posts; --";
    expect(await echo.rows(database.db, { label: hostile, n: 41 })).toEqual([{ label: hostile, next: 42 }]);
    expect(await echo.rows(database.db, { label: "second", n: 1 })).toEqual([{ label: "second", next: 2 }]);
  });

  it("rejects text parts that do not surround the parameters", () => {
    expect(() => new StaticStatement<unknown>(["select 1"], [() => 1])).toThrow(/needs 2 text parts/);
  });
});
